/**
 * related — "what is related to this paper, and why?"
 * ===================================================
 *
 * `buildRelatedIndex(graph)` reads every signal once (threads/signals.ts, the text index, thread
 * membership from `in_thread` edges) so that one process answers many queries fast (`--batch`).
 * `relatedWork(index, query, options)` resolves the query — a paper id, arXiv id, DOI, ACL id,
 * title words (several matches → the candidates are returned instead) or free text — and ranks
 * corpus papers by a weighted sum of signals:
 *
 *   text            tf-idf cosine of titles + abstracts
 *   coupling        references both cite, Σ rarity(citers of the reference)
 *   coCited         papers citing both, Σ rarity(references of the citing paper)
 *   citation        a direct citation either way
 *   author … repo   shared authors / methods / datasets / tasks / repos, Σ rarity(papers linked);
 *                   free text shares the methods, datasets, tasks and repos it names (`textEntities`)
 *   thread          the same research thread
 *   similarCite     what the query's textual neighbours cite, Σ cosine of the citing neighbour
 *   authorCite      what other papers by the query's authors cite
 *   popularity      ln(1 + citations) / ln(1 + most citations): a prior for well-known work
 *
 * Text and the citation-flow signals (coupling, coCited, similarCite, authorCite) are divided by their
 * largest value among the query's candidates; shared entities stay absolute (Σ rarity, capped at
 * 1) so that one widely shared method remains weak evidence. Every signal lies in [0, 1] and the weights (DEFAULT_RELATED_WEIGHTS,
 * tuned on the AAN citation-recovery eval, bench/eval-threads.ts) compare like with like. The
 * paper itself is never suggested, nor — unless `allowLater` — papers published after it.
 * Each suggestion carries its score breakdown and the evidence: shared references, co-citing
 * papers, shared entities, the thread, the text score, the neighbours and authors that cite it.
 */
import type { LitGraph } from '../graph/build.js';
import type { EntityType, Thread } from '../types.js';
import { extractPaperMentions } from '../extract/index.js';
import { foldText, normaliseAclId, normaliseArxivId, normaliseDoi } from '../graph/keys.js';
import { rarity, readSignals, SHARED_KINDS, type PaperSignals, type SharedKind } from '../threads/signals.js';
import { buildTextIndex, TopK, type SparseVector, type TextIndex, type TextIndexOptions } from '../threads/text-index.js';
import { STOPWORDS } from '../threads/tokenize.js';

export const SIGNALS = ['text', 'coupling', 'coCited', 'citation', 'author', 'method', 'dataset', 'task', 'repo', 'thread', 'similarCite', 'authorCite', 'popularity'] as const;
export type Signal = (typeof SIGNALS)[number];
export type RelatedWeights = Record<Signal, number>;

export const DEFAULT_RELATED_WEIGHTS: RelatedWeights = {
  text: 1,
  coupling: 0.6,
  coCited: 0.6,
  citation: 0.5,
  author: 0.3,
  method: 0.3,
  dataset: 0.15,
  task: 0.15,
  repo: 0.3,
  thread: 0.1,
  similarCite: 0.8,
  authorCite: 0.4,
  popularity: 0.3,
};

