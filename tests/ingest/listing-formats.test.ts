/**
 * The three structured listing formats (arxiv-digest, hf-api, arxiv-abs-md), table-driven per
 * STYLE.md habit 4: for each format — registered in FORMATS ahead of the pasted-page formats,
 * detected on its fixtures and by no other format, parsed into exactly the expected records and
 * rejects. Then the properties every parser owes: CRLF gives the same records, record lines
 * point at the entry's first line, no input makes a parser throw, hostile inputs stay fast.
 * Fixtures under tests/fixtures/{arxiv-digest,hf-api,arxiv-abs-md}/ are invented papers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, detectFormat } from '../../src/ingest/index.js';
import { splitDigestAuthors } from '../../src/ingest/arxiv-digest.js';
import { scanJsonArrays, lineLocator } from '../../src/ingest/json-positions.js';
import { parsePythonLiteral, MAX_PY_DEPTH } from '../../src/ingest/python-literal.js';
import { texToUnicode } from '../../src/ingest/tex-accents.js';
import { monthFromArxivId } from '../../src/ingest/arxiv-month.js';
import type { PaperRecord } from '../../src/types.js';
import { newRecord } from '../../src/ingest/biblio.js';

const FIXTURES = 'tests/fixtures';
const read = (path: string): string => readFileSync(path, 'utf8');
const toCrlf = (text: string): string => text.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n');

/* ----------------------------------------------------------------- record builders -- */

const DG = 'arxiv-digest';
const HF = 'hf-api';
const MD = 'arxiv-abs-md';

/** A record with every field a parser of `format` always sets, at its defaults. */
function blank(format: string, path: string, line: number): PaperRecord {
  const record = newRecord({ path, line, format }, {});
  if (format === DG || format === MD) Object.assign(record, { venue: null, comments: [] });
  if (format === HF) Object.assign(record, { upvotes: null });
  return record;
}

const rec = (format: string, path: string, line: number, fields: Partial<PaperRecord>): PaperRecord => ({
  ...blank(format, path, line),
  ...fields,
});

/* ---------------------------------------------------------------- the format table -- */

interface FixtureCase {
  file: string;
  records: PaperRecord[];
  rejects: { line: number; reason: RegExp }[];
}

interface FormatCase {
  format: string;
  /** A regex the file's line at `source.line` must match: where an entry starts. */
  entryStart: RegExp;
  fixtures: FixtureCase[];
}

const dgMain = `${FIXTURES}/arxiv-digest/digest.txt`;
const dgCrlf = `${FIXTURES}/arxiv-digest/crlf.txt`;
const hfDaily = `${FIXTURES}/hf-api/daily.json`;
const hfRepr = `${FIXTURES}/hf-api/wrapper-repr.json`;
const hfBroken = `${FIXTURES}/hf-api/malformed.json`;
const mdList = `${FIXTURES}/arxiv-abs-md/reading-list.md`;
const mdCrlf = `${FIXTURES}/arxiv-abs-md/crlf.md`;

