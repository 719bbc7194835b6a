/**
 * layout — precomputed node positions for the viewer
 * ==================================================
 *
 * Threads first, then their papers, then everything else:
 *
 *  1. Each thread's papers are laid out on their own by ForceAtlas2 (Jacomy et al. 2014, PLoS ONE
 *     9(6)) over the paper–paper edges inside the thread (cites, builds_on, similar_to), from
 *     random positions smoothed over those edges (smoothStart), then centred and scaled into a
 *     disc of radius `spacing`·√n, so a disc's area grows with its size.
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
 * (fa2.ts): no graphology copy of the graph is made. Deterministic: initial positions come from
 * a seeded PRNG, nodes are visited in graph order, FA2 itself has no randomness. A graph without
 * thread nodes is laid out as one group of all its papers. The discs are independent of each
 * other, so `layoutGraphParallel` (the build's) shares them with a worker thread: the same
 * positions, bit for bit, in about half the time on two cores.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LitGraph } from './build.js';
import { discCost, discJobs, forceAtlas2, runDiscJobs, type DiscJobs } from './fa2.js';
import { mulberry32 } from '../threads/rng.js';

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
  /** Steps of smoothStart before FA2 (0: FA2 starts from the random positions). */
  smoothSteps: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  seed: 42,
  // 75 from a smoothed start lay a 10k corpus out a little tighter than 100 from random positions
  // did (BENCHMARKS.md, session 16); only corpora under 13,334 papers get this many (workBudget).
  iterations: 75,
  workBudget: 1_000_000,
  minIterations: 10,
  spacing: 12,
  threadIterations: 200,
  smoothSteps: 50,
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
  for (const key of ['iterations', 'workBudget', 'minIterations', 'spacing', 'threadIterations', 'smoothSteps'] as const) {
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
 * A start for FA2 in which linked papers are already near each other: the random positions
 * smoothed over the disc's edges, x ← β·(mean of the neighbours' x) + (1 − β)·x₀, `steps` times
 * (a low-pass filter of a random signal over the graph: cheap, O(edges) a step, and unlike the
 * graph's eigenvectors it keeps papers of one connected component apart), then spread back over
 * the disc by rank. From random positions FA2 needs far more iterations than large corpora can
 * afford: at 100k papers (10 iterations per disc) linked papers ended as far apart as random
 * pairs of their thread (BENCHMARKS.md, session 16).
 */
export function smoothStart(xy: Float32Array, edges: ArrayLike<number>, radius: number, steps: number, beta = SMOOTH_BETA): void {
  const n = xy.length / 2;
  if (n < 3 || edges.length === 0 || steps <= 0) return;
  const weight = new Float64Array(n);
  for (let j = 0; j < edges.length; j += 3) {
    weight[edges[j]] += edges[j + 2];
    weight[edges[j + 1]] += edges[j + 2];
  }
  const start = Float64Array.from(xy);
  let current = Float64Array.from(xy);
  let next = new Float64Array(2 * n);
  for (let step = 0; step < steps; step++) {
    next.fill(0);
    for (let j = 0; j < edges.length; j += 3) {
      const [s, t, w] = [edges[j], edges[j + 1], edges[j + 2]];
      next[2 * s] += w * current[2 * t];
      next[2 * s + 1] += w * current[2 * t + 1];
      next[2 * t] += w * current[2 * s];
      next[2 * t + 1] += w * current[2 * s + 1];
    }
    for (let i = 0; i < n; i++) {
      if (weight[i] === 0) {
        next[2 * i] = start[2 * i];
        next[2 * i + 1] = start[2 * i + 1];
        continue;
      }
      next[2 * i] = (beta * next[2 * i]) / weight[i] + (1 - beta) * start[2 * i];
      next[2 * i + 1] = (beta * next[2 * i + 1]) / weight[i] + (1 - beta) * start[2 * i + 1];
    }
    [current, next] = [next, current];
  }
  // Smoothing shrinks the spread, the large groups of linked papers far more than the small ones:
  // a linear rescale would throw small groups far outside the disc (and fitting the disc to its
  // farthest paper would then squeeze the rest into its middle). So each axis is spread by rank,
  // evenly over [−1, 1], keeping the order the smoothing gave, and the square is mapped onto the
  // disc (the elliptical grid mapping: the order along each axis is kept, and corners do not stick
  // out of the disc FA2 is fitted into). Papers without a link keep their random position.
  const linked: number[] = [];
  for (let i = 0; i < n; i++) if (weight[i] > 0) linked.push(i);
  const unit = new Float64Array(2 * n);
  for (let axis = 0; axis < 2; axis++) {
    const order = [...linked].sort((a, b) => current[2 * a + axis] - current[2 * b + axis] || a - b);
    order.forEach((i, rank) => (unit[2 * i + axis] = (2 * rank + 1) / order.length - 1));
  }
  for (const i of linked) {
    const [u, v] = [unit[2 * i], unit[2 * i + 1]];
    xy[2 * i] = radius * u * Math.sqrt(1 - (v * v) / 2);
    xy[2 * i + 1] = radius * v * Math.sqrt(1 - (u * u) / 2);
  }
}

/** The weight of the neighbours' mean against the random start in smoothStart (reach: about 1 / (1 − β) links). */
const SMOOTH_BETA = 0.98;

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

/** What the discs' FA2 runs need and what places everything once they are done (see layoutGraph). */
interface LayoutPlan {
  o: LayoutOptions;
  random: () => number;
  keys: string[];
  threadNodes: number[];
  /** Node numbers of each group's papers. */
  members: number[][];
  /** Each group's papers at their initial positions, and its edges (group-local triples). */
  discs: { xy: Float32Array; edges: number[] }[];
  radius: Float32Array;
  /** Paper-edge counts between two groups, keyed by smaller × groupCount + larger. */
  crossWeight: Map<number, number>;
  satellitePairs: number[];
  iterations: number;
  usedEdges: number;
}

/**
 * What a layout reads of every node and edge: node numbers (graph order), which nodes are papers,
 * and the edges sorted into paper–paper pairs, satellite pairs and `in_thread` pairs, in graph
 * order. `scanLayoutEdges` takes it ahead of time — the build does while Louvain runs on another
 * thread — and the layout then reads only the nodes and edges added since (graphs here only grow;
 * graphology keeps nodes and edges in insertion order).
 */
export interface LayoutEdgeScan {
  /** The graph's node and edge counts when scanned. */
  order: number;
  size: number;
  keys: string[];
  number: Map<string, number>;
  isPaper: number[];
  threadNodes: number[];
  paperPairs: number[];
  satellitePairs: number[];
  inThreadPairs: number[];
}

export function scanLayoutEdges(graph: LitGraph): LayoutEdgeScan {
  const scan: LayoutEdgeScan = { order: 0, size: 0, keys: [], number: new Map(), isPaper: [], threadNodes: [], paperPairs: [], satellitePairs: [], inThreadPairs: [] };
  extendScan(graph, scan);
  return scan;
}

/** Adds the nodes and edges of `graph` after the first `scan.order` and `scan.size` to `scan`. */
function extendScan(graph: LitGraph, scan: LayoutEdgeScan): void {
  if (graph.order < scan.order || graph.size < scan.size) throw new Error('layout: the graph lost nodes or edges since it was scanned');
  let i = 0;
  graph.forEachNode((key, a) => {
    if (i++ < scan.order) return;
    if (a.type === 'thread') scan.threadNodes.push(scan.keys.length);
    scan.number.set(key, scan.keys.length);
    scan.keys.push(key);
    scan.isPaper.push(a.type === 'paper' ? 1 : 0);
  });
  const { number, isPaper, paperPairs, satellitePairs, inThreadPairs } = scan;
  let e = 0;
  graph.forEachEdge((_, a, source, target) => {
    if (e++ < scan.size) return;
    const s = number.get(source)!;
    const t = number.get(target)!;
    if (s === t) return;
    if (a.type === 'in_thread') inThreadPairs.push(s, t);
    else if (isPaper[s] && isPaper[t] && PAPER_LINKS.has(a.type)) paperPairs.push(s, t);
    else satellitePairs.push(s, t);
  });
  scan.order = graph.order;
  scan.size = graph.size;
}

/**
 * Groups the papers by thread and draws their initial positions (all the PRNG draws before FA2
 * runs). `scanned`: the graph's scan so far (scanLayoutEdges), taken over and completed.
 */
function planLayout(graph: LitGraph, o: LayoutOptions, scanned?: LayoutEdgeScan): LayoutPlan {
  const random = seededRandom(o.seed);
  const scan = scanned ?? scanLayoutEdges(graph);
  if (scanned) extendScan(graph, scan);
  const { keys, isPaper, threadNodes, paperPairs, satellitePairs, inThreadPairs } = scan;
  const n = keys.length;

  // Groups: one per thread node (in graph order), or one of all papers when there are none.
  const group = new Int32Array(n).fill(-1);
  const groupOfThread = new Map<number, number>();
  threadNodes.forEach((t, g) => groupOfThread.set(t, g));
  for (let j = 0; j < inThreadPairs.length; j += 2) {
    const g = groupOfThread.get(inThreadPairs[j + 1]);
    if (g !== undefined && isPaper[inThreadPairs[j]]) group[inThreadPairs[j]] = g;
  }
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

  // Each group's papers start scattered in a disc around the origin.
  const anchored = members.reduce((sum, m) => sum + m.length, 0);
  const radius = new Float32Array(groupCount);
  const discs = members.map((list, g) => {
    radius[g] = o.spacing * Math.sqrt(list.length);
    const xy = new Float32Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      const angle = random() * 2 * Math.PI;
      const r = radius[g] * Math.sqrt(random());
      xy[2 * i] = r * Math.cos(angle);
      xy[2 * i + 1] = r * Math.sin(angle);
    }
    smoothStart(xy, groupEdges[g], radius[g], o.smoothSteps);
    return { xy, edges: groupEdges[g] };
  });
  return { o, random, keys, threadNodes, members, discs, radius, crossWeight, satellitePairs, iterations: layoutIterations(anchored, o), usedEdges };
}