export interface RelatedOptions {
  /** Suggestions returned. */
  k: number;
  /** Also suggest papers published after the query paper. */
  allowLater: boolean;
  weights: RelatedWeights;
  /** Text neighbours scored as candidates. */
  textCandidates: number;
  /** Textual neighbours whose references feed `similarCite`. */
  similarNeighbours: number;
  /** References, citers, authors and entities linked to more papers than this are skipped. */
  maxFanout: number;
  /** The most cited papers always considered (the popularity prior's candidates). */
  popularCandidates: number;
  /** Evidence items listed per reason. */
  evidence: number;
  /** Year of a free-text query, to exclude later papers (none by default). */
  year: number | null;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = {
  k: 10,
  allowLater: false,
  weights: DEFAULT_RELATED_WEIGHTS,
  textCandidates: 200,
  similarNeighbours: 20,
  maxFanout: 500,
  popularCandidates: 50,
  evidence: 5,
  year: null,
};

export function resolveRelatedOptions(options: Partial<Omit<RelatedOptions, 'weights'>> & { weights?: Partial<RelatedWeights> } = {}): RelatedOptions {
  const o: RelatedOptions = { ...DEFAULT_RELATED_OPTIONS, ...options, weights: { ...DEFAULT_RELATED_WEIGHTS, ...options.weights } };
  if (!(Number.isInteger(o.k) && o.k >= 1)) throw new RangeError(`related: k must be a positive integer, got ${o.k}`);
  for (const [name, w] of Object.entries(o.weights)) if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`related: weight ${name} must be a number ≥ 0, got ${w}`);
  for (const name of ['textCandidates', 'similarNeighbours', 'maxFanout', 'popularCandidates', 'evidence'] as const) {
    if (!(Number.isInteger(o[name]) && o[name] >= 0)) throw new RangeError(`related: ${name} must be an integer ≥ 0, got ${o[name]}`);
  }
  return o;
}

/* ------------------------------------------------------------------------- index -- */

/** The read side of a Map: all that ranking asks of a lookup, so an index may answer from arrays. */
export interface Lookup<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
}

/**
 * Corpus papers per key (an entity, a title word), held as paper numbers: packing related.idx
 * reads the numbers as they are (looking 900k paper ids up again in a map of every node cost 3 s
 * at 100k papers), queries read ids. Numbers are added in increasing order, so each list is in
 * `papers` order.
 */
export class PaperLists implements Lookup<string, readonly string[]> {
  /** key → paper numbers, in increasing order. */
  readonly numbers = new Map<string, number[]>();

  constructor(private readonly papers: readonly string[]) {}

  add(key: string, paper: number): void {
    const list = this.numbers.get(key);
    if (list) list.push(paper);
    else this.numbers.set(key, [paper]);
  }

  get(key: string): string[] | undefined {
    return this.numbers.get(key)?.map((n) => this.papers[n]);
  }

  has(key: string): boolean {
    return this.numbers.has(key);
  }
}

/** The per-paper signals ranking reads (threads/signals.ts `PaperSignals` is one). */
export interface RelatedSignals {
  /** Every paper node (corpus and external) → year, null when unknown. */
  year: Lookup<string, number | null>;
  /** citing → cited, sorted, unique; absent when the paper cites nothing. */
  refs: Lookup<string, readonly string[]>;
  /** cited → citing, sorted, unique; absent when nothing cites the paper. */
  citers: Lookup<string, readonly string[]>;
  /** paper → entity ids per kind (sorted, unique); absent for a paper linked to none. */
  entities: Lookup<string, Lookup<SharedKind, readonly string[]>>;
}

export interface RelatedIndex {
  signals: RelatedSignals;
  text: TextIndex;
  /** Corpus papers, sorted; numbers are positions here and in the text index. */
  papers: readonly string[];
  number: Lookup<string, number>;
  /** Paper nodes (corpus and external) → label. */
  label: Lookup<string, string>;
  /** Entity nodes (author, method, dataset, task, repo, …) → label. */
  entityLabel: Lookup<string, string>;
  /** Corpus paper → its thread id. */
  thread: Lookup<string, string>;
  threadLabel: Lookup<string, string>;
  /** entity id → corpus papers linked to it (in `papers` order). */
  entityPapers: Lookup<string, readonly string[]>;
  /** Paper → how many papers cite it (absent when none). */
  citedCount: Lookup<string, number>;
  maxCited: number;
  /** The 1,000 most cited corpus papers, most cited first (ties by id). */
  popular: readonly string[];
  /** arXiv id / lower-cased DOI / lower-cased ACL id → corpus paper. */
  byArxiv: Lookup<string, string>;
  byDoi: Lookup<string, string>;
  byAcl: Lookup<string, string>;
  /** folded title word → corpus papers whose title (or label) has it (in `papers` order). */
  titleWords: Lookup<string, readonly string[]>;
  foldedTitle: Lookup<string, string>;
}

