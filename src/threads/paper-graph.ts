/**
 * paper-graph — one weighted, undirected paper–paper graph from every signal
 * ==========================================================================
 *
 * The graph Louvain partitions into threads. Two corpus papers are linked with the sum of:
 *
 *   citation      × number of direct citations between them (either way)
 *   coCitation    × Σ over papers citing both of rarity(that paper's reference count)
 *   coupling      × Σ over references both cite of rarity(that reference's citer count)
 *   author/method/dataset/task/repo × Σ over shared entities of rarity(papers linked to it)
 *   text          × cosine, when one is among the other's `textK` nearest neighbours
 *
 * where rarity(df) = 1 / log2(1 + df) (signals.ts): something two papers share with nobody else
 * counts 1, something fifty papers share about 0.18. Items linked to more than `maxFanout`
 * papers (default 50: a survey with 400 references, a classic cited 300 times, a generic task
 * such as "classification") are skipped: they would add fanout² pairs — most of the edges and
 * most of the time on a large corpus — and say little about any one pair. Pair weights are
 * accumulated per paper into a dense array (as the text index does), never in a global pair map,
 * and each paper keeps only its `maxLinks` strongest links (default 20; a pair is an edge when
 * either endpoint keeps it): a k-nearest-neighbour sparsification that leaves Louvain the
 * structure and drops the long tail of faint pairs that would otherwise make up most edges. All weights are options (DEFAULT_PAPER_GRAPH_OPTIONS).
 */
import { UndirectedGraph } from 'graphology';
import type { PaperSignals, SharedKind } from './signals.js';
import { rarity, SHARED_KINDS } from './signals.js';
import type { Neighbour } from './text-index.js';

export interface PaperGraphWeights {
  citation: number;
  coCitation: number;
  coupling: number;
  author: number;
  method: number;
  dataset: number;
  task: number;
  repo: number;
  text: number;
}

export interface PaperGraphOptions {
  weights: PaperGraphWeights;
  /** Text neighbours per paper that become edges. */
  textK: number;
  /** Cosines below this are not text edges. */
  minCosine: number;
  /** Skip references, citers and entities linked to more papers than this (cost guard, see above). */
  maxFanout: number;
  /** Links each paper keeps (its strongest); a pair is an edge when either endpoint keeps it. */
  maxLinks: number;
}

export const DEFAULT_PAPER_GRAPH_WEIGHTS: PaperGraphWeights = {
  citation: 1,
  coCitation: 0.5,
  coupling: 0.5,
  author: 0.6,
  method: 0.3,
  dataset: 0.3,
  task: 0.15,
  repo: 1,
  text: 2,
};

export const DEFAULT_PAPER_GRAPH_OPTIONS: PaperGraphOptions = { weights: DEFAULT_PAPER_GRAPH_WEIGHTS, textK: 10, minCosine: 0.1, maxFanout: 50, maxLinks: 20 };

/** Options as callers give them: any subset, weights included. */
export type PaperGraphOptionsInput = Partial<Omit<PaperGraphOptions, 'weights'>> & { weights?: Partial<PaperGraphWeights> };

export function resolvePaperGraphOptions(options: PaperGraphOptionsInput = {}): PaperGraphOptions {
  const o: PaperGraphOptions = { ...DEFAULT_PAPER_GRAPH_OPTIONS, ...options, weights: { ...DEFAULT_PAPER_GRAPH_WEIGHTS, ...options.weights } };
  for (const [k, v] of Object.entries(o.weights)) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`paper graph: weight ${k} must be a number ≥ 0, got ${v}`);
  if (!(Number.isInteger(o.textK) && o.textK >= 0)) throw new RangeError(`paper graph: textK must be an integer ≥ 0, got ${o.textK}`);
  if (!(o.minCosine >= 0 && o.minCosine <= 1)) throw new RangeError(`paper graph: minCosine must be in [0, 1], got ${o.minCosine}`);
  if (!(Number.isInteger(o.maxLinks) && o.maxLinks >= 1)) throw new RangeError(`paper graph: maxLinks must be an integer ≥ 1, got ${o.maxLinks}`);
  if (!(o.maxFanout >= 2)) throw new RangeError(`paper graph: maxFanout must be ≥ 2, got ${o.maxFanout}`);
  return o;
}