/** Reads the discs' FA2 positions back from `jobs`, then places discs, papers, threads and satellites. */
function finishLayout(graph: LitGraph, plan: LayoutPlan, jobs: DiscJobs): LayoutStats {
  const { o, random, keys, threadNodes, members, radius, crossWeight } = plan;
  const n = keys.length;
  const groupCount = members.length;

  // 1. Each group's papers, laid out, fitted to their disc.
  const localXY = members.map((list, g) => {
    const xy = jobs.xy.slice(2 * jobs.xyStart[g], 2 * jobs.xyStart[g + 1]);
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
  placeSatellites(plan.satellitePairs, { x, y, placed }, o.spacing, random);
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
  return { nodes: n, edges: plan.usedEdges, groups: groupCount, iterations: plan.iterations };
}

/**
 * Lays the graph out and stores `x`, `y` (rounded, for byte-stable output) on every node.
 * `scanned`: a scan of the graph taken earlier (scanLayoutEdges), which the layout completes and
 * uses up; the positions are the same with it or without.
 */
export function layoutGraph(graph: LitGraph, options: Partial<LayoutOptions> = {}, scanned?: LayoutEdgeScan): LayoutStats {
  return layoutInline(graph, planLayout(graph, resolveLayoutOptions(options), scanned));
}

function layoutInline(graph: LitGraph, plan: LayoutPlan): LayoutStats {
  const jobs = discJobs(plan.discs, plan.iterations, false);
  runDiscJobs(jobs);
  return finishLayout(graph, plan, jobs);
}

const WORKER_FILE = fileURLToPath(new URL('./layout.worker.js', import.meta.url));

/** Whether discs can be laid out in a worker (the compiled worker file exists next to this module). */
export function canLayoutInWorker(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * FA2 work (discCost × iterations, summed over discs) below which a worker is not worth its
 * start (tens of milliseconds). 3e8 of it took 6–9 s on one core of the 2026-12-06 VM (discs of
 * 300 and 1,000 papers), so this is roughly 0.2–0.3 s of FA2.
 */
export const PARALLEL_LAYOUT_MIN_WORK = 1e7;

/**
 * `layoutGraph` with the discs shared between this thread and a worker (when there is a compiled
 * worker, two discs or more, and at least `minWork` of FA2 work): the same positions, bit for
 * bit, as `layoutGraph`. `discsInWorker` says how many discs the worker laid out.
 *
 * `meanwhile`, if given, is other work of this thread that does not touch the graph: it runs once
 * the worker has started on the discs, and this thread joins the discs when it (or the promise it
 * returns) is done. Discs are claimed from a shared counter, so the worker simply takes more of
 * them meanwhile; without a worker it runs first, then the layout. `scanned` as for layoutGraph.
 */
export async function layoutGraphParallel(
  graph: LitGraph,
  options: Partial<LayoutOptions> = {},
  minWork = PARALLEL_LAYOUT_MIN_WORK,
  meanwhile?: () => void | Promise<void>,
  scanned?: LayoutEdgeScan,
): Promise<LayoutStats & { discsInWorker: number }> {
  const plan = planLayout(graph, resolveLayoutOptions(options), scanned);
  const work = plan.discs.reduce((sum, d) => sum + discCost(d.xy.length / 2, d.edges.length / 3), 0) * plan.iterations;
  if (!canLayoutInWorker() || plan.discs.length < 2 || work < minWork) {
    await meanwhile?.();
    return { ...layoutInline(graph, plan), discsInWorker: 0 };
  }
  const jobs = discJobs(plan.discs, plan.iterations, true);
  const worker = new Worker(WORKER_FILE, { workerData: jobs });
  const done = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { ran: number }) => resolve(m.ran));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`layout worker exited with code ${code} before it finished its discs`)));
  });
  let discsInWorker: number;
  try {
    await meanwhile?.();
    runDiscJobs(jobs);
    discsInWorker = await done;
  } finally {
    done.catch(() => undefined); // when this thread's own discs threw, the worker's outcome no longer matters
    void worker.terminate();
  }
  return { ...finishLayout(graph, plan, jobs), discsInWorker };
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
