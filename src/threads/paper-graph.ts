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
 * Builds the paper–paper graph. `textNeighbours[i]` are the text neighbours of `signals.papers[i]`
 * as indices into `signals.papers` (pass [] to leave text out).
 */
export function buildPaperGraph(signals: PaperSignals, textNeighbours: readonly (readonly Neighbour[])[], options: PaperGraphOptionsInput = {}): PaperGraph {
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
  const addItem = (members: number[], weight: number) => {
    if (members.length < 2 || members.length > o.maxFanout || weight <= 0) return;
    itemMembers.push(members);
    itemWeight.push(weight);
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
  // Each paper's items (CSR).
  const itemsStart = new Int32Array(n + 1);
  for (const members of itemMembers) for (const m of members) itemsStart[m + 1]++;
  for (let i = 0; i < n; i++) itemsStart[i + 1] += itemsStart[i];
  const fill = itemsStart.slice(0, n);
  const itemsOf = new Int32Array(itemsStart[n]);
  itemMembers.forEach((members, item) => {
    for (const m of members) itemsOf[fill[m]++] = item;
  });

  // Direct citations and text neighbours, stored on both endpoints.
  const extra: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const addExtra = (a: number, b: number, value: number) => {
    if (a === b || value <= 0) return;
    extra[a].set(b, (extra[a].get(b) ?? 0) + value);
    extra[b].set(a, (extra[b].get(a) ?? 0) + value);
  };
  if (w.citation > 0) for (const [citing, cited] of signals.refs) {
    const a = index.get(citing);
    if (a === undefined) continue;
    for (const b of inCorpus(cited)) addExtra(a, b, w.citation);
  }
  if (w.text > 0) {
    const seen = new Set<number>();
    textNeighbours.forEach((list, a) => {
      for (const { doc: b, score } of list.slice(0, o.textK)) {
        if (score < o.minCosine || a === b) continue;
        const key = a < b ? a * n + b : b * n + a;
        if (seen.has(key)) continue;
        seen.add(key);
        addExtra(a, b, w.text * score);
      }
    });
  }

  // Accumulate each paper's row of pair weights into a dense array, as a text index accumulates
  // postings (no global pair map), and keep its `maxLinks` strongest links; a pair becomes an
  // edge when either endpoint keeps it.
  const kept = new Map<number, number>();
  const acc = new Float64Array(n);
  const touched: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let p = itemsStart[a]; p < itemsStart[a + 1]; p++) {
      const item = itemsOf[p];
      const weight = itemWeight[item];
      for (const b of itemMembers[item]) {
        if (b === a) continue;
        if (acc[b] === 0) touched.push(b);
        acc[b] += weight;
      }
    }
    for (const [b, value] of extra[a]) {
      if (acc[b] === 0) touched.push(b);
      acc[b] += value;
    }
    if (touched.length > o.maxLinks) touched.sort((x, y) => acc[y] - acc[x] || x - y);
    for (let i = 0; i < touched.length; i++) {
      const b = touched[i];
      if (i < o.maxLinks) kept.set(a < b ? a * n + b : b * n + a, acc[b]);
      acc[b] = 0;
    }
    touched.length = 0;
  }
  const graph: PaperGraph = new UndirectedGraph();
  for (const id of ids) graph.addNode(id);
  for (const key of [...kept.keys()].sort((x, y) => x - y)) {
    const a = Math.floor(key / n);
    graph.addEdge(ids[a], ids[key - a * n], { weight: kept.get(key)! });
  }
  return graph;
}
