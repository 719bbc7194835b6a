/**
 * The data the CLI wrote for the viewer (src/sinks/site.ts): the columnar node table, the edge
 * triples, an adjacency index over all of them, and the detail shards loaded on demand.
 */
import type { NodeDetails, SiteData } from '../../src/sinks/site.js';

export type { NodeDetails, PaperDetails, EntityDetails, SiteData, SiteThread } from '../../src/sinks/site.js';

declare global {
  interface Window {
    __LITGRAPH_DATA__?: SiteData;
    __LITGRAPH_DETAILS__?: Record<number, NodeDetails[]>;
  }
}

export interface Model {
  data: SiteData;
  n: number;
  /** Node type name per node. */
  kind: string[];
  /** CSR adjacency over every edge: neighbours of i are adj[start[i] .. start[i+1]). */
  start: Uint32Array;
  adj: Uint32Array;
  /** Edge type index per adjacency entry. */
  adjType: Uint8Array;
  indexOf: Map<string, number>;
  yearRange: [number, number] | null;
  maxDegree: number;
}

export function readData(): SiteData {
  const data = window.__LITGRAPH_DATA__;
  if (!data || typeof data !== 'object' || !data.nodes || !Array.isArray(data.edges)) {
    throw new Error('No graph data: data/graph.js is missing. Build it with `litgraph build --site DIR` or serve it with `litgraph view`.');
  }
  if (data.schema !== 1) throw new Error(`This viewer reads data schema 1; data/graph.js has schema ${String(data.schema)}. Rebuild the site.`);
  return data;
}

export function buildModel(data: SiteData): Model {
  const n = data.nodes.key.length;
  const kind = data.nodes.type.map((t) => data.nodeTypes[t] ?? 'paper');
  const count = new Uint32Array(n + 1);
  const e = data.edges;
  for (let j = 0; j < e.length; j += 3) {
    count[e[j]]++;
    count[e[j + 1]]++;
  }
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + count[i];
  const fill = start.slice(0, n);
  const adj = new Uint32Array(start[n]);
  const adjType = new Uint8Array(start[n]);
  for (let j = 0; j < e.length; j += 3) {
    const s = e[j];
    const t = e[j + 1];
    adj[fill[s]] = t;
    adjType[fill[s]++] = e[j + 2];
    adj[fill[t]] = s;
    adjType[fill[t]++] = e[j + 2];
  }
  let lo = Infinity;
  let hi = -Infinity;
  let maxDegree = 0;
  for (let i = 0; i < n; i++) {
    const y = data.nodes.year[i];
    if (y > 0 && kind[i] === 'paper') {
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (data.nodes.degree[i] > maxDegree) maxDegree = data.nodes.degree[i];
  }
  return {
    data,
    n,
    kind,
    start,
    adj,
    adjType,
    indexOf: new Map(data.nodes.key.map((k, i) => [k, i])),
    yearRange: Number.isFinite(lo) ? [lo, hi] : null,
    maxDegree,
  };
}

export function neighbours(model: Model, i: number): { node: number; edgeType: string }[] {
  const out: { node: number; edgeType: string }[] = [];
  for (let p = model.start[i]; p < model.start[i + 1]; p++) out.push({ node: model.adj[p], edgeType: model.data.edgeTypes[model.adjType[p]] ?? '' });
  return out;
}

const shardLoads = new Map<number, Promise<NodeDetails[]>>();

/** Loads the shard holding node i's details with a <script src> (works from file:// too). */
export function loadDetails(model: Model, i: number): Promise<NodeDetails> {
  const shard = Math.floor(i / model.data.shardSize);
  let load = shardLoads.get(shard);
  if (!load) {
    load = new Promise<NodeDetails[]>((resolve, reject) => {
      const ready = window.__LITGRAPH_DETAILS__?.[shard];
      if (ready) return resolve(ready);
      const script = document.createElement('script');
      script.src = `data/details/${shard}.js`;
      script.async = true;
      script.onload = () => {
        const rows = window.__LITGRAPH_DETAILS__?.[shard];
        if (rows) resolve(rows);
        else reject(new Error(`data/details/${shard}.js did not define its rows`));
      };
      script.onerror = () => reject(new Error(`could not load data/details/${shard}.js`));
      document.head.append(script);
    });
    load.catch(() => shardLoads.delete(shard));
    shardLoads.set(shard, load);
  }
  return load.then((rows) => rows[i % model.data.shardSize] ?? null);
}
