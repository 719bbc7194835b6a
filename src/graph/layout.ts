/**
 * layout — precomputed node positions for the viewer
 * ==================================================
 *
 * Threads first, then their papers, then everything else:
 *
 *  1. Each thread's papers are laid out on their own by ForceAtlas2 (Jacomy et al. 2014, PLoS ONE
 *     9(6)) over the paper–paper edges inside the thread (cites, builds_on, similar_to), then
 *     centred and scaled into a disc of radius `spacing`·√n, so a disc's area grows with its size.
 *  2. The discs are placed by ForceAtlas2 over the thread–thread graph (weighted by the paper–paper
 *     edges between two threads, log-damped; disc radii as node sizes, anti-collision on), then
 *     pushed apart until no two overlap. Threads that share work end up side by side.
 *  3. Every other node — authors, methods, datasets, venues, external papers — sits next to the
 *     centroid of the papers it links to (seeded jitter keeps the nodes of one paper apart); a
 *     node linked to no placed node goes on a ring outside the discs.
 *
 * Why not one ForceAtlas2 over the whole graph: at 100k papers the graph has 240k nodes and 1.2M
 * edges; FA2 cost several seconds per iteration there, so a work budget allowed 8 iterations, a
 * minute for a layout that had not converged. Threads laid out separately cost Σ nᵢ log nᵢ per
 * iteration over small graphs and converge in a few dozen iterations, and the picture shows what
 * people open the viewer for: research threads as clusters. Entities only have edges to papers,
 * so their papers' centroid is where FA2 would pull them anyway.
 *
 * FA2's iteration step (graphology-layout-forceatlas2/iterate.js) runs straight on typed arrays
 * built here: no graphology copy of the graph is made. Deterministic: initial positions come from
 * a seeded PRNG, nodes are visited in graph order, FA2 itself has no randomness. A graph without
 * thread nodes is laid out as one group of all its papers.
 */
import { createRequire } from 'node:module';
import type { LitGraph } from './build.js';
import { mulberry32 } from '../threads/rng.js';

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

export interface LayoutOptions {
  /** Seed of the initial positions and the jitter. */
  seed: number;
  /** FA2 iterations per thread on a small corpus. */
  iterations: number;
  /** Paper-iterations all threads may spend together (iterations × papers); bounds large corpora. */
  workBudget: number;
  /** Never fewer FA2 iterations per thread than this, however large the corpus. */
  minIterations: number;
  /** A thread of n papers gets a disc of radius spacing·√n; entities sit within `spacing` of their centroid. */
  spacing: number;
  /** FA2 iterations that place the thread discs. */
  threadIterations: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  seed: 42,
  iterations: 100,
  workBudget: 1_000_000,
  minIterations: 10,
  spacing: 12,
  threadIterations: 200,
};

export interface LayoutStats {
  nodes: number;
  /** Paper–paper edges the thread layouts used. */
  edges: number;
  /** Discs laid out (threads, or one group of all papers when there are none). */
  groups: number;
  /** FA2 iterations per disc. */
  iterations: number;
}

/** The seeded PRNG of the initial positions (mulberry32; seed 0 maps to a fixed non-zero state). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed >>> 0 || 0x9e3779b9);
}

export function resolveLayoutOptions(options: Partial<LayoutOptions> = {}): LayoutOptions {
  const resolved = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  for (const key of ['iterations', 'workBudget', 'minIterations', 'spacing', 'threadIterations'] as const) {
    const v = resolved[key];
    if (!Number.isFinite(v) || v < 0) throw new Error(`layout: ${key} must be a non-negative number, got ${v}`);
  }
  return resolved;
}

/** FA2 iterations each thread gets when `papers` papers are laid out: all of them on small corpora, fewer on large ones. */
export function layoutIterations(papers: number, o: LayoutOptions = DEFAULT_LAYOUT_OPTIONS): number {
  if (papers === 0) return 0;
  return Math.floor(Math.max(Math.min(o.iterations, o.minIterations), Math.min(o.iterations, o.workBudget / papers)));
}

/** Edge types that tie two papers together in a thread's layout. */
const PAPER_LINKS = new Set(['cites', 'builds_on', 'similar_to']);

/**
 * ForceAtlas2 on `n` nodes from positions `xy` (x, y interleaved; updated in place), over
 * `edges` (source, target, weight triples of node numbers), with the settings graphology's
 * `inferSettings` picks for a graph of this order (strong gravity towards the origin).
 */
