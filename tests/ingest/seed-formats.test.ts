/**
 * The four pasted-listing formats (arxiv-listing, hf-page, author-profile, abstract-lines):
 * table-driven per STYLE.md habit 4 — for each format: registered in FORMATS, detected on its
 * fixtures and on no other format's, parsed into exactly the expected records and rejects —
 * then the seed listings in graph-data/samples/ checked field by field against the files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, detectFormat, parseInput } from '../../src/ingest/index.js';
import type { PaperRecord } from '../../src/types.js';
import { newRecord } from '../../src/ingest/biblio.js';

const FIXTURES = 'tests/fixtures';
const SAMPLES = 'graph-data/samples';

const read = (path: string): string => readFileSync(path, 'utf8');

/* ----------------------------------------------------------------- record builders -- */

/** A record with every field a parser of `format` always sets, at its defaults. */
function blank(format: string, path: string, line: number): PaperRecord {
  const record = newRecord({ path, line, format }, {});
  if (format === 'arxiv-listing') Object.assign(record, { dateText: null, venue: null, comments: [] });
  if (format === 'hf-page') Object.assign(record, { authorCount: null, dateText: null, upvotes: null });
  if (format === 'author-profile') Object.assign(record, { dateText: null, hasCode: false });
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
  fixtures: FixtureCase[];
}

const AL = 'arxiv-listing';
const alMixed = `${FIXTURES}/arxiv-listing/mixed.txt`;
const alCrlf = `${FIXTURES}/arxiv-listing/crlf.txt`;
const HF = 'hf-page';
const hfEntries = `${FIXTURES}/hf-page/entries.txt`;
const hfCrlf = `${FIXTURES}/hf-page/crlf.txt`;
const AP = 'author-profile';
const apTricky = `${FIXTURES}/author-profile/tricky.txt`;
const apCrlf = `${FIXTURES}/author-profile/crlf.txt`;
const AB = 'abstract-lines';
const abWrapped = `${FIXTURES}/abstract-lines/wrapped.txt`;

