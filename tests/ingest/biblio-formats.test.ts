/**
 * Bibliographic and citation formats (issue 3): registered, detected, parsed — one table row per
 * fixture (STYLE.md habit 4). Fixtures under tests/fixtures/<format>/ are invented papers written
 * for these tests; each covers the hard cases its format is known for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECT_CHARS } from '../../src/ingest/format.js';
import { FORMATS, detectFormat } from '../../src/ingest/index.js';
import type { ParseResult, PaperRecord } from '../../src/types.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

interface Case {
  format: string;
  file: string;
  records: number;
  rejects: number;
  citations?: number;
  check?: (r: ParseResult, by: (pred: (p: PaperRecord) => boolean) => PaperRecord) => void;
}

const CASES: Case[] = [
  {
    format: 'bibtex',
    file: 'bibtex/library.bib',
    // 5 papers; the crossref'd @proceedings volume and the unterminated entry are rejects.
    records: 5,
    rejects: 2,
    check: (r, by) => {
      const m = by((p) => p.ids.local === 'mueller2021graphs');
      expect(m.title).toBe('Citation Graphs for BERT-style Encoders');
      expect(m.authors).toEqual(['Jörg Müller', 'María Nuñez']);
      expect(m.authorsTruncated).toBe(true);
      expect(m.venue).toBe('Proceedings of the Annual Meeting of the Association for Computational Linguistics');
      expect(m.date).toBe('2021-07');
      expect(m.ids).toMatchObject({ doi: '10.18653/v1/2021.acl-long.42', acl: '2021.acl-long.42' });
      expect(m.source.line).toBe(5);
      const o = by((p) => p.ids.local === 'oconnor2022sparse');
      expect(o.venue).toBe('Proceedings of the 60th Annual Meeting');
      expect(o.date).toBe('2022');
      expect(o.authors).toEqual(["Siobhán O'Connor", 'Pieter van der Berg', 'Hans Schön']);
      expect(by((p) => p.ids.local === 'li2023retrieval').ids.arxiv).toBe('2305.01234');
      const k = by((p) => p.ids.local === 'kim2020eprint');
      expect(k.ids.arxiv).toBe('2004.05678');
      expect(k.title).toBe('Learning to Cite: A Study of Citation Intent');
      const g = by((p) => p.ids.local === 'garcia2019corr');
      expect(g.venue).toBe('Transactions of the Association for Computational Linguistics');
      expect(g.ids.acl).toBe('Q19-1002');
      expect(g.authors).toEqual(['Luis García', 'Amélie Dupré']);
      expect(r.rejects.map((x) => x.line).sort((a, b) => a - b)).toEqual([15, 55]);
    },
  },
  {
    format: 'ris',
    file: 'ris/library.ris',
    records: 2,
    rejects: 2,
    check: (r, by) => {
      const a = by((p) => p.ids.local === 'okafor2022');
      expect(a.authors).toEqual(['Chidi Okafor', 'Åsa Lindqvist', 'Hiro Tanaka']);
      expect(a.date).toBe('2022-03-14');
      expect(a.ids.doi).toBe('10.5555/jirs.2022.0142');
      expect(a.abstract).toBe('We study graph neural rankers for scholarly search and show that citation context improves recall on two benchmarks.');
      expect(a.keywords).toEqual(['ranking', 'graph neural networks']);
      const b = by((p) => p.title === 'Contrastive Pretraining for Citation Recommendation');
      expect(b.ids.arxiv).toBe('2107.01234');
      expect(b.authorsTruncated).toBe(true);
      expect(b.venue).toBe('Proceedings of the Workshop on Invented Scholarly NLP');
      expect(r.rejects.map((x) => x.reason)).toEqual([expect.stringMatching(/outside/), expect.stringMatching(/no title/)]);
    },
  },
  {
    format: 'csl-json',
    file: 'csl-json/items.json',
    records: 2,
    rejects: 1,
    check: (r, by) => {
      const a = by((p) => p.ids.local === 'rivera2020');
      expect(a.authors).toEqual(['Lucía Rivera', 'Pieter van den Berg']);
      expect(a.date).toBe('2020-11-16');
      expect(a.ids).toMatchObject({ doi: '10.18653/v1/2020.findings-emnlp.999', acl: '2020.findings-emnlp.999' });
      expect(a.source.line).toBe(2);
      const b = by((p) => p.ids.local === 'nguyen2023');
      expect(b.ids.arxiv).toBe('2302.04567');
      expect(b.authors).toEqual(['Thi Minh Nguyen', 'The Invented Consortium']);
      expect(r.rejects[0].line).toBe(24);
    },
  },
  {
    format: 'arxiv-atom',
    file: 'arxiv-atom/query.xml',
    records: 2,
    rejects: 1,
    check: (r, by) => {
      const a = by((p) => p.ids.arxiv === '2403.01234');
      expect(a.title).toBe('Citation-Aware Retrieval with Heterogeneous Graphs');
      expect(a.ids.doi).toBe('10.1145/3626772.1234567');
      expect(a.authors).toEqual(['Ana Souza', 'Rafał Nowak']);
      expect(a.orgs).toEqual(['Invented University']);
      expect(a.categories).toEqual(['cs.IR', 'cs.CL']);
      expect(a.date).toBe('2024-03-02');
      expect(a.venue).toBe('SIGIR 2024');
      expect(a.comments).toEqual(['12 pages, 3 figures']);
      expect(a.source.line).toBe(7);
      expect(by((p) => p.ids.arxiv === 'cs/0501001').title).toBe('An Old-Style Identifier Paper');
      expect(r.rejects[0].reason).toMatch(/arXiv API error: incorrect id format/);
    },
  },
  {
    format: 'openalex',
    file: 'openalex/results.json',
    records: 2,
    rejects: 0,
    check: (_r, by) => {
      const a = by((p) => p.ids.openalex === 'W4321000001');
      expect(a.abstract).toBe('We rebuild abstracts from inverted indexes; abstracts read well.');
      expect(a.ids).toMatchObject({ doi: '10.48550/arxiv.2305.11111', arxiv: '2305.11111' });
      expect(a.references).toEqual([{ ids: { openalex: 'W2000000001' } }, { ids: { openalex: 'W2000000002' } }]);
      expect(a.authors).toEqual(['Mei Chen', 'Omar Haddad']);
      expect(a.orgs).toEqual(['Invented Institute of Technology']);
      expect(a.date).toBe('2023-05-18');
      expect(a.source.line).toBe(4);
      const b = by((p) => p.ids.openalex === 'W4321000002');
      expect(b.abstract).toBeNull();
      expect(b.date).toBe('2019');
    },
  },
  {
    format: 'openalex',
    file: 'openalex/works.jsonl',
    records: 1,
    rejects: 1,
    check: (r, by) => {
      const a = by((p) => p.ids.openalex === 'W3000000003');
      expect(a.ids.doi).toBe('10.1162/tacl_a_00999');
      expect(a.references).toEqual([{ ids: { openalex: 'W4321000001' } }]);
      expect(r.rejects[0].line).toBe(2);
    },
  },
  {
    format: 's2-json',
    file: 's2-json/paper.json',
    records: 1,
    // The reference with neither a paperId nor a title.
    rejects: 1,
    check: (_r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ s2: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', doi: '10.18653/v1/2021.naacl-main.77', acl: '2021.naacl-main.77', arxiv: '2104.09999' });
      expect(p.references).toHaveLength(2);
      expect(p.references?.[1]).toEqual({ ids: {}, title: 'An Unlinked Reference Kept By Title', year: 2015, venue: null });
      expect(p.references?.[0].ids).toEqual({ s2: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2', doi: '10.5555/ref.1' });
      expect(p.citedBy).toEqual([{ ids: { s2: 'ccccccccccccccccccccccccccccccccccccccc3', arxiv: '2201.00001' }, title: 'A Citing Paper', year: 2022, venue: null }]);
      expect(p.date).toBe('2021-06-06');
    },
  },
  {
    format: 's2-json',
    file: 's2-json/search.json',
    records: 2,
    rejects: 1,
    check: (r, by) => {
      expect(by((p) => p.title === 'Second Search Hit').ids.pmid).toBe('31234567');
      expect(by((p) => p.title === 'First Search Hit').source.line).toBe(2);
      expect(r.rejects[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/null entry/) });
    },
  },
  {
    format: 'tei',
    file: 'tei/2021.emnlp-main.12.tei.xml',
    records: 1,
    rejects: 0,
    check: (_r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ acl: '2021.emnlp-main.12' });
      expect(p.title).toBe('Invented Document Embeddings from Citation Triplets');
      expect(p.authors).toEqual(['Noor Rahman', 'Tomás J Ortega']);
      expect(p.orgs).toEqual(['Invented Institute for AI']);
      expect(p.abstract).toBe('We learn invented document embeddings. Citations act as supervision.');
      expect(p.references).toEqual([
        {
          ids: { doi: '10.18653/v1/p19-1001', acl: 'P19-1001', local: 'b0' },
          title: 'A Reference With a DOI',
          authors: ['Ada Obi'],
          year: 2019,
          venue: 'Proceedings of the Invented Meeting',
          raw: 'Ada Obi. 2019. A Reference With a DOI. In Proceedings of the Invented Meeting.',
        },
        { ids: { arxiv: '1907.00042', local: 'b1' }, title: 'A Preprint Reference', authors: ['Li Wei'], year: 2019, venue: 'ArXiv' },
        { ids: { local: 'b2' }, title: 'An Invented Textbook', authors: ['Maria Rossi'], year: 2001, venue: null },
      ]);
    },
  },
  {
    format: 'jats',
    file: 'jats/article.nxml',
    records: 1,
    rejects: 1,
    check: (r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ pmid: '30000001', pmcid: 'PMC7000001', doi: '10.5555/jib.2020.0007' });
      expect(p.title).toBe('Invented Proteins and Imaginary Pathways');
      expect(p.authors).toEqual(['Anna Kowalski', 'Moussa Diallo']);
      expect(p.abstract).toBe('First paragraph. Second paragraph.');
      expect(p.date).toBe('2020-04-03');
      expect(p.venue).toBe('Journal of Invented Biology');
      expect(p.orgs).toEqual(['Department of Invented Biology, Example University']);
      expect(p.references?.[0]).toEqual({
        ids: { doi: '10.5555/jir.2011.1', pmid: '21000001', local: 'R1' },
        title: 'An Element Citation',
        authors: ['J Smith', 'K Lee'],
        year: 2011,
        venue: 'J Invented Res',
      });
      expect(p.references?.[1]).toMatchObject({ title: 'An Invented Handbook', authors: ['T Brown'], year: 1999, venue: null });
      expect(r.rejects[0].reason).toMatch(/no citation element/);
    },
  },
  {
    format: 's2orc',
    file: 's2orc/doc2json.json',
    records: 1,
    rejects: 1,
    check: (_r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ acl: 'N19-1423' });
      expect(p.authors).toEqual(['Priya K Raman', 'Jonas Weber']);
      expect(p.references).toEqual([
        { ids: { doi: '10.1162/tacl_a_00051', local: 'b0' }, title: 'A Linked Bib Entry', authors: ['Ada Obi'], year: 2017, venue: 'TACL', raw: 'Ada Obi. 2017. A Linked Bib Entry. TACL.' },
        { ids: { arxiv: '1810.04805', local: 'b1' }, title: 'A Preprint Bib Entry', authors: [], year: 2018, venue: null },
      ]);
    },
  },
  {
    format: 's2orc',
    file: 's2orc/release.jsonl',
    records: 1,
    rejects: 1,
    check: (r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ doi: '10.5555/rel.2016.1', pmid: '26000001', pmcid: 'PMC4000001' });
      expect(p.venue).toBe('Invented Journal');
      expect(p.references?.[0]).toMatchObject({ title: 'A Cited Work', year: 2010, venue: 'Nature' });
      expect(r.rejects[0].line).toBe(2);
    },
  },
  {
    format: 'unarxive',
    file: 'unarxive/papers.jsonl',
    records: 1,
    // An empty bib entry and a line that is not JSON.
    rejects: 2,
    check: (_r, by) => {
      const p = by(() => true);
      expect(p.ids).toEqual({ arxiv: '2301.00001' });
      expect(p.title).toBe('An Invented unarXive Paper on Linked References');
      expect(p.authors).toEqual(['Yuki Sato', 'Pablo Ruiz']);
      expect(p.date).toBe('2023-01-02');
      expect(p.categories).toEqual(['cs.DL', 'cs.IR']);
      expect(p.references).toEqual([
        { ids: { openalex: 'W2000000001', doi: '10.5555/linked.1', local: 'aaa1' }, raw: 'A. Obi. A linked work. 2019.' },
        { ids: { arxiv: '2102.00002', local: 'aaa2' }, raw: 'B. Lee. A preprint, arXiv:2102.00002.' },
      ]);
    },
  },
  {
    format: 'acl-xml',
    file: 'acl-xml/2021.inv.xml',
    records: 2,
    rejects: 0,
    check: (_r, by) => {
      const p = by((x) => x.ids.acl === '2021.inv-main.1');
      expect(p.title).toBe('Pretraining BERT on Invented Citations with k-hop Graphs');
      expect(p.abstract).toBe('We pretrain BERT on k-hop citation graphs and evaluate on invented benchmarks.');
      expect(p.authors).toEqual(['Sofía Álvarez', 'Kenji Ito']);
      expect(p.ids.doi).toBe('10.18653/v1/2021.inv-main.1');
      expect(p.codeUrls).toEqual(['https://github.com/invented-lab/khop-bert']);
      expect(p.datasetTags).toEqual([
        { name: 'InventedQA', url: 'https://paperswithcode.com/dataset/invented-qa' },
        { name: 'FakeNLI', url: 'https://paperswithcode.com/dataset/fake-nli' },
      ]);
      expect(p.venue).toBe('Proceedings of the 2021 Invented Conference on NLP');
      expect(p.date).toBe('2021-11');
      expect(p.source.line).toBe(16);
      const q = by((x) => x.ids.acl === '2021.inv-main.2');
      expect(q.codeUrls).toEqual([]);
      expect(q.hasCode).toBe(true);
      expect(q.abstract).toBeNull();
    },
  },
  {
    format: 'acl-xml',
    file: 'acl-xml/W19.xml',
    records: 2,
    rejects: 0,
    check: (_r, by) => {
      expect(by((x) => x.title === 'An Old-Style Workshop Paper').ids.acl).toBe('W19-3801');
      expect(by((x) => x.title === 'A Workshop Paper Without a URL').ids.acl).toBe('W19-3812');
    },
  },
  {
    format: 'aan-metadata',
    file: 'aan-metadata/acl-metadata.txt',
    records: 2,
    rejects: 1,
    check: (r, by) => {
      const p = by((x) => x.ids.acl === 'P10-9001');
      expect(p.authors).toEqual(['Hans Müller', 'Anna Plüss', 'Luis García']);
      expect(p.title).toBe('Invented Parsing with Sámi Corpora & Friends');
      expect(p.venue).toBe('ACL');
      expect(p.date).toBe('2010');
      expect(by((x) => x.ids.acl === 'W10-9902').source.line).toBe(7);
      expect(r.rejects[0]).toMatchObject({ line: 13, reason: expect.stringMatching(/not an ACL Anthology id/) });
    },
  },
  {
    format: 'aan-citations',
    file: 'aan-citations/acl.txt',
    records: 0,
    rejects: 1,
    citations: 3,
    check: (r) => {
      expect(r.citations?.[0]).toMatchObject({ citing: { acl: 'P10-9001' }, cited: { acl: 'W10-9902' }, source: { line: 1, format: 'aan-citations' } });
      expect(r.citations?.[2].cited).toEqual({ acl: 'J93-9003x' });
      expect(r.rejects[0].line).toBe(5);
    },
  },
  {
    format: 'edge-list',
    file: 'edge-list/edges.csv',
    records: 0,
    rejects: 2,
    citations: 5,
    check: (r) => {
      expect(r.citations?.map((c) => [c.citing, c.cited])).toEqual([
        [{ arxiv: '2403.01234' }, { doi: '10.1145/3626772.1234567' }],
        [{ arxiv: '2403.01234' }, { openalex: 'W2000000001' }],
        [{ acl: 'P19-1001' }, { acl: '2020.acl-main.207' }],
        [{ doi: '10.5555/jirs.2022.0142' }, { s2: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1' }],
        [{ arxiv: 'cs/0501001' }, { acl: 'W19-3801' }],
      ]);
      expect(r.rejects.map((x) => x.line)).toEqual([7, 8]);
    },
  },
  {
    format: 'edge-list',
    file: 'edge-list/edges.tsv',
    records: 0,
    rejects: 0,
    citations: 1,
    check: (r) => expect(r.citations?.[0]).toMatchObject({ citing: { openalex: 'W4321000001' }, cited: { openalex: 'W2000000002' } }),
  },
];

describe.each(CASES)('$format: $file', (c) => {
  const text = readFileSync(join(FIXTURES, c.file), 'utf8');
  const path = `fixtures/${c.file}`;

  it('is registered', () => {
    expect(FORMATS[c.format]?.name).toBe(c.format);
  });

  it('is detected as its own format and as no other', () => {
    expect(detectFormat({ path, head: text.slice(0, DETECT_CHARS) })?.name).toBe(c.format);
  });

  it('parses the expected records, rejects and citations', () => {
    const result = FORMATS[c.format].parse(text, path);
    expect(result.records).toHaveLength(c.records);
    expect(result.rejects).toHaveLength(c.rejects);
    expect(result.citations?.length ?? 0).toBe(c.citations ?? 0);
    for (const r of result.records) {
      expect(r.source.format).toBe(c.format);
      expect(r.source.path).toBe(path);
      expect(r.source.line).toBeGreaterThanOrEqual(1);
    }
    const by = (pred: (p: PaperRecord) => boolean): PaperRecord => {
      const hit = result.records.find(pred);
      if (!hit) throw new Error(`no record matches in ${c.file}`);
      return hit;
    };
    c.check?.(result, by);
  });
});
