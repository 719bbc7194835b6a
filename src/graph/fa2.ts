/**
 * fa2 — ForceAtlas2 on flat arrays, and the per-thread disc layouts as jobs two threads can share
 * ==============================================================================================
 *
 * `forceAtlas2` runs graphology-layout-forceatlas2's iteration step straight on typed arrays (no
 * graphology copy of the graph). The thread discs of layout.ts are independent of each other, so
 * they are `DiscJobs`: every group's positions and edges in flat arrays, and a counter each
 * thread advances with Atomics to claim the next group. Whichever thread runs a group, the result
 * is the same bits (FA2 is deterministic and a group's arithmetic never depends on another
 * group's), so the layout does not depend on how the work was shared (layout.worker.ts).
 */
import { createRequire } from 'node:module';

/** ForceAtlas2 settings as its iteration step reads them (graphology-layout-forceatlas2/defaults.js). */
interface Fa2Settings {
  linLogMode: boolean;
  outboundAttractionDistribution: boolean;
  adjustSizes: boolean;
  edgeWeightInfluence: number;
  scalingRatio: number;
  strongGravityMode: boolean;
  gravity: number;
  slowDown: number;
  barnesHutOptimize: boolean;
  barnesHutTheta: number;
}

// The package's public API takes a graphology graph; its iteration step takes the flat matrices
// this module builds (a CommonJS file without types, hence require).
const require = createRequire(import.meta.url);
const fa2Iterate = require('graphology-layout-forceatlas2/iterate.js') as (settings: Fa2Settings, nodes: Float32Array, edges: Float32Array) => void;
const FA2_DEFAULTS = require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings;
/** Floats per node and per edge in FA2's matrices (iterate.js: x, y, dx, dy, old dx, old dy, mass, convergence, size, fixed). */
const PPN = 10;
const PPE = 3;

/**
 * ForceAtlas2 on `n` nodes from positions `xy` (x, y interleaved; updated in place), over
 * `edges` (source, target, weight triples of node numbers), with the settings graphology's
 * `inferSettings` picks for a graph of this order (strong gravity towards the origin).
 */
export function forceAtlas2(xy: Float32Array, edges: ArrayLike<number>, iterations: number, sizes?: Float32Array): void {
  const n = xy.length / 2;
  if (n < 2 || iterations <= 0) return;
  const nodes = new Float32Array(n * PPN);
  for (let i = 0; i < n; i++) {
    nodes[i * PPN] = xy[2 * i];
    nodes[i * PPN + 1] = xy[2 * i + 1];
    nodes[i * PPN + 6] = 1; // mass: 1 + weighted degree
    nodes[i * PPN + 7] = 1; // convergence
    nodes[i * PPN + 8] = sizes ? sizes[i] : 1;
  }
  const matrix = new Float32Array(edges.length);
  for (let j = 0; j < edges.length; j += PPE) {
    const [s, t, w] = [edges[j], edges[j + 1], edges[j + 2]];
    matrix[j] = s * PPN;
    matrix[j + 1] = t * PPN;
    matrix[j + 2] = w;
    nodes[s * PPN + 6] += w;
    nodes[t * PPN + 6] += w;
  }
  const settings: Fa2Settings = {
    ...FA2_DEFAULTS,
    barnesHutOptimize: n > 1000,
    strongGravityMode: true,
    gravity: 0.05,
    scalingRatio: 10,
    slowDown: 1 + Math.log(n),
    adjustSizes: sizes !== undefined,
  };
  for (let k = 0; k < iterations; k++) fa2Iterate(settings, nodes, matrix);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = nodes[i * PPN];
    xy[2 * i + 1] = nodes[i * PPN + 1];
  }
}

/**
 * Every disc's FA2 run, flat: group g's nodes are `xyStart[g]…xyStart[g+1]` (positions at twice
 * that in `xy`, rewritten in place), its edges the triples `edges[edgeStart[g]…edgeStart[g+1]]`
 * in group-local node numbers. Groups are claimed in `order` (costliest first, so the last claims
 * are small and both threads finish together) through `next[0]`. On SharedArrayBuffers the same
 * jobs are run by several threads at once.
 */
export interface DiscJobs {
  xy: Float32Array;
  xyStart: Int32Array;
  edges: Float32Array;
  edgeStart: Int32Array;
  order: Int32Array;
  next: Int32Array;
  iterations: number;
}

/**
 * FA2 cost of one disc per iteration, for the claim order: all pairs below FA2's Barnes–Hut
 * threshold (n ≤ 1000, see forceAtlas2), n log n above, plus the edges.
 */
export function discCost(nodes: number, edgeCount: number): number {
  return (nodes <= 1000 ? nodes * nodes : 20 * nodes * Math.log2(nodes)) + edgeCount;
}

/** Lays out `groups` (positions and edge triples per group) as jobs; `shared` puts them in memory a worker can write. */
export function discJobs(groups: readonly { xy: Float32Array; edges: readonly number[] }[], iterations: number, shared: boolean): DiscJobs {
  const G = groups.length;
  const xyStart = new Int32Array(G + 1);
  const edgeStart = new Int32Array(G + 1);
  groups.forEach((g, i) => {
    xyStart[i + 1] = xyStart[i] + g.xy.length / 2;
    edgeStart[i + 1] = edgeStart[i] + g.edges.length;
  });
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const xy = new Float32Array(memory(8 * xyStart[G]));
  const edges = new Float32Array(memory(4 * edgeStart[G]));
  groups.forEach((g, i) => {
    xy.set(g.xy, 2 * xyStart[i]);
    edges.set(g.edges, edgeStart[i]);
  });
  const cost = groups.map((g) => discCost(g.xy.length / 2, g.edges.length / 3));
  const order = Int32Array.from([...cost.keys()].sort((a, b) => cost[b] - cost[a] || a - b));
  const next = new Int32Array(memory(4));
  return { xy, xyStart, edges, edgeStart, order, next, iterations };
}

/** Claims and runs discs until none is left; returns how many this thread ran. */
export function runDiscJobs(jobs: DiscJobs): number {
  let ran = 0;
  for (let k = Atomics.add(jobs.next, 0, 1); k < jobs.order.length; k = Atomics.add(jobs.next, 0, 1)) {
    const g = jobs.order[k];
    forceAtlas2(jobs.xy.subarray(2 * jobs.xyStart[g], 2 * jobs.xyStart[g + 1]), jobs.edges.subarray(jobs.edgeStart[g], jobs.edgeStart[g + 1]), jobs.iterations);
    ran++;
  }
  return ran;
}
