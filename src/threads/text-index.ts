/**
 * text-index — tf-idf vectors and an inverted index over titles + abstracts
 * =========================================================================
 *
 * natural's `TfIdf` rescans every document per query (about 0.3 s at 100k abstracts, DESIGN.md),
 * so litgraph keeps its own index: each document is a sparse, L2-normalised tf-idf vector
 * (sublinear tf `1 + ln tf`, smoothed idf `ln((1 + N) / (1 + df)) + 1`), stored in flat typed
 * arrays, and every term has a postings list of (document, weight). The cosine of a query with
 * every document is accumulated over the query's postings only, which is exact for the indexed
 * vocabulary and touches only documents that share a term with the query.
 *
 * Pruning (documented, `TextIndexOptions`): the most common terms are dropped from the vocabulary
 * altogether, as scikit-learn's `max_df` does: every term in more than `maxDf` of the documents
 * (default 100 %: none by this rule), then, most common first, as many as it takes to bring the cost of the all-pairs
 * neighbour pass — Σ df² postings, a term in d documents costing d² — under `pairBudget` × N
 * (default 5,000 per document). Common terms carry little idf yet dominate that cost; small
 * corpora lose nothing to the budget (the seeds keep "recommendation", shared by a third of
 * them), and at 100k abstracts the cut falls around 1 % document frequency. Cosines are exact
 * over the kept vocabulary. Terms seen in only one
 * document are kept in the vectors (they lower the norm, as they should) but cost nothing.
 */
import { terms, wordTerms, words } from './tokenize.js';

export interface TextIndexOptions {
  /** Drop terms that occur in more than this fraction of documents (0–1]. */
  maxDf: number;
  /**
   * Cost cap of the all-pairs neighbour pass, in postings visited per document: the most common
   * terms are dropped, most common first, until Σ df² ≤ pairBudget × N.
   */
  pairBudget: number;
  /** The title counts this many times (titles are short and on-topic). */
  titleWeight: number;
}

export const DEFAULT_TEXT_INDEX_OPTIONS: TextIndexOptions = { maxDf: 1, pairBudget: 5000, titleWeight: 2 };

export function resolveTextIndexOptions(options: Partial<TextIndexOptions> = {}): TextIndexOptions {
  const o = { ...DEFAULT_TEXT_INDEX_OPTIONS, ...options };
  if (!(o.maxDf > 0 && o.maxDf <= 1)) throw new RangeError(`text index: maxDf must be in (0, 1], got ${o.maxDf}`);
  if (!(o.pairBudget > 0)) throw new RangeError(`text index: pairBudget must be > 0, got ${o.pairBudget}`);
  if (!(o.titleWeight >= 0)) throw new RangeError(`text index: titleWeight must be ≥ 0, got ${o.titleWeight}`);
  return o;
}

export interface TextDocument {
  id: string;
  title?: string | null;
  abstract?: string | null;
}

/** A sparse vector: parallel arrays of term numbers and weights. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

export interface Neighbour {
  doc: number;
  score: number;
}

/** The index: documents are numbered in input order; `ids[n]` is document n's id. */
export class TextIndex {
  readonly ids: string[];
  readonly docNumber = new Map<string, number>();
  /** term string → term number (kept vocabulary only). */
  readonly vocabulary: Map<string, number>;
  readonly idf: Float32Array;
  readonly df: Int32Array;
  // Document vectors in CSR form.
  private readonly docStart: Int32Array;
  private readonly docTerms: Int32Array;
  private readonly docWeights: Float32Array;
  // Postings in CSR form.
  private readonly postStart: Int32Array;
  private readonly postDocs: Int32Array;
  private readonly postWeights: Float32Array;
  private readonly acc: Float32Array;
  private readonly seen: Uint8Array;

