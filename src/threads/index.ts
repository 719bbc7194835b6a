/**
 * threads — research threads: Louvain over the paper–paper graph, labelled and kept stable
 * ========================================================================================
 *
 * `detectThreads(graph, options)` reads every paper's signals from the litgraph graph
 * (signals.ts), builds the text index (text-index.ts) and the weighted paper–paper graph
 * (paper-graph.ts), and partitions it with graphology-communities-louvain, seeded with
 * mulberry32(`seed`) so the same inputs always give the same threads. Then:
 *
 * - communities smaller than `minSize` (default 3) are folded into one `thread:other`, so a
 *   corpus of loosely related papers does not show hundreds of singleton "threads";
 * - threads are numbered `thread:1…` by size (largest first), ties by their first paper id;
 * - with `previous` (the threads.json of an earlier build) each new thread takes the id and
 *   label of the old thread it overlaps most (Jaccard of memberships ≥ `minJaccard`, matched
 *   greedily, best overlap first); new threads get numbers after the highest old one;
 * - each thread carries its distinctive terms and label (labels.ts), its top methods /
 *   datasets / tasks (entity ids, the most typical of the thread first: top-entities.ts), its
 *   year span and its most central papers (largest weighted degree inside the thread).
 *
 * `addThreadsToGraph` writes the result into the graph: `thread` nodes, `in_thread` edges and
 * the `similar_to` edges (top-k text neighbours, one edge per pair, smaller key as source,
 * weight = cosine). `threadStage` does both, for the pipeline.
 */
import type { LitGraph } from '../graph/build.js';
import { joined, threadKey } from '../graph/keys.js';
import type { Thread } from '../types.js';
import { labelThreads, type LabelOptions } from './labels.js';
import { partitionLinks, type Partition } from './louvain-view.js';
import { linkArrays, linkEvidence, paperAdjacency, resolvePaperGraphOptions, selectStrongest, textPairs, type LinkEvidence, type PaperAdjacency, type PaperLinks, type PaperGraphOptions, type PaperGraphWeights } from './paper-graph.js';
import { readSignals, type PaperSignals, type SharedKind } from './signals.js';
import type { Neighbour, TextDocument, TextIndexOptions } from './text-index.js';
import { topEntities } from './top-entities.js';
import { computeTextNeighbours, type ThreadLinks, type ThreadLinksRequest, type TextNeighbours, type TextNeighbourTask } from './text-neighbours.js';


export const OTHER_THREAD = 'thread:other';

export interface ThreadOptions {
  /** Seed of the PRNG Louvain shuffles with. */
  seed: number;
  /** Louvain resolution: higher gives more, smaller threads. */
  resolution: number;
  /** Communities with fewer papers are folded into `thread:other`. */
  minSize: number;
  /** Most central papers listed per thread. */
  central: number;
  /** Methods, datasets and tasks listed per thread. */
  topEntities: number;
  /** `similar_to` edges written per paper (top-k text neighbours). */
  similarK: number;
  /** Cosines below this never become `similar_to` edges. */
  minSimilarity: number;
  /** Threads of an earlier build, to keep their ids and labels. */
  previous?: readonly Thread[];
  /** Least membership overlap (Jaccard) for a new thread to inherit an old one's id. */
  minJaccard: number;
  paperGraph: Partial<Omit<PaperGraphOptions, 'weights'>> & { weights?: Partial<PaperGraphWeights> };
  text: Partial<TextIndexOptions>;
  labels: Partial<LabelOptions>;
  /**
   * The text pass computed ahead (text-neighbours.ts, in a worker during extraction). Used when
   * it covers exactly this graph's corpus papers with what these options need; else recomputed.
   */
  textNeighbours?: TextNeighbours;
  /** The graph's signals when they were read already (the build's related-work index reads them from the same graph). */
  signals?: PaperSignals;
  /** The link evidence of those signals with these options' `paperGraph`, when worked out ahead (`threadLinkEvidence`). */
  linkEvidence?: LinkEvidence;
}

export const DEFAULT_THREAD_OPTIONS: ThreadOptions = {
  seed: 42,
  resolution: 1,
  minSize: 3,
  central: 5,
  topEntities: 5,
  similarK: 5,
  minSimilarity: 0.1,
  minJaccard: 0.3,
  paperGraph: {},
  text: {},
  labels: {},
};