/**
 * The index as `buildRelatedIndex` makes it, with Maps that can be listed: what
 * query/packed-index.ts packs into the build's related.idx.
 */
export interface BuiltRelatedIndex extends RelatedIndex {
  signals: PaperSignals;
  papers: string[];
  number: Map<string, number>;
  label: Map<string, string>;
  entityLabel: Map<string, string>;
  thread: Map<string, string>;
  threadLabel: Map<string, string>;
  entityPapers: PaperLists;
  citedCount: Map<string, number>;
  popular: string[];
  byArxiv: Map<string, string>;
  byDoi: Map<string, string>;
  byAcl: Map<string, string>;
  titleWords: PaperLists;
  foldedTitle: Map<string, string>;
}

/**
 * Reads everything related work needs from a graph, once. `prebuilt` is a text index of the
 * corpus papers' titles and abstracts built with `textOptions` already (the build's text pass
 * makes one); it is used when it covers exactly the graph's corpus papers, else one is built.
 */
export function buildRelatedIndex(graph: LitGraph, textOptions: Partial<TextIndexOptions> = {}, prebuilt?: TextIndex): BuiltRelatedIndex {
  const signals = readSignals(graph);
  const papers = signals.papers;
  const number = new Map<string, number>();
  papers.forEach((p, i) => number.set(p, i));
  const text =
    prebuilt && prebuilt.ids.length === papers.length && prebuilt.ids.every((id, i) => id === papers[i])
      ? prebuilt
      : buildTextIndex(papers.map((id) => ({ id, title: signals.title.get(id), abstract: signals.abstract.get(id) })), textOptions);
  const label = new Map<string, string>();
  const entityLabel = new Map<string, string>();
  const threadLabel = new Map<string, string>();
  const byArxiv = new Map<string, string>();
  const byDoi = new Map<string, string>();
  const byAcl = new Map<string, string>();
  graph.forEachNode((key, a) => {
    if (a.type === 'paper') label.set(key, a.label);
    else if (a.type === 'thread') threadLabel.set(key, a.label);
    else entityLabel.set(key, a.label);
  });
  // Identifier lookups lead to corpus papers only (an external paper has no text to rank by), the
  // first in id order on a clash, so the index does not depend on the order the graph was read in.
  for (const key of papers) {
    const a = graph.getNodeAttributes(key);
    if (typeof a.arxivId === 'string' && !byArxiv.has(a.arxivId)) byArxiv.set(a.arxivId, key);
    if (typeof a.doi === 'string' && !byDoi.has(a.doi.toLowerCase())) byDoi.set(a.doi.toLowerCase(), key);
    if (typeof a.aclId === 'string' && !byAcl.has(a.aclId.toLowerCase())) byAcl.set(a.aclId.toLowerCase(), key);
  }
  const thread = new Map<string, string>();
  graph.forEachEdge((_, a, source, target) => {
    if (a.type === 'in_thread') thread.set(source, target);
  });
  const entityPapers = new PaperLists(papers);
  papers.forEach((p, n) => {
    for (const list of signals.entities.get(p)?.values() ?? []) for (const e of list) entityPapers.add(e, n);
  });
  const citedCount = new Map<string, number>();
  let maxCited = 0;
  for (const [cited, citing] of signals.citers) {
    citedCount.set(cited, citing.length);
    if (number.has(cited)) maxCited = Math.max(maxCited, citing.length);
  }
  const popular = papers
    .filter((p) => (citedCount.get(p) ?? 0) > 0)
    .sort((a, b) => citedCount.get(b)! - citedCount.get(a)! || (a < b ? -1 : 1))
    .slice(0, 1000);
  const titleWords = new PaperLists(papers);
  const foldedTitle = new Map<string, string>();
  papers.forEach((p, n) => {
    const t = foldText(signals.title.get(p) ?? label.get(p) ?? '');
    foldedTitle.set(p, t);
    for (const w of new Set(t.split(' '))) if (w) titleWords.add(w, n);
  });
  return { signals, text, papers, number, label, entityLabel, thread, threadLabel, entityPapers, citedCount, maxCited, popular, byArxiv, byDoi, byAcl, titleWords, foldedTitle };
}