const TABLE: FormatCase[] = [
  {
    format: AL,
    fixtures: [
      {
        file: alMixed,
        records: [
          rec(AL, alMixed, 1, {
            ids: { arxiv: '2404.01234', doi: '10.1145/3626772.3657999' },
            abstract: 'We study sparse retrieval for long documents. Our method, SPLADE-Doc, expands passages with learned terms and keeps the index small.',
            date: '2024-04-02',
            comments: ["Accepted by SIGIR'24"],
            venue: 'SIGIR 2024',
          }),
          // Missing comment line: the id block follows the abstract directly.
          rec(AL, alMixed, 9, {
            ids: { arxiv: '2311.00042' },
            abstract: 'A short abstract with no comment line after it: the id block follows directly.',
            date: '2023-11-01',
          }),
          // A long-form venue with no year in the comment takes the Created year.
          rec(AL, alMixed, 14, {
            ids: { arxiv: '2309.11111' },
            abstract: 'Diffusion policies for robot manipulation, evaluated on twelve real-world tasks.',
            date: '2023-09-19',
            comments: ['Accepted to the Conference on Robot Learning'],
            venue: 'CoRL 2023',
          }),
        ],
        rejects: [
          { line: 21, reason: /not a valid arXiv identifier/ },
          { line: 26, reason: /no "arXiv:ID" line/ },
        ],
      },
      {
        // CRLF line ends, no trailing newline, a comment with a year and an extra word.
        file: alCrlf,
        records: [
          rec(AL, alCrlf, 1, {
            ids: { arxiv: '2310.00001' },
            abstract: 'Graph contrastive learning for recommendation.',
            date: '2023-10-01',
            comments: ['WSDM 2024 (oral)'],
            venue: 'WSDM 2024',
          }),
          rec(AL, alCrlf, 8, { ids: { arxiv: '2310.00002' }, abstract: 'Learning to rank with transformers.', date: '2023-10-02' }),
        ],
        rejects: [],
      },
    ],
  },
  {
    format: HF,
    fixtures: [
      {
        file: hfEntries,
        records: [
          // Links stay in the abstract; codeUrls is for stated metadata only.
          rec(HF, hfEntries, 17, {
            title: 'GPT-4o System Card: Safety Evaluations',
            abstract: 'We report the safety evaluations of a multimodal model. Code is at https://github.com/example/gpt4o-card.',
            authorCount: 12,
            authorsTruncated: true,
            date: '2024-08-08',
            upvotes: 41,
          }),
          // No metadata block at all: upvotes and authorCount stay null.
          rec(HF, hfEntries, 25, {
            title: 'A Title Without Any Metadata',
            abstract: 'This abstract is followed directly by the next entry, with no author count, no dot and no date.',
          }),
          // Organisation line instead of an author count; a date without upvotes means 0.
          rec(HF, hfEntries, 29, {
            title: 'Rank-GRPO: Training Conversational Recommenders with RL',
            abstract: 'Large language models are reshaping recommender systems; we align them with ranking rewards.',
            orgs: ['Netflix'],
            date: '2025-10-22',
            upvotes: 0,
          }),
          // A title directly followed by another title + abstract: this entry has no abstract.
          rec(HF, hfEntries, 37, { title: 'A Lone Title With No Abstract' }),
          // The paste ends after "·": no date, so nothing is known about upvotes.
          rec(HF, hfEntries, 39, {
            title: 'Truncated Last Entry',
            abstract: 'The paste stops after the dot line, so there is no date and no upvote count.',
            authorCount: 3,
            authorsTruncated: true,
          }),
        ],
        rejects: [{ line: 13, reason: /metadata block .* with no paper before it/ }],
      },
      {
        file: hfCrlf,
        records: [
          rec(HF, hfCrlf, 7, {
            title: 'KGAT: Knowledge Graph Attention Network',
            abstract: 'We propose KGAT for recommendation.',
            authorCount: 5,
            authorsTruncated: true,
            date: '2019-05-19',
            upvotes: 0,
          }),
        ],
        rejects: [],
      },
    ],
  },
  {
    format: AP,
    fixtures: [
      {
        file: apTricky,
        records: [
          // Title ending in capitals; hyphenated given name; initials.
          rec(AP, apTricky, 1, {
            title: 'Aligning Language Models with RLHF',
            authors: ['John Schulman', 'Ming-Wei Chang', 'J. R. Smith'],
            date: '2023-03-02',
            categories: ['CL'],
            hasCode: true,
            abstract: 'We align models with human feedback.',
          }),
          // Camel-case last title word; Mc- surname; name particle; et al.; organisation.
          rec(AP, apTricky, 4, {
            title: 'Scaling Laws from DeepMind',
            authors: ['Alice McDonald', 'Maarten de Rijke'],
            authorsTruncated: true,
            orgs: ['google-deepmind'],
            date: '2022-11-30',
            categories: ['LG'],
            abstract: 'Scaling behaviour is studied across model sizes.',
          }),
          // Title ending in a digit; yearless date kept as written.
          rec(AP, apTricky, 7, {
            title: 'GPT-4',
            authors: ['Yu Cheng', 'Fajie Yuan'],
            date: null,
            dateText: 'Feb 14',
            categories: ['IR'],
            abstract: 'A yearless entry whose title ends in a digit.',
          }),
          // Commas and "and" inside the title; accented names and an apostrophe.
          rec(AP, apTricky, 10, {
            title: 'NeRF, GAN and VAE: A Survey of Pruning, Expanding and Masking',
            authors: ['João Carreira', "Zoë O'Brien"],
            date: '2021-07-01',
            categories: ['CV'],
            hasCode: true,
            abstract: 'An abstract that wraps onto a second line.',
          }),
        ],
        rejects: [{ line: 15, reason: /could not split the title from the author list/ }],
      },
      {
        file: apCrlf,
        records: [
          rec(AP, apCrlf, 1, {
            title: 'StackRec: Deep Models by Iterative Stacking',
            authors: ['Jiachun Wang', 'Fajie Yuan'],
            authorsTruncated: true,
            date: '2023-05-04',
            categories: ['IR'],
            hasCode: true,
            abstract: 'Deep learning has brought great progress.',
          }),
        ],
        rejects: [],
      },
    ],
  },
  {
    format: AB,
    fixtures: [
      {
        // CRLF, a wrapped abstract, a stray line, an empty "Abstract:", no trailing newline.
        file: abWrapped,
        records: [
          rec(AB, abWrapped, 1, { abstract: 'First abstract on one line.' }),
          rec(AB, abWrapped, 2, { abstract: 'Second abstract that wraps onto a continuation line.' }),
          rec(AB, abWrapped, 7, { abstract: 'Third abstract, upper-case prefix, no trailing newline.' }),
        ],
        rejects: [
          { line: 5, reason: /does not start with "Abstract:"/ },
          { line: 6, reason: /no text after it/ },
        ],
      },
    ],
  },
];