function forceAtlas2(xy: Float32Array, edges: readonly number[], iterations: number, sizes?: Float32Array): void {
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

/** Centres `xy` on its mean and scales it so the farthest point lies at `radius`. */
function fitDisc(xy: Float32Array, radius: number): void {
  const n = xy.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xy[2 * i];
    my += xy[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let far = 0;
  for (let i = 0; i < n; i++) far = Math.max(far, Math.hypot(xy[2 * i] - mx, xy[2 * i + 1] - my));
  const scale = far > 0 ? radius / far : 0;
  for (let i = 0; i < n; i++) {
    xy[2 * i] = (xy[2 * i] - mx) * scale;
    xy[2 * i + 1] = (xy[2 * i + 1] - my) * scale;
  }
}

/**
 * Pushes overlapping discs apart (each moves half the overlap, along the line between centres)
 * until none overlap by more than a hair or `maxPasses` passes ran.
 */
function separateDiscs(xy: Float32Array, radii: Float32Array, gap: number, maxPasses = 200): void {
  const n = radii.length;
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = xy[2 * j] - xy[2 * i];
        let dy = xy[2 * j + 1] - xy[2 * i + 1];
        let d = Math.hypot(dx, dy);
        const need = radii[i] + radii[j] + gap;
        if (d >= need * 0.999) continue;
        if (d === 0) {
          // Coincident centres: a direction that depends only on the pair, for determinism.
          const angle = ((i * 7919 + j * 104729) % 360) * (Math.PI / 180);
          [dx, dy, d] = [Math.cos(angle), Math.sin(angle), 1];
        }
        const push = (need - d) / 2 / d;
        xy[2 * i] -= dx * push;
        xy[2 * i + 1] -= dy * push;
        xy[2 * j] += dx * push;
        xy[2 * j + 1] += dy * push;
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** Lays the graph out and stores `x`, `y` (rounded, for byte-stable output) on every node. */
export function layoutGraph(graph: LitGraph, options: Partial<LayoutOptions> = {}): LayoutStats {
  const o = resolveLayoutOptions(options);
  const random = seededRandom(o.seed);
  const keys = graph.nodes();
  const n = keys.length;
  const number = new Map<string, number>();
  keys.forEach((k, i) => number.set(k, i));
  const isPaper = new Uint8Array(n);
  const threadNodes: number[] = [];
  keys.forEach((k, i) => {
    const type = graph.getNodeAttribute(k, 'type');
    if (type === 'paper') isPaper[i] = 1;
    else if (type === 'thread') threadNodes.push(i);
  });

  // Groups: one per thread node (in graph order), or one of all papers when there are none.
  const group = new Int32Array(n).fill(-1);
  const groupOfThread = new Map<number, number>();
  threadNodes.forEach((t, g) => groupOfThread.set(t, g));
  const paperPairs: number[] = [];
  const satellitePairs: number[] = [];
  graph.forEachEdge((_, a, source, target) => {
    const s = number.get(source)!;
    const t = number.get(target)!;
    if (s === t) return;
    if (a.type === 'in_thread') {
      const g = groupOfThread.get(t);
      if (g !== undefined && isPaper[s]) group[s] = g;
    } else if (isPaper[s] && isPaper[t] && PAPER_LINKS.has(a.type)) paperPairs.push(s, t);
    else satellitePairs.push(s, t);
  });
  if (threadNodes.length === 0) for (let i = 0; i < n; i++) if (isPaper[i]) group[i] = 0;
  const groupCount = threadNodes.length || (isPaper.some((p) => p === 1) ? 1 : 0);
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  const local = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (group[i] < 0) continue;
    local[i] = members[group[i]].length;
    members[group[i]].push(i);
  }
  // Papers without a thread (external ones) join the satellites, tied by their paper–paper edges.
  const groupEdges: number[][] = members.map(() => []);
  const crossWeight = new Map<number, number>();
  let usedEdges = 0;
  for (let j = 0; j < paperPairs.length; j += 2) {
    const [s, t] = [paperPairs[j], paperPairs[j + 1]];
    const [gs, gt] = [group[s], group[t]];
    if (gs < 0 || gt < 0) satellitePairs.push(s, t);
    else if (gs === gt) {
      groupEdges[gs].push(local[s], local[t], 1);
      usedEdges++;
    } else {
      const key = Math.min(gs, gt) * groupCount + Math.max(gs, gt);
      crossWeight.set(key, (crossWeight.get(key) ?? 0) + 1);
    }
  }

  // 1. Each group's papers in a disc around the origin.
  const anchored = members.reduce((sum, m) => sum + m.length, 0);
  const iterations = layoutIterations(anchored, o);
  const radius = new Float32Array(groupCount);
  const localXY = members.map((list, g) => {
    radius[g] = o.spacing * Math.sqrt(list.length);
    const xy = new Float32Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      const angle = random() * 2 * Math.PI;
      const r = radius[g] * Math.sqrt(random());
      xy[2 * i] = r * Math.cos(angle);
      xy[2 * i + 1] = r * Math.sin(angle);
    }
    forceAtlas2(xy, groupEdges[g], iterations);
    if (list.length > 1) fitDisc(xy, radius[g]);
    return xy;
  });

  // 2. The discs: a sunflower spiral (largest first), FA2 with sizes, then no overlaps.
  const centre = new Float32Array(groupCount * 2);
  const order = [...members.keys()].sort((a, b) => members[b].length - members[a].length || a - b);
  const meanRadius = groupCount ? radius.reduce((s, r) => s + r, 0) / groupCount : 0;
  order.forEach((g, k) => {
    const angle = k * Math.PI * (3 - Math.sqrt(5));
    const r = 1.5 * meanRadius * Math.sqrt(k);
    centre[2 * g] = r * Math.cos(angle);
    centre[2 * g + 1] = r * Math.sin(angle);
  });
  const metaEdges: number[] = [];
  for (const key of [...crossWeight.keys()].sort((a, b) => a - b)) {
    metaEdges.push(Math.floor(key / groupCount), key % groupCount, Math.log1p(crossWeight.get(key)!));
  }
  forceAtlas2(centre, metaEdges, o.threadIterations, radius);
  separateDiscs(centre, radius, o.spacing);

  // 3. Place: papers in their disc, thread nodes at their disc's centre, then the satellites.
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const placed = new Uint8Array(n);
  members.forEach((list, g) => {
    list.forEach((i, l) => {
      x[i] = centre[2 * g] + localXY[g][2 * l];
      y[i] = centre[2 * g + 1] + localXY[g][2 * l + 1];
      placed[i] = 1;
    });
    if (threadNodes.length) {
      const t = threadNodes[g];
      [x[t], y[t], placed[t]] = [centre[2 * g], centre[2 * g + 1], 1];
    }
  });
  placeSatellites(satellitePairs, { x, y, placed }, o.spacing, random);
  let extent = 0;
  for (let i = 0; i < n; i++) if (placed[i]) extent = Math.max(extent, Math.hypot(x[i], y[i]));
  for (let i = 0; i < n; i++) {
    if (placed[i]) continue;
    const angle = random() * 2 * Math.PI;
    const r = extent + o.spacing * (1 + 2 * random());
    [x[i], y[i]] = [r * Math.cos(angle), r * Math.sin(angle)];
  }

  const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : 0);
  keys.forEach((key, i) => graph.mergeNodeAttributes(key, { x: round(x[i]), y: round(y[i]) }));
  return { nodes: n, edges: usedEdges, groups: groupCount, iterations };
}