/**
 * Records thread membership in an index built before the threads stage ran: what
 * buildRelatedIndex reads from `in_thread` edges and thread nodes, taken from the threads. The
 * build uses this to make the index while the text pass runs in its worker (pipeline.ts), when
 * the main thread would otherwise wait.
 */
export function attachThreads(index: BuiltRelatedIndex, threads: readonly Thread[]): void {
  for (const t of threads) {
    index.threadLabel.set(t.id, t.label);
    for (const p of t.papers) if (index.number.has(p)) index.thread.set(p, t.id);
  }
}

/* ---------------------------------------------------------------- query resolution -- */

export interface Candidate {
  id: string;
  label: string;
  year: number | null;
}

export type Resolved = { kind: 'paper'; id: string } | { kind: 'ambiguous'; candidates: Candidate[] } | { kind: 'not-found' };

/** A paper id, arXiv id, DOI, ACL id, or title words → one paper, the candidates, or none. */
export function resolvePaper(index: RelatedIndex, query: string): Resolved {
  const q = query.trim();
  if (!q) return { kind: 'not-found' };
  if (index.number.has(q)) return { kind: 'paper', id: q };
  const arxiv = normaliseArxivId(q);
  if (arxiv && index.byArxiv.has(arxiv)) return { kind: 'paper', id: index.byArxiv.get(arxiv)! };
  const doi = normaliseDoi(q);
  if (doi && index.byDoi.has(doi)) return { kind: 'paper', id: index.byDoi.get(doi)! };
  const aclId = normaliseAclId(q);
  const acl = index.byAcl.get((aclId ?? q).toLowerCase());
  if (acl) return { kind: 'paper', id: acl };
  for (const id of [arxiv && `paper:arxiv:${arxiv}`, doi && `paper:doi:${doi}`, aclId && `paper:acl:${aclId}`]) {
    if (id && index.number.has(id)) return { kind: 'paper', id };
  }
  const folded = foldText(q);
  const wordsAll = folded.split(' ').filter(Boolean);
  const words = wordsAll.filter((w) => !STOPWORDS.has(w));
  const use = words.length ? words : wordsAll;
  if (!use.length) return { kind: 'not-found' };
  let hits: string[] | null = null;
  for (const w of [...use].sort((a, b) => (index.titleWords.get(a)?.length ?? 0) - (index.titleWords.get(b)?.length ?? 0))) {
    const list = index.titleWords.get(w) ?? [];
    const set = new Set(list);
    hits = hits === null ? list.slice() : hits.filter((p) => set.has(p));
    if (!hits.length) break;
  }
  if (!hits?.length) return { kind: 'not-found' };
  if (hits.length === 1) return { kind: 'paper', id: hits[0] };
  const exact = hits.filter((p) => index.foldedTitle.get(p) === folded);
  if (exact.length === 1) return { kind: 'paper', id: exact[0] };
  return {
    kind: 'ambiguous',
    candidates: hits
      .sort((a, b) => (index.foldedTitle.get(a)!.length - index.foldedTitle.get(b)!.length) || (a < b ? -1 : 1))
      .slice(0, 20)
      .map((id) => ({ id, label: index.label.get(id) ?? id, year: index.signals.year.get(id) ?? null })),
  };
}

/* ------------------------------------------------------------------------ ranking -- */

export interface Evidence {
  id: string;
  label: string;
}

export interface Reasons {
  /** tf-idf cosine with the query. */
  text?: number;
  /** Direct citation: the query cites this paper, or this paper cites the query. */
  citation?: 'cites' | 'cited-by';
  sharedRefs?: Evidence[];
  sharedRefCount?: number;
  coCitedBy?: Evidence[];
  coCitedCount?: number;
  shared?: Partial<Record<SharedKind, Evidence[]>>;
  thread?: Evidence;
  /** Textual neighbours of the query that cite this paper. */
  citedBySimilar?: Evidence[];
  /** Other papers by the query's authors that cite this paper. */
  citedBySameAuthors?: Evidence[];
  /** How often the corpus cites this paper. */
  citations?: number;
}