describe.each(TABLE)('$format', ({ format, fixtures }) => {
  it('is registered in FORMATS under its name', () => {
    expect(FORMATS[format]).toBeDefined();
    expect(FORMATS[format].name).toBe(format);
    expect(FORMATS[format].description.length).toBeGreaterThan(10);
    expect(FORMATS[format].detection.length).toBeGreaterThan(10);
  });

  it.each(fixtures)('detects $file as its own format', ({ file }) => {
    const head = read(file);
    expect(detectFormat({ path: file, head })?.name).toBe(format);
    for (const other of Object.values(FORMATS)) {
      if (other.name !== format) expect(other.detect({ path: file, head }), other.name).toBe(0);
    }
  });

  it.each(fixtures)('parses $file', ({ file, records, rejects }) => {
    const result = parseInput(read(file), file);
    expect(result?.format).toBe(format);
    expect(result!.records).toEqual(records);
    expect(result!.rejects.map((r) => r.line)).toEqual(rejects.map((r) => r.line));
    result!.rejects.forEach((r, i) => {
      expect(r.reason).toMatch(rejects[i].reason);
      expect(r.excerpt ?? '').not.toMatch(/\r/);
    });
  });
});

describe('detection of text that is no listing', () => {
  const CASES: [string, string][] = [
    ['plain English', 'It was the best of times, it was the worst of times.\n\nThe committee met on May 23, 2024 to discuss the budget.\n'],
    ['empty', ''],
    ['a single arXiv line without Created', 'See arXiv:2310.14189 for details.\narXiv:2310.14189\n'],
    ['one quoted abstract in prose', 'Notes from the meeting.\nWe read three papers.\nAbstract: a short quote.\nThen we left.\n'],
  ];
  it.each(CASES)('%s is claimed by no format', (_name, text) => {
    for (const format of Object.values(FORMATS)) expect(format.detect({ path: 'x.txt', head: text }), format.name).toBe(0);
    expect(detectFormat({ path: 'x.txt', head: text })).toBeNull();
    expect(parseInput(text, 'x.txt')).toBeNull();
  });
});

/* ------------------------------------------------------------------------ the seeds -- */