export function resolveThreadOptions(options: Partial<ThreadOptions> = {}): ThreadOptions {
  const o = { ...DEFAULT_THREAD_OPTIONS, ...options };
  if (!Number.isFinite(o.seed)) throw new RangeError(`threads: seed must be a number, got ${o.seed}`);
  if (!(Number.isFinite(o.resolution) && o.resolution > 0)) throw new RangeError(`threads: resolution must be a positive number, got ${o.resolution}`);
  if (!(Number.isInteger(o.minSize) && o.minSize >= 1)) throw new RangeError(`threads: minSize must be an integer ≥ 1, got ${o.minSize}`);
  if (!(Number.isInteger(o.similarK) && o.similarK >= 0)) throw new RangeError(`threads: similarK must be an integer ≥ 0, got ${o.similarK}`);
  if (!(o.minJaccard > 0 && o.minJaccard <= 1)) throw new RangeError(`threads: minJaccard must be in (0, 1], got ${o.minJaccard}`);
  resolvePaperGraphOptions(o.paperGraph);
  return o;
}

export interface SimilarPair {
  source: string;
  target: string;
  weight: number;
}

export interface ThreadDetection {
  threads: Thread[];
  /** Modularity of the Louvain partition (before folding small communities), or null without edges. */
  modularity: number | null;
  /** paper id → thread id, for every corpus paper. */
  membership: Map<string, string>;
  /** `similar_to` pairs, smaller key first, sorted. */
  similar: SimilarPair[];
  /** The weighted paper–paper graph Louvain partitioned. */
  paperLinks: PaperLinks;
  signals: PaperSignals;
  /** What the user should know about how threads were computed (e.g. an approximate text pass). */
  notes: string[];
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Greedy best-overlap matching of new groups to previous threads; returns new group index → old thread. */
function matchPrevious(groups: readonly (readonly string[])[], previous: readonly Thread[], minJaccard: number): Map<number, Thread> {
  const owner = new Map<string, number>();
  const old = previous.filter((t) => t.id !== OTHER_THREAD);
  old.forEach((t, i) => t.papers.forEach((p) => owner.set(p, i)));
  const candidates: { g: number; t: number; j: number }[] = [];
  groups.forEach((group, g) => {
    const overlap = new Map<number, number>();
    for (const p of group) {
      const t = owner.get(p);
      if (t !== undefined) overlap.set(t, (overlap.get(t) ?? 0) + 1);
    }
    for (const [t, inter] of overlap) {
      const j = inter / (group.length + old[t].papers.length - inter);
      if (j >= minJaccard) candidates.push({ g, t, j });
    }
  });
  candidates.sort((a, b) => b.j - a.j || a.g - b.g || a.t - b.t);
  const usedG = new Set<number>();
  const usedT = new Set<number>();
  const out = new Map<number, Thread>();
  for (const c of candidates) {
    if (usedG.has(c.g) || usedT.has(c.t)) continue;
    usedG.add(c.g);
    usedT.add(c.t);
    out.set(c.g, old[c.t]);
  }
  return out;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The text pass these thread options need, over `docs` (neighbours for both the paper graph and `similar_to`). */
export function textNeighbourTask(options: Partial<ThreadOptions>, docs: TextDocument[]): TextNeighbourTask {
  const o = resolveThreadOptions(options);
  const pg = resolvePaperGraphOptions(o.paperGraph);
  return { docs, k: Math.max(pg.textK, o.similarK), minScore: Math.min(pg.minCosine, o.minSimilarity), options: o.text };
}

/** What Louvain partitions and what its threads are described from: the first half of detectThreads. */
interface ThreadInputs {
  o: ThreadOptions;
  signals: PaperSignals;
  /** The corpus papers, sorted: paper number i is ids[i]. */
  ids: string[];
  neighbours: Neighbour[][];
  links: PaperLinks;
  notes: string[];
}

/** ThreadInputs but the links, and the paper-graph options to make them with. */
function textInputs(graph: LitGraph, o: ThreadOptions): Omit<ThreadInputs, 'links'> & { pg: PaperGraphOptions } {
  const pg = resolvePaperGraphOptions(o.paperGraph);
  const signals = o.signals ?? readSignals(graph);
  const ids = signals.papers;
  const need = textNeighbourTask(o, []);
  const ahead = o.textNeighbours;
  const usable = ahead !== undefined && ahead.k === need.k && ahead.minScore === need.minScore && sameIds(ahead.ids, ids);
  const text = usable ? ahead : computeTextNeighbours(textNeighbourTask(o, ids.map((id) => ({ id, title: signals.title.get(id), abstract: signals.abstract.get(id) }))));
  const notes =
    text.maxDf < 1
      ? [`text neighbours (similar_to, thread links) leave out terms in more than ${(100 * text.maxDf).toFixed(2)} % of the papers: this corpus repeats its common words so much that the exact all-pairs pass would be quadratic (threads/text-neighbours.ts)`]
      : [];
  return { o, signals, ids, neighbours: text.lists, notes, pg };
}

/** What the paper links and Louvain are computed from (the evidence worked out ahead when given). */
function linksRequest(inputs: Omit<ThreadInputs, 'links'>, pg: PaperGraphOptions): ThreadLinksRequest {
  const { o, signals, ids, neighbours } = inputs;
  return { evidence: o.linkEvidence ?? linkEvidence(signals, pg), text: textPairs(ids.length, neighbours, pg), options: pg, seed: o.seed, resolution: o.resolution };
}

function threadInputs(graph: LitGraph, o: ThreadOptions): ThreadInputs {
  const { pg, ...inputs } = textInputs(graph, o);
  const { evidence, text } = linksRequest(inputs, pg);
  return { ...inputs, links: { papers: inputs.ids, ...linkArrays(evidence, text, pg) } };
}

/**
 * What the threads stage's paper links are summed from, besides the text neighbours (paper-graph.ts
 * `linkEvidence`): the build works it out before the text pass ends and hands it over as
 * ThreadOptions.linkEvidence, with the same `signals`.
 */
export function threadLinkEvidence(signals: PaperSignals, options: Partial<ThreadOptions> = {}): LinkEvidence {
  return linkEvidence(signals, resolveThreadOptions(options).paperGraph);
}

/** Detects the research threads of the papers in `graph` (which is not modified). */
export function detectThreads(graph: LitGraph, options: Partial<ThreadOptions> = {}): ThreadDetection {
  const o = resolveThreadOptions(options);
  const inputs = threadInputs(graph, o);
  // Louvain, seeded, reading the links through a view whose nodes are the paper numbers
  // (louvain-view.ts: no graphology graph is built for it).
  return threadsOfPartition(inputs, partitionLinks(inputs.links, o.seed, o.resolution), similarPairs(inputs.ids, inputs.neighbours, o), paperAdjacency(inputs.links));
}

/**
 * The threads of a partition of the papers: folded, numbered, matched to previous threads,
 * labelled and described. Papers are handled by number: `ids` is sorted, so numbers in
 * increasing order are ids in order, and a thread's papers, its "central" ties and its first
 * paper come out as they would sorting the ids.
 */
function threadsOfPartition(inputs: ThreadInputs, partition: Partition, similar: SimilarPair[], adjacency: PaperAdjacency): ThreadDetection {
  const { o, signals, ids, links, notes } = inputs;
  const { communityOf, modularity } = partition;

  const byCommunity = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const list = byCommunity.get(communityOf[i]);
    if (list) list.push(i);
    else byCommunity.set(communityOf[i], [i]);
  }
  const big: number[][] = [];
  const other: number[] = [];
  for (const members of byCommunity.values()) {
    if (members.length >= o.minSize) big.push(members);
    else for (const m of members) other.push(m);
  }
  other.sort((a, b) => a - b);
  // By size, then by first paper (communities are disjoint: no two share one).
  big.sort((a, b) => b.length - a.length || a[0] - b[0]);
  const paperIds = (members: readonly number[]) => members.map((i) => ids[i]);
  const bigIds = big.map(paperIds);

  // Ids: inherited where a previous thread persists, else numbered in order after the old ones.
  const inherited = o.previous?.length ? matchPrevious(bigIds, o.previous, o.minJaccard) : new Map<number, Thread>();
  let next = 1;
  for (const t of o.previous ?? []) {
    const m = /^thread:(\d+)$/.exec(t.id);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  const idOf = big.map((_, g) => inherited.get(g)?.id ?? threadKey(next++));

  // Labels from distinctive phrases (the "other" thread is labelled "other"). Title and abstract
  // are joined only for the papers labels.ts samples (a few thousand), not for every paper.
  const texts = { length: ids.length, at: (i: number) => [signals.title.get(ids[i]), signals.abstract.get(ids[i])].filter(Boolean).join('. ') };
  const labels = labelThreads(texts, big, o.labels);

  const membership = new Map<string, string>();
  bigIds.forEach((papers, i) => papers.forEach((p) => membership.set(p, idOf[i])));
  for (const p of other) membership.set(ids[p], OTHER_THREAD);

  // Thread of each paper, for the weighted degrees inside threads.
  const threadOf = new Int32Array(ids.length).fill(-1);
  big.forEach((members, i) => members.forEach((p) => (threadOf[p] = i)));
  const strength = new Float64Array(ids.length);
  const describe = (id: string, thread: number, members: number[], papers: string[], label: string, terms: string[]): Thread => {
    for (const a of members) {
      let s = 0;
      for (let j = adjacency.start[a]; j < adjacency.start[a + 1]; j++) if (threadOf[adjacency.neighbour[j]] === thread) s += adjacency.weight[j];
      strength[a] = s;
    }
    // The most central: largest weighted degree inside the thread, ties to the first paper.
    const top = [...members];
    if (top.length > o.central) selectStrongest(top, strength, o.central);
    const central = top.slice(0, o.central).sort((a, b) => strength[b] - strength[a] || a - b).map((i) => ids[i]);
    const counts: Record<'method' | 'dataset' | 'task', Map<string, number>> = { method: new Map(), dataset: new Map(), task: new Map() };
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of papers) {
      const y = signals.year.get(p);
      if (y != null) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      const byKind = signals.entities.get(p);
      for (const kind of ['method', 'dataset', 'task'] as const satisfies readonly SharedKind[]) {
        for (const e of byKind?.get(kind) ?? []) counts[kind].set(e, (counts[kind].get(e) ?? 0) + 1);
      }
    }
    const typical = (inThread: Map<string, number>) => topEntities({ inThread, threadSize: papers.length, inCorpus: signals.entityDf, corpusSize: ids.length }, o.topEntities);
    return {
      id,
      label,
      terms,
      size: papers.length,
      papers,
      topMethods: typical(counts.method),
      topDatasets: typical(counts.dataset),
      topTasks: typical(counts.task),
      years: Number.isFinite(lo) ? [lo, hi] : null,
      central,
    };
  };

  const threads = big.map((members, i) => describe(idOf[i], i, members, bigIds[i], inherited.get(i)?.label ?? labels[i].label, labels[i].terms));
  // Papers of "other" are in no Louvain thread (-1): their links to each other count.
  if (other.length) threads.push(describe(OTHER_THREAD, -1, other, paperIds(other), 'other', []));

  return { threads, modularity, membership, similar, paperLinks: links, signals, notes };
}

/**
 * similar_to: each paper's top `similarK` neighbours, one edge per pair, sorted by (source,
 * target). Papers are numbered in id order, so the pair (smaller number, larger number) is
 * (smaller id, larger id) and sorting numbers sorts ids; the first list to name a pair gives
 * its score (cosines are symmetric bit for bit: text-index.ts).
 */
function similarPairs(ids: readonly string[], neighbours: readonly (readonly Neighbour[])[], o: ThreadOptions): SimilarPair[] {
  const n = ids.length;
  const usable = (a: number, j: number) => !(neighbours[a][j].score < o.minSimilarity) && neighbours[a][j].doc !== a;
  const names = (b: number, a: number) => {
    for (let j = 0; j < Math.min(o.similarK, neighbours[b].length); j++) if (usable(b, j) && neighbours[b][j].doc === a) return true;
    return false;
  };
  // Each pair once, from the first list naming it (b < a naming a had it first), grouped by its
  // smaller paper (CSR), then each group sorted by the larger one.
  const count = new Int32Array(n + 1);
  const pairs: number[] = [];
  const scores: number[] = [];
  neighbours.forEach((list, a) => {
    for (let j = 0; j < Math.min(o.similarK, list.length); j++) {
      if (!usable(a, j)) continue;
      const b = list[j].doc;
      if (b < a && names(b, a)) continue;
      const low = Math.min(a, b);
      pairs.push(low, Math.max(a, b));
      scores.push(list[j].score);
      count[low + 1]++;
    }
  });
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const high = new Int32Array(scores.length);
  const score = new Float64Array(scores.length);
  for (let p = 0; p < scores.length; p++) {
    const at = fill[pairs[2 * p]]++;
    high[at] = pairs[2 * p + 1];
    score[at] = scores[p];
  }
  const out: SimilarPair[] = [];
  const order: number[] = [];
  for (let a = 0; a < n; a++) {
    order.length = 0;
    for (let p = count[a]; p < count[a + 1]; p++) order.push(p);
    order.sort((x, y) => high[x] - high[y]);
    for (const p of order) out.push({ source: ids[a], target: ids[high[p]], weight: round(score[p]) });
  }
  return out;
}

/** Writes thread nodes, `in_thread` edges and `similar_to` edges into `graph`. */
export function addThreadsToGraph(graph: LitGraph, detection: Pick<ThreadDetection, 'threads' | 'similar'>, evidence = 'louvain'): void {
  addThreadNodes(graph, detection.threads, evidence);
  addSimilarEdges(graph, detection.similar);
}

/** Thread nodes and their `in_thread` edges. */
function addThreadNodes(graph: LitGraph, threads: readonly Thread[], evidence: string): void {
  for (const t of threads) {
    graph.mergeNode(t.id, { type: 'thread', label: t.label, size: t.size, terms: t.terms, ...(t.years ? { years: t.years } : {}) });
  }
  for (const t of threads) {
    for (const p of t.papers) {
      const key = joined('in_thread:', p, '->', t.id);
      if (!graph.hasEdge(key) && graph.hasNode(p)) graph.addEdgeWithKey(key, p, t.id, { type: 'in_thread', provenance: 'inferred', evidence });
    }
  }
}

function addSimilarEdges(graph: LitGraph, similar: readonly SimilarPair[]): void {
  for (const s of similar) {
    const key = joined('similar_to:', s.source, '->', s.target);
    if (!graph.hasEdge(key)) graph.addEdgeWithKey(key, s.source, s.target, { type: 'similar_to', provenance: 'inferred', weight: s.weight, evidence: joined('tf-idf cosine ', s.weight) });
  }
}

export interface ThreadStageResult {
  threads: Thread[];
  modularity: number | null;
  notes: string[];
}

/** The pipeline's threads stage: detect, write into the graph, return what the report needs. */
export function threadStage(graph: LitGraph, options: Partial<ThreadOptions> = {}): ThreadStageResult {
  const o = resolveThreadOptions(options);
  const detection = detectThreads(graph, o);
  addThreadsToGraph(graph, detection, louvainEvidence(o));
  return { threads: detection.threads, modularity: detection.modularity, notes: detection.notes };
}

/**
 * The paper links of `papers` and their Louvain partition, wherever they are computed (inline,
 * or the text pass's worker: text-neighbours.ts `threadLinks`).
 */
export type ThreadLinksRunner = (papers: readonly string[], request: ThreadLinksRequest) => ThreadLinks;

/**
 * threadStage with the paper links and Louvain handed to `run` (the build runs them on the text
 * pass's worker, idle by then) while this thread writes the `similar_to` edges, which do not
 * depend on them, then runs `meanwhile` (the build's: scanning the graph for the layout, writing
 * papers.jsonl and mentions.jsonl), which must not change the graph.
 * The same threads and the same graph as threadStage: only the order in which graphology holds
 * the `similar_to` and `in_thread` edges differs, and every output is sorted by key (the layout
 * reads `in_thread` edges apart from the paper–paper ones, graph/layout.ts).
 */
export async function threadStageAsync(graph: LitGraph, options: Partial<ThreadOptions>, run: ThreadLinksRunner, meanwhile?: () => void | Promise<void>): Promise<ThreadStageResult> {
  const o = resolveThreadOptions(options);
  const { pg, ...text } = textInputs(graph, o);
  const running = run(text.ids, linksRequest(text, pg));
  const similar = similarPairs(text.ids, text.neighbours, o);
  addSimilarEdges(graph, similar);
  const [links, partitionDone] = await Promise.all([running.links, running.partition, meanwhile?.()]);
  const inputs: ThreadInputs = { ...text, links };
  const detection = threadsOfPartition(inputs, partitionDone, similar, paperAdjacency(links));
  addThreadNodes(graph, detection.threads, louvainEvidence(o));
  return { threads: detection.threads, modularity: detection.modularity, notes: detection.notes };
}

const louvainEvidence = (o: ThreadOptions) => `louvain (seed ${o.seed}, resolution ${o.resolution})`;

export { buildTextIndex, TextIndex } from './text-index.js';
export { buildPaperGraph, DEFAULT_PAPER_GRAPH_OPTIONS, DEFAULT_PAPER_GRAPH_WEIGHTS, paperLinks } from './paper-graph.js';
export { readSignals } from './signals.js';
export { mulberry32 } from './rng.js';
