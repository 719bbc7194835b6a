/**
 * signals — what the graph says about each paper, in the shape the similarity code needs
 * =====================================================================================
 *
 * Threads and related work read the same evidence from the typed graph: text (title + abstract),
 * year, references and citers (`cites`), and the entities a paper shares with others — authors
 * (`authored`), methods (`proposes` / `uses`), datasets (`evaluates_on`), tasks (`addresses`) and
 * code repositories (`has_code`). Reading the graph rather than pipeline internals means every
 * signal another stage adds (entities, citations) is used as soon as it is in the graph, and
 * nothing breaks while it is not.
 */
import type { LitGraph } from '../graph/build.js';
import type { EdgeType } from '../types.js';

export type SharedKind = 'author' | 'method' | 'dataset' | 'task' | 'repo';
export const SHARED_KINDS: readonly SharedKind[] = ['author', 'method', 'dataset', 'task', 'repo'];

/** Which edge types link a paper to each kind of shared entity. */
const KIND_OF_EDGE: Partial<Record<EdgeType, SharedKind>> = {
  authored: 'author',
  proposes: 'method',
  uses: 'method',
  evaluates_on: 'dataset',
  addresses: 'task',
  has_code: 'repo',
};

export interface PaperSignals {
  /** Corpus papers (not `external`), sorted by id: the order every derived structure follows. */
  papers: string[];
  /** Every paper node (corpus and external) → index in `nodes`. */
  title: Map<string, string | null>;
  abstract: Map<string, string | null>;
  year: Map<string, number | null>;
  /** citing → cited (any paper node, external included). */
  refs: Map<string, string[]>;
  /** cited → citing. */
  citers: Map<string, string[]>;
  /** paper → entity ids per kind (sorted, unique). */
  entities: Map<string, Map<SharedKind, string[]>>;
  /** entity id → number of corpus papers linked to it. */
  entityDf: Map<string, number>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads the signals of every paper from a litgraph graph. */
export function readSignals(graph: LitGraph): PaperSignals {
  const papers: string[] = [];
  const title = new Map<string, string | null>();
  const abstract = new Map<string, string | null>();
  const year = new Map<string, number | null>();
  graph.forEachNode((key, a) => {
    if (a.type !== 'paper') return;
    if (!a.external) papers.push(key);
    title.set(key, (a.title as string | null | undefined) ?? null);
    abstract.set(key, (a.abstract as string | null | undefined) ?? null);
    year.set(key, typeof a.year === 'number' ? a.year : null);
  });
  papers.sort();
  const refs = new Map<string, string[]>();
  const citers = new Map<string, string[]>();
  const sets = new Map<string, Map<SharedKind, Set<string>>>();
  graph.forEachEdge((_, a, source, target) => {
    if (a.type === 'cites') {
      if (source === target) return;
      push(refs, source, target);
      push(citers, target, source);
      return;
    }
    const kind = KIND_OF_EDGE[a.type];
    if (!kind) return;
    const [paper, entity] = a.type === 'authored' ? [target, source] : [source, target];
    let byKind = sets.get(paper);
    if (!byKind) sets.set(paper, (byKind = new Map()));
    let set = byKind.get(kind);
    if (!set) byKind.set(kind, (set = new Set()));
    set.add(entity);
  });
  for (const list of refs.values()) dedupeSort(list);
  for (const list of citers.values()) dedupeSort(list);
  const corpus = new Set(papers);
  const entities = new Map<string, Map<SharedKind, string[]>>();
  const entityDf = new Map<string, number>();
  for (const [paper, byKind] of sets) {
    const out = new Map<SharedKind, string[]>();
    for (const [kind, set] of byKind) {
      const list = [...set].sort();
      out.set(kind, list);
      if (corpus.has(paper)) for (const e of list) entityDf.set(e, (entityDf.get(e) ?? 0) + 1);
    }
    entities.set(paper, out);
  }
  return { papers, title, abstract, year, refs, citers, entities, entityDf };
}

function dedupeSort(list: string[]): void {
  list.sort();
  let w = 0;
  for (let r = 0; r < list.length; r++) if (r === 0 || list[r] !== list[r - 1]) list[w++] = list[r];
  list.length = w;
}

/**
 * How much a shared item says: 1 for an item two papers share with nobody else, falling as
 * 1 / log2(1 + df) as more papers share it (df = papers linked to it).
 */
export function rarity(df: number): number {
  return 1 / Math.log2(1 + Math.max(1, df));
}