const TABLE: FormatCase[] = [
  {
    format: DG,
    entryStart: /^\\\\\r?$/,
    fixtures: [
      {
        file: dgMain,
        records: [
          // Wrapped Title and Authors, TeX accents, " and " before the last author, a wrapped
          // comment naming the venue and a repository.
          rec(DG, dgMain, 11, {
            ids: { arxiv: '2603.04501' },
            title: 'Router Distillation for Sparse Mixture-of-Experts Translation Models with Few Parallel Sentences',
            abstract:
              'Sparse mixture-of-experts (MoE) models translate well between high-resource languages but their routers overfit when parallel data is scarce. We propose Router Distillation (RD), which transfers routing decisions from a dense teacher. On FLORES-200, RD improves BLEU by 2.1 points on 40 low-resource directions.',
            authors: ['Lena Müller', 'José Ramírez', 'Priya Natarajan', 'Tomáš Dvořák', 'Wei Zhang'],
            date: '2026-03-09',
            venue: 'ICLR 2026',
            categories: ['cs.CL', 'cs.LG'],
            codeUrls: ['https://github.com/example-lab/router-distill'],
            comments: ['Accepted at ICLR 2026. Code: https://github.com/example-lab/router-distill. 14 pages, 5 figures'],
          }),
          // Cross-listing; authors joined by "and" only; wrapped Journal-ref → venue; DOI.
          rec(DG, dgMain, 30, {
            ids: { arxiv: '2603.04777', doi: '10.5555/example.2026.117' },
            title: 'Calibrated Conformal Sets for Graph Regression',
            abstract: 'We build conformal prediction sets for regression on graphs whose coverage holds under node-level exchangeability.',
            authors: ['Hanna Berg', 'Omar Haddad', 'Sofia Russo'],
            date: '2026-03-10',
            venue: 'ICML 2026',
            categories: ['stat.ML', 'cs.LG'],
          }),
          // Affiliation markers and block, "et al. (12 additional authors not shown)".
          rec(DG, dgMain, 45, {
            ids: { arxiv: '2603.05010' },
            title: 'A Benchmark of Clinical Question Answering in Twelve Languages',
            abstract: 'We release a clinical question answering benchmark in twelve languages.',
            authors: ['Ana Silva', 'Bo Chen', 'Carla Mendes'],
            authorsTruncated: true,
            authorCount: 15,
            orgs: ['Example University Hospital, Lisbon', 'Institute of Sample Technology (IST)'],
            date: '2026-03-10',
            categories: ['cs.CL'],
          }),
          // A replaced entry: no abstract, and its only date is the revision's, so the date
          // is the month the id encodes.
          rec(DG, dgMain, 59, {
            ids: { arxiv: '2405.01234' },
            title: 'Token Merging for Efficient Speech Transformers',
            authors: ['Daniel Okafor', 'Mei Lin'],
            date: '2024-05',
            venue: 'Interspeech 2025',
            categories: ['cs.CL', 'eess.AS'],
            comments: ['12 pages, accepted to Interspeech 2025'],
          }),
          // Old-style id, replaced, and no Authors: line at all (a missing field).
          rec(DG, dgMain, 69, {
            ids: { arxiv: 'math/0601001' },
            title: 'On the Spectral Gap of Random Regular Graphs',
            date: '2006-01',
            categories: ['math.CO', 'cs.DM'],
          }),
        ],
        rejects: [{ line: 77, reason: /"arXiv:not-an-id" is not a valid arXiv id and no Title: field/ }],
      },
      {
        // CRLF line endings straight into the parser (no decoder in between).
        file: dgCrlf,
        records: [
          rec(DG, dgCrlf, 1, {
            ids: { arxiv: '2602.11111' },
            title: 'Low-Rank Adapters Forget Less: A Study of Continual Instruction Tuning',
            abstract: 'Low-rank adapters are said to forget less than full fine-tuning. We test this claim on eight instruction-tuning sequences.',
            authors: ['Ines Duarte', 'Kenji Watanabe', 'Ravi Shankar'],
            date: '2026-02-20',
            venue: 'NeurIPS 2025 Workshop',
            categories: ['cs.LG', 'cs.AI'],
            comments: ['NeurIPS 2025 Workshop on Continual Learning'],
          }),
        ],
        rejects: [],
      },
    ],
  },
  {
    format: HF,
    entryStart: /^\s*[{"]/,
    fixtures: [
      {
        file: hfDaily,
        records: [
          // githubRepo → codeUrls, ai_keywords → keywords; paper.publishedAt (the arXiv date),
          // not the entry's (the day HF listed it); wrapped title squashed.
          rec(HF, hfDaily, 2, {
            ids: { arxiv: '2406.01234' },
            title: 'StreamFuse: Merging Video Tokens On the Fly for Long Video Understanding',
            abstract: 'Long videos overflow the context of multimodal language models. We propose StreamFuse, which merges redundant video tokens while decoding.',
            authors: ['Marta Kowalska', 'Diego Fernández'],
            date: '2024-06-03',
            upvotes: 37,
            codeUrls: ['https://github.com/example-org/streamfuse'],
            keywords: ['token merging', 'long video understanding', 'multimodal language models'],
          }),
          // Missing "summary": a record without an abstract; a hidden author is still an author.
          rec(HF, hfDaily, 43, {
            ids: { arxiv: '2406.02222' },
            title: 'Tiny Reward Models Are Enough',
            authors: ['Yusuf Demir'],
            date: '2024-06-02',
            upvotes: 5,
          }),
        ],
        rejects: [{ line: 61, reason: /no "paper" object/ }],
      },
      {
        // The {status, date, count, data} wrapper whose entries are Python-repr strings: read
        // as literals (escapes, None, a tuple), and a non-literal (datetime(...)) rejected.
        file: hfRepr,
        records: [
          rec(HF, hfRepr, 6, {
            ids: { arxiv: '2412.07001' },
            title: 'Sketch2Mesh: Watertight Meshes from Freehand Sketches',
            abstract: "We turn freehand sketches into watertight meshes. It's fast: 0.4 s per sketch on one GPU (≈ 3× faster).",
            authors: ['Chloé Martin', "Liam O'Brien"],
            date: '2024-12-10',
            upvotes: 12,
          }),
          rec(HF, hfRepr, 7, {
            ids: { arxiv: '2412.07002' },
            title: 'Quantised Diffusion at 2 Bits',
            abstract: 'Weights at 2 bits keep FID within 5%.',
            date: '2024-12-10',
            upvotes: 0,
            keywords: ['quantisation', 'diffusion'],
          }),
        ],
        rejects: [{ line: 8, reason: /Python-repr string, not JSON, and could not be read as a literal: unexpected "d"/ }],
      },
      {
        // Malformed JSON: a missing colon in the second entry and a download cut off in the
        // fourth. The intact entries are still read; each broken one is a reject on its line.
        file: hfBroken,
        records: [
          rec(HF, hfBroken, 2, {
            ids: { arxiv: '2407.00001' },
            title: 'Entry Before the Break',
            abstract: 'This entry is intact.',
            authors: ['Ada Quinn'],
            date: '2024-07-01',
            upvotes: 3,
          }),
          rec(HF, hfBroken, 20, {
            ids: { arxiv: '2407.00003' },
            title: 'Entry After the Break',
            abstract: 'Intact again.',
            date: '2024-07-02',
            upvotes: 0,
          }),
        ],
        rejects: [
          { line: 16, reason: /^malformed JSON on line 16, in the entry starting on line 12/ },
          { line: 30, reason: /file ends inside this entry/ },
        ],
      },
    ],
  },
  {
    format: MD,
    entryStart: /^(?:## |<h2)/,
    fixtures: [
      {
        file: mdList,
        records: [
          // Multi-paragraph quote; "[this https URL](…)" keeps its URL in the abstract; the
          // first date of "Submitted on … (v1), last revised …"; continuation table row.
          rec(MD, mdList, 12, {
            ids: { arxiv: '2003.01234' },
            title: 'Sparse Routing for Low-Resource Translation',
            abstract:
              'Mixture-of-experts models route each token to a few experts. We show that routing collapses for low-resource pairs and propose a balanced router. Code is available at https://github.com/example-nlp/balanced-router.',
            authors: ['Amara Okonkwo', 'Jonas Lindqvist', 'Zoë Laurent'],
            date: '2020-03-03',
            venue: 'ACL 2020',
            categories: ['cs.CL', 'cs.LG'],
            comments: ['Accepted to ACL 2020'],
          }),
          // <h2> whose </h2> is on the next line, full-width "Title：", "(<url>)" target,
          // "Authors:[" without a space, no Submitted line (date from the id), Journal
          // reference → venue, DOI row as a link.
          rec(MD, mdList, 29, {
            ids: { arxiv: '2003.02345', doi: '10.18653/v1/2020.example.42' },
            title: 'Lexicon-Guided Back-Translation & Filtering',
            abstract: 'Back-translation adds noise when the target monolingual data is out of domain. A bilingual lexicon filters the synthetic pairs.',
            authors: ['Mehmet Kaya', 'Rosa Jiménez'],
            date: '2020-03',
            venue: 'EMNLP 2020',
            categories: ['cs.CL'],
          }),
          // Brackets inside the title link; author links on a line mislabelled "Title:".
          rec(MD, mdList, 44, {
            ids: { arxiv: '2003.03456' },
            title: 'What the [UNK]? Probing Rare Words',
            abstract: 'Rare words break subword tokenisers in surprising ways.',
            authors: ['Priti Rao', 'Kwame Mensah'],
            date: '2020-03',
            categories: ['cs.CL'],
          }),
          // Missing fields: only the title link and an empty "Authors:".
          rec(MD, mdList, 56, {
            ids: { arxiv: '2003.04567' },
            title: 'A Shared Task Report Pasted Without Its Body',
            date: '2020-03',
          }),
          // The abstract pasted onto a (misspelt) authors line; no Cite as row.
          rec(MD, mdList, 61, {
            ids: { arxiv: '2003.05678' },
            title: 'Positional Encodings for Speech Translation',
            abstract:
              'Speech translation models inherit positional encodings designed for text, although speech frames are far longer and denser than words. We compare relative and absolute encodings on three language pairs and find relative encodings better.',
            date: '2020-03',
            venue: 'Interspeech 2020',
            categories: ['eess.AS', 'cs.SD'],
            comments: ['Submitted to Interspeech 2020'],
          }),
        ],
        rejects: [{ line: 71, reason: /heading with no arXiv link, Cite as row, authors or abstract/ }],
      },
      {
        // CRLF; arxiv.org/a/ author pages; an empty ">" line between quote paragraphs.
        file: mdCrlf,
        records: [
          rec(MD, mdCrlf, 1, {
            ids: { arxiv: '1911.00111' },
            title: 'Noisy Channel Reranking at Scale',
            abstract: 'Reranking with a noisy channel model helps, but is slow. We make it 8x faster with cached channel scores.',
            authors: ['Ingrid Solberg', 'Tariq Aziz'],
            date: '2019-10-31',
            categories: ['cs.CL'],
            comments: ['WMT 2019'],
          }),
        ],
        rejects: [],
      },
    ],
  },
];

const MINE = TABLE.map((t) => t.format);

describe.each(TABLE)('$format', ({ format, entryStart, fixtures }) => {
  it('is registered in FORMATS ahead of the pasted-page formats', () => {
    const names = Object.keys(FORMATS);
    expect(FORMATS[format]?.name).toBe(format);
    expect(FORMATS[format].description.length).toBeGreaterThan(10);
    expect(FORMATS[format].detection.length).toBeGreaterThan(10);
    for (const pasted of ['arxiv-listing', 'hf-page', 'author-profile', 'abstract-lines'].filter((n) => n in FORMATS)) {
      expect(names.indexOf(format)).toBeLessThan(names.indexOf(pasted));
    }
  });

  it.each(fixtures)('detects $file as its own format and no other', ({ file }) => {
    const text = read(file);
    expect(detectFormat({ path: file, head: text })?.name).toBe(format);
    expect(FORMATS[format].detect({ path: file, head: text })).toBeGreaterThanOrEqual(0.8);
    for (const other of MINE.filter((n) => n !== format)) expect(FORMATS[other].detect({ path: file, head: text })).toBe(0);
  });

  it.each(fixtures)('parses $file into the expected records and rejects', ({ file, records, rejects }) => {
    const result = FORMATS[format].parse(read(file), file);
    expect(result.records).toEqual(records);
    expect(result.rejects.map((r) => r.line)).toEqual(rejects.map((r) => r.line));
    result.rejects.forEach((r, i) => {
      expect(r.reason).toMatch(rejects[i].reason);
      expect(r.excerpt ?? '').not.toBe('');
    });
  });

  it.each(fixtures)('gives the same records for $file with CRLF line endings', ({ file }) => {
    const lf = read(file).replace(/\r\n/g, '\n');
    const a = FORMATS[format].parse(lf, file);
    const b = FORMATS[format].parse(toCrlf(lf), file);
    expect(b.records).toEqual(a.records);
    expect(b.rejects.map((r) => [r.line, r.reason])).toEqual(a.rejects.map((r) => [r.line, r.reason]));
  });

  it.each(fixtures)('points every record of $file at the first line of its entry', ({ file }) => {
    const lines = read(file).split('\n');
    for (const r of FORMATS[format].parse(read(file), file).records) expect(lines[r.source.line - 1]).toMatch(entryStart);
  });

  it.each(fixtures)('never throws on any truncation of $file', ({ file }) => {
    const text = read(file);
    const step = Math.max(1, Math.floor(text.length / 97));
    for (let cut = 0; cut <= text.length; cut += step) {
      const part = text.slice(0, cut);
      const result = FORMATS[format].parse(part, file);
      for (const r of result.records) expect(r.source.line).toBeGreaterThanOrEqual(1);
      for (const r of result.rejects) expect(r.line).toBeGreaterThanOrEqual(1);
    }
  });
});

/* ------------------------------------------------------------------------ detection -- */

describe('detection stays specific', () => {
  const prose =
    'We study how transformers learn arithmetic. Title: none. Authors: the usual suspects.\n\nIn this paper we propose a method and evaluate it on three datasets; results are strong.\n';
  const others = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !MINE.includes(d.name))
    .flatMap((d) => readdirSync(join(FIXTURES, d.name)).map((f) => join(FIXTURES, d.name, f)));
  const samples = readdirSync('graph-data/samples').map((f) => join('graph-data/samples', f));

  it.each(MINE)('%s scores 0 on plain English, JSON without papers and an empty file', (format) => {
    const detect = FORMATS[format].detect;
    expect(detect({ path: 'notes.txt', head: prose })).toBe(0);
    expect(detect({ path: 'x.json', head: '[{"id": 1, "name": "not a paper"}]' })).toBe(0);
    expect(detect({ path: 'x.md', head: '## A heading\n\nSome text with a [link](https://example.com).\n' })).toBe(0);
    expect(detect({ path: 'empty', head: '' })).toBe(0);
  });

  it.each(MINE)('%s scores 0 on the seed listings and on the other formats\' fixtures', (format) => {
    for (const path of [...samples, ...others]) expect([path, FORMATS[format].detect({ path, head: read(path) })]).toEqual([path, 0]);
  });

  it('recognises an hf-api head that is all authors (a first paper with hundreds of them)', () => {
    const authors = Array.from({ length: 400 }, (_, i) => `{"_id": "a${i}", "name": "Author ${i}", "hidden": false}`).join(',\n');
    const head = `[\n  {\n    "paper": {\n      "id": "2408.00001",\n      "authors": [\n${authors}`.slice(0, 8000);
    expect(FORMATS[HF].detect({ path: 'day.json', head })).toBeGreaterThanOrEqual(0.8);
  });
});

/* -------------------------------------------------------------------------- hf-api -- */

describe('hf-api edge cases', () => {
  const parse = FORMATS[HF].parse;

  it('rejects a file that is not JSON at all with one reject and the error line', () => {
    const result = parse('[\n  {"paper": {"id": "2401.00001",\n  oops\n', 'bad.json');
    expect(result.records).toEqual([]);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0].reason).toMatch(/malformed JSON|file ends inside/);
    expect(parse('', 'empty.json').rejects).toEqual([{ line: 1, reason: 'empty file: no JSON' }]);
    expect(parse('plain words', 'w.json').rejects[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/^malformed JSON on line 1/) });
  });

  it('reports trailing garbage after an intact array once, keeping the entries', () => {
    const result = parse('[{"paper": {"id": "2401.00001", "title": "T", "summary": "S"}}]\ntrailing words', 't.json');
    expect(result.records.map((r) => r.ids.arxiv)).toEqual(['2401.00001']);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0].reason).toMatch(/outside the entries/);
  });

  it('reads a bare paper object and rejects non-object entries and papers without id or title', () => {
    const bare = parse('{"paper": {"id": "2401.00002", "title": "Bare", "summary": "One."}}', 'one.json');
    expect(bare.records.map((r) => [r.ids.arxiv, r.source.line])).toEqual([['2401.00002', 1]]);
    const mixed = parse('[\n42,\n"just words",\n{"paper": {"summary": "no id, no title"}}\n]', 'm.json');
    expect(mixed.records).toEqual([]);
    expect(mixed.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'entry is a number, not an object with a "paper"'],
      [3, 'entry is a string, not an object with a "paper"'],
      [4, 'paper has neither an id nor a title'],
    ]);
  });
});

