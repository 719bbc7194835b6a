/**
 * layout — precomputed node positions for the viewer
 * ==================================================
 *
 * ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6)) from seeded random positions, then noverlap to
 * pull overlapping discs apart. Runs at build time so the viewer draws at once. Deterministic:
 * the initial positions come from a seeded PRNG and both algorithms are otherwise deterministic.
 * The iteration count is capped by a work budget because FA2 at 100k nodes costs over a second
 * per iteration (DESIGN.md); large graphs get fewer iterations with Barnes-Hut on, starting from
 * positions that already group each thread's papers, so few iterations still give clusters.
 *
 * The layout runs on an undirected simple projection (parallel edges become one edge with a
 * weight), so the LitGraph itself only receives `x` and `y` on each node.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import type { LitGraph } from './build.js';

// CommonJS packages with `export default` types: under NodeNext the callable may sit on .default.
type ForceAtlas2 = typeof import('graphology-layout-forceatlas2').default;
type Noverlap = typeof import('graphology-layout-noverlap').default;
const forceAtlas2 = ((forceAtlas2Module as unknown as { default?: ForceAtlas2 }).default ?? forceAtlas2Module) as ForceAtlas2;
const noverlap = ((noverlapModule as unknown as { default?: Noverlap }).default ?? noverlapModule) as Noverlap;

export interface LayoutOptions {
  /** Seed of the initial positions. */
  seed: number;
  /** FA2 iterations for a small graph; scaled down by `workBudget` for large ones. */
  iterations: number;
  /** Node-iterations FA2 may spend (iterations × nodes); bounds the time on large graphs. */
  workBudget: number;
  /** Never fewer FA2 iterations than this, however large the graph. */
  minIterations: number;
  /** noverlap iterations for a small graph; scaled like FA2. */
  noverlapIterations: number;
  /** Above this many nodes noverlap is skipped (its collision sets grow too large). */
  noverlapMaxNodes: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  seed: 42,
  iterations: 200,
  workBudget: 150_000,
  minIterations: 8,
  noverlapIterations: 60,
  noverlapMaxNodes: 60_000,
};

export interface LayoutStats {
  nodes: number;
  edges: number;
  iterations: number;
  noverlapIterations: number;
  barnesHut: boolean;
}

/** mulberry32: a tiny seeded PRNG, enough for initial positions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function resolveLayoutOptions(options: Partial<LayoutOptions> = {}): LayoutOptions {
  const resolved = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  for (const key of ['iterations', 'workBudget', 'minIterations', 'noverlapIterations', 'noverlapMaxNodes'] as const) {
    const v = resolved[key];
    if (!Number.isFinite(v) || v < 0) throw new Error(`layout: ${key} must be a non-negative number, got ${v}`);
  }
  return resolved;
}

/** The display size the layout assumes for a node of degree `d` (noverlap keeps discs apart). */
export function layoutSize(degree: number): number {
  return 2 + 1.6 * Math.sqrt(degree);
}

/**
 * Seeded starting positions that already separate the threads, so few FA2 iterations suffice on
 * large graphs: thread nodes on a circle, each paper near its thread, every other node near the
 * mean of its placed neighbours; anything left at random. Nodes are visited in key order.
 */