export type PaperGraph = UndirectedGraph<{ label?: string }, { weight: number }>;

/**
 * The paper–paper graph as flat arrays: edge e links papers[source[e]] and papers[target[e]]
 * (source < target) with weight[e]; edges sorted by (source, target). What Louvain and the
 * thread description read; `toPaperGraph` makes the graphology graph of it.
 */
export interface PaperLinks {
  papers: readonly string[];
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/** Each paper's neighbours in the links, both directions, ascending (CSR). */
export interface PaperAdjacency {
  start: Int32Array;
  neighbour: Int32Array;
  weight: Float64Array;
}

/** Growable pair list: (a, b, value) appended in order, read back per `a` as CSR. */
class PairList {
  a: number[] = [];
  b: number[] = [];
  value: number[] = [];
  push(a: number, b: number, value: number): void {
    this.a.push(a);
    this.b.push(b);
    this.value.push(value);
  }
  /** Rows of `n` documents, each row's pairs in the order they were pushed. */
  rows(n: number): { start: Int32Array; b: Int32Array; value: Float64Array } {
    const start = new Int32Array(n + 1);
    for (const a of this.a) start[a + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const b = new Int32Array(this.a.length);
    const value = new Float64Array(this.a.length);
    for (let i = 0; i < this.a.length; i++) {
      const at = fill[this.a[i]]++;
      b[at] = this.b[i];
      value[at] = this.value[i];
    }
    return { start, b, value };
  }
}

/**
 * What paper links are summed from, as numbers (so it can cross to a worker thread): the shared
 * items (a reference, a citing paper or an entity) with their member papers and the weight one
 * shared membership adds, and the direct citations of each paper. It depends on the graph's
 * signals only, so the build works it out before the text pass ends (`linkEvidence`).
 */
export interface LinkEvidence {
  /** Item i's member papers are itemMember[itemStart[i] … itemStart[i + 1]), each pair adding itemWeight[i]. */
  itemStart: Int32Array;
  itemMember: Int32Array;
  itemWeight: Float64Array;
  /** Paper a's citations, one entry per citation either way: citeOther[citeStart[a] … citeStart[a + 1]). */
  citeStart: Int32Array;
  citeOther: Int32Array;
}

/** Each paper's text neighbours as pairs (CSR): textOther / textValue (weighted cosine) from textStart[a]. */
export interface TextPairs {
  textStart: Int32Array;
  textOther: Int32Array;
  textValue: Float64Array;
}

/** The link evidence of the papers of `signals` (numbered in `signals.papers` order). */
export function linkEvidence(signals: PaperSignals, options: PaperGraphOptionsInput = {}): LinkEvidence {
  const o = resolvePaperGraphOptions(options);
  const w = o.weights;
  const ids = signals.papers;
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const inCorpus = (list: readonly string[] | undefined): number[] => {
    const out: number[] = [];
    for (const id of list ?? []) {
      const i = index.get(id);
      if (i !== undefined) out.push(i);
    }
    return out;
  };

  // Shared items: a reference (coupling), a citing paper (co-citation) or an entity, each with
  // its member papers and the weight one shared membership adds.
  const itemMembers: number[][] = [];
  const itemWeight: number[] = [];
  let memberCount = 0;
  const addItem = (members: number[], weight: number) => {
    if (members.length < 2 || members.length > o.maxFanout || weight <= 0) return;
    itemMembers.push(members);
    itemWeight.push(weight);
    memberCount += members.length;
  };
  if (w.coupling > 0) for (const citing of signals.citers.values()) {
    const members = inCorpus(citing);
    addItem(members, w.coupling * rarity(members.length));
  }
  if (w.coCitation > 0) for (const cited of signals.refs.values()) addItem(inCorpus(cited), w.coCitation * rarity(cited.length));
  const byEntity = new Map<string, { kind: SharedKind; members: number[] }>();
  ids.forEach((id, i) => {
    const byKind = signals.entities.get(id);
    if (!byKind) return;
    for (const kind of SHARED_KINDS) for (const e of byKind.get(kind) ?? []) {
      const entry = byEntity.get(e);
      if (entry) entry.members.push(i);
      else byEntity.set(e, { kind, members: [i] });
    }
  });
  for (const { kind, members } of byEntity.values()) addItem(members, w[kind] * rarity(members.length));
  const itemStart = new Int32Array(itemMembers.length + 1);
  const itemMember = new Int32Array(memberCount);
  itemMembers.forEach((members, item) => {
    itemMember.set(members, itemStart[item]);
    itemStart[item + 1] = itemStart[item] + members.length;
  });

  // Direct citations, a count per direction, stored on both endpoints.
  const cites = new PairList();
  if (w.citation > 0) for (const [citing, cited] of signals.refs) {
    const a = index.get(citing);
    if (a === undefined) continue;
    for (const b of inCorpus(cited)) if (a !== b) (cites.push(a, b, 1), cites.push(b, a, 1));
  }
  const citeRows = cites.rows(n);
  return { itemStart, itemMember, itemWeight: Float64Array.from(itemWeight), citeStart: citeRows.start, citeOther: citeRows.b };
}

/**
 * The text pairs of `n` papers: `textNeighbours[i]` are paper i's text neighbours, as paper
 * numbers (pass [] to leave text out). One cosine per pair, stored on both endpoints.
 */
export function textPairs(n: number, textNeighbours: readonly (readonly Neighbour[])[], options: PaperGraphOptionsInput = {}): TextPairs {
  const o = resolvePaperGraphOptions(options);
  const w = o.weights;
  const texts = new PairList();
  if (w.text > 0) {
    const usable = (list: readonly Neighbour[], j: number, self: number) => {
      const { doc, score } = list[j];
      return !(score < o.minCosine || doc === self || !(w.text * score > 0));
    };
    // A pair is stored once, from the first list that names it: when b < a names a too, b's did.
    const names = (b: number, a: number) => {
      const list = textNeighbours[b] ?? [];
      for (let j = 0; j < Math.min(list.length, o.textK); j++) if (list[j].doc === a && usable(list, j, b)) return true;
      return false;
    };
    textNeighbours.forEach((list, a) => {
      for (let j = 0; j < Math.min(list.length, o.textK); j++) {
        if (!usable(list, j, a)) continue;
        const { doc: b, score } = list[j];
        if (b < a && names(b, a)) continue;
        texts.push(a, b, w.text * score);
        texts.push(b, a, w.text * score);
      }
    });
  }
  const rows = texts.rows(n);
  return { textStart: rows.start, textOther: rows.b, textValue: rows.value };
}

/**
 * Builds the paper–paper links. `textNeighbours[i]` are the text neighbours of `signals.papers[i]`
 * as indices into `signals.papers` (pass [] to leave text out).
 */
export function paperLinks(signals: PaperSignals, textNeighbours: readonly (readonly Neighbour[])[], options: PaperGraphOptionsInput = {}): PaperLinks {
  const o = resolvePaperGraphOptions(options);
  return { papers: signals.papers, ...linkArrays(linkEvidence(signals, o), textPairs(signals.papers.length, textNeighbours, o), o) };
}

/**
 * The links of the evidence: what paperLinks returns but the paper ids (a worker thread, which
 * has only the numbers, runs this part).
 */
export function linkArrays(evidence: LinkEvidence, text: TextPairs, options: PaperGraphOptionsInput = {}): Omit<PaperLinks, 'papers'> {
  const o = resolvePaperGraphOptions(options);
  const w = o.weights;
  const { itemStart, itemMember, itemWeight, citeStart, citeOther } = evidence;
  const { textStart, textOther, textValue } = text;
  const n = citeStart.length - 1;
  // Each paper's items (CSR), in item order.
  const itemsStart = new Int32Array(n + 1);
  for (let p = 0; p < itemMember.length; p++) itemsStart[itemMember[p] + 1]++;
  for (let i = 0; i < n; i++) itemsStart[i + 1] += itemsStart[i];
  const fill = itemsStart.slice(0, n);
  const itemsOf = new Int32Array(itemsStart[n]);
  for (let item = 0; item + 1 < itemStart.length; item++) for (let p = itemStart[item]; p < itemStart[item + 1]; p++) itemsOf[fill[itemMember[p]]++] = item;

  // Accumulate each paper's row of pair weights into a dense array, as a text index accumulates
  // postings (no global pair map), and keep its `maxLinks` strongest links (rowStart/rowOther/
  // rowValue). A pair's direct part (citations, then text) is summed first and added to the row
  // once, after its shared items.
  const acc = new Float64Array(n);
  const citeCount = new Int32Array(n);
  const textValueOf = new Float64Array(n);
  const touched: number[] = [];
  const direct: number[] = [];
  const rowStart = new Int32Array(n + 1);
  let rowOther = new Int32Array(Math.min(n * o.maxLinks, 1 << 20));
  let rowValue = new Float64Array(rowOther.length);
  let kept = 0;
  for (let a = 0; a < n; a++) {
    for (let p = itemsStart[a]; p < itemsStart[a + 1]; p++) {
      const item = itemsOf[p];
      const weight = itemWeight[item];
      for (let q = itemStart[item]; q < itemStart[item + 1]; q++) {
        const b = itemMember[q];
        if (b === a) continue;
        if (acc[b] === 0) touched.push(b);
        acc[b] += weight;
      }
    }
    for (let p = citeStart[a]; p < citeStart[a + 1]; p++) {
      const b = citeOther[p];
      if (citeCount[b]++ === 0 && textValueOf[b] === 0) direct.push(b);
    }
    for (let p = textStart[a]; p < textStart[a + 1]; p++) {
      const b = textOther[p];
      if (citeCount[b] === 0 && textValueOf[b] === 0) direct.push(b);
      textValueOf[b] = textValue[p];
    }
    for (const b of direct) {
      const value = (citeCount[b] > 0 ? citeCount[b] * w.citation : 0) + textValueOf[b];
      citeCount[b] = 0;
      textValueOf[b] = 0;
      if (acc[b] === 0) touched.push(b);
      acc[b] += value;
    }
    direct.length = 0;
    // Only which links a row keeps matters (mergeKeptLinks orders them), so the strongest are
    // selected, not sorted: a row can touch hundreds of papers to keep 20.
    if (touched.length > o.maxLinks) selectStrongest(touched, acc, o.maxLinks);
    const keep = Math.min(touched.length, o.maxLinks);
    if (kept + keep > rowOther.length) {
      const grownOther = new Int32Array(Math.min(n * o.maxLinks, 2 * rowOther.length + keep));
      const grownValue = new Float64Array(grownOther.length);
      grownOther.set(rowOther.subarray(0, kept));
      grownValue.set(rowValue.subarray(0, kept));
      rowOther = grownOther;
      rowValue = grownValue;
    }
    for (let i = 0; i < touched.length; i++) {
      const b = touched[i];
      if (i < keep) {
        rowOther[kept] = b;
        rowValue[kept++] = acc[b];
      }
      acc[b] = 0;
    }
    rowStart[a + 1] = kept;
    touched.length = 0;
  }
  return mergeKeptLinks(rowStart, rowOther, rowValue);
}

/**
 * Moves the `k` strongest of `papers` (by `strength`, then the lower paper number: a strict
 * order, so the choice is unique) to its first `k` places, in no particular order. A bounded
 * min-heap of the k best so far, weakest on top: m log k steps instead of a sort's m log m.
 */
export function selectStrongest(papers: number[], strength: Float64Array, k: number): void {
  // weaker(x, y): x ranks below y.
  const weaker = (x: number, y: number) => strength[x] < strength[y] || (strength[x] === strength[y] && x > y);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) return;
      const r = l + 1;
      const m = r < k && weaker(papers[r], papers[l]) ? r : l;
      if (!weaker(papers[m], papers[i])) return;
      [papers[i], papers[m]] = [papers[m], papers[i]];
      i = m;
    }
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) down(i);
  for (let j = k; j < papers.length; j++) {
    if (!weaker(papers[0], papers[j])) continue;
    [papers[0], papers[j]] = [papers[j], papers[0]];
    down(0);
  }
}