export interface Suggestion {
  rank: number;
  id: string;
  label: string;
  year: number | null;
  score: number;
  /** Weighted contribution of each signal (non-zero only); they sum to `score`. */
  breakdown: Partial<Record<Signal, number>>;
  reasons: Reasons;
}

export type RelatedQuery = string | { paper: string } | { text: string; year?: number | null };

export interface QueryInfo {
  kind: 'paper' | 'text';
  input: string;
  id?: string;
  label?: string;
  year?: number | null;
  thread?: Evidence;
  /** For a pasted text: the corpus's methods, datasets, tasks and repositories it names. */
  entities?: Partial<Record<SharedKind, Evidence[]>>;
}

export type RelatedAnswer =
  | { status: 'ok'; query: QueryInfo; suggestions: Suggestion[] }
  | { status: 'ambiguous'; query: QueryInfo; candidates: Candidate[] }
  | { status: 'not-found'; query: QueryInfo; message: string };

/** Signals divided by their largest value among the query's candidates. */
const NORMALISED: readonly Signal[] = ['text', 'coupling', 'coCited', 'similarCite', 'authorCite'];
/** Signals kept absolute (Σ rarity), capped at 1: one widely shared entity must stay weak evidence. */
const CAPPED: readonly Signal[] = ['author', 'method', 'dataset', 'task', 'repo'];
const round = (x: number) => Math.round(x * 10000) / 10000;

const SIGNAL_INDEX = Object.fromEntries(SIGNALS.map((s, i) => [s, i])) as Record<Signal, number>;
const S = SIGNALS.length;

/**
 * Per-query accumulators: one dense row of signal values per corpus paper, allocated once per
 * index and reset after each query for the papers it touched (no per-query maps or rows).
 */
class Scratch {
  readonly values: Float64Array;
  readonly mark: Uint8Array;
  readonly touched: number[] = [];
  constructor(private readonly index: RelatedIndex) {
    this.values = new Float64Array(index.papers.length * S);
    this.mark = new Uint8Array(index.papers.length);
  }

  bump(id: string, signal: Signal, value: number): void {
    const n = this.index.number.get(id);
    if (n === undefined) return;
    if (!this.mark[n]) {
      this.mark[n] = 1;
      this.touched.push(n);
    }
    this.values[n * S + SIGNAL_INDEX[signal]] += value;
  }

  row(n: number): Float64Array {
    return this.values.subarray(n * S, n * S + S);
  }

  reset(): void {
    for (const n of this.touched) {
      this.values.fill(0, n * S, n * S + S);
      this.mark[n] = 0;
    }
    this.touched.length = 0;
  }
}

/** A query's entities per kind (sorted, unique). */
type QueryEntities = Lookup<SharedKind, readonly string[]>;

/** The shared kinds a text can name (a pasted text has no authors). */
const KIND_OF_TYPE: Partial<Record<EntityType, SharedKind>> = { method: 'method', dataset: 'dataset', task: 'task', repo: 'repo' };

/**
 * The corpus entities a pasted text names. The text goes through the build's own extractors
 * (extract/), whose keys depend only on the name (`dataset:conll-2003`, `method:bert`), so a
 * name the text spells as the corpus does finds its node; a mention counts when the graph has
 * its key linked to a corpus paper. Not found: a spelling the corpus merged into another one
 * (keys that differ only in hyphens keep the corpus's commonest), and a long form written
 * without its acronym when the corpus keys the entity on the acronym.
 */
export function textEntities(index: Pick<RelatedIndex, 'entityPapers'>, text: string): Map<SharedKind, string[]> {
  const found = new Map<SharedKind, Set<string>>();
  for (const m of extractPaperMentions({ id: 'query', title: null, abstract: text })) {
    const kind = KIND_OF_TYPE[m.type];
    if (kind === undefined || !index.entityPapers.get(m.entity)?.length) continue;
    let ids = found.get(kind);
    if (!ids) found.set(kind, (ids = new Set()));
    ids.add(m.entity);
  }
  const out = new Map<SharedKind, string[]>();
  for (const kind of SHARED_KINDS) {
    const ids = found.get(kind);
    if (ids) out.set(kind, [...ids].sort());
  }
  return out;
}

