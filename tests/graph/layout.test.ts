/**
 * The precomputed layout: deterministic, every node placed, each thread a disc of its own
 * papers, discs apart, entities next to their papers, graphs without threads still laid out;
 * the discs shared with a worker thread (what `litgraph build` runs) land where they land inline.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { layoutGraph, layoutIterations, scanLayoutEdges, smoothStart, DEFAULT_LAYOUT_OPTIONS } from '../../src/graph/layout.js';
import type { LitGraph } from '../../src/graph/build.js';
import type { EdgeAttributes, NodeAttributes } from '../../src/types.js';
import { syntheticGraph } from '../helpers/viewer.js';

const positions = (g: LitGraph) => g.mapNodes((k, a) => `${k}:${a.x},${a.y}`).join('|');
const at = (g: LitGraph, key: string) => g.getNodeAttributes(key) as unknown as { x: number; y: number };
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
const threadOf = (g: LitGraph, paper: string) => g.outNeighbors(paper).find((m) => m.startsWith('thread:'))!;

describe('layoutGraph', () => {
  it('gives every node finite x and y, identical for the same seed and different for another', () => {
    const a = syntheticGraph(300);
    const b = syntheticGraph(300);
    const stats = layoutGraph(a, { seed: 1 });
    layoutGraph(b, { seed: 1 });
    expect(positions(a)).toBe(positions(b));
    a.forEachNode((_, attrs) => {
      expect(Number.isFinite(attrs.x)).toBe(true);
      expect(Number.isFinite(attrs.y)).toBe(true);
    });
    expect(stats).toMatchObject({ nodes: a.order, groups: 8 });
    expect(stats.edges).toBeGreaterThan(0);
    const c = syntheticGraph(300);
    layoutGraph(c, { seed: 2 });
    expect(positions(c)).not.toBe(positions(a));
  });

  it('puts each thread in a disc around its thread node that no other thread overlaps', () => {
    const g = syntheticGraph(400, { threads: 4 });
    layoutGraph(g, { seed: 3 });
    const reach = new Map<string, number>();
    g.forEachNode((key, a) => {
      if (a.type !== 'paper') return;
      const t = threadOf(g, key);
      reach.set(t, Math.max(reach.get(t) ?? 0, distance(at(g, key), at(g, t))));
    });
    expect(reach.size).toBe(4);
    const threads = [...reach.keys()];
    for (const s of threads) for (const t of threads) {
      if (s < t) expect(distance(at(g, s), at(g, t))).toBeGreaterThanOrEqual(reach.get(s)! + reach.get(t)!);
    }
    // Every paper is nearer its own thread node than any other.
    g.forEachNode((key, a) => {
      if (a.type !== 'paper') return;
      const own = distance(at(g, key), at(g, threadOf(g, key)));
      for (const t of threads) expect(own).toBeLessThanOrEqual(distance(at(g, key), at(g, t)));
    });
  });

  it('draws papers that cite each other closer than unrelated papers of the same thread', () => {
    const g = syntheticGraph(600, { threads: 2 });
    layoutGraph(g, { seed: 5 });
    let linked = 0;
    let linkedSum = 0;
    g.forEachEdge((_, a, s, t) => {
      if (a.type !== 'cites' || threadOf(g, s) !== threadOf(g, t)) return;
      linked++;
      linkedSum += distance(at(g, s), at(g, t));
    });
    const papers = g.filterNodes((_, a) => a.type === 'paper' && threadOf(g, _) === 'thread:0');
    let pairs = 0;
    let pairSum = 0;
    for (let i = 0; i + 7 < papers.length; i += 7) {
      pairs++;
      pairSum += distance(at(g, papers[i]), at(g, papers[i + 7]));
    }
    expect(linked).toBeGreaterThan(50);
    expect(linkedSum / linked).toBeLessThan(0.8 * (pairSum / pairs));
  });

  it('places an entity next to the centroid of its papers', () => {
    const g = syntheticGraph(200, { threads: 4 });
    layoutGraph(g, { seed: 9 });
    g.forEachNode((key, a) => {
      if (a.type === 'paper' || a.type === 'thread') return;
      const papers = g.neighbors(key).filter((m) => g.getNodeAttribute(m, 'type') === 'paper');
      const cx = papers.reduce((s, p) => s + at(g, p).x, 0) / papers.length;
      const cy = papers.reduce((s, p) => s + at(g, p).y, 0) / papers.length;
      expect(distance(at(g, key), { x: cx, y: cy })).toBeLessThanOrEqual(DEFAULT_LAYOUT_OPTIONS.spacing + 0.02);
    });
  });

  it('lays out a graph without threads, and nodes tied to nothing, without failing', () => {
    const g: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (let i = 0; i < 30; i++) g.addNode(`paper:${i}`, { type: 'paper', label: `p${i}` });
    for (let i = 1; i < 30; i++) g.addEdge(`paper:${i}`, `paper:${i - 1}`, { type: 'cites', provenance: 'extracted' });
    g.addNode('method:lonely', { type: 'method', label: 'lonely' });
    g.addNode('author:a', { type: 'author', label: 'A' });
    g.addEdge('author:a', 'paper:3', { type: 'authored', provenance: 'extracted' });
    const stats = layoutGraph(g, { seed: 1 });
    expect(stats.groups).toBe(1);
    g.forEachNode((_, a) => expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true));
    const extent = Math.max(...g.filterNodes((_, a) => a.type === 'paper').map((p) => Math.hypot(at(g, p).x, at(g, p).y)));
    expect(Math.hypot(at(g, 'method:lonely').x, at(g, 'method:lonely').y)).toBeGreaterThan(extent);
    expect(distance(at(g, 'author:a'), at(g, 'paper:3'))).toBeLessThanOrEqual(DEFAULT_LAYOUT_OPTIONS.spacing + 0.02);
    const empty: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    expect(layoutGraph(empty)).toMatchObject({ nodes: 0, groups: 0, iterations: 0 });
  });

  it('caps the iterations per thread by a work budget on large corpora', () => {
    expect(layoutIterations(100)).toBe(DEFAULT_LAYOUT_OPTIONS.iterations);
    expect(layoutIterations(10_000_000)).toBe(DEFAULT_LAYOUT_OPTIONS.minIterations);
    expect(layoutIterations(100_000)).toBeLessThan(DEFAULT_LAYOUT_OPTIONS.iterations);
    expect(layoutIterations(0)).toBe(0);
    expect(() => layoutGraph(syntheticGraph(5), { iterations: -1 })).toThrow(/iterations/);
    expect(() => layoutGraph(syntheticGraph(5), { smoothSteps: -1 })).toThrow(/smoothSteps/);
  });

  /** Mean length of the paper–paper edges inside threads over the mean distance of all same-thread pairs. */
  const linkedOverRandom = (g: LitGraph): number => {
    const thread = (p: string) => threadOf(g, p);
    let linked = 0;
    let links = 0;
    g.forEachEdge((_, a, s, t) => {
      if (a.type === 'cites' && thread(s) === thread(t)) {
        linked += distance(at(g, s), at(g, t));
        links++;
      }
    });
    const papers = g.filterNodes((_, a) => a.type === 'paper');
    let pairs = 0;
    let sum = 0;
    for (let i = 0; i < papers.length; i++) for (let j = i + 1; j < papers.length; j++) {
      if (thread(papers[i]) !== thread(papers[j])) continue;
      sum += distance(at(g, papers[i]), at(g, papers[j]));
      pairs++;
    }
    return linked / links / (sum / pairs);
  };

  it('starts FA2 from positions smoothed over the links, so few iterations already pull linked papers together', () => {
    const random = syntheticGraph(900, { threads: 3 });
    const smoothed = syntheticGraph(900, { threads: 3 });
    layoutGraph(random, { iterations: 5, smoothSteps: 0 });
    layoutGraph(smoothed, { iterations: 5 });
    // From random positions five iterations leave linked papers well apart (0.69 of two random
    // papers' distance when written); from the smoothed start they are close (0.21).
    expect(linkedOverRandom(random)).toBeGreaterThan(0.6);
    expect(linkedOverRandom(smoothed)).toBeLessThan(0.5 * linkedOverRandom(random));
  });
});

