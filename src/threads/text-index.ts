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
 * Every term is kept (unless `maxDf` < 1 asks to drop the commonest, as scikit-learn's `max_df`
 * does), so norms and cosines are exact. `allNeighbours`, the all-pairs top-k behind `similar_to`
 * edges, is exact too — the same lists and the same scores as brute force — and bounds its work
 * instead of the vocabulary: accumulating over postings costs Σ df² (a term in d documents costs
 * d²), dominated by a few hundred common terms of low idf. Only the rarer terms, up to
 * `pairBudget` × N of that cost, are accumulated (each pair once, by symmetry); the common ones
 * are screened per candidate with Cauchy–Schwarz and l1·l∞ bounds against the k-th best score
 * found so far, and documents sharing only common terms are reached through postings sorted by
 * norm, read only as far as the bound allows (details on `AllPairsSearch`). `pairBudget` changes
 * the speed, never the result.
 */
import { terms, wordTerms, words } from './tokenize.js';

export interface TextIndexOptions {
  /** Drop terms that occur in more than this fraction of documents (0–1]; 1 keeps every term. */
  maxDf: number;
  /**
   * Work bound of the all-pairs pass (`allNeighbours`), in postings per document: the rarest terms
   * are accumulated over their postings while Σ df² ≤ pairBudget × N, the commoner ones screened
   * by bounds. It changes the speed, never the result. 'auto': 0.55 × N (at least 2,000), because
   * document frequencies, and so the cost of a given term, grow with N.
   */
  pairBudget: number | 'auto';
  /** The title counts this many times (titles are short and on-topic). */
  titleWeight: number;
}

// 'auto' (0.55 × N): at 100k resampled papers 40k (0.4 N) beat 20k and 80k; then, alternating in
// one process (2026-12-07, BENCHMARKS.md session 18), 0.55 N against 0.4 N took 0.74× the time at
// 10k papers, 0.79× at 30k, 0.99× at 50k and 0.93× at 100k; 0.7 N was slower than 0.55 N at 30k
// and 50k.
export const DEFAULT_TEXT_INDEX_OPTIONS: TextIndexOptions = { maxDf: 1, pairBudget: 'auto', titleWeight: 2 };

/** The work bound in postings per document for a corpus of n documents. */
export function resolvePairBudget(pairBudget: number | 'auto', n: number): number {
  if (pairBudget === 'auto') return Math.max(2000, 0.55 * n);
  if (!(pairBudget > 0)) throw new RangeError(`text index: pairBudget must be > 0 or 'auto', got ${pairBudget}`);
  return pairBudget;
}

