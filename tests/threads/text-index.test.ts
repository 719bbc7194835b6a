/** The tf-idf inverted index: exact cosines against brute force, top-k order, pruning, tokenising. */
import { describe, expect, it } from 'vitest';
import { allNeighbours, buildTextIndex, TopK } from '../../src/threads/text-index.js';
import { phrases, terms } from '../../src/threads/tokenize.js';
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

  it('prunes the most common terms: above maxDf, then down to the pair budget', () => {
    // "shared" in 40 % of documents, "common" in 60 %, "rare" in 2.
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, title: `${i < 30 ? 'common' : ''} ${i >= 30 || i < 0 ? '' : ''}${i % 5 < 2 ? 'shared' : ''} ${i < 2 ? 'rare' : ''} word${i}`, abstract: null }));
    const plain = buildTextIndex(many, { maxDf: 0.5 });
    expect(plain.vocabulary.has('common')).toBe(false); // 60 % > maxDf 50 %
    expect(buildTextIndex(many).vocabulary.has('common')).toBe(true); // by default only the budget prunes
    expect(plain.vocabulary.has('share')).toBe(true);
    const tight = buildTextIndex(many, { pairBudget: 1 });
    expect(tight.vocabulary.has('share')).toBe(false); // 20² > 1 × 50
    expect(tight.vocabulary.has('rare')).toBe(false);
    expect(tight.vocabulary.has('word7')).toBe(true); // single-document terms cost nothing
    expect(buildTextIndex(many, { pairBudget: 9 }).vocabulary.has('rare')).toBe(true); // 20² + 2² > 450 ≥ 2²
    expect(() => buildTextIndex(many, { maxDf: 0 })).toThrow(/maxDf/);
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