describe('smoothStart', () => {
  it('draws linked nodes together, spreads them over the disc by rank, and leaves unlinked ones where they were', () => {
    // A path 0–1–…–9, and node 10 with no link, from scattered positions.
    const start = Float32Array.from({ length: 22 }, (_, i) => Math.sin(i * 12.9898) * 14);
    const path = Array.from({ length: 9 }, (_, i) => [i, i + 1, 1]).flat();
    const xy = Float32Array.from(start);
    smoothStart(xy, path, 20, 50);
    const meanStep = (p: Float32Array) => Array.from({ length: 9 }, (_, i) => Math.hypot(p[2 * i] - p[2 * i + 2], p[2 * i + 1] - p[2 * i + 3])).reduce((a, b) => a + b) / 9;
    const meanPair = (p: Float32Array) => {
      let sum = 0;
      for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) sum += Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
      return sum / 45;
    };
    // Neighbours on the path end far closer than two nodes of it picked at random.
    expect(meanStep(xy) / meanPair(xy)).toBeLessThan(0.8 * (meanStep(start) / meanPair(start)));
    // Every linked node inside the disc, reaching out to most of it (spread by rank, not shrunk).
    const reach = Array.from({ length: 10 }, (_, i) => Math.hypot(xy[2 * i], xy[2 * i + 1]));
    for (const r of reach) expect(r).toBeLessThanOrEqual(20);
    expect(Math.max(...reach)).toBeGreaterThan(15);
    expect(new Set(Array.from({ length: 10 }, (_, i) => xy[2 * i])).size).toBe(10);
    // The unlinked node keeps its position.
    expect([xy[20], xy[21]]).toEqual([start[20], start[21]]);
    // No links, or no steps: nothing moves.
    const still = Float32Array.from(start);
    smoothStart(still, [], 20, 50);
    smoothStart(still, path, 20, 0);
    expect(Array.from(still)).toEqual(Array.from(start));
  });
});