const scratches = new WeakMap<RelatedIndex, Scratch>();

/** Ranks related work for `query`. */
export function relatedWork(index: RelatedIndex, query: RelatedQuery, options: Partial<Omit<RelatedOptions, 'weights'>> & { weights?: Partial<RelatedWeights> } = {}): RelatedAnswer {
  const o = resolveRelatedOptions(options);
  const input = typeof query === 'string' ? query : 'text' in query ? query.text : query.paper;
  let self: string | null = null;
  let vector: SparseVector;
  let info: QueryInfo;
  let mine: QueryEntities | undefined;
  if (typeof query === 'object' && 'text' in query) {
    vector = index.text.vectorize(query.text);
    const named = textEntities(index, query.text);
    mine = named;
    info = { kind: 'text', input: input.length > 80 ? `${input.slice(0, 79)}…` : input, year: query.year ?? o.year };
    if (named.size > 0) info.entities = Object.fromEntries([...named].map(([kind, ids]) => [kind, ids.map((e) => ({ id: e, label: index.entityLabel.get(e) ?? e }))]));
    if (!vector.terms.length && named.size === 0) return { status: 'not-found', query: info, message: 'the text has no terms in the corpus vocabulary and names none of its methods, datasets, tasks or repositories' };
  } else {
    const resolved = resolvePaper(index, input);
    info = { kind: 'paper', input };
    if (resolved.kind === 'ambiguous') return { status: 'ambiguous', query: info, candidates: resolved.candidates };
    if (resolved.kind === 'not-found') return { status: 'not-found', query: info, message: `no paper matches "${input}" (try a paper id, arXiv id, DOI, other title words, or --text)` };
    self = resolved.id;
    vector = index.text.vector(index.number.get(self)!);
    mine = index.signals.entities.get(self);
    info = { ...info, id: self, label: index.label.get(self), year: index.signals.year.get(self) ?? null };
  }
  let scratch = scratches.get(index);
  if (!scratch) scratches.set(index, (scratch = new Scratch(index)));
  try {
    return rank(index, scratch, self, mine, vector, info, o);
  } finally {
    scratch.reset();
  }
}

