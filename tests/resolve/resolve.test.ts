import { describe, expect, it } from 'vitest';
import { resolvePapers } from '../../src/resolve/index.js';
import type { PaperRecord } from '../../src/types.js';
import { newRecord } from '../../src/ingest/biblio.js';

function record(line: number, fields: Partial<Omit<PaperRecord, 'source'>>): PaperRecord {
  return newRecord({ path: 'fixture.txt', line, format: 'test' }, fields);
}

describe('resolvePapers', () => {
  it('merges records that share an arXiv id and keeps both sources and the merging key', () => {
    const { papers, merged, recordPaper } = resolvePapers([
      record(1, { ids: { arxiv: '2310.14189' }, abstract: 'Consistency models are a family…' }),
      record(9, { ids: { arxiv: '2310.14189', doi: '10.1/x' }, title: 'Improved Techniques for Training Consistency Models' }),
    ]);
    expect(papers).toHaveLength(1);
    expect(merged).toBe(1);
    expect(papers[0].id).toBe('paper:arxiv:2310.14189');
    expect(papers[0].title).toBe('Improved Techniques for Training Consistency Models');
    expect(papers[0].doi).toBe('10.1/x');
    expect(papers[0].sources.map((s) => s.line)).toEqual([1, 9]);
    expect(papers[0].mergedBy).toEqual(['arxiv:2310.14189']);
    expect(recordPaper).toEqual(['paper:arxiv:2310.14189', 'paper:arxiv:2310.14189']);
  });

  it('merges by normalised title when years agree, not when they are far apart', () => {
    const same = resolvePapers([
      record(1, { title: 'Variational Autoencoders for Collaborative Filtering' }),
      record(5, { title: 'Variational autoencoders for collaborative filtering.', date: '2018-02-15' }),
    ]);
    expect(same.papers).toHaveLength(1);
    expect(same.papers[0].date).toBe('2018-02-15');
    expect(same.papers[0].mergedBy[0]).toMatch(/^title:/);

    const apart = resolvePapers([
      record(1, { title: 'A Survey of Graph Neural Networks', date: '2015' }),
      record(5, { title: 'A Survey of Graph Neural Networks', date: '2023' }),
    ]);
    expect(apart.papers).toHaveLength(2);
  });

  it('never merges two papers whose arXiv ids differ, even with the same title', () => {
    const { papers } = resolvePapers([
      record(1, { ids: { arxiv: '2101.00001' }, title: 'Attention Is All You Need Again' }),
      record(2, { ids: { arxiv: '2202.00002' }, title: 'Attention Is All You Need Again' }),
    ]);
    expect(papers.map((p) => p.id)).toEqual(['paper:arxiv:2101.00001', 'paper:arxiv:2202.00002']);
  });

  it('records conflicting titles instead of overwriting them', () => {
    const { papers } = resolvePapers([
      record(1, { ids: { arxiv: '2401.00001' }, title: 'First Title Of This Paper' }),
      record(2, { ids: { arxiv: '2401.00001' }, title: 'A Different Title Altogether' }),
    ]);
    expect(papers[0].title).toBe('First Title Of This Paper');
    expect(papers[0].conflicts).toContainEqual({ field: 'title', values: ['First Title Of This Paper', 'A Different Title Altogether'] });
  });

  it('prefers a full author list to a truncated one', () => {
    const { papers } = resolvePapers([
      record(1, { ids: { arxiv: '2401.00002' }, authors: ['Ann Lee', 'Bo Chen'], authorsTruncated: true }),
      record(2, { ids: { arxiv: '2401.00002' }, authors: ['Ann Lee', 'Bo Chen', 'Cy Diaz'] }),
    ]);
    expect(papers[0].authors).toEqual(['Ann Lee', 'Bo Chen', 'Cy Diaz']);
    expect(papers[0].authorsTruncated).toBe(false);
  });

  it('resolves references to corpus papers and makes external papers of the rest', () => {
    const { papers, citations } = resolvePapers([
      record(1, { ids: { doi: '10.1/a' }, title: 'Citing Paper With References', references: [
        { ids: { arxiv: '2310.14189' } },
        { ids: {}, title: 'Some Paper Outside The Corpus', year: 2019 },
        { ids: {}, title: 'Some paper outside the corpus', year: 2019 },
      ] }),
      record(2, { ids: { arxiv: '2310.14189v2'.replace(/v2$/, '') }, title: 'Cited Corpus Paper Title' }),
    ]);
    const external = papers.filter((p) => p.external);
    expect(external).toHaveLength(1);
    expect(external[0].title).toBe('Some Paper Outside The Corpus');
    expect(citations.map((c) => [c.citing, c.cited])).toEqual([
      ['paper:doi:10.1/a', 'paper:arxiv:2310.14189'],
      ['paper:doi:10.1/a', external[0].id],
    ]);
  });

  it('turns citedBy lists and stated pairs into cites edges in the right direction', () => {
    const { citations } = resolvePapers(
      [record(1, { ids: { acl: 'P19-1001' }, title: 'A Cited Paper In The Corpus', citedBy: [{ ids: { acl: 'P20-1002' } }] })],
      [{ citing: { acl: 'P21-1003' }, cited: { acl: 'P19-1001' }, source: { path: 'acl.txt', line: 3, format: 'aan-citations' } }],
    );
    expect(citations.map((c) => `${c.citing} -> ${c.cited}`)).toEqual([
      'paper:acl:P20-1002 -> paper:acl:P19-1001',
      'paper:acl:P21-1003 -> paper:acl:P19-1001',
    ]);
  });

  it('does not depend on anything but the records: same records, same papers', () => {
    const records = [
      record(1, { ids: { arxiv: '2401.00003' }, title: 'Stable Output Paper One' }),
      record(2, { title: 'Stable Output Paper Two Without Ids' }),
    ];
    expect(JSON.stringify(resolvePapers(records))).toBe(JSON.stringify(resolvePapers(records)));
  });
});