describe('a layout scan taken ahead (scanLayoutEdges)', () => {
  /** syntheticGraph's nodes and edges, the threads and `in_thread` edges and every fifth other edge added only after `whenHalf`. */
  function growingGraph(whenHalf: (g: LitGraph) => void): LitGraph {
    const source = syntheticGraph(300, { threads: 5 });
    const g: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
    source.forEachNode((key, a) => {
      if (a.type !== 'thread') g.addNode(key, a);
    });
    const late: string[] = [];
    let i = 0;
    source.forEachEdge((key, a, s, t) => {
      if (a.type === 'in_thread' || i++ % 5 === 0) late.push(key);
      else g.addEdgeWithKey(key, s, t, a);
    });
    whenHalf(g);
    source.forEachNode((key, a) => {
      if (a.type === 'thread') g.addNode(key, a);
    });
    for (const key of late) g.addEdgeWithKey(key, source.source(key), source.target(key), source.getEdgeAttributes(key));
    return g;
  }

  it('gives the positions the layout finds scanning the finished graph itself', () => {
    let scan: ReturnType<typeof scanLayoutEdges> | undefined;
    const ahead = growingGraph((g) => (scan = scanLayoutEdges(g)));
    const plain = growingGraph(() => undefined);
    expect(scan!.size).toBeLessThan(ahead.size);
    expect(scan!.order).toBeLessThan(ahead.order);
    const stats = layoutGraph(ahead, { seed: 6 }, scan);
    expect(stats).toEqual(layoutGraph(plain, { seed: 6 }));
    expect(stats.groups).toBe(5);
    expect(positions(ahead)).toBe(positions(plain));
  });

  it('refuses a scan of a graph that has since lost nodes or edges', () => {
    const g = syntheticGraph(50);
    const scan = scanLayoutEdges(g);
    g.dropNode(g.nodes()[0]);
    expect(() => layoutGraph(g, {}, scan)).toThrow(/lost nodes or edges/);
  });
});