function seed(prefix: string): string {
  const name = readdirSync(SAMPLES).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix}_… missing from ${SAMPLES}`);
  return join(SAMPLES, name);
}

const SEEDS: { prefix: string; format: string; records: number }[] = [
  { prefix: '000', format: AL, records: 10 },
  { prefix: '001', format: HF, records: 38 },
  { prefix: '002', format: HF, records: 49 },
  { prefix: '003', format: AP, records: 22 },
  { prefix: '004', format: AB, records: 9 },
];

describe.each(SEEDS)('seed $prefix', ({ prefix, format, records }) => {
  const path = seed(prefix);
  const text = read(path);

  it(`is detected as ${format} and by no other format`, () => {
    expect(detectFormat({ path, head: text })?.name).toBe(format);
    for (const other of Object.values(FORMATS)) {
      if (other.name !== format) expect(other.detect({ path, head: text }), other.name).toBe(0);
    }
  });

  it(`parses into ${records} records with no rejects and full provenance`, () => {
    const result = parseInput(text, path)!;
    expect(result.records).toHaveLength(records);
    expect(result.rejects).toEqual([]);
    const lines = text.split('\n');
    for (const r of result.records) {
      expect(r.source.path).toBe(path);
      expect(r.source.format).toBe(format);
      // The record starts on a non-blank line of the file.
      expect(lines[r.source.line - 1]?.trim()).not.toBe('');
    }
    const starts = result.records.map((r) => r.source.line);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
});

describe('seed 000 (arxiv-listing) field by field', () => {
  const path = seed('000');
  const result = parseInput(read(path), path)!;
  // [record line, arXiv id, DOI, Created, comment line, venue]
  const ROWS: [number, string, string | null, string, string | null, string | null][] = [
    [1, '2310.14189', null, '2023-10-22', null, null],
    [6, '2310.06396', null, '2023-10-10', 'Accepted by Advances in Neural Information Processing Systems (NeurIPS), New Orleans, USA, Dec. 2023, spotlight', 'NeurIPS 2023'],
    [13, '2309.13375', null, '2023-09-23', '8 main pages, 3 pages for appendix', null],
    [20, '2309.09346', null, '2023-09-17', "RO-MAN'23, 32nd IEEE International Conference on Robot and Human Interactive Communication (RO-MAN), August 2023, Busan, South Korea", 'RO-MAN 2023'],
    [27, '2308.13249', '10.1145/3583780.3615482', '2023-08-25', "Accepted by CIKM'23", 'CIKM 2023'],
    [34, '2308.13007', null, '2023-08-24', '5 pages, 3 figures. Accepted by Interspeech 2023, Oral', 'Interspeech 2023'],
    [41, '2308.09395', null, '2023-08-18', 'accepted by cikm 2023', 'CIKM 2023'],
    [48, '2308.04086', '10.1145/3604915.3608814', '2023-08-08', "Accepted by RecSys'23", 'RecSys 2023'],
    [55, '2308.00535', '10.1145/3580305.3599370', '2023-08-01', 'KDD 2023', 'KDD 2023'],
    [62, '2307.10747', null, '2023-07-20', '13 pages, 6 figures, 3 tables', null],
  ];

  it.each(ROWS.map((row, i) => [i, ...row] as const))('record %i: line %i, arXiv:%s', (i, line, arxiv, doi, date, comment, venue) => {
    const r = result.records[i];
    expect(r.source.line).toBe(line);
    expect(r.ids).toEqual(doi ? { arxiv, doi } : { arxiv });
    expect(r.date).toBe(date);
    expect(r.comments).toEqual(comment ? [comment] : []);
    expect(r.venue).toBe(venue);
    expect(r.title).toBeNull();
    // The abstract is the paragraph on the record's first line, never the comment.
    expect(r.abstract!.length).toBeGreaterThan(500);
    expect(r.abstract).not.toContain('arXiv:');
  });

  it('gives CIKM 2023 to both spellings and exactly the seven stated venues', () => {
    expect(result.records.map((r) => r.venue).filter((v) => v !== null)).toEqual([
      'NeurIPS 2023',
      'RO-MAN 2023',
      'CIKM 2023',
      'Interspeech 2023',
      'CIKM 2023',
      'RecSys 2023',
      'KDD 2023',
    ]);
  });
});

describe('seed 001 (hf-page without metadata)', () => {
  const path = seed('001');
  const result = parseInput(read(path), path)!;

  it('reads 38 title + abstract pairs, title lines every fourth line from line 13', () => {
    expect(result.records.map((r) => r.source.line)).toEqual(Array.from({ length: 38 }, (_, i) => 13 + 4 * i));
    expect(result.records[0].title).toBe('Unsupervised Learning under Latent Label Shift');
    expect(result.records[0].abstract).toMatch(/^What sorts of structure might enable a learner/);
    expect(result.records[37].title).toBe('Deep Clustering via Joint Convolutional Autoencoder Embedding and Relative Entropy Minimization');
    expect(result.records[37].abstract).toMatch(/no labeled data is available for hyper-parameter tuning\.$/);
  });

  it('keeps page chrome and the listing date out of the records', () => {
    const titles = result.records.map((r) => r.title);
    for (const chrome of ['new', 'Subscribe', 'Daily Papers', 'byAK and the research community', 'Aug 6']) expect(titles).not.toContain(chrome);
  });

  it('states no metadata: null upvotes, author counts and dates; GitHub links stay in abstracts', () => {
    for (const r of result.records) {
      expect(r.upvotes).toBeNull();
      expect(r.authorCount).toBeNull();
      expect(r.date).toBeNull();
      expect(r.authorsTruncated).toBe(false);
      expect(r.codeUrls).toEqual([]);
    }
    const fastRp = result.records.find((r) => r.title === 'Fast and Accurate Network Embeddings via Very Sparse Random Projection')!;
    expect(fastRp.abstract).toContain('github.com/GTmac/FastRP');
  });
});

describe('seed 002 (hf-page with metadata)', () => {
  const path = seed('002');
  const result = parseInput(read(path), path)!;
  // [title line, author count | org, ISO date, upvotes] read off the file.
  const ROWS: [number, number | string | null, string | null, number | null][] = [
    [13, 9, '2024-05-23', 0], [21, 3, '2023-08-21', 0], [29, 2, '2024-12-04', 0], [37, 4, '2025-02-02', 0],
    [45, 17, '2023-08-07', 0], [53, 3, '2023-11-27', 0], [61, 2, '2025-02-14', 2], [69, 7, '2023-10-16', 0],
    [77, 3, '2025-05-28', 0], [85, 4, '2018-02-15', 0], [93, 3, '2022-04-30', 0], [101, 5, '2024-02-22', 0],
    [109, 4, '2024-11-30', 0], [117, 3, '2025-04-01', 0], [125, 4, '2025-03-31', 0], [133, 5, '2025-03-11', 0],
    [141, 4, '2025-01-21', 0], [149, 8, '2025-08-21', 0], [157, 7, '2024-01-30', 0], [165, 5, '2019-05-19', 0],
    [173, 4, '2023-12-28', 0], [181, 5, '2022-08-09', 0], [189, 9, '2023-11-01', 1], [197, 2, '2020-06-28', 0],
    [205, 7, '2025-04-01', 0], [213, 4, '2023-02-16', 0], [221, 5, '2025-01-11', 0], [229, 9, '2025-04-21', 0],
    [237, 5, '2019-09-08', 0], [245, 6, '2023-05-31', 0], [253, 4, '2025-07-31', 2], [261, 7, '2022-12-08', 0],
    [269, 3, '2020-06-08', 0], [277, 3, '2025-10-29', 0], [285, 7, '2021-11-03', 0], [293, 15, '2024-12-11', 0],
    [301, 6, '2022-05-12', 0], [309, null, null, null], [313, 5, '2023-05-04', 0], [321, 8, '2023-12-19', 0],
    [329, 7, '2022-07-14', 0], [337, 7, '2024-10-14', 0], [345, 3, '2021-04-30', 0], [353, 10, '2025-06-12', 3],
    [361, 8, '2025-05-27', 0], [369, 'Netflix', '2025-10-22', 2], [377, 9, '2025-08-25', 2], [385, 3, '2024-01-28', 0],
    [393, 3, '2020-07-17', 0],
  ];

  it('has one record per row, at the listed title lines', () => {
    expect(result.records.map((r) => r.source.line)).toEqual(ROWS.map((row) => row[0]));
  });

  it.each(ROWS)('title on line %i: authors/org %s, date %s, upvotes %s', (line, who, date, upvotes) => {
    const r = result.records.find((x) => x.source.line === line)!;
    expect(r).toBeDefined();
    expect(r.authors).toEqual([]);
    expect(r.date).toBe(date);
    expect(r.upvotes).toBe(upvotes);
    if (typeof who === 'number') {
      expect(r.authorCount).toBe(who);
      expect(r.authorsTruncated).toBe(true);
      expect(r.orgs).toEqual([]);
    } else if (typeof who === 'string') {
      expect(r.authorCount).toBeNull();
      expect(r.orgs).toEqual([who]);
    } else {
      expect(r.authorCount).toBeNull();
      expect(r.authorsTruncated).toBe(false);
      expect(r.orgs).toEqual([]);
    }
  });

  it('keeps titles and abstracts apart around the entry with no metadata', () => {
    const bare = result.records.find((r) => r.source.line === 309)!;
    expect(bare.title).toBe('Reinforce Lifelong Interaction Value of User-Author Pairs for Large-Scale Recommendation Systems');
    expect(bare.abstract).toMatch(/^Recommendation systems \(RS\) help users find/);
    const next = result.records.find((r) => r.source.line === 313)!;
    expect(next.title).toBe('Disentangled Contrastive Collaborative Filtering');
    const llmRec = result.records.find((r) => r.source.line === 189)!;
    expect(llmRec.title).toBe('LLMRec: Large Language Models with Graph Augmentation for Recommendation');
    expect(llmRec.abstract).toContain('https://github.com/HKUDS/LLMRec.git');
    expect(llmRec.codeUrls).toEqual([]);
  });
});

describe('seed 003 (author-profile) title/author splits', () => {
  const path = seed('003');
  const result = parseInput(read(path), path)!;
  const P = 'Fajie Yuan';
  // [line, category, date ISO or text, Code flag, title, authors, et al., orgs] — read off the file.
  const ROWS: [number, string, string, boolean, string, string[], boolean, string[]][] = [
    [1, 'QM', '2022-06-14', true, 'Exploring evolution-aware & -free protein language models as protein function predictors', ['Mingyang Hu', P, 'Kevin K. Yang'], true, ['microsoft-research']],
    [4, 'CL', 'Jan 26', false, 'U-Fold: Dynamic Intent-Aware Context Folding for User-Centric Agents', ['Jin Su', 'Runnan Fang', 'Yeqiu Li'], true, []],
    [7, 'CV', '2025-03-18', true, 'LeanVAE: An Ultra-Efficient Reconstruction VAE for Video Diffusion Models', ['Yu Cheng', P], false, []],
    [10, 'LG', '2024-04-16', true, 'Offline Trajectory Optimization for Offline Reinforcement Learning', ['Ziqi Zhao', 'Zhaochun Ren', 'Liu Yang'], true, []],
    [13, 'CL', '2021-07-17', true, 'Continual Learning for Task-oriented Dialogue System with Iterative Network Pruning, Expanding and Masking', ['Binzong Geng', P, 'Qiancheng Xu'], true, []],
    [16, 'CL', '2021-06-21', true, 'Iterative Network Pruning with Uncertainty Regularization for Lifelong Sentiment Classification', ['Binzong Geng', 'Min Yang', P], true, []],
    [19, 'IR', '2020-12-14', true, 'StackRec: Efficient Training of Very Deep Sequential Recommender Models by Iterative Stacking', ['Jiachun Wang', P, 'Jian Chen'], true, []],
    [22, 'IR', '2020-01-13', true, 'Parameter-Efficient Transfer from Sequential Behaviors for User Modeling and Recommendation', [P, 'Xiangnan He', 'Alexandros Karatzoglou'], true, []],
    [25, 'IR', '2018-09-19', true, 'Adversarial Training Towards Robust Multimedia Recommender System', ['Jinhui Tang', 'Xiaoyu Du', 'Xiangnan He'], true, []],
    [28, 'IR', '2024-03-28', false, 'Breaking the Length Barrier: LLM-Enhanced CTR Prediction in Long Textual User Behaviors', ['Binzong Geng', 'Zhaoxin Huan', 'Xiaolu Zhang'], true, []],
    [31, 'CV', '2025-05-21', false, 'VARD: Efficient and Dense Fine-Tuning for Diffusion Models with Value-based RL', ['Fengyuan Dai', 'Zifeng Zhuang', 'Yufei Huang'], true, []],
    [34, 'IR', '2021-10-31', false, 'Enhancing Top-N Item Recommendations by Peer Collaboration', ['Yang Sun', P, 'Min Yang'], true, []],
    [37, 'IR', '2021-07-15', false, 'Scene-adaptive Knowledge Distillation for Sequential Recommendation via Differentiable Architecture Search', ['Lei Chen', P, 'Jiaxi Yang'], true, []],
    [40, 'IR', '2021-06-15', false, 'User-specific Adaptive Fine-tuning for Cross-domain Recommendations', ['Lei Chen', P, 'Jiaxi Yang'], true, []],
    [43, 'IR', '2020-09-29', false, 'One Person, One Model, One World: Learning Continual User Representation without Forgetting', [P, 'Guoxiao Zhang', 'Alexandros Karatzoglou'], true, []],
    [46, 'IR', '2020-04-28', false, 'CmnRec: Sequential Recommendations with Chunk-accelerated Memory Network', ['Shilin Qu', P, 'Guibing Guo'], true, []],
    [49, 'IR', '2020-04-21', false, 'A Generic Network Compression Framework for Sequential Recommender Systems', ['Yang Sun', P, 'Min Yang'], true, []],
    [52, 'IR', '2019-06-26', false, 'Modeling Embedding Dimension Correlations via Convolutional Neural Collaborative Filtering', ['Xiaoyu Du', 'Xiangnan He', P], true, []],
    [55, 'IR', '2019-06-11', false, 'Future Data Helps Training: Modeling Future Contexts for Session-based Recommendation', [P, 'Xiangnan He', 'Haochuan Jiang'], true, []],
    [58, 'IR', '2018-08-15', false, 'A Simple Convolutional Generative Network for Next Item Recommendation', [P, 'Alexandros Karatzoglou', 'Ioannis Arapakis'], true, []],
    [61, 'CV', '2018-01-05', false, 'VSE-ens: Visual-Semantic Embeddings with Efficient Negative Sampling', ['Guibing Guo', 'Songlin Zhai', P], true, []],
    [64, 'LG', '2017-10-26', false, 'Improving Negative Sampling for Word Representation using Self-embedded Features', ['Long Chen', P, 'Joemon M. Jose'], true, []],
  ];

  it('has one record per row, at the listed category/date lines', () => {
    expect(result.records.map((r) => r.source.line)).toEqual(ROWS.map((row) => row[0]));
  });

  it.each(ROWS)('line %i (%s, %s, Code %s): %s', (line, category, date, hasCode, title, authors, truncated, orgs) => {
    const r = result.records.find((x) => x.source.line === line)!;
    expect(r.title).toBe(title);
    expect(r.authors).toEqual(authors);
    expect(r.authorsTruncated).toBe(truncated);
    expect(r.orgs).toEqual(orgs);
    expect(r.categories).toEqual([category]);
    expect(r.hasCode).toBe(hasCode);
    if (/^\d{4}-/.test(date)) {
      expect(r.date).toBe(date);
      expect(r.dateText).toBeNull();
    } else {
      // No year on the page: none is invented.
      expect(r.date).toBeNull();
      expect(r.dateText).toBe(date);
    }
    expect(r.abstract!.length).toBeGreaterThan(500);
  });
});

describe('seed 004 (abstract-lines)', () => {
  const path = seed('004');
  const text = read(path);
  const result = parseInput(text, path)!;

  it('reads 9 records from 8 newline characters (the last line has none)', () => {
    expect(text.split('\n').length - 1).toBe(8);
    expect(result.records.map((r) => r.source.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('strips the "Abstract:" prefix and invents no title', () => {
    expect(result.records[0].abstract).toMatch(/^Recent advances in foundation models have established scaling laws/);
    expect(result.records[8].abstract).toMatch(/^We present a syntax-infused variational autoencoder \(SIVAE\)/);
    expect(result.records[8].abstract).toMatch(/tree templates\.$/);
    for (const r of result.records) {
      expect(r.title).toBeNull();
      expect(r.abstract).not.toMatch(/^Abstract/);
    }
  });
});
