/**
 * The Louvain view (src/threads/louvain-view.ts) must be, for graphology-communities-louvain,
 * the same graph as a real graphology graph of the same links: same communities, modularity,
 * levels and dendrogram, for several seeds and resolutions, on planted-partition graphs and on
 * the seed listings' own paper graph.
 */
import { describe, expect, it } from 'vitest';
import { louvain, louvainView, type LouvainInput } from '../../src/threads/louvain-view.js';
import { paperLinks, toPaperGraph, type PaperLinks } from '../../src/threads/paper-graph.js';
import { mulberry32 } from '../../src/threads/rng.js';
import { readSignals } from '../../src/threads/signals.js';
import { buildSamples } from '../helpers/seeds.js';

/** `groups` planted communities of `size` papers: dense weighted links inside, a few across. */
function plantedLinks(groups: number, size: number, seed: number): PaperLinks {
  const random = mulberry32(seed);
  const n = groups * size;
  const weightOf = new Map<number, number>();
  const link = (a: number, b: number) => {
    if (a === b) return;
    const [s, t] = a < b ? [a, b] : [b, a];
    weightOf.set(s * n + t, Math.round((0.1 + random()) * 1000) / 1000);
  };
  for (let a = 0; a < n; a++) {
    const group = Math.floor(a / size);
    for (let j = 0; j < 6; j++) link(a, group * size + Math.floor(random() * size));
    if (random() < 0.3) link(a, Math.floor(random() * n));
  }
  const keys = [...weightOf.keys()].sort((x, y) => x - y);
  return {
    papers: Array.from({ length: n }, (_, i) => `paper:${String(i).padStart(5, '0')}`),
    source: Int32Array.from(keys, (k) => Math.floor(k / n)),
    target: Int32Array.from(keys, (k) => k % n),
    weight: Float64Array.from(keys, (k) => weightOf.get(k)!),
  };
}

/** Louvain's detailed output has `level` at run time; its typings leave it out. */
const levelOf = (detailed: object) => (detailed as { level?: number }).level;

function bothWays(links: PaperLinks, seed: number, resolution: number) {
  const options = { getEdgeWeight: 'weight', resolution, rng: mulberry32(seed) } as const;
  const viaGraph = louvain.detailed(toPaperGraph(links, String), { ...options, rng: mulberry32(seed) });
  const viaView = louvain.detailed(louvainView(links) as unknown as LouvainInput, { ...options, rng: mulberry32(seed) });
  return { viaGraph, viaView };
}

describe('louvainView', () => {
  it('gives Louvain the same graph as graphology does: same partition, modularity and dendrogram', () => {
    for (const [groups, size, graphSeed] of [[8, 40, 1], [30, 25, 2], [3, 200, 3]]) {
      const links = plantedLinks(groups, size, graphSeed);
      for (const [seed, resolution] of [[42, 1], [7, 1], [42, 0.5], [42, 2]]) {
        const { viaGraph, viaView } = bothWays(links, seed, resolution);
        expect(viaView.communities).toEqual(viaGraph.communities);
        expect(viaView.modularity).toBe(viaGraph.modularity);
        expect(levelOf(viaView)).toBe(levelOf(viaGraph));
        expect(viaView.count).toBe(viaGraph.count);
        expect(viaView.moves).toEqual(viaGraph.moves);
        expect(viaView.dendrogram).toEqual(viaGraph.dendrogram);
      }
      // A planted partition this clear is found: most groups come out as communities.
      const { viaView } = bothWays(links, 42, 1);
      expect(viaView.count).toBeGreaterThanOrEqual(Math.min(groups, 3));
      expect(viaView.modularity).toBeGreaterThan(0.3);
    }
  });

  it('gives the same partition on the seed listings’ paper graph', () => {
    const { graph } = buildSamples();
    const links = paperLinks(readSignals(graph), []);
    expect(links.source.length).toBeGreaterThan(0);
    const { viaGraph, viaView } = bothWays(links, 42, 1);
    expect(viaView.communities).toEqual(viaGraph.communities);
    expect(viaView.modularity).toBe(viaGraph.modularity);
  });

  it('answers what the Louvain index reads and refuses everything else', () => {
    const links: PaperLinks = { papers: ['a', 'b', 'c'], source: Int32Array.of(0, 0), target: Int32Array.of(1, 2), weight: Float64Array.of(0.5, 2) };
    const view = louvainView(links);
    expect([view.order, view.size, view.selfLoopCount, view.type, view.multi]).toEqual([3, 2, 0, 'undirected', false]);
    expect(['0', '1', '2'].map((v) => view.undirectedDegreeWithoutSelfLoops(v))).toEqual([2, 1, 1]);
    const edges: [string, number, string, string][] = [];
    view.forEachEdge((e, a, s, t) => edges.push([e, a.weight, s, t]));
    expect(edges).toEqual([['0', 0.5, '0', '1'], ['1', 2, '0', '2']]);
    expect(() => view.undirectedDegreeWithoutSelfLoops('3')).toThrow(/no node "3"/);
    expect(() => view.dropNode()).toThrow(/read-only/);
    const loop: PaperLinks = { ...links, source: Int32Array.of(1), target: Int32Array.of(1), weight: Float64Array.of(1) };
    expect(() => louvainView(loop)).toThrow(/paper b is linked to itself/);
  });
});