describe('layoutGraphParallel', () => {
  const COMPILED = join(import.meta.dirname, '..', '..', 'dist', 'graph', 'layout.js');

  it('with a real worker thread taking discs, places every node exactly where layoutGraph does', async () => {
    expect(existsSync(COMPILED), 'dist/ is missing: run `npm run build` (npm install does it)').toBe(true);
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/graph/layout.js');
    expect(compiled.canLayoutInWorker()).toBe(true);
    // 16 discs of ~300 papers at 75 iterations: seconds of FA2, so the worker is up in time to take some.
    const inline = syntheticGraph(4800, { threads: 16 });
    const shared = syntheticGraph(4800, { threads: 16 });
    const stats = layoutGraph(inline, { seed: 9, workBudget: 1e7 });
    const parallel = await compiled.layoutGraphParallel(shared, { seed: 9, workBudget: 1e7 }, 0);
    expect(parallel.discsInWorker).toBeGreaterThan(0);
    expect(parallel.discsInWorker).toBeLessThan(parallel.groups);
    expect({ ...parallel, discsInWorker: undefined }).toEqual({ ...stats, discsInWorker: undefined });
    expect(positions(shared)).toBe(positions(inline));
  });

  it('runs `meanwhile` on this thread while the worker lays out, then joins; same positions', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/graph/layout.js');
    const inline = syntheticGraph(4800, { threads: 16 });
    const shared = syntheticGraph(4800, { threads: 16 });
    layoutGraph(inline, { seed: 9, workBudget: 1e7 });
    let meanwhileCalls = 0;
    const stats = await compiled.layoutGraphParallel(shared, { seed: 9, workBudget: 1e7 }, 0, () => {
      // Other work of this thread (packing related.idx in a build), seconds of it while the worker takes discs.
      meanwhileCalls++;
      const t0 = Date.now();
      while (Date.now() - t0 < 3000);
    });
    expect(meanwhileCalls).toBe(1);
    expect(stats.discsInWorker).toBeGreaterThan(0);
    expect(positions(shared)).toBe(positions(inline));
  });

  it('awaits an async `meanwhile` before this thread joins the discs', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/graph/layout.js');
    const inline = syntheticGraph(4800, { threads: 16 });
    const shared = syntheticGraph(4800, { threads: 16 });
    layoutGraph(inline, { seed: 9, workBudget: 1e7 });
    // Writes in a build (papers.jsonl, mentions.jsonl) await the disk; this thread stays off the
    // discs until they are done, so a worker that needs a fraction of that time takes them all.
    const stats = await compiled.layoutGraphParallel(shared, { seed: 9, workBudget: 1e7 }, 0, () => new Promise((resolve) => setTimeout(resolve, 3000)));
    expect(stats.discsInWorker).toBe(stats.groups);
    expect(positions(shared)).toBe(positions(inline));
  });

  it('runs `meanwhile` first when it lays out inline', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/graph/layout.js');
    const small = syntheticGraph(300);
    const order: string[] = [];
    const stats = await compiled.layoutGraphParallel(small, { seed: 4 }, undefined, () => {
      order.push(small.getNodeAttribute(small.nodes()[0], 'x') === undefined ? 'before layout' : 'after layout');
    });
    expect(stats.discsInWorker).toBe(0);
    expect(order).toEqual(['before layout']);
  });

  it('lays out inline, with the same result, where a worker would not pay', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/graph/layout.js');
    const inline = syntheticGraph(300);
    const small = syntheticGraph(300);
    layoutGraph(inline, { seed: 4 });
    // A worker could run (compiled), but 8 discs of ~40 papers are far below PARALLEL_LAYOUT_MIN_WORK.
    expect(compiled.canLayoutInWorker()).toBe(true);
    const stats = await compiled.layoutGraphParallel(small, { seed: 4 });
    expect(stats.discsInWorker).toBe(0);
    expect(positions(small)).toBe(positions(inline));
  });
});
