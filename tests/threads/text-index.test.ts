/** The tf-idf inverted index: exact cosines and exact all-pairs top-k against brute force, top-k order, tokenising. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allNeighbours, buildTextIndex, TopK, type Neighbour, type TextDocument, type TextIndex } from '../../src/threads/text-index.js';
import { parseInput } from '../../src/ingest/index.js';
import { terms } from '../../src/threads/tokenize.js';
import { phrases } from '../../src/threads/phrases.js';
import { mulberry32 } from '../../src/threads/rng.js';

const DOCS = [
  { id: 'a', title: 'Consistency models for one-step generation', abstract: 'Consistency models sample high quality images in one step, distilled from diffusion models.' },
  { id: 'b', title: 'Improved consistency training', abstract: 'We train consistency models directly from data without distillation from diffusion.' },
  { id: 'c', title: 'CTR prediction with user interests', abstract: 'Click-through rate (CTR) prediction models user interests for recommendation.' },
  { id: 'd', title: 'Long user behaviour sequences for CTR prediction', abstract: 'Modeling long user behaviour sequences improves CTR prediction in recommender systems.' },
  { id: 'e', title: 'Influence functions for data valuation', abstract: 'Influence functions estimate how training examples affect predictions.' },
  { id: 'f', title: null, abstract: null },
];

function bruteCosine(index: ReturnType<typeof buildTextIndex>, a: number, b: number): number {
  const va = index.vector(a);
  const vb = index.vector(b);
  const m = new Map<number, number>();
  va.terms.forEach((t, i) => m.set(t, va.weights[i]));
  let dot = 0;
  vb.terms.forEach((t, i) => (dot += (m.get(t) ?? 0) * vb.weights[i]));
  return dot;
}

describe('text index', () => {
  const index = buildTextIndex(DOCS);

  it('tokenises with stems and stop words removed', () => {
    expect(terms('The Consistency Models are sampling')).toEqual(['consist', 'sampl']);
    expect(terms('CIFAR-10 and t-SNE')).toEqual(['cifar', 'sne']);
  });

  it('offers bigram and trigram phrases that never cross punctuation', () => {
    const keys = phrases('Graph Neural Networks (GNNs) help. Consistency models').map((p) => p.surface);
    expect(keys).toContain('graph neural networks'); // capitalised words shown lower-case
    expect(keys).toContain('consistency models');
    expect(phrases('CTR prediction').map((p) => p.surface)).toContain('CTR prediction'); // acronyms kept
    expect(keys).not.toContain('networks GNNs');
    expect(keys).not.toContain('help consistency');
  });

  it('computes exact cosines by accumulating over postings', () => {
    for (let a = 0; a < DOCS.length; a++) {
      const seen = new Map<number, number>();
      index.scores(index.vector(a), (doc, s) => seen.set(doc, s));
      for (let b = 0; b < DOCS.length; b++) {
        const expected = bruteCosine(index, a, b);
        expect(seen.get(b) ?? 0).toBeCloseTo(expected, 5);
        expect(index.cosine(a, b)).toBeCloseTo(expected, 5);
      }
      if (index.vector(a).terms.length) expect(index.cosine(a, a)).toBeCloseTo(1, 5);
    }
  });

  it('returns top-k neighbours best first, never the document itself', () => {
    const n = index.neighbours(0, 3);
    expect(n[0].doc).toBe(1);
    expect(n.every((x) => x.doc !== 0)).toBe(true);
    expect(index.ids[index.neighbours(2, 1)[0].doc]).toBe('d');
    expect(index.neighbours(5, 3)).toEqual([]); // no text, no neighbours
    const all = allNeighbours(index, 2);
    expect(all).toHaveLength(DOCS.length);
  });

  it('scores a pasted text that is not in the index', () => {
    const top = index.query(index.vectorize('predicting click-through rate (CTR) from user behaviour'), 2);
    expect(top.map((x) => index.ids[x.doc]).sort()).toEqual(['c', 'd']);
  });

  it('drops terms only above maxDf; the pair budget never shrinks the vocabulary', () => {
    // "shared" in 40 % of documents, "common" in 60 %, "rare" in 2.
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, title: `${i < 30 ? 'common' : ''} ${i % 5 < 2 ? 'shared' : ''} ${i < 2 ? 'rare' : ''} word${i}`, abstract: null }));
    const plain = buildTextIndex(many, { maxDf: 0.5 });
    expect(plain.vocabulary.has('common')).toBe(false); // 60 % > maxDf 50 %
    expect(plain.vocabulary.has('share')).toBe(true);
    const tight = buildTextIndex(many, { pairBudget: 1 });
    for (const term of ['common', 'share', 'rare', 'word7']) expect(tight.vocabulary.has(term)).toBe(true);
    expect(tight.vocabulary.size).toBe(buildTextIndex(many).vocabulary.size);
    expect(() => buildTextIndex(many, { maxDf: 0 })).toThrow(/maxDf/);
    expect(() => buildTextIndex(many, { pairBudget: 0 })).toThrow(/pairBudget/);
    expect(() => allNeighbours(tight, 3, 0, -1)).toThrow(/pairBudget/);
  });

  it('TopK keeps the k best with deterministic ties', () => {
    const rng = mulberry32(7);
    const values = Array.from({ length: 200 }, () => Math.round(rng() * 20) / 20);
    const top = new TopK(10);
    values.forEach((v, i) => top.push(i, v));
    const expected = values.map((v, i) => ({ doc: i, score: v })).sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, 10);
    expect(top.sorted()).toEqual(expected);
  });
});

/** Every document's top k by brute force: cosine with every other document, > minScore, best first, ties by number. */
function bruteTopK(index: TextIndex, k: number, minScore: number): Neighbour[][] {
  return Array.from({ length: index.size }, (_, a) => {
    const all: Neighbour[] = [];
    for (let b = 0; b < index.size; b++) {
      const score = index.cosine(a, b);
      if (b !== a && score > minScore) all.push({ doc: b, score });
    }
    return all.sort((x, y) => y.score - x.score || x.doc - y.doc).slice(0, k);
  });
}