function rank(index: RelatedIndex, scratch: Scratch, self: string | null, mine: QueryEntities | undefined, vector: SparseVector, info: QueryInfo, o: RelatedOptions): RelatedAnswer {
  const { signals } = index;
  const qYear = info.year ?? null;
  const bump = (id: string, signal: Signal, value: number) => scratch.bump(id, signal, value);

  // Text neighbours: candidates and the "what similar papers cite" signal.
  const neighbours = index.text.query(vector, Math.max(o.textCandidates, o.similarNeighbours), { exclude: self !== null ? index.number.get(self) : undefined });
  for (const { doc, score } of neighbours) bump(index.papers[doc], 'text', score);
  const similar = neighbours.slice(0, o.similarNeighbours).filter((n) => n.score > 0);
  for (const { doc, score } of similar) {
    const refs = signals.refs.get(index.papers[doc]) ?? [];
    if (refs.length > o.maxFanout) continue;
    for (const r of refs) if (index.number.has(r)) bump(r, 'similarCite', score);
  }

  // Thread: the query paper's own, or for text the thread most of its neighbours are in.
  let queryThread: string | undefined = self ? index.thread.get(self) : undefined;
  if (!self) {
    const votes = new Map<string, number>();
    for (const { doc, score } of neighbours.slice(0, 10)) {
      const t = index.thread.get(index.papers[doc]);
      if (t) votes.set(t, (votes.get(t) ?? 0) + score);
    }
    queryThread = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  }
  if (queryThread === 'thread:other') queryThread = undefined;
  if (queryThread) info.thread = { id: queryThread, label: index.threadLabel.get(queryThread) ?? queryThread };

  if (self) {
    const refs = signals.refs.get(self) ?? [];
    const citers = signals.citers.get(self) ?? [];
    for (const r of refs) if (index.number.has(r)) bump(r, 'citation', 1);
    for (const c of citers) if (index.number.has(c)) bump(c, 'citation', 1);
    // Bibliographic coupling: others citing what the query cites.
    for (const r of refs) {
      const others = signals.citers.get(r) ?? [];
      if (others.length > o.maxFanout) continue;
      const w = rarity(others.length);
      for (const c of others) if (c !== self && index.number.has(c)) bump(c, 'coupling', w);
    }
    // Co-citation: what is cited together with the query.
    for (const x of citers) {
      const together = signals.refs.get(x) ?? [];
      if (together.length > o.maxFanout) continue;
      const w = rarity(together.length);
      for (const c of together) if (c !== self && index.number.has(c)) bump(c, 'coCited', w);
    }
  }
  // Shared entities (a pasted text's are those it names), and what the query's authors cite elsewhere.
  for (const kind of SHARED_KINDS) {
    for (const e of mine?.get(kind) ?? []) {
      const list = index.entityPapers.get(e) ?? [];
      if (list.length > o.maxFanout) continue;
      const w = rarity(list.length);
      for (const p of list) {
        if (p === self) continue;
        bump(p, kind, w);
        if (kind === 'author') for (const r of signals.refs.get(p) ?? []) if (index.number.has(r)) bump(r, 'authorCite', w);
      }
    }
  }
  for (const p of index.popular.slice(0, o.popularCandidates)) bump(p, 'popularity', 0);

  // Normalise, weigh, filter, rank.
  const max = new Float64Array(S);
  for (const n of scratch.touched) {
    const row = scratch.row(n);
    for (let i = 0; i < S; i++) if (row[i] > max[i]) max[i] = row[i];
  }
  const textMax = max[SIGNAL_INDEX.text];
  const top = new TopK(o.k);
  const candidates: string[] = [];
  const rows: Float64Array[] = [];
  const lnMax = Math.log1p(index.maxCited);
  for (const num of scratch.touched) {
    const id = index.papers[num];
    const row = scratch.row(num);
    if (id === self) continue;
    if (!o.allowLater && qYear != null) {
      const y = signals.year.get(id);
      if (y != null && y > qYear) continue;
    }
    for (const s of NORMALISED) if (max[SIGNAL_INDEX[s]] > 0) row[SIGNAL_INDEX[s]] /= max[SIGNAL_INDEX[s]];
    for (const s of CAPPED) row[SIGNAL_INDEX[s]] = Math.min(1, row[SIGNAL_INDEX[s]]);
    row[SIGNAL_INDEX.thread] = queryThread && index.thread.get(id) === queryThread ? 1 : 0;
    row[SIGNAL_INDEX.popularity] = lnMax > 0 ? Math.log1p(index.citedCount.get(id) ?? 0) / lnMax : 0;
    let score = 0;
    for (let i = 0; i < SIGNALS.length; i++) score += o.weights[SIGNALS[i]] * row[i];
    if (score <= 0) continue;
    const n = candidates.length;
    candidates.push(id);
    rows.push(row);
    top.push(n, score);
  }

  const suggestions = top.sorted().map(({ doc, score }, i) => {
    const id = candidates[doc];
    const row = rows[doc];
    const breakdown: Partial<Record<Signal, number>> = {};
    SIGNALS.forEach((s, j) => {
      const v = o.weights[s] * row[j];
      if (v > 0) breakdown[s] = round(v);
    });
    return { rank: i + 1, id, label: index.label.get(id) ?? id, year: signals.year.get(id) ?? null, score: round(score), breakdown, reasons: explain(index, self, mine, id, row, textMax, similar.map((n) => index.papers[n.doc]), queryThread, o) };
  });
  return { status: 'ok', query: info, suggestions };
}

