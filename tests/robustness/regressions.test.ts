/**
 * Regression tests for the robustness bugs found by this suite (see the report of issue 7):
 * each reproduces the failing input in its smallest useful form.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../src/ingest/index.js';
import { decode } from '../../src/ingest/decode.js';
import { ingestAll, DEFAULT_BUILD_OPTIONS } from '../../src/pipeline.js';
import { FIXTURES_DIR } from './fixtures.js';
import { resolvePapers } from '../../src/resolve/index.js';
import { buildGraph } from '../../src/graph/build.js';
import type { Mention } from '../../src/types.js';

describe('arxiv-listing: a hostile DOI', () => {
  const fixture = readFileSync(join(FIXTURES_DIR, 'arxiv-listing', 'long-doi.txt'), 'utf8');

  it('keeps the record, rejects the DOI with a short reason (tests/fixtures/arxiv-listing/long-doi.txt)', () => {
    const result = FORMATS['arxiv-listing'].parse(fixture, 'long-doi.txt');
    expect(result.records.map((r) => [r.source.line, r.ids])).toEqual([
      [1, { arxiv: '2404.01234' }],
      [6, { arxiv: '2311.00042', doi: '10.1145/3583780.3615482' }],
    ]);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/^DOI ".{1,80}" is not a valid DOI; record kept without it$/) });
  });

  it('stays linear when the run of colons is 1 MB (normaliseDoi used to rescan it from every position)', () => {
    const huge = fixture.replace(/:{100,}/, ':'.repeat(1 << 20));
    // Quadratic in 1 MB would not return within the test timeout; what returns is asserted.
    const result = FORMATS['arxiv-listing'].parse(huge, 'huge-doi.txt');
    expect(result.records.map((r) => r.ids.arxiv)).toEqual(['2404.01234', '2311.00042']);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0]).toMatchObject({ line: 3 });
  });
});

describe('ingestAll: one file with 200,000 records', () => {
  it('collects every record (push(...records) used to overflow the call stack)', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `Abstract:Record ${i}.`).join('\n');
    const { records, reports } = ingestAll([{ path: 'many.txt', text }], DEFAULT_BUILD_OPTIONS);
    expect(records).toHaveLength(200_000);
    expect(reports[0]).toMatchObject({ format: 'abstract-lines', records: 200_000 });
  });
});

describe('decode: UTF-16 without a byte-order mark', () => {
  it('is read as UTF-16 (it used to be refused as binary because of its zero bytes)', () => {
    const text = 'Abstract:Café au lait.\r\nAbstract:Zoë.\r\n';
    expect(decode(new Uint8Array(Buffer.from(text, 'utf16le')))).toEqual({ ok: true, text: text.replace(/\r\n/g, '\n'), encoding: 'utf-16le' });
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(decode(new Uint8Array(be))).toEqual({ ok: true, text: text.replace(/\r\n/g, '\n'), encoding: 'utf-16be' });
  });

  it('still refuses binary data with zeros on both sides', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i % 3 === 0 ? 0 : (i * 37) % 256));
    expect(decode(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/^binary file/) });
    expect(decode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ ok: false });
  });
});

describe('builds_on stays linear when many papers share a method', () => {
  // graph/build.ts once linked every paper that uses a method to every paper that proposes it:
  // n/2 × n/2 edges. 8,200 papers alternating "we propose FooNet" / "uses FooNet" (a 1 MB file)
  // exceeded JavaScript's Set size limit. Methods proposed by more than a few papers now give no
  // builds_on edges, so the count is bounded by the users of each method.
  const paper = (i: number) => resolvePapers([{ source: { path: 'x.txt', line: i + 1, format: 'test' }, ids: { arxiv: `2401.${String(i).padStart(5, '0')}` }, title: null, abstract: 'FooNet', authors: [], authorsTruncated: false, date: '2024-01-01', categories: [], codeUrls: [], orgs: [] }]).papers[0];
  const mention = (p: string, role: 'proposes' | 'uses'): Mention => ({ paper: p, entity: 'method:foonet', type: 'method', role, start: 0, end: 6, text: 'FooNet', rule: 'test', confidence: 1 });

  it('8,200 papers half proposing and half using one method build without a quadratic edge set', () => {
    const papers = Array.from({ length: 8200 }, (_, i) => paper(i));
    const mentions = papers.map((p, i) => mention(p.id, i % 2 ? 'uses' : 'proposes'));
    const graph = buildGraph({ papers, extraction: { entities: [{ id: 'method:foonet', type: 'method', label: 'FooNet', aliases: ['FooNet'], mentions: 8200 }], mentions }, citations: [] });
    expect(graph.filterEdges((_, a) => a.type === 'builds_on')).toHaveLength(0);
    expect(graph.filterEdges((_, a) => a.type === 'uses')).toHaveLength(4100);
  });

  it('a paper that papers of earlier years used the method before is not its origin', () => {
    const dated = (i: number, year: number) => ({ ...paper(i), date: `${year}-01-01`, year });
    const papers = [dated(0, 2014), dated(1, 1998), dated(2, 2003), dated(3, 2009), dated(4, 2016), dated(5, 2018)];
    const mentions = papers.map((p, i) => mention(p.id, i === 0 ? 'proposes' : 'uses'));
    const entities = [{ id: 'method:foonet', type: 'method' as const, label: 'FooNet', aliases: ['FooNet'], mentions: 6 }];
    const graph = buildGraph({ papers, extraction: { entities, mentions }, citations: [] });
    expect(graph.filterEdges((_, a) => a.type === 'builds_on')).toHaveLength(0);
    // With two earlier users (a preprint's date may precede the proceedings'), the 2016 and 2018 papers build on it.
    const fewer = buildGraph({ papers: papers.filter((_, i) => i !== 1), extraction: { entities, mentions: mentions.filter((_, i) => i !== 1) }, citations: [] });
    expect(fewer.filterEdges((_, a) => a.type === 'builds_on').map((e) => fewer.source(e)).sort()).toEqual([papers[4].id, papers[5].id].sort());
  });

  it('a user builds on the proposer only when it writes the name as the proposer does', () => {
    const papers = [paper(0), paper(1), paper(2), paper(3)];
    const as = (p: string, role: 'proposes' | 'uses', text: string): Mention => ({ ...mention(p, role), entity: 'method:sr', text });
    const mentions = [as(papers[0].id, 'proposes', 'SR'), as(papers[1].id, 'uses', 'sentence representations'), as(papers[2].id, 'uses', 'SR'), as(papers[3].id, 'uses', 'SRs')];
    const graph = buildGraph({ papers, extraction: { entities: [{ id: 'method:sr', type: 'method', label: 'SR', aliases: ['SR'], mentions: 4 }], mentions }, citations: [] });
    expect(graph.filterEdges((_, a) => a.type === 'builds_on').map((e) => graph.source(e)).sort()).toEqual([papers[2].id, papers[3].id].sort());
    // A phrase presented in lower case names nothing to build on.
    const lower = [as(papers[0].id, 'proposes', 'semantic lexicon'), as(papers[1].id, 'uses', 'semantic lexicon')];
    const plain = buildGraph({ papers, extraction: { entities: [{ id: 'method:sr', type: 'method', label: 'semantic lexicon', aliases: [], mentions: 2 }], mentions: lower }, citations: [] });
    expect(plain.filterEdges((_, a) => a.type === 'builds_on')).toHaveLength(0);
  });

  it('one proposer and thousands of users give one builds_on edge per user', () => {
    const papers = Array.from({ length: 3000 }, (_, i) => paper(i));
    const mentions = papers.map((p, i) => mention(p.id, i === 0 ? 'proposes' : 'uses'));
    const graph = buildGraph({ papers, extraction: { entities: [{ id: 'method:foonet', type: 'method', label: 'FooNet', aliases: ['FooNet'], mentions: 3000 }], mentions }, citations: [] });
    const edges = graph.filterEdges((_, a) => a.type === 'builds_on');
    expect(edges).toHaveLength(2999);
    expect(edges.every((e) => graph.target(e) === papers[0].id)).toBe(true);
  });
});