/**
 * Puts every unplaced node of `pairs` (node-number pairs) near the centroid of its placed
 * neighbours, in two rounds: nodes next to papers first, then nodes whose only neighbours are
 * such nodes (an entity linked only to external papers).
 */
function placeSatellites(pairs: readonly number[], at: { x: Float64Array; y: Float64Array; placed: Uint8Array }, spacing: number, random: () => number): void {
  const { x, y, placed } = at;
  for (let round = 0; round < 2; round++) {
    const sx = new Map<number, number>();
    const sy = new Map<number, number>();
    const count = new Map<number, number>();
    const pull = (node: number, from: number) => {
      if (placed[node] || !placed[from]) return;
      sx.set(node, (sx.get(node) ?? 0) + x[from]);
      sy.set(node, (sy.get(node) ?? 0) + y[from]);
      count.set(node, (count.get(node) ?? 0) + 1);
    };
    for (let j = 0; j < pairs.length; j += 2) {
      pull(pairs[j], pairs[j + 1]);
      pull(pairs[j + 1], pairs[j]);
    }
    for (const node of [...count.keys()].sort((a, b) => a - b)) {
      const k = count.get(node)!;
      const angle = random() * 2 * Math.PI;
      const r = spacing * (0.3 + 0.7 * random());
      x[node] = sx.get(node)! / k + r * Math.cos(angle);
      y[node] = sy.get(node)! / k + r * Math.sin(angle);
      placed[node] = 1;
    }
  }
}