/** The evidence behind one suggestion (computed for the returned few only). */
function explain(index: RelatedIndex, self: string | null, mine: QueryEntities | undefined, id: string, row: Float64Array, textMax: number, similar: string[], thread: string | undefined, o: RelatedOptions): Reasons {
  const { signals } = index;
  const ev = (p: string): Evidence => ({ id: p, label: index.label.get(p) ?? index.entityLabel.get(p) ?? p });
  const reasons: Reasons = {};
  // For a pasted text, the row's text signal was divided by the best one for ranking: the cosine is that times the best.
  const cos = self !== null ? index.text.cosine(index.number.get(self)!, index.number.get(id)!) : row[SIGNAL_INDEX.text] * textMax;
  if (cos > 0) reasons.text = round(cos);
  if (self) {
    const myRefs = signals.refs.get(self) ?? [];
    const theirRefs = new Set(signals.refs.get(id) ?? []);
    if (myRefs.includes(id)) reasons.citation = 'cites';
    else if (theirRefs.has(self)) reasons.citation = 'cited-by';
    const shared = myRefs.filter((r) => theirRefs.has(r));
    if (shared.length) {
      reasons.sharedRefCount = shared.length;
      reasons.sharedRefs = shared.slice(0, o.evidence).map(ev);
    }
    const theirCiters = new Set(signals.citers.get(id) ?? []);
    const coCiting = (signals.citers.get(self) ?? []).filter((c) => theirCiters.has(c));
    if (coCiting.length) {
      reasons.coCitedCount = coCiting.length;
      reasons.coCitedBy = coCiting.slice(0, o.evidence).map(ev);
    }
    const authors = mine?.get('author') ?? [];
    if (authors.length) {
      const byAuthors = new Set<string>();
      for (const a of authors) for (const p of index.entityPapers.get(a) ?? []) if (p !== self && (signals.refs.get(p) ?? []).includes(id)) byAuthors.add(p);
      if (byAuthors.size) reasons.citedBySameAuthors = [...byAuthors].sort().slice(0, o.evidence).map(ev);
    }
  }
  const theirs = signals.entities.get(id);
  for (const kind of SHARED_KINDS) {
    const t = new Set(theirs?.get(kind) ?? []);
    const both = (mine?.get(kind) ?? []).filter((e) => t.has(e));
    if (both.length) (reasons.shared ??= {})[kind] = both.slice(0, o.evidence).map(ev);
  }
  if (thread && index.thread.get(id) === thread) reasons.thread = { id: thread, label: index.threadLabel.get(thread) ?? thread };
  const citingNeighbours = similar.filter((n) => (signals.refs.get(n) ?? []).includes(id));
  if (citingNeighbours.length) reasons.citedBySimilar = citingNeighbours.slice(0, o.evidence).map(ev);
  const cited = index.citedCount.get(id) ?? 0;
  if (cited) reasons.citations = cited;
  return reasons;
}

/** One line per reason, for the human table. */
export function describeReasons(r: Reasons): string[] {
  const lines: string[] = [];
  const names = (list: Evidence[], total?: number) => `${list.map((e) => e.label).join('; ')}${total && total > list.length ? ` (+${total - list.length} more)` : ''}`;
  if (r.citation) lines.push(r.citation === 'cites' ? 'cited by the query paper' : 'cites the query paper');
  if (r.sharedRefs) lines.push(`shares ${r.sharedRefCount} reference${r.sharedRefCount === 1 ? '' : 's'}: ${names(r.sharedRefs, r.sharedRefCount)}`);
  if (r.coCitedBy) lines.push(`co-cited by ${r.coCitedCount}: ${names(r.coCitedBy, r.coCitedCount)}`);
  for (const [kind, list] of Object.entries(r.shared ?? {})) lines.push(`shared ${kind}${list.length > 1 ? 's' : ''}: ${names(list)}`);
  if (r.citedBySimilar) lines.push(`cited by similar papers: ${names(r.citedBySimilar)}`);
  if (r.citedBySameAuthors) lines.push(`cited by the same authors: ${names(r.citedBySameAuthors)}`);
  if (r.thread) lines.push(`same thread: ${r.thread.label} (${r.thread.id})`);
  if (r.text !== undefined) lines.push(`text similarity ${r.text.toFixed(2)}`);
  if (r.citations) lines.push(`cited ${r.citations}× in the corpus`);
  return lines;
}
