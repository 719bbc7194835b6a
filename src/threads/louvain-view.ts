/**
 * louvain-view — the paper links as the read-only graph graphology-communities-louvain reads
 * =========================================================================================
 *
 * Louvain copies its input into its own flat index (graphology-indices/louvain.js) before it
 * does anything else, and to fill it reads only: `order`, `size`, `selfLoopCount`, `type`,
 * `forEachNode`, `undirectedDegreeWithoutSelfLoops` and `forEachEdge` (node and edge order
 * included: it fills each node's neighbours in the order edges come). Building a real graphology
 * graph of 1.2M links only to be read once that way cost 7.7 s of the 100k build's threads stage
 * and a heap of edge objects for the collector (BENCHMARKS.md); this view answers those reads
 * straight from the `PaperLinks` arrays, in the order `toPaperGraph(links, String)` would give,
 * so Louvain sees the same graph and returns the same communities (tests/threads/louvain-view.test.ts
 * checks both ways on the same links).
 *
 * Nodes are named by paper number ("0", "1", …) as with `toPaperGraph(links, String)`. Anything
 * else a graphology graph can do throws: this is an input to Louvain, not a graph to work with.
 */
import louvainModule from 'graphology-communities-louvain';
import type { PaperLinks } from './paper-graph.js';
import { mulberry32 } from './rng.js';

// The package is CommonJS with `export default` types; under NodeNext the callable may sit on .default.
export type Louvain = typeof import('graphology-communities-louvain').default;
/** graphology-communities-louvain's function, whichever way the module system hands it over. */
export const louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;
/** What `louvain.detailed` takes: a graphology graph, or a `LouvainView` cast to one. */
export type LouvainInput = Parameters<Louvain['detailed']>[0];

/** The part of graphology's Graph interface the Louvain index reads, over `links`. */
export interface LouvainView {
  readonly type: 'undirected';
  readonly multi: false;
  readonly order: number;
  readonly size: number;
  readonly selfLoopCount: 0;
  forEachNode(callback: (node: string, attributes: Record<string, never>) => void): void;
  undirectedDegreeWithoutSelfLoops(node: string): number;
  forEachEdge(callback: (edge: string, attributes: { weight: number }, source: string, target: string, sourceAttributes: Record<string, never>, targetAttributes: Record<string, never>, undirected: boolean) => void): void;
  /** Present (and throwing) only so graphology's `isGraph` check accepts the view. */
  addUndirectedEdgeWithKey(): never;
  dropNode(): never;
}

const readOnly = (): never => {
  throw new Error('louvain-view: the paper links view is read-only (it is Louvain input, not a graphology graph)');
};

export function louvainView(links: PaperLinks): LouvainView {
  const n = links.papers.length;
  const m = links.source.length;
  const degree = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    if (links.source[e] === links.target[e]) throw new RangeError(`louvain-view: paper ${links.papers[links.source[e]]} is linked to itself (links have no self-loops)`);
    degree[links.source[e]]++;
    degree[links.target[e]]++;
  }
  const names = Array.from({ length: n }, (_, i) => String(i));
  const noAttributes: Record<string, never> = Object.freeze({});
  return {
    type: 'undirected',
    multi: false,
    order: n,
    size: m,
    selfLoopCount: 0,
    forEachNode(callback) {
      for (let i = 0; i < n; i++) callback(names[i], noAttributes);
    },
    undirectedDegreeWithoutSelfLoops(node) {
      const i = Number(node);
      if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`louvain-view: no node "${node}"`);
      return degree[i];
    },
    forEachEdge(callback) {
      // One attributes object, rewritten per edge: the index reads the weight and keeps nothing.
      const attributes = { weight: 0 };
      for (let e = 0; e < m; e++) {
        attributes.weight = links.weight[e];
        callback(String(e), attributes, names[links.source[e]], names[links.target[e]], noAttributes, noAttributes, true);
      }
    },
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
  };
}

/** Louvain's answer for paper links: each paper's community (by paper number) and the partition's modularity. */
export interface Partition {
  communityOf: Int32Array;
  /** Rounded to six digits; null when there are no links (every paper is then its own community). */
  modularity: number | null;
}

/**
 * Louvain over `links`, seeded with mulberry32(`seed`): the same links, seed and resolution give
 * the same partition on any thread (the build runs it in the text pass's worker).
 */
export function partitionLinks(links: PaperLinks, seed: number, resolution: number): Partition {
  const n = links.papers.length;
  const communityOf = new Int32Array(n);
  if (links.source.length === 0) {
    for (let i = 0; i < n; i++) communityOf[i] = i;
    return { communityOf, modularity: null };
  }
  const detailed = louvain.detailed(louvainView(links) as unknown as LouvainInput, { getEdgeWeight: 'weight', resolution, rng: mulberry32(seed) });
  for (let i = 0; i < n; i++) communityOf[i] = detailed.communities[i];
  return { communityOf, modularity: Math.round(detailed.modularity * 1e6) / 1e6 };
}