/**
 * One edge per pair either endpoint kept, sorted by (smaller, larger) paper index. Both rows
 * can hold the pair with values summed in different orders; the later row's value is the one
 * kept (as it always was), so weights do not depend on how the rows were stored.
 */
function mergeKeptLinks(rowStart: Int32Array, rowOther: Int32Array, rowValue: Float64Array): Omit<PaperLinks, 'papers'> {
  const n = rowStart.length - 1;
  // Pairs kept by their larger endpoint, grouped by the smaller one (ascending larger, by construction).
  const upStart = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) for (let p = rowStart[a]; p < rowStart[a + 1]; p++) if (rowOther[p] < a) upStart[rowOther[p] + 1]++;
  for (let i = 0; i < n; i++) upStart[i + 1] += upStart[i];
  const upFill = upStart.slice(0, n);
  const upOther = new Int32Array(upStart[n]);
  const upValue = new Float64Array(upStart[n]);
  for (let a = 0; a < n; a++) {
    for (let p = rowStart[a]; p < rowStart[a + 1]; p++) {
      const b = rowOther[p];
      if (b >= a) continue;
      upOther[upFill[b]] = a;
      upValue[upFill[b]++] = rowValue[p];
    }
  }
  // At most one edge per kept pair.
  const source = new Int32Array(rowStart[n]);
  const target = new Int32Array(rowStart[n]);
  const weight = new Float64Array(rowStart[n]);
  let m = 0;
  const down: number[] = [];
  for (let a = 0; a < n; a++) {
    // a's own kept pairs with larger papers, ascending.
    for (let p = rowStart[a]; p < rowStart[a + 1]; p++) if (rowOther[p] > a) down.push(p);
    down.sort((x, y) => rowOther[x] - rowOther[y]);
    let i = 0;
    let j = upStart[a];
    while (i < down.length || j < upStart[a + 1]) {
      const fromDown = i < down.length ? rowOther[down[i]] : n;
      const fromUp = j < upStart[a + 1] ? upOther[j] : n;
      source[m] = a;
      if (fromUp <= fromDown) {
        target[m] = fromUp;
        weight[m++] = upValue[j++];
        if (fromUp === fromDown) i++;
      } else {
        target[m] = fromDown;
        weight[m++] = rowValue[down[i++]];
      }
    }
    down.length = 0;
  }
  return { source: source.slice(0, m), target: target.slice(0, m), weight: weight.slice(0, m) };
}