  constructor(parts: {
    ids: string[];
    vocabulary: Map<string, number>;
    idf: Float32Array;
    df: Int32Array;
    docStart: Int32Array;
    docTerms: Int32Array;
    docWeights: Float32Array;
  }) {
    this.ids = parts.ids;
    parts.ids.forEach((id, i) => this.docNumber.set(id, i));
    this.vocabulary = parts.vocabulary;
    this.idf = parts.idf;
    this.df = parts.df;
    this.docStart = parts.docStart;
    this.docTerms = parts.docTerms;
    this.docWeights = parts.docWeights;
    // Postings: count, prefix-sum, fill (documents in increasing order per term).
    const nTerms = parts.idf.length;
    const postStart = new Int32Array(nTerms + 1);
    for (let i = 0; i < parts.docTerms.length; i++) postStart[parts.docTerms[i] + 1]++;
    for (let t = 0; t < nTerms; t++) postStart[t + 1] += postStart[t];
    const fill = postStart.slice(0, nTerms);
    const postDocs = new Int32Array(parts.docTerms.length);
    const postWeights = new Float32Array(parts.docTerms.length);
    for (let d = 0; d < parts.ids.length; d++) {
      for (let i = parts.docStart[d]; i < parts.docStart[d + 1]; i++) {
        const t = parts.docTerms[i];
        postDocs[fill[t]] = d;
        postWeights[fill[t]] = parts.docWeights[i];
        fill[t]++;
      }
    }
    this.postStart = postStart;
    this.postDocs = postDocs;
    this.postWeights = postWeights;
    this.acc = new Float32Array(parts.ids.length);
    this.seen = new Uint8Array(parts.ids.length);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Document n's vector. */
  vector(doc: number): SparseVector {
    return { terms: this.docTerms.subarray(this.docStart[doc], this.docStart[doc + 1]), weights: this.docWeights.subarray(this.docStart[doc], this.docStart[doc + 1]) };
  }

  /** The tf-idf vector of a text that is not in the index (terms outside the vocabulary ignored). */
  vectorize(text: string): SparseVector {
    return weigh(countTerms(terms(text), this.vocabulary), this.idf);
  }

  /** The stems of a vector's heaviest terms (for explanations). */
  topTerms(vector: SparseVector, n: number): string[] {
    const names = this.termNames();
    return [...vector.terms.keys()]
      .sort((a, b) => vector.weights[b] - vector.weights[a])
      .slice(0, n)
      .map((i) => names[vector.terms[i]]);
  }

  private names: string[] | null = null;
  termNames(): string[] {
    if (!this.names) {
      this.names = new Array<string>(this.vocabulary.size);
      for (const [term, n] of this.vocabulary) this.names[n] = term;
    }
    return this.names;
  }

  /** Cosine of two documents. */
  cosine(a: number, b: number): number {
    let i = this.docStart[a];
    let j = this.docStart[b];
    const ie = this.docStart[a + 1];
    const je = this.docStart[b + 1];
    let dot = 0;
    while (i < ie && j < je) {
      const ta = this.docTerms[i];
      const tb = this.docTerms[j];
      if (ta === tb) dot += this.docWeights[i++] * this.docWeights[j++];
      else if (ta < tb) i++;
      else j++;
    }
    return dot;
  }

  /**
   * Every document's cosine with `query`, accumulated over postings; calls `visit(doc, score)`
   * for each document sharing a term with the query (score > 0), in increasing document order.
   */
  scores(query: SparseVector, visit: (doc: number, score: number) => void): void {
    const touched = this.accumulate(query);
    touched.sort((a, b) => a - b);
    for (const d of touched) {
      visit(d, this.acc[d]);
      this.acc[d] = 0;
      this.seen[d] = 0;
    }
  }

  /** Adds the query's dot product into `acc` for every document it touches; returns those documents. */
  private accumulate(query: SparseVector): number[] {
    const { acc, seen, postStart, postDocs, postWeights } = this;
    const touched: number[] = [];
    for (let q = 0; q < query.terms.length; q++) {
      const t = query.terms[q];
      const w = query.weights[q];
      const end = postStart[t + 1];
      for (let p = postStart[t]; p < end; p++) {
        const d = postDocs[p];
        if (!seen[d]) {
          seen[d] = 1;
          touched.push(d);
        }
        acc[d] += w * postWeights[p];
      }
    }
    return touched;
  }

  /** The k documents most similar to `query` (cosine > minScore), best first, ties by document number. */
  query(query: SparseVector, k: number, options: { exclude?: number; minScore?: number } = {}): Neighbour[] {
    const top = new TopK(k);
    const min = options.minScore ?? 0;
    const exclude = options.exclude ?? -1;
    // TopK breaks ties by document number, so the touched documents need no sorting.
    const touched = this.accumulate(query);
    for (const d of touched) {
      const score = this.acc[d];
      if (d !== exclude && score > min) top.push(d, score);
      this.acc[d] = 0;
      this.seen[d] = 0;
    }
    return top.sorted();
  }

  /** Top-k neighbours of document `doc` (never itself). */
  neighbours(doc: number, k: number, minScore = 0): Neighbour[] {
    return this.query(this.vector(doc), k, { exclude: doc, minScore });
  }
}

/** A bounded min-heap keeping the k best (score, then lower doc number on ties). */
export class TopK {
  private readonly docs: number[] = [];
  private readonly vals: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    return this.vals[i] < this.vals[j] || (this.vals[i] === this.vals[j] && this.docs[i] > this.docs[j]);
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.vals[i], this.vals[j]] = [this.vals[j], this.vals[i]];
  }

  push(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.vals.push(score);
      let i = this.docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score < this.vals[0] || (score === this.vals[0] && doc > this.docs[0])) return;
    this.docs[0] = doc;
    this.vals[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.docs.length && this.worse(l, m)) m = l;
      if (r < this.docs.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): Neighbour[] {
    return this.docs.map((doc, i) => ({ doc, score: this.vals[i] })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

function countTerms(list: string[], vocabulary: Map<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of list) {
    const n = vocabulary.get(t);
    if (n !== undefined) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

function weigh(counts: Map<number, number>, idf: Float32Array): SparseVector {
  const termsSorted = [...counts.keys()].sort((a, b) => a - b);
  const weights = new Float32Array(termsSorted.length);
  let norm = 0;
  termsSorted.forEach((t, i) => {
    const w = (1 + Math.log(counts.get(t)!)) * idf[t];
    weights[i] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] /= norm;
  return { terms: Int32Array.from(termsSorted), weights };
}

/** Builds the index over `docs` (title counted `titleWeight` times, then the abstract). */
export function buildTextIndex(docs: readonly TextDocument[], options: Partial<TextIndexOptions> = {}): TextIndex {
  const o = resolveTextIndexOptions(options);
  const n = docs.length;
  // Pass 1: raw term numbers per document (each surface word resolved once per build), and
  // document frequencies counted with a last-seen mark instead of a set per document.
  const raw = new Map<string, number>();
  const rawDf: number[] = [];
  const lastDoc: number[] = [];
  const wordIds = new Map<string, Int32Array>();
  const idsOf = (word: string): Int32Array => {
    let ids = wordIds.get(word);
    if (!ids) {
      const list = wordTerms(word);
      ids = new Int32Array(list.length);
      for (let i = 0; i < list.length; i++) {
        let id = raw.get(list[i]);
        if (id === undefined) {
          id = raw.size;
          raw.set(list[i], id);
          rawDf.push(0);
          lastDoc.push(-1);
        }
        ids[i] = id;
      }
      wordIds.set(word, ids);
    }
    return ids;
  };
  const docTermLists: Int32Array[] = [];
  const buffer: number[] = [];
  for (let d = 0; d < n; d++) {
    const doc = docs[d];
    buffer.length = 0;
    if (doc.title && o.titleWeight > 0) {
      for (const w of words(doc.title)) for (const id of idsOf(w)) buffer.push(id);
      const end = buffer.length;
      for (let r = 1; r < o.titleWeight; r++) for (let i = 0; i < end; i++) buffer.push(buffer[i]);
    }
    if (doc.abstract) for (const w of words(doc.abstract)) for (const id of idsOf(w)) buffer.push(id);
    for (const id of buffer) {
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        rawDf[id]++;
      }
    }
    docTermLists.push(Int32Array.from(buffer));
  }
  // Most common first: drop while above maxDf or while the all-pairs cost exceeds the budget.
  const byDf = [...raw.entries()].sort((a, b) => rawDf[b[1]] - rawDf[a[1]] || (a[0] < b[0] ? -1 : 1));
  let cost = 0;
  for (const [, id] of byDf) cost += rawDf[id] * rawDf[id];
  let cut = 0;
  const budget = o.pairBudget * Math.max(1, n);
  while (cut < byDf.length && (rawDf[byDf[cut][1]] > o.maxDf * n || cost > budget)) {
    const df = rawDf[byDf[cut][1]];
    if (df <= 1) break; // terms of one document cost nothing
    cost -= df * df;
    cut++;
  }
  // Ties stay together: a term is never dropped while another with the same df is kept.
  while (cut > 0 && cut < byDf.length && rawDf[byDf[cut][1]] === rawDf[byDf[cut - 1][1]]) cut++;
  const kept = byDf.slice(cut).map(([term]) => term).sort();
  const vocabulary = new Map<string, number>();
  const remap = new Int32Array(raw.size).fill(-1);
  kept.forEach((term, i) => {
    vocabulary.set(term, i);
    remap[raw.get(term)!] = i;
  });
  const df = new Int32Array(kept.length);
  for (const [term, i] of vocabulary) df[i] = rawDf[raw.get(term)!];
  const idf = new Float32Array(kept.length);
  for (let t = 0; t < kept.length; t++) idf[t] = Math.log((1 + n) / (1 + df[t])) + 1;
  // Pass 2: weighted, normalised vectors in CSR; term counts in a dense array, reset per document.
  const docStart = new Int32Array(n + 1);
  const termChunks: Int32Array[] = [];
  const weightChunks: Float32Array[] = [];
  const counts = new Int32Array(kept.length);
  let total = 0;
  for (let d = 0; d < n; d++) {
    const list: number[] = [];
    for (const r of docTermLists[d]) {
      const t = remap[r];
      if (t >= 0 && counts[t]++ === 0) list.push(t);
    }
    list.sort((a, b) => a - b);
    const weights = new Float32Array(list.length);
    let norm = 0;
    for (let i = 0; i < list.length; i++) {
      const w = (1 + Math.log(counts[list[i]])) * idf[list[i]];
      weights[i] = w;
      norm += w * w;
      counts[list[i]] = 0;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    termChunks.push(Int32Array.from(list));
    weightChunks.push(weights);
    total += list.length;
    docStart[d + 1] = total;
  }
  const docTerms = new Int32Array(total);
  const docWeights = new Float32Array(total);
  for (let d = 0; d < n; d++) {
    docTerms.set(termChunks[d], docStart[d]);
    docWeights.set(weightChunks[d], docStart[d]);
  }
  return new TextIndex({ ids: docs.map((d) => d.id), vocabulary, idf, df, docStart, docTerms, docWeights });
}

/** Top-k text neighbours of every document: the all-pairs pass behind `similar_to` edges. */
export function allNeighbours(index: TextIndex, k: number, minScore = 0): Neighbour[][] {
  const out: Neighbour[][] = [];
  for (let d = 0; d < index.size; d++) out.push(index.neighbours(d, k, minScore));
  return out;
}