/* ------------------------------------------------------------- helpers of my parsers -- */

describe('json-positions', () => {
  it('finds element starts and ends in one line, past brackets and quotes inside strings', () => {
    const text = '[{"a": "x]\\"}"}, [1, [2]], "s,t", 7 ,null]';
    const spans = scanJsonArrays(text).arrays.get('')?.elements ?? [];
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['{"a": "x]\\"}"}', '[1, [2]]', '"s,t"', '7', 'null']);
  });

  it('tracks a root member array and splits elements that lack a comma', () => {
    const text = '{"status": "ok", "data": [\n{"a": 1}\n{"b": 2},\n{"c": 3\n';
    const data = scanJsonArrays(text).arrays.get('/data');
    expect(data?.closed).toBe(false);
    expect(data?.elements.map((s) => [text.slice(s.start, s.end === -1 ? undefined : s.end), s.end === -1])).toEqual([
      ['{"a": 1}', false],
      ['{"b": 2}', false],
      ['{"c": 3\n', true],
    ]);
  });

  it('maps offsets to 1-based lines', () => {
    const at = lineLocator('a\nbc\n\nd');
    expect([0, 1, 2, 4, 5, 6].map(at)).toEqual([1, 1, 2, 2, 3, 4]);
  });
});

describe('python-literal', () => {
  it('reads dicts, lists, tuples, escapes, numbers and True/False/None without evaluating', () => {
    const r = parsePythonLiteral(`{'a': [1, -2.5, 1e3, (True, False, None)], "b": 'it\\'s \\u00e9\\x41\\n', 'c': {}, 'd': [],}`);
    expect(r).toEqual({ ok: true, value: { a: [1, -2.5, 1000, [true, false, null]], b: "it's éA\n", c: {}, d: [] } });
  });

  it('refuses anything that is not a literal, with the offset', () => {
    expect(parsePythonLiteral("{'x': __import__('os')}")).toMatchObject({ ok: false, offset: 6 });
    expect(parsePythonLiteral("{'x': 1} extra")).toMatchObject({ ok: false, error: expect.stringMatching(/after the value/) });
    expect(parsePythonLiteral("{'x': 'open")).toMatchObject({ ok: false, error: 'text ends inside a string' });
  });

  it('caps nesting instead of exhausting the stack, and keeps __proto__ an ordinary key', () => {
    expect(parsePythonLiteral('['.repeat(100_000))).toMatchObject({ ok: false, error: `nesting deeper than ${MAX_PY_DEPTH}` });
    const r = parsePythonLiteral("{'__proto__': {'polluted': True}}");
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('digest author lists and TeX names', () => {
  it('splits commas and " and ", keeps suffixes, takes out affiliation groups', () => {
    expect(splitDigestAuthors('A. One, B. Two, and C. Three')).toEqual({ authors: ['A. One', 'B. Two', 'C. Three'], orgs: [], truncated: false, count: null });
    expect(splitDigestAuthors('John Smith, Jr., Mary Jones (MIT)')).toEqual({ authors: ['John Smith, Jr.', 'Mary Jones'], orgs: ['MIT'], truncated: false, count: null });
    expect(splitDigestAuthors('X Y (1 and 2), Z W (2) ((1) Lab A, (2) Lab B (LB))').orgs).toEqual(['Lab A', 'Lab B (LB)']);
  });

  it('turns TeX accents into Unicode and leaves other macros alone', () => {
    expect(texToUnicode("Cl\\'ementine Sacr\\'e, G\\\"uneysu, Ma{\\l}gorzata, Tom\\'a\\v{s}, Mu\\~noz, Fran\\c{c}ois")).toBe(
      'Clémentine Sacré, Güneysu, Małgorzata, Tomáš, Muñoz, François',
    );
    expect(texToUnicode('$\\log n$ and \\vec{x} and \\omega')).toBe('$\\log n$ and \\vec{x} and \\omega');
  });

  it('reads the submission month from new- and old-style arXiv ids only', () => {
    expect(['2404.11833', '0704.0001', 'cs/9912001', 'hep-th/0101001v2', '2413.00001', 'abc'].map(monthFromArxivId)).toEqual([
      '2024-04',
      '2007-04',
      '1999-12',
      '2001-01',
      null,
      null,
    ]);
  });
});

/* ------------------------------------------------------------------- hostile inputs -- */

describe('no input makes a parser slow', () => {
  const timed = (f: () => unknown): number => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const HOSTILE: Record<string, string[]> = {
    [DG]: [
      `\\\\\narXiv:2401.00001\nTitle: T\nAuthors: ${'(('.repeat(50_000)}${'a, '.repeat(50_000)}\n`,
      `${'\\\\\n'.repeat(50_000)}${'arXiv:2401.00001\n'.repeat(50_000)}`,
      `\\\\\narXiv:2401.00001\nTitle: ${"\\'".repeat(100_000)}\n`,
      // Trailing-punctuation runs (a `/[,;]+$/` trim would be quadratic) and a huge DOI token.
      `\\\\\narXiv:2401.00001\nTitle: T\nAuthors: A ((1) ${','.repeat(100_000)}x)\nDOI: 10.1/${','.repeat(100_000)}x\nComments: https://github.com/a/b${','.repeat(100_000)}x ${'https://github.com/a/b '.repeat(20_000)}\n`,
    ],
    [HF]: ['['.repeat(200_000), `[${'"'}${'\\\\'.repeat(200_000)}`, `[${'{"paper": {"id": "2401.00001"}} '.repeat(20_000)}]`],
    [MD]: [
      `## T\nTitle: ${'['.repeat(200_000)}\n`,
      `## T\nAuthors: ${'[a]('.repeat(100_000)}\n`,
      `## T\n| ${'| '.repeat(100_000)}\n> ${'**'.repeat(100_000)}\n<h2 ${'<'.repeat(100_000)}`,
      `## T\nAuthors: ${'*'.repeat(100_000)}x\n| Comments: | https://github.com/a/b${','.repeat(100_000)}x |\n`,
    ],
  };
  it.each(MINE)('%s parses pathological inputs in linear time', (format) => {
    for (const input of HOSTILE[format]) expect(timed(() => FORMATS[format].parse(input, 'hostile'))).toBeLessThan(2000);
  });
});