/** Each paper's neighbours and link weights, ascending by neighbour. */
export function paperAdjacency(links: PaperLinks): PaperAdjacency {
  const n = links.papers.length;
  const m = links.source.length;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) (start[links.source[e] + 1]++, start[links.target[e] + 1]++);
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const neighbour = new Int32Array(2 * m);
  const weight = new Float64Array(2 * m);
  // Edges are sorted by (source, target): each paper first meets its smaller neighbours (as
  // target, in source order), then its larger ones (as source, in target order).
  for (let e = 0; e < m; e++) {
    const s = links.source[e];
    const t = links.target[e];
    neighbour[fill[t]] = s;
    weight[fill[t]++] = links.weight[e];
  }
  for (let e = 0; e < m; e++) {
    const s = links.source[e];
    neighbour[fill[s]] = links.target[e];
    weight[fill[s]++] = links.weight[e];
  }
  return { start, neighbour, weight };
}

/**
 * The links as a graphology graph, nodes in paper order, edges in link order. `key` names the
 * nodes: paper ids by default; Louvain, which reads only the order of nodes and edges, gets
 * the paper numbers, which graphology stores far faster than long string keys (half the time
 * at 100k papers, 1.2M links).
 */
export function toPaperGraph(links: PaperLinks, key: (paper: number) => string = (i) => links.papers[i]): PaperGraph {
  const graph: PaperGraph = new UndirectedGraph();
  const keys = links.papers.map((_, i) => key(i));
  for (const k of keys) graph.addNode(k);
  for (let e = 0; e < links.source.length; e++) graph.addEdgeWithKey(e, keys[links.source[e]], keys[links.target[e]], { weight: links.weight[e] });
  return graph;
}

/** The paper–paper graph as graphology (see paperLinks). */
export function buildPaperGraph(signals: PaperSignals, textNeighbours: readonly (readonly Neighbour[])[], options: PaperGraphOptionsInput = {}): PaperGraph {
  return toPaperGraph(paperLinks(signals, textNeighbours, options));
}