export function resolveTextIndexOptions(options: Partial<TextIndexOptions> = {}): TextIndexOptions {
  const o = { ...DEFAULT_TEXT_INDEX_OPTIONS, ...options };
  if (!(o.maxDf > 0 && o.maxDf <= 1)) throw new RangeError(`text index: maxDf must be in (0, 1], got ${o.maxDf}`);
  resolvePairBudget(o.pairBudget, 1);
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
  /** The all-pairs work bound (TextIndexOptions.pairBudget). */
  readonly pairBudget: number | 'auto';
  // Document vectors in CSR form.
  private readonly docStart: Int32Array;
  private readonly docTerms: Int32Array;
  private readonly docWeights: Float32Array;
  // Postings in CSR form.
  private readonly postStart: Int32Array;
  private readonly postDocs: Int32Array;
  private readonly postWeights: Float32Array;
  // Float64 so that a score accumulated over postings (in increasing term order, like the CSR
  // rows) is bit for bit the `cosine` of the two rows: single queries and the all-pairs pass agree.
  private readonly acc: Float64Array;
  private readonly seen: Uint8Array;

  constructor(parts: {
    ids: string[];
    vocabulary: Map<string, number>;
    idf: Float32Array;
    df: Int32Array;
    docStart: Int32Array;
    docTerms: Int32Array;
    docWeights: Float32Array;
    pairBudget?: number | 'auto';
  }) {
    this.ids = parts.ids;
    parts.ids.forEach((id, i) => this.docNumber.set(id, i));
    this.vocabulary = parts.vocabulary;
    this.idf = parts.idf;
    this.df = parts.df;
    this.pairBudget = parts.pairBudget ?? DEFAULT_TEXT_INDEX_OPTIONS.pairBudget;
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
    this.acc = new Float64Array(parts.ids.length);
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

  /** The parts the constructor takes, so an index can be stored and rebuilt (query/packed-index.ts). */
  exportParts(): ConstructorParameters<typeof TextIndex>[0] {
    const { ids, vocabulary, idf, df, docStart, docTerms, docWeights } = this;
    return { ids, vocabulary, idf, df, docStart, docTerms, docWeights };
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
  return indexFromTerms(readDocTerms(docs, o.titleWeight), o);
}

/**
 * Every document's terms, as raw term numbers, with each term's document frequency: the first
 * pass of buildTextIndex and nearly all its cost (tokenising and stemming). `indexFromTerms` makes
 * an index of them for any `maxDf`, so a caller that needs two (text-neighbours.ts: every term,
 * and the commonest left out) tokenises once.
 */
export interface DocTerms {
  ids: string[];
  titleWeight: number;
  /** Raw term string → raw term number. */
  raw: Map<string, number>;
  /** Documents each raw term occurs in. */
  rawDf: number[];
  /** Per document, its raw term numbers in reading order (the title's repeated titleWeight times). */
  lists: Int32Array[];
}

export function readDocTerms(docs: readonly TextDocument[], titleWeight: number): DocTerms {
  const n = docs.length;
  // Raw term numbers per document (each surface word resolved once per build), and document
  // frequencies counted with a last-seen mark instead of a set per document.
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
    if (doc.title && titleWeight > 0) {
      for (const w of words(doc.title)) for (const id of idsOf(w)) buffer.push(id);
      const end = buffer.length;
      for (let r = 1; r < titleWeight; r++) for (let i = 0; i < end; i++) buffer.push(buffer[i]);
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
  return { ids: docs.map((d) => d.id), titleWeight, raw, rawDf, lists: docTermLists };
}

/** The index of documents' terms (readDocTerms, read with the same titleWeight as `options`). */
export function indexFromTerms(terms: DocTerms, options: Partial<TextIndexOptions> = {}): TextIndex {
  const o = resolveTextIndexOptions(options);
  if (o.titleWeight !== terms.titleWeight) throw new RangeError(`text index: terms read with titleWeight ${terms.titleWeight}, options ask for ${o.titleWeight}`);
  const { raw, rawDf, lists: docTermLists } = terms;
  const n = docTermLists.length;
  // Only maxDf drops terms (none by default): the all-pairs pass bounds its work by other means.
  const kept = [...raw.keys()].filter((term) => rawDf[raw.get(term)!] <= Math.max(1, o.maxDf * n)).sort();
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
  return new TextIndex({ ids: terms.ids, vocabulary, idf, df, docStart, docTerms, docWeights, pairBudget: o.pairBudget });
}

/**
 * Top-k text neighbours of every document (cosine > minScore, best first, ties by document
 * number): the all-pairs pass behind `similar_to` edges. Exact: the same lists as `neighbours(d,
 * k, minScore)` for every d, and every score is `cosine(d, neighbour)` bit for bit.
 */
export function allNeighbours(index: TextIndex, k: number, minScore = 0, pairBudget: number | 'auto' = index.pairBudget): Neighbour[][] {
  const budget = resolvePairBudget(pairBudget, index.size);
  return new AllPairsSearch(index.exportParts(), Math.max(0, Math.floor(k)), minScore, budget).run();
}

/** What the all-pairs search reads of an index: flat arrays, so they can cross to another thread. */
export interface SearchParts {
  docStart: Int32Array;
  docTerms: Int32Array;
  docWeights: Float32Array;
  df: Int32Array;
}

export function searchPartsOf(index: TextIndex): SearchParts {
  const { docStart, docTerms, docWeights, df } = index.exportParts();
  return { docStart, docTerms, docWeights, df };
}

/** The per-document heaps of an all-pairs search, possibly of a part of the documents (see AllPairsSearch). */
export interface NeighbourHeaps {
  k: number;
  doc: Int32Array;
  score: Float64Array;
  size: Int32Array;
}

/**
 * Neighbour lists from the heaps of searches that split the documents between them (each
 * searched a different range): per document the best k of the union, best first, ties by
 * document number. A pair two searches both scored has the same score in both (cosines are
 * symmetric bit for bit), so it counts once.
 */
export function mergeNeighbourHeaps(parts: readonly NeighbourHeaps[]): Neighbour[][] {
  const n = parts[0]?.size.length ?? 0;
  const out: Neighbour[][] = [];
  for (let d = 0; d < n; d++) {
    const list: Neighbour[] = [];
    let k = 0;
    for (const h of parts) {
      k = Math.max(k, h.k);
      for (let j = 0; j < h.size[d]; j++) {
        const doc = h.doc[d * h.k + j];
        if (!list.some((x) => x.doc === doc)) list.push({ doc, score: h.score[d * h.k + j] });
      }
    }
    list.sort((a, b) => b.score - a.score || a.doc - b.doc);
    if (list.length > k) list.length = k;
    out.push(list);
  }
  return out;
}

/** Bounds are sums of float32 products taken in another order than the exact score: keep a margin. */
const SLACK = 1e-9;
/** Resolution of published thresholds (cosines ≤ 1, so floor(θ × 2^30) fits an Int32). */
const THETA_STEPS = 2 ** 30;
/** Bits for the document number in a sort key of the common-term postings (2^25 = 33M documents). */
const DOC_BITS = 2 ** 25;
/** Resolution of the suffix norms in those keys (rounded up, so they stay upper bounds). */
const NORM_STEPS = 2 ** 26;

/**
 * The exact all-pairs top-k. The work bound splits the vocabulary in two:
 *
 * - rare terms (Σ df² ≤ pairBudget × N): partial cosines `acc` are accumulated over their
 *   postings, each pair once: document d reads only the postings after its own;
 * - common terms (the rest, a few hundred at 100k abstracts): no accumulation. Each document
 *   keeps its common part as a short row (`cRow*`) with its l2 norm, l1 norm and largest weight.
 *
 * Documents are searched in order; θ(x) is the k-th best exact score found so far for x (a lower
 * bound of its final one), kept per document. Every exact score is offered to both documents'
 * heaps, so when d's turn comes its pairs with earlier documents are settled. For document d:
 * 1. accumulate the rare terms with the later documents;
 * 2. every candidate o, in document order: the pair is ruled out for both when acc[o] + a bound
 *    of d_common·o_common (Cauchy–Schwarz, then l1·l∞) is below min(θ(d), θ(o)), else when
 *    acc[o] + d_common·o_common (the short rows) is; otherwise it is scored exactly;
 * 3. documents sharing only common terms with d (earlier or later): if t is the rarest common
 *    term they share, score ≤ |d over t and commoner terms| · |o over t and commoner terms|.
 *    Common-term postings are sorted by the second factor, so each list is read only down to
 *    where the product falls below θ(d); what is read is screened with the short rows.
 * A pair is ruled out only when its bound is below θ (minus SLACK) and θ only grows, so the
 * result is exact; exact scores are summed over o's row in term order, as `cosine` does.
 */
export class AllPairsSearch {
  private readonly n: number;
  private readonly docStart: Int32Array;
  private readonly docTerms: Int32Array;
  private readonly docWeights: Float32Array;
  /** Common index of a term (0 = rarest common term), −1 for rare terms. */
  private readonly commonOf: Int32Array;
  // Postings of the rare terms, in document order.
  private readonly rareStart: Int32Array;
  private readonly rareDocs: Int32Array;
  private readonly rareWeights: Float32Array;
  /** Per rare term, the posting of the next document to search that has it (documents go in order). */
  private readonly rareNext: Int32Array;
  /** Where thresholds are published for another search (publishThresholds). */
  private published: Int32Array | null = null;
  /** The document `rareNext` is positioned for. */
  private nextDoc = 0;

  /** The next document `searchNext` searches. */
  get position(): number {
    return this.nextDoc;
  }
  // Common part of each document: (common index, weight), commonest first.
  private readonly cRowStart: Int32Array;
  private readonly cRowTerm: Int32Array;
  private readonly cRowWeight: Float32Array;
  private readonly commonNorm: Float64Array;
  private readonly commonMax: Float64Array;
  private readonly commonL1: Float64Array;
  // Postings of the common terms by decreasing suffix norm (the document's norm over this and commoner terms).
  private readonly cPostStart: Int32Array;
  private readonly cPostDoc: Int32Array;
  private readonly cPostBound: Float64Array;
  // One bounded heap of k (doc, score) per document, flat.
  private readonly heapDoc: Int32Array;
  private readonly heapScore: Float64Array;
  private readonly heapSize: Int32Array;
  /** threshold(d) kept up to date by offer, so screening reads one number per document. */
  private readonly thetaOf: Float64Array;
  // Per-query scratch.
  private readonly acc: Float64Array;
  /**
   * Bit o set once the current query touched document o; words seenFrom … seenTo may be set.
   * A bitmap rather than a list of touched documents: candidates are then visited in document
   * order, so the per-document arrays they read (acc, commonNorm, thetaOf, …) stream through the
   * cache instead of being hit at random, and the bitmap itself (n/8 bytes) stays in L1.
   */
  private readonly seenBits: Int32Array;
  private seenFrom = 0;
  private seenTo = -1;
  private readonly done: Int32Array; // d + 1 once query d scored it exactly (or it is d's heap)
  private readonly qDense: Float64Array;
  private readonly qCommon: Float64Array;
  private readonly qCommonTerms: number[] = [];
  private readonly qSuffix: number[] = [];

  constructor(
    parts: { docStart: Int32Array; docTerms: Int32Array; docWeights: Float32Array; df: Int32Array },
    private readonly k: number,
    private readonly minScore: number,
    pairBudget: number,
  ) {
    const { docStart, docTerms, docWeights, df } = parts;
    const n = docStart.length - 1;
    const nTerms = df.length;
    this.n = n;
    this.docStart = docStart;
    this.docTerms = docTerms;
    this.docWeights = docWeights;

    // The split: most common first, terms become common while the rest costs more than the budget.
    const byDf = Int32Array.from({ length: nTerms }, (_, t) => t).sort((a, b) => df[a] - df[b] || a - b);
    let cost = 0;
    for (let t = 0; t < nTerms; t++) cost += df[t] * df[t];
    let cut = nTerms;
    while (cut > 0 && cost > pairBudget * Math.max(1, n) && df[byDf[cut - 1]] > 1) {
      cut--;
      cost -= df[byDf[cut]] * df[byDf[cut]];
    }
    const nCommon = nTerms - cut;
    const commonOf = new Int32Array(nTerms).fill(-1);
    for (let r = cut; r < nTerms; r++) commonOf[byDf[r]] = r - cut;
    this.commonOf = commonOf;

    // Rare postings and the sizes of the common rows.
    const rareStart = new Int32Array(nTerms + 1);
    const cRowStart = new Int32Array(n + 1);
    for (let d = 0; d < n; d++) {
      let m = 0;
      for (let i = docStart[d]; i < docStart[d + 1]; i++) {
        if (commonOf[docTerms[i]] >= 0) m++;
        else rareStart[docTerms[i] + 1]++;
      }
      cRowStart[d + 1] = cRowStart[d] + m;
    }
    for (let t = 0; t < nTerms; t++) rareStart[t + 1] += rareStart[t];
    const rareDocs = new Int32Array(rareStart[nTerms]);
    const rareWeights = new Float32Array(rareStart[nTerms]);
    const fill = rareStart.slice(0, nTerms);
    const cRowTerm = new Int32Array(cRowStart[n]);
    const cRowWeight = new Float32Array(cRowStart[n]);
    const cRowSuffix = new Float64Array(cRowStart[n]);
    const commonNorm = new Float64Array(n);
    const commonMax = new Float64Array(n);
    const commonL1 = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const row = cRowStart[d];
      let m = row;
      for (let i = docStart[d]; i < docStart[d + 1]; i++) {
        const t = docTerms[i];
        const c = commonOf[t];
        if (c < 0) {
          rareDocs[fill[t]] = d;
          rareWeights[fill[t]++] = docWeights[i];
          continue;
        }
        // insertion into the row, commonest (highest common index) first
        let j = m++;
        while (j > row && cRowTerm[j - 1] < c) {
          cRowTerm[j] = cRowTerm[j - 1];
          cRowWeight[j] = cRowWeight[j - 1];
          j--;
        }
        cRowTerm[j] = c;
        cRowWeight[j] = docWeights[i];
      }
      let s = 0;
      for (let j = row; j < m; j++) {
        commonL1[d] += cRowWeight[j];
        if (cRowWeight[j] > commonMax[d]) commonMax[d] = cRowWeight[j];
        s += cRowWeight[j] * cRowWeight[j];
        cRowSuffix[j] = Math.sqrt(s);
      }
      commonNorm[d] = Math.sqrt(s);
    }
    this.rareStart = rareStart;
    this.rareDocs = rareDocs;
    this.rareWeights = rareWeights;
    this.rareNext = rareStart.slice(0, nTerms);
    this.cRowStart = cRowStart;
    this.cRowTerm = cRowTerm;
    this.cRowWeight = cRowWeight;
    this.commonNorm = commonNorm;
    this.commonMax = commonMax;
    this.commonL1 = commonL1;

    // Common postings, sorted per term by a numeric key: suffix norm (rounded up) descending, then document.
    const cPostStart = new Int32Array(nCommon + 1);
    for (let j = 0; j < cRowTerm.length; j++) cPostStart[cRowTerm[j] + 1]++;
    for (let c = 0; c < nCommon; c++) cPostStart[c + 1] += cPostStart[c];
    const keys = new Float64Array(cPostStart[nCommon]);
    const cfill = cPostStart.slice(0, nCommon);
    for (let d = 0; d < n; d++) {
      for (let j = cRowStart[d]; j < cRowStart[d + 1]; j++) {
        const steps = Math.min(NORM_STEPS, Math.ceil(cRowSuffix[j] * NORM_STEPS));
        keys[cfill[cRowTerm[j]]++] = (NORM_STEPS - steps) * DOC_BITS + d;
      }
    }
    const cPostDoc = new Int32Array(keys.length);
    const cPostBound = new Float64Array(keys.length);
    for (let c = 0; c < nCommon; c++) {
      const list = keys.subarray(cPostStart[c], cPostStart[c + 1]).sort();
      for (let p = 0; p < list.length; p++) {
        const steps = Math.floor(list[p] / DOC_BITS);
        cPostDoc[cPostStart[c] + p] = list[p] - steps * DOC_BITS;
        cPostBound[cPostStart[c] + p] = (NORM_STEPS - steps) / NORM_STEPS;
      }
    }
    this.cPostStart = cPostStart;
    this.cPostDoc = cPostDoc;
    this.cPostBound = cPostBound;

    this.heapDoc = new Int32Array(n * this.k);
    this.heapScore = new Float64Array(n * this.k);
    this.heapSize = new Int32Array(n);
    this.thetaOf = new Float64Array(n).fill(minScore - SLACK);
    this.acc = new Float64Array(n);
    this.seenBits = new Int32Array((n + 31) >>> 5);
    this.done = new Int32Array(n);
    this.qDense = new Float64Array(nTerms);
    this.qCommon = new Float64Array(nCommon);
  }

  run(): Neighbour[][] {
    this.searchRange(0, this.n);
    return this.lists();
  }

  /**
   * Searches documents from, …, to − 1. The pass can be split between searches (threads), each
   * taking a different range: a document's pairs with later documents are found when it is
   * searched, and each search offers every exact score to both documents of the pair, so merging
   * the heaps of searches that together covered every document (mergeNeighbourHeaps) gives what
   * one search of all documents gives. Each search's thresholds are its own exact scores, lower
   * bounds of the final ones, so its pruning stays exact.
   */
  searchRange(from: number, to: number): void {
    this.seek(from);
    for (let d = from; d < to; d++) this.searchNext();
  }

  /** Searches the next document (documents from `seek`'s on, in order, none skipped). */
  searchNext(): void {
    if (this.k > 0 && this.nextDoc < this.n) this.search(this.nextDoc);
    this.nextDoc++;
  }

  /** Positions the rare postings for searching documents from `from` on. */
  private seek(from: number): void {
    if (from === this.nextDoc) return;
    const { rareStart, rareDocs, rareNext } = this;
    for (let t = 0; t + 1 < rareStart.length; t++) {
      let lo = rareStart[t];
      let hi = rareStart[t + 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rareDocs[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      rareNext[t] = lo;
    }
    this.nextDoc = from;
  }

  /**
   * Publishes every threshold this search raises into `published` (as floor(θ × THETA_STEPS), an
   * integer so another thread reads it whole), for a search of other documents to prune with
   * (raiseThresholds).
   */
  publishThresholds(published: Int32Array): void {
    for (let d = 0; d < this.n; d++) published[d] = Math.floor(this.thetaOf[d] * THETA_STEPS);
    this.published = published;
  }

  /**
   * Raises the thresholds of documents from, …, n − 1 to those another search published. Its
   * thresholds are exact scores of real pairs too — lower bounds of the final k-th scores — so
   * pruning with them stays exact, while this search's own heaps hold only the pairs it scored.
   */
  raiseThresholds(published: Int32Array, from: number): void {
    for (let d = from; d < this.n; d++) this.thetaOf[d] = Math.max(this.thetaOf[d], published[d] / THETA_STEPS);
  }

  heaps(): NeighbourHeaps {
    return { k: this.k, doc: this.heapDoc, score: this.heapScore, size: this.heapSize };
  }

  /** Each document's heap, best first (ties by document number). */
  lists(): Neighbour[][] {
    const { n, k, heapDoc, heapScore, heapSize } = this;
    const out: Neighbour[][] = [];
    for (let d = 0; d < n; d++) {
      const list: Neighbour[] = [];
      for (let j = 0; j < heapSize[d]; j++) list.push({ doc: heapDoc[d * k + j], score: heapScore[d * k + j] });
      out.push(list.sort((a, b) => b.score - a.score || a.doc - b.doc));
    }
    return out;
  }

  private search(d: number): void {
    const { docStart, docTerms, docWeights, commonOf, qDense, qCommon, qCommonTerms, qSuffix, done, k } = this;
    const a = docStart[d];
    const e = docStart[d + 1];
    if (a === e) return;
    const mark = d + 1;
    done[d] = mark;
    for (let j = 0; j < this.heapSize[d]; j++) done[this.heapDoc[d * k + j]] = mark;
    qCommonTerms.length = 0;
    for (let i = a; i < e; i++) {
      const c = commonOf[docTerms[i]];
      qDense[docTerms[i]] = docWeights[i];
      if (c >= 0) {
        qCommon[c] = docWeights[i];
        qCommonTerms.push(c);
      }
    }
    // Norms of d over its common terms from the rarest one on (suffixes), and in all.
    qCommonTerms.sort((x, y) => x - y);
    qSuffix.length = qCommonTerms.length;
    let q2 = 0;
    let qMax = 0;
    let qL1 = 0;
    for (const c of qCommonTerms) {
      qL1 += qCommon[c];
      if (qCommon[c] > qMax) qMax = qCommon[c];
    }
    for (let j = qCommonTerms.length - 1; j >= 0; j--) {
      q2 += qCommon[qCommonTerms[j]] * qCommon[qCommonTerms[j]];
      qSuffix[j] = Math.sqrt(q2);
    }
    this.accumulateRare(d);
    this.screenCandidates(d, Math.sqrt(q2), qMax, qL1);
    this.admitCommonOnly(d);
    this.seenBits.fill(0, this.seenFrom, this.seenTo + 1);
    for (let i = a; i < e; i++) qDense[docTerms[i]] = 0;
    for (const c of qCommonTerms) qCommon[c] = 0;
  }

  /**
   * Step 1: partial cosines over the rare terms with the documents after d, which are marked in
   * seenBits. (Pairs with earlier documents were screened when those were searched.)
   */
  private accumulateRare(d: number): void {
    const { docStart, docTerms, docWeights, commonOf, rareStart, rareNext, rareDocs, rareWeights, acc, seenBits } = this;
    let last = d;
    for (let i = docStart[d]; i < docStart[d + 1]; i++) {
      const t = docTerms[i];
      if (commonOf[t] >= 0) continue;
      const w = docWeights[i];
      const end = rareStart[t + 1];
      // rareNext[t] is d's own posting: the ones after it are the later documents
      for (let p = ++rareNext[t]; p < end; p++) {
        const o = rareDocs[p];
        const word = o >>> 5;
        const bits = seenBits[word];
        // Without a branch (which the CPU mispredicts about once per new candidate): a first
        // touch multiplies the stale, finite value left by an earlier document by 0.
        acc[o] = acc[o] * ((bits >>> (o & 31)) & 1) + w * rareWeights[p];
        seenBits[word] = bits | (1 << (o & 31));
      }
      if (end > rareNext[t] && rareDocs[end - 1] > last) last = rareDocs[end - 1];
    }
    this.seenFrom = d >>> 5;
    this.seenTo = last >>> 5;
  }

  /** Step 2: the candidates in document order, ruled out by bounds when possible (for d and for o: the lower threshold). */
  private screenCandidates(d: number, qCommonNorm: number, qMax: number, qL1: number): void {
    const { acc, done, commonNorm, commonMax, commonL1, thetaOf, seenBits } = this;
    const mark = d + 1;
    for (let word = this.seenFrom; word <= this.seenTo; word++) {
      for (let bits = seenBits[word]; bits !== 0; bits &= bits - 1) {
        const o = (word << 5) | (31 - Math.clz32(bits & -bits));
        const thetaD = thetaOf[d];
        const a = acc[o];
        // Cauchy–Schwarz first (one number per document), then the l1·l∞ bounds, then the short rows.
        const cs = a + qCommonNorm * commonNorm[o];
        if ((cs < thetaD && cs < thetaOf[o]) || done[o] === mark) continue;
        const theta = Math.min(thetaD, thetaOf[o]);
        if (a + Math.min(qMax * commonL1[o], qL1 * commonMax[o]) < theta || a + this.commonDot(o) < theta) continue;
        this.score(d, o);
      }
    }
  }

  /** Step 3: documents that share only common terms with d. */
  private admitCommonOnly(d: number): void {
    const { qCommonTerms, qSuffix, cPostStart, cPostDoc, cPostBound, seenBits, done } = this;
    const mark = d + 1;
    seenBits[d >>> 5] |= 1 << (d & 31);
    for (let j = 0; j < qCommonTerms.length; j++) {
      const c = qCommonTerms[j];
      const qs = qSuffix[j];
      const end = cPostStart[c + 1];
      for (let p = cPostStart[c]; p < end; p++) {
        const theta = this.threshold(d);
        if (qs * cPostBound[p] < theta) break;
        const o = cPostDoc[p];
        const word = o >>> 5;
        const bit = 1 << (o & 31);
        if ((seenBits[word] & bit) !== 0) continue;
        seenBits[word] |= bit;
        if (word < this.seenFrom) this.seenFrom = word;
        else if (word > this.seenTo) this.seenTo = word;
        if (done[o] === mark || this.commonDot(o) < theta) continue;
        this.score(d, o);
      }
    }
  }

  /** d's exact k-th best score so far (minScore until it has k), less the rounding slack. */
  private threshold(d: number): number {
    return this.thetaOf[d];
  }

  /** Dot product of d's and o's common parts. */
  private commonDot(o: number): number {
    const { cRowStart, cRowTerm, cRowWeight, qCommon } = this;
    let s = 0;
    for (let j = cRowStart[o]; j < cRowStart[o + 1]; j++) s += qCommon[cRowTerm[j]] * cRowWeight[j];
    return s;
  }

  /** The exact cosine of d and o (summed over o's row in term order, as `cosine` does), offered to both heaps. */
  private score(d: number, o: number): void {
    const { docStart, docTerms, docWeights, qDense } = this;
    let s = 0;
    for (let i = docStart[o]; i < docStart[o + 1]; i++) s += qDense[docTerms[i]] * docWeights[i];
    this.done[o] = d + 1;
    this.offer(d, o, s);
    // Later documents get a head start on their threshold; earlier ones are finished.
    if (o > d) this.offer(o, d, s);
  }

  /**
   * Pushes (doc, score) into d's heap: a min-heap on (score, then higher document number). A
   * pair already there is not pushed twice: when documents are not searched in order (a search
   * taking a range below one it searched, AllPairsSearch.searchRange), an earlier document can
   * score a pair the later one already scored.
   */
  private offer(d: number, doc: number, score: number): void {
    if (!(score > this.minScore)) return;
    const { heapDoc, heapScore, k } = this;
    const base = d * k;
    const size = this.heapSize[d];
    for (let j = base; j < base + size; j++) if (heapDoc[j] === doc) return;
    let i: number;
    if (size < k) {
      this.heapSize[d] = size + 1;
      i = size;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const ps = heapScore[base + parent];
        if (ps < score || (ps === score && heapDoc[base + parent] > doc)) break;
        heapDoc[base + i] = heapDoc[base + parent];
        heapScore[base + i] = ps;
        i = parent;
      }
    } else {
      const rs = heapScore[base];
      if (score < rs || (score === rs && doc > heapDoc[base])) return;
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k) break;
        let m = l;
        const r = l + 1;
        if (r < k && (heapScore[base + r] < heapScore[base + l] || (heapScore[base + r] === heapScore[base + l] && heapDoc[base + r] > heapDoc[base + l]))) m = r;
        const ms = heapScore[base + m];
        if (score < ms || (score === ms && doc > heapDoc[base + m])) break;
        heapDoc[base + i] = heapDoc[base + m];
        heapScore[base + i] = ms;
        i = m;
      }
    }
    heapDoc[base + i] = doc;
    heapScore[base + i] = score;
    if (this.heapSize[d] === k) {
      const theta = Math.max(this.minScore, heapScore[base]) - SLACK;
      if (theta > this.thetaOf[d]) {
        this.thetaOf[d] = theta;
        if (this.published) this.published[d] = Math.floor(theta * THETA_STEPS);
      }
    }
  }
}
