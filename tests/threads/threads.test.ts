/**
 * Research threads: citation clusters found from citations alone, seeded determinism (same
 * threads, byte-identical threads.json), the seeds' topics in distinct threads, labels, the
 * graph's thread / in_thread / similar_to edges, and stable ids with --previous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addThreadsToGraph, detectThreads, OTHER_THREAD, threadLinkEvidence } from '../../src/threads/index.js';
import { buildPaperGraph, paperAdjacency, paperLinks, selectStrongest, toPaperGraph } from '../../src/threads/paper-graph.js';
import { mulberry32 } from '../../src/threads/rng.js';
import { readSignals } from '../../src/threads/signals.js';
import { main } from '../../src/cli/main.js';
import type { Thread } from '../../src/types.js';
import { captureIO } from '../helpers/capture-io.js';
import { buildSamples, SAMPLES_DIR } from '../helpers/seeds.js';
import { FIXTURES, graphFrom, loadFixture } from './fixture-graph.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-threads-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const threadOf = (threads: Thread[], paper: string) => threads.find((t) => t.papers.includes(paper))?.id;

describe('threads on a fixture of two citation clusters', () => {
  const graph = loadFixture('two-clusters.json');

  it('puts each cluster in its own thread and the loner in "other"', () => {
    const { threads, modularity, membership } = detectThreads(graph, { seed: 1 });
    const a = threadOf(threads, 'paper:h:a1');
    const b = threadOf(threads, 'paper:h:b1');
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    for (const i of [2, 3, 4, 5, 6]) {
      expect(threadOf(threads, `paper:h:a${i}`)).toBe(a);
      expect(threadOf(threads, `paper:h:b${i}`)).toBe(b);
    }
    expect(membership.get('paper:h:z1')).toBe(OTHER_THREAD);
    expect(threads.at(-1)?.id).toBe(OTHER_THREAD);
    expect(modularity).toBeGreaterThan(0.3);
    const ta = threads.find((t) => t.id === a)!;
    expect(ta.size).toBe(6);
    expect(ta.years).toEqual([2010, 2016]);
    expect(ta.central[0]).toBe('paper:h:a1'); // the most cited paper of the cluster
    expect(ta.label.toLowerCase()).toContain('signal');
  });

  it('numbers threads by size, then by first paper id', () => {
    const { threads } = detectThreads(graph, { seed: 1 });
    expect(threads.map((t) => t.id)).toEqual(['thread:1', 'thread:2', OTHER_THREAD]);
    expect(threads[0].papers[0]).toBe('paper:h:a1'); // equal sizes: a1 < b1
  });

  it('weights citations, co-citation, coupling and shared authors', () => {
    const signals = readSignals(graph);
    const pg = buildPaperGraph(signals, []);
    const w = (x: string, y: string) => (pg.hasEdge(x, y) ? pg.getEdgeAttribute(pg.edge(x, y)!, 'weight') : 0);
    expect(w('paper:h:a2', 'paper:h:a1')).toBeGreaterThan(1); // cites + shared author
    expect(w('paper:h:a4', 'paper:h:a5')).toBeGreaterThan(w('paper:h:a4', 'paper:h:b2'));
    expect(w('paper:h:z1', 'paper:h:a1')).toBe(0);
    const noCites = buildPaperGraph(signals, [], { weights: { citation: 0, coCitation: 0, coupling: 0 } });
    expect(noCites.hasEdge('paper:h:a3', 'paper:h:a1')).toBe(false);
    expect(noCites.hasEdge('paper:h:a2', 'paper:h:a1')).toBe(true); // Ada Alpha wrote both
    expect(() => buildPaperGraph(signals, [], { weights: { text: -1 } as never })).toThrow(/weight text/);
  });

  it('keeps a pair when either paper keeps it, one edge per pair, sorted', () => {
    const signals = readSignals(graph);
    const all = paperLinks(signals, []);
    const one = paperLinks(signals, [], { maxLinks: 1 });
    const n = signals.papers.length;
    const key = (l: typeof all, e: number) => l.source[e] * n + l.target[e];
    for (const l of [all, one]) {
      for (let e = 0; e < l.source.length; e++) {
        expect(l.source[e]).toBeLessThan(l.target[e]);
        if (e > 0) expect(key(l, e)).toBeGreaterThan(key(l, e - 1));
      }
    }
    // Each paper's strongest link (ties: lower paper number) is an edge, and every edge is someone's strongest.
    const weightOf = new Map<number, number>();
    for (let e = 0; e < all.source.length; e++) weightOf.set(key(all, e), all.weight[e]);
    const strongest = new Set<number>();
    for (let a = 0; a < n; a++) {
      let best = -1;
      let bestWeight = 0;
      for (let b = 0; b < n; b++) {
        const w = weightOf.get(a < b ? a * n + b : b * n + a) ?? 0;
        if (w > bestWeight) (best = b), (bestWeight = w);
      }
      if (best >= 0) strongest.add(a < best ? a * n + best : best * n + a);
    }
    expect(new Set(Array.from(one.source, (_, e) => key(one, e)))).toEqual(strongest);
    expect(one.source.length).toBeLessThan(all.source.length);
    // The adjacency lists every link on both papers, smaller neighbours first.
    const adjacency = paperAdjacency(all);
    expect(adjacency.start[n]).toBe(2 * all.source.length);
    for (let a = 0; a < n; a++) {
      const around = Array.from(adjacency.neighbour.subarray(adjacency.start[a], adjacency.start[a + 1]));
      expect(around).toEqual([...around].sort((x, y) => x - y));
      for (let j = adjacency.start[a]; j < adjacency.start[a + 1]; j++) {
        const b = adjacency.neighbour[j];
        expect(adjacency.weight[j]).toBe(weightOf.get(a < b ? a * n + b : b * n + a));
      }
    }
    // The graphology view has the same edges under either naming.
    const byNumber = toPaperGraph(all, String);
    expect(byNumber.size).toBe(all.source.length);
    expect(byNumber.getEdgeAttribute(byNumber.edge(String(all.source[0]), String(all.target[0]))!, 'weight')).toBe(all.weight[0]);
    expect(buildPaperGraph(signals, []).size).toBe(all.source.length);
  });

  it('selects the k strongest links of a row as sorting would: by strength, ties to the lower paper number', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 300; trial++) {
      const m = 1 + Math.floor(random() * 200);
      const k = 1 + Math.floor(random() * 30);
      const strength = new Float64Array(400);
      // Few distinct strengths, so ties are common.
      for (let i = 0; i < strength.length; i++) strength[i] = 0.25 * (1 + Math.floor(random() * 6));
      const papers = [...new Set(Array.from({ length: m }, () => Math.floor(random() * 400)))];
      const sorted = [...papers].sort((x, y) => strength[y] - strength[x] || x - y);
      const selected = [...papers];
      if (selected.length > k) selectStrongest(selected, strength, k);
      const keep = Math.min(k, papers.length);
      expect(new Set(selected.slice(0, keep))).toEqual(new Set(sorted.slice(0, keep)));
      expect([...selected].sort((x, y) => x - y)).toEqual([...papers].sort((x, y) => x - y));
    }
  });

  it('is a pure function of the inputs and the seed', () => {
    const x = detectThreads(graph, { seed: 7 });
    const y = detectThreads(loadFixture('two-clusters.json'), { seed: 7 });
    expect(JSON.stringify(y.threads)).toBe(JSON.stringify(x.threads));
    expect(y.modularity).toBe(x.modularity);
  });

  it('gives the same threads from link evidence worked out ahead (as the build does) as from the signals', () => {
    const signals = readSignals(graph);
    const fresh = detectThreads(graph, { seed: 7, paperGraph: { maxLinks: 3 } });
    const ahead = detectThreads(graph, { seed: 7, paperGraph: { maxLinks: 3 }, signals, linkEvidence: threadLinkEvidence(signals, { paperGraph: { maxLinks: 3 } }) });
    expect(ahead.paperLinks).toEqual(fresh.paperLinks);
    expect(JSON.stringify(ahead.threads)).toBe(JSON.stringify(fresh.threads));
    expect(fresh.paperLinks.source.length).toBeGreaterThan(0);
  });

  it('folds communities below minSize into "other"', () => {
    const { threads } = detectThreads(graph, { minSize: 7 });
    expect(threads).toHaveLength(1);
    expect(threads[0].id).toBe(OTHER_THREAD);
    expect(threads[0].size).toBe(13);
  });

  it('writes thread nodes, in_thread edges and similar_to edges once per pair', () => {
    const g = graphFrom(
      [
        { id: 'paper:h:x', title: 'consistency models for fast sampling' },
        { id: 'paper:h:y', title: 'improved consistency models training' },
        { id: 'paper:h:w', title: 'consistency models distillation' },
      ],
      [],
    );
    const d = detectThreads(g, { minSize: 1 });
    addThreadsToGraph(g, d);
    expect(g.filterNodes((_, a) => a.type === 'thread').length).toBe(d.threads.length);
    expect(g.filterEdges((_, a) => a.type === 'in_thread')).toHaveLength(3);
    const sim = g.filterEdges((_, a) => a.type === 'similar_to');
    expect(sim.length).toBe(3);
    for (const key of sim) {
      const [s, t] = [g.source(key), g.target(key)];
      expect(s < t).toBe(true);
      expect(key).toBe(`similar_to:${s}->${t}`);
      expect(g.getEdgeAttribute(key, 'weight')).toBeGreaterThan(0);
      expect(g.getEdgeAttribute(key, 'provenance')).toBe('inferred');
    }
  });
});

describe('threads on the seeds', () => {
  const result = buildSamples();
  const text = (id: string) => {
    const a = result.graph.getNodeAttributes(id);
    return `${a.title ?? ''} ${a.abstract ?? ''}`;
  };
  const papers = result.papers.filter((p) => !p.external).map((p) => p.id);

  it('fills threads and modularity into the report', () => {
    expect(result.threads.length).toBeGreaterThanOrEqual(3);
    expect(result.report.totals.threads).toBe(result.threads.length);
    expect(result.report.totals.modularity).toBeGreaterThan(0.2);
    expect(result.report.totals.nodes.thread).toBe(result.threads.length);
    expect(result.report.totals.edges.in_thread).toBe(papers.length);
    expect(result.report.totals.edges.similar_to).toBeGreaterThan(100);
    for (const t of result.threads) {
      expect(t.label).toBeTruthy();
      expect(t.size).toBe(t.papers.length);
    }
  });

  it('separates recommender systems, latent diffusion / video generation and influence functions / data valuation', () => {
    const groups: Record<string, RegExp> = {
      recsys: /recommend|click-through|CTR prediction/i,
      diffusion: /latent diffusion|video diffusion|video generation|text-to-video|video synthesis/i,
      influence: /influence function|influence estimation|data valuation|influence-based|influence scores/i,
    };
    const members: Record<string, string[]> = {};
    for (const [g, re] of Object.entries(groups)) members[g] = papers.filter((p) => re.test(text(p)));
    expect(members.recsys.length).toBeGreaterThan(30);
    expect(members.diffusion.length).toBeGreaterThanOrEqual(4);
    expect(members.influence.length).toBeGreaterThanOrEqual(6);
    // The thread(s) each group dominates; every group must mostly sit in threads it dominates.
    const dominant = new Map<string, string>();
    for (const t of result.threads) {
      if (t.id === OTHER_THREAD) continue;
      const counts = Object.entries(members).map(([g, list]) => [g, list.filter((p) => t.papers.includes(p)).length] as const);
      const best = counts.sort((a, b) => b[1] - a[1])[0];
      if (best[1] > 0) dominant.set(t.id, best[0]);
    }
    // 0.7, not more: of the 11 influence papers, "Efficient Machine Unlearning via Influence
    // Approximation" links about as strongly to "Pre-training for Recommendation Unlearning" (0.73
    // in all) as to the influence-function papers (0.69), and Louvain's order of moves puts it on
    // either side (of seeds 1–20, 9 of 11 together for 16 and 8 of 11 for 4; the default seed 42 gives 8).
    for (const [g, list] of Object.entries(members)) {
      const home = list.filter((p) => dominant.get(threadOf(result.threads, p)!) === g).length;
      expect(home / list.length, g).toBeGreaterThanOrEqual(0.7);
    }
    const homes = (g: string) => new Set([...dominant].filter(([, d]) => d === g).map(([t]) => t));
    expect(homes('recsys').size).toBeGreaterThan(0);
    expect(homes('diffusion').size).toBeGreaterThan(0);
    expect(homes('influence').size).toBeGreaterThan(0);
    // The latent-diffusion / video papers share one thread; so do the influence-function papers.
    const mode = (list: string[]) => {
      const c = new Map<string, number>();
      for (const p of list) c.set(threadOf(result.threads, p)!, (c.get(threadOf(result.threads, p)!) ?? 0) + 1);
      return [...c.values()].sort((a, b) => b - a)[0] / list.length;
    };
    expect(mode(members.diffusion)).toBeGreaterThanOrEqual(0.75);
    expect(mode(members.influence)).toBeGreaterThanOrEqual(0.7);
  });

  it('labels threads with distinctive phrases', () => {
    const labels = result.threads.map((t) => t.label.toLowerCase()).join(' | ');
    expect(labels).toMatch(/diffusion/);
    expect(labels).toMatch(/recommend|ctr|click-through|user/);
    const terms = result.threads.map((t) => t.terms.join(', ').toLowerCase()).join(' | ');
    expect(terms).toMatch(/influence/);
    for (const t of result.threads) if (t.id !== OTHER_THREAD) expect(t.terms.length).toBeGreaterThan(1);
  });
});

describe('build --seed determinism and --previous', () => {
  it('writes byte-identical threads.json for the same inputs and seed', async () => {
    const [a, b] = [join(tmp, 'd1'), join(tmp, 'd2')];
    expect(await main(['build', SAMPLES_DIR, '-o', a, '--seed', '5'], captureIO())).toBe(0);
    expect(await main(['build', SAMPLES_DIR, '-o', b, '--seed', '5'], captureIO())).toBe(0);
    expect(readFileSync(join(b, 'threads.json'), 'utf8')).toBe(readFileSync(join(a, 'threads.json'), 'utf8'));
    const report = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    expect(report.totals.modularity).toBeGreaterThan(0);
  });

  it('keeps thread ids and labels across a rebuild with one added paper', async () => {
    const before = join(tmp, 'before');
    const after = join(tmp, 'after');
    const inputs = join(tmp, 'inputs');
    mkdirSync(inputs);
    for (const f of readdirSync(SAMPLES_DIR)) copyFileSync(join(SAMPLES_DIR, f), join(inputs, f));
    expect(await main(['build', inputs, '-o', before], captureIO())).toBe(0);
    copyFileSync(join(FIXTURES, 'added-paper.txt'), join(inputs, '005_added.txt'));
    // A different seed as well: without --previous the numbering could change freely.
    expect(await main(['build', inputs, '-o', after, '--previous', before, '--seed', '3'], captureIO())).toBe(0);
    const old: Thread[] = JSON.parse(readFileSync(join(before, 'threads.json'), 'utf8'));
    const now: Thread[] = JSON.parse(readFileSync(join(after, 'threads.json'), 'utf8'));
    expect(now.reduce((n, t) => n + t.size, 0)).toBe(old.reduce((n, t) => n + t.size, 0) + 1);
    let kept = 0;
    for (const t of old) {
      if (t.id === OTHER_THREAD) continue;
      // The new thread holding most of the old one's papers.
      const counts = new Map<string, number>();
      for (const p of t.papers) {
        const id = threadOf(now, p);
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      const [bestId, overlap] = [...counts].sort((a, b) => b[1] - a[1])[0];
      const best = now.find((x) => x.id === bestId)!;
      const jaccard = overlap / (t.size + best.size - overlap);
      if (jaccard >= 0.5) {
        expect(bestId).toBe(t.id);
        expect(best.label).toBe(t.label);
        kept++;
      }
    }
    expect(kept).toBeGreaterThanOrEqual(3);
    const ids = now.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects --previous without a threads.json', async () => {
    const io = captureIO();
    expect(await main(['build', SAMPLES_DIR, '-o', join(tmp, 'x'), '--previous', join(tmp, 'nowhere')], io)).toBe(2);
    expect(io.err).toMatch(/--previous/);
  });
});