/**
 * Synthetic abstracts: Zipfian words over topics, with exact duplicates (ties), empty documents,
 * documents made only of the commonest words, and near-empty ones.
 */
function syntheticDocs(n: number, seed: number): TextDocument[] {
  const rng = mulberry32(seed);
  const vocab = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`);
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rng() * Math.log(vocab.length))) - 1)];
  const topics = Array.from({ length: 12 }, () => Array.from({ length: 15 }, () => vocab[Math.floor(rng() * vocab.length)]));
  const docs: TextDocument[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 23;
    let abstract: string | null;
    if (kind === 0) abstract = null; // empty
    else if (kind === 1) abstract = Array.from({ length: 6 }, () => vocab[Math.floor(rng() * 3)]).join(' '); // commonest words only
    else if (kind === 2 && i > 5) abstract = docs[i - 5].abstract ?? null; // duplicate of an ordinary one: equal scores
    else if (kind === 3) abstract = zipf(); // one word
    else {
      const topic = topics[Math.floor(rng() * topics.length)];
      abstract = Array.from({ length: 10 + Math.floor(rng() * 60) }, () => (rng() < 0.4 ? topic[Math.floor(rng() * topic.length)] : zipf())).join(' ');
    }
    docs.push({ id: `s${i}`, title: null, abstract });
  }
  return docs;
}

/** The bundled seed listings, through the real parsers. */
function seedDocs(): TextDocument[] {
  const dir = join(import.meta.dirname, '..', '..', 'graph-data', 'samples');
  const docs: TextDocument[] = [];
  for (const file of readdirSync(dir).sort()) {
    const parsed = parseInput(readFileSync(join(dir, file), 'utf8'), join(dir, file));
    for (const r of parsed?.records ?? []) docs.push({ id: `${file}:${docs.length}`, title: r.title, abstract: r.abstract });
  }
  return docs;
}

describe('allNeighbours (exact all-pairs top-k)', () => {
  const synthetic = buildTextIndex(syntheticDocs(300, 3));

  it('equals brute-force cosine on synthetic documents, for every work bound, k and minScore', () => {
    for (const [k, minScore] of [[10, 0], [5, 0.2], [1, 0]] as const) {
      const expected = bruteTopK(synthetic, k, minScore);
      expect(expected.some((l) => l.length === k)).toBe(true);
      // pairBudget 1: (almost) every term is screened by bounds; 1e9: every term accumulated.
      for (const pairBudget of [1, 40, 5000, 1e9]) expect(allNeighbours(synthetic, k, minScore, pairBudget)).toEqual(expected);
    }
  });

  it('breaks ties by document number and keeps duplicates, empty and common-only documents right', () => {
    const all = allNeighbours(synthetic, 10, 0, 40);
    // document 25 (kind 2) repeats document 20's text: each is the other's best match at cosine 1
    expect(synthetic.cosine(20, 25)).toBeCloseTo(1, 6);
    expect(all[20][0].doc).toBe(25);
    expect(all[25][0].doc).toBe(20);
    expect(all[0]).toEqual([]); // empty document
    expect(all.every((l, d) => l.every((x) => x.doc !== d))).toBe(true);
    // documents of only the commonest words still find each other (common-only candidates)
    expect(all[24].length).toBeGreaterThan(0);
    expect(all[24][0].score).toBeGreaterThan(0.5);
    const tied = all.flatMap((l) => l.slice(1).filter((x, i) => x.score === l[i].score));
    expect(tied.length).toBeGreaterThan(0); // the fixture does contain equal scores
  });

  it('handles k larger than the corpus and k = 0', () => {
    const small = buildTextIndex(syntheticDocs(40, 9));
    expect(allNeighbours(small, 100, 0, 1)).toEqual(bruteTopK(small, 100, 0));
    expect(allNeighbours(small, 0).every((l) => l.length === 0)).toBe(true);
  });

  it('equals brute force on the seed listings and agrees with single queries', () => {
    const seeds = buildTextIndex(seedDocs());
    expect(seeds.size).toBeGreaterThan(100);
    const expected = bruteTopK(seeds, 10, 0.1);
    expect(allNeighbours(seeds, 10, 0.1, 5)).toEqual(expected);
    expect(allNeighbours(seeds, 10, 0.1)).toEqual(expected);
    for (let d = 0; d < seeds.size; d += 7) expect(seeds.neighbours(d, 10, 0.1)).toEqual(expected[d]);
  });

  it('is deterministic', () => {
    expect(allNeighbours(synthetic, 7, 0.05, 40)).toEqual(allNeighbours(synthetic, 7, 0.05, 40));
  });
});

describe('mulberry32', () => {
  it('is a pure function of its seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});