function seedPositions(graph: LitGraph, work: UndirectedGraph, seed: number): void {
  const random = seededRandom(seed);
  const n = graph.order;
  const radius = 10 * Math.sqrt(Math.max(1, n));
  const placed = new Set<string>();
  const place = (key: string, x: number, y: number) => {
    work.mergeNodeAttributes(key, { x, y });
    placed.add(key);
  };
  const threads = graph.filterNodes((_, a) => a.type === 'thread');
  threads.forEach((key, k) => {
    const angle = (2 * Math.PI * k) / threads.length;
    place(key, 0.6 * radius * Math.cos(angle), 0.6 * radius * Math.sin(angle));
  });
  const spread = radius / Math.max(2, Math.sqrt(threads.length + 1));
  graph.forEachNode((key, a) => {
    if (a.type !== 'paper') return;
    const thread = graph.outNeighbors(key).find((m) => graph.getNodeAttribute(m, 'type') === 'thread');
    if (!thread) return;
    const t = work.getNodeAttributes(thread);
    const angle = random() * 2 * Math.PI;
    const r = spread * Math.sqrt(random());
    place(key, (t.x as number) + r * Math.cos(angle), (t.y as number) + r * Math.sin(angle));
  });
  graph.forEachNode((key) => {
    if (placed.has(key)) return;
    let x = 0;
    let y = 0;
    let k = 0;
    work.forEachNeighbor(key, (m, a) => {
      if (!placed.has(m)) return;
      x += a.x as number;
      y += a.y as number;
      k++;
    });
    const angle = random() * 2 * Math.PI;
    if (k > 0) {
      const r = 5 + 10 * random();
      place(key, x / k + r * Math.cos(angle), y / k + r * Math.sin(angle));
    } else {
      const r = radius * Math.sqrt(random());
      place(key, r * Math.cos(angle), r * Math.sin(angle));
    }
  });
}

/** How many iterations a graph of `n` nodes gets: the full count when small, capped by the work budget. */
export function layoutBudget(n: number, o: LayoutOptions = DEFAULT_LAYOUT_OPTIONS): Pick<LayoutStats, 'iterations' | 'noverlapIterations' | 'barnesHut'> {
  if (n === 0) return { iterations: 0, noverlapIterations: 0, barnesHut: false };
  return {
    iterations: Math.max(Math.min(o.iterations, o.minIterations), Math.min(o.iterations, Math.floor(o.workBudget / n))),
    // noverlap's collision grid grows with the square of crowding: skipped on very large graphs.
    noverlapIterations: n > o.noverlapMaxNodes ? 0 : Math.max(1, Math.min(o.noverlapIterations, Math.floor(o.workBudget / 20 / n))),
    barnesHut: n > 500,
  };
}

/** Lays the graph out and stores `x`, `y` (rounded, for byte-stable output) on every node. */
export function layoutGraph(graph: LitGraph, options: Partial<LayoutOptions> = {}): LayoutStats {
  const o = resolveLayoutOptions(options);
  const work = new UndirectedGraph();
  const n = graph.order;
  graph.forEachNode((key) => work.addNode(key, { x: 0, y: 0, size: 1 }));
  graph.forEachEdge((_, __, source, target) => {
    if (source === target) return;
    const existing = work.edge(source, target);
    if (existing) work.updateEdgeAttribute(existing, 'weight', (w) => (w as number) + 1);
    else work.addEdge(source, target, { weight: 1 });
  });
  seedPositions(graph, work, o.seed);
  work.forEachNode((key) => work.setNodeAttribute(key, 'size', layoutSize(work.degree(key))));

  const { iterations, noverlapIterations, barnesHut } = layoutBudget(n, o);
  let noverlapSkipped = false;
  if (iterations > 0) {
    const inferred = forceAtlas2.inferSettings(work);
    forceAtlas2.assign(work, {
      iterations,
      getEdgeWeight: 'weight',
      settings: { ...inferred, barnesHutOptimize: barnesHut, adjustSizes: false, outboundAttractionDistribution: false },
    });
    if (noverlapIterations > 0) {
      try {
        noverlap.assign(work, { maxIterations: noverlapIterations, settings: { margin: 1, ratio: 1.1 } });
      } catch (error) {
        // noverlap keeps every colliding pair of a grid cell in a Set: on a dense graph that can
        // pass V8's Set limit. It assigns only at the end, so the FA2 positions are intact.
        if (!(error instanceof RangeError)) throw error;
        noverlapSkipped = true;
      }
    }
  }
  const round = (v: unknown) => (Number.isFinite(v as number) ? Math.round((v as number) * 100) / 100 : 0);
  work.forEachNode((key, attrs) => {
    graph.mergeNodeAttributes(key, { x: round(attrs.x), y: round(attrs.y) });
  });
  return { nodes: n, edges: work.size, iterations, noverlapIterations: noverlapSkipped ? 0 : noverlapIterations, barnesHut };
}
