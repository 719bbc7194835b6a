/**
 * `litgraph threads --engine neo4j-gds` against a real Neo4j 5.26 with Graph Data Science 2.13
 * (tests/helpers/neo4j-server.ts, `gds: true`): the seed graph is exported with the Neo4j sink,
 * then GDS Louvain / Leiden run inside the database. Checked: every paper with a paper–paper
 * relationship gets exactly one thread, the seeds' topics land in threads of their own as they
 * do in-process, two runs give identical threads (concurrency 1), Leiden's resolution changes
 * the partition, --write, the projection is dropped, the CLI, and the errors on a server without
 * GDS and on a database with nothing exported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import { main } from '../../src/cli/main.js';
import { exportToNeo4j } from '../../src/sinks/neo4j.js';
import { detectThreadsInNeo4j, evenlySpaced, GDS_OTHER_THREAD, GdsThreadsError, groupCommunities, type GdsMember, type GdsThreadsResult } from '../../src/threads/gds.js';
import type { BuildResult } from '../../src/pipeline.js';
import { captureIO } from '../helpers/capture-io.js';
import { startNeo4j, type Neo4jServer } from '../helpers/neo4j-server.js';
import { buildSamples } from '../helpers/seeds.js';

let gdsServer: Neo4jServer;
let plainServer: Neo4jServer;
let driver: Driver;
let seeds: BuildResult;
let beforeExport: unknown;
let louvain: GdsThreadsResult;

beforeAll(async () => {
  seeds = buildSamples();
  [gdsServer, plainServer] = await Promise.all([startNeo4j({ gds: true }), startNeo4j()]);
  driver = neo4j.driver(gdsServer.uri, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => {} } });
  beforeExport = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri }).catch((error: unknown) => error);
  await exportToNeo4j(seeds.graph, { uri: gdsServer.uri });
  louvain = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri });
}, 480_000);

afterAll(async () => {
  await driver?.close();
  await Promise.all([gdsServer?.stop(), plainServer?.stop()]);
});

const PAPER_PAPER = new Set(['cites', 'builds_on', 'similar_to']);

/** Corpus papers joined to another paper by cites / builds_on / similar_to, and the distinct pairs. */
function linkedPapers(result: BuildResult): { papers: Set<string>; pairs: Set<string> } {
  const papers = new Set<string>();
  const pairs = new Set<string>();
  result.graph.forEachEdge((_, attributes, source, target) => {
    if (!PAPER_PAPER.has(attributes.type) || source === target) return;
    papers.add(source);
    papers.add(target);
    pairs.add(source < target ? `${source} ${target}` : `${target} ${source}`);
  });
  return { papers, pairs };
}

const threadOf = (result: GdsThreadsResult, paper: string) => result.threads.find((t) => t.papers.includes(paper))?.id;
const withoutTimings = (result: GdsThreadsResult) => JSON.stringify({ ...result, seconds: null });

describe('GDS Louvain over the exported seed graph', () => {
  it('runs GDS 2.13 single-threaded and gives every paper with a paper–paper link exactly one thread', () => {
    expect(louvain.gdsVersion).toMatch(/^2\.13\./);
    expect(louvain.algorithm).toBe('louvain');
    expect(louvain.concurrency).toBe(1);
    const { papers, pairs } = linkedPapers(seeds);
    expect(louvain.papers).toBe(papers.size);
    expect(louvain.pairs).toBe(pairs.size);
    const assigned = louvain.threads.flatMap((t) => t.papers);
    expect(new Set(assigned).size).toBe(assigned.length);
    expect(new Set(assigned)).toEqual(papers);
    for (const t of louvain.threads) {
      expect(t.size).toBe(t.papers.length);
      expect([...t.papers].sort()).toEqual(t.papers);
      expect(t.central.length).toBeGreaterThan(0);
      expect(t.papers).toEqual(expect.arrayContaining(t.central));
      expect(t.centralLabels).toHaveLength(t.central.length);
      for (const [i, id] of t.central.entries()) expect(t.centralLabels[i]).toBe(seeds.graph.getNodeAttribute(id, 'label'));
      if (t.id !== GDS_OTHER_THREAD) {
        expect(t.size).toBeGreaterThanOrEqual(3);
        expect(t.label).toBeTruthy();
        expect(t.terms.length).toBeGreaterThan(1);
      }
    }
  });

  it('finds a partition as modular and as many threads as the in-process engine, numbered by size', () => {
    const inProcess = seeds.threads.length;
    expect(louvain.modularity).toBeGreaterThan(0.3);
    expect(louvain.communities).toBeGreaterThanOrEqual(3);
    expect(louvain.threads.length).toBeGreaterThanOrEqual(Math.max(3, inProcess - 3));
    expect(louvain.threads.length).toBeLessThanOrEqual(inProcess + 6);
    const numbered = louvain.threads.filter((t) => t.id !== GDS_OTHER_THREAD);
    numbered.forEach((t, i) => expect(t.id).toBe(`gds:${i + 1}`));
    for (let i = 1; i < numbered.length; i++) expect(numbered[i - 1].size).toBeGreaterThanOrEqual(numbered[i].size);
  });

  it('separates recommender systems, latent diffusion / video and influence functions as in-process threads do', () => {
    const groups: Record<string, RegExp> = {
      recsys: /recommend|click-through|CTR prediction/i,
      diffusion: /latent diffusion|video diffusion|video generation|text-to-video|video synthesis/i,
      influence: /influence function|influence estimation|data valuation|influence-based|influence scores/i,
    };
    const text = (id: string) => `${seeds.graph.getNodeAttribute(id, 'title') ?? ''} ${seeds.graph.getNodeAttribute(id, 'abstract') ?? ''}`;
    const papers = seeds.papers.filter((p) => !p.external).map((p) => p.id);
    const members: Record<string, string[]> = {};
    for (const [g, re] of Object.entries(groups)) members[g] = papers.filter((p) => re.test(text(p)));
    expect(members.recsys.length).toBeGreaterThan(30);
    const dominant = new Map<string, string>();
    for (const t of louvain.threads) {
      const counts = Object.entries(members).map(([g, list]) => [g, list.filter((p) => t.papers.includes(p)).length] as const);
      const best = counts.sort((a, b) => b[1] - a[1])[0];
      if (t.id !== GDS_OTHER_THREAD && best[1] > 0) dominant.set(t.id, best[0]);
    }
    for (const [g, list] of Object.entries(members)) {
      const home = list.filter((p) => dominant.get(threadOf(louvain, p)!) === g).length;
      expect(home / list.length, g).toBeGreaterThanOrEqual(0.75);
    }
    const mode = (list: string[]) => {
      const counts = new Map<string, number>();
      for (const p of list) counts.set(threadOf(louvain, p)!, (counts.get(threadOf(louvain, p)!) ?? 0) + 1);
      return Math.max(...counts.values()) / list.length;
    };
    expect(mode(members.diffusion)).toBeGreaterThanOrEqual(0.75);
    expect(mode(members.influence)).toBeGreaterThanOrEqual(0.75);
    const labels = louvain.threads.map((t) => `${t.label} ${t.terms.join(' ')}`.toLowerCase()).join(' | ');
    expect(labels).toMatch(/diffusion/);
    expect(labels).toMatch(/recommend|ctr|click-through|user/);
  });

  it('keeps most of each in-process thread together in one GDS thread', () => {
    let together = 0;
    let total = 0;
    for (const t of seeds.threads) {
      if (t.id === 'thread:other') continue;
      const counts = new Map<string, number>();
      for (const p of t.papers) {
        const g = threadOf(louvain, p);
        if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
      }
      together += Math.max(0, ...counts.values());
      total += t.papers.length;
    }
    expect(together / total).toBeGreaterThanOrEqual(0.5);
  });

  it('gives identical threads on a second run and leaves no projected graph behind', async () => {
    const again = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri });
    expect(withoutTimings(again)).toBe(withoutTimings(louvain));
    const graphs = await driver.executeQuery('CALL gds.graph.list() YIELD graphName RETURN graphName');
    expect(graphs.records).toHaveLength(0);
  });
});

describe('GDS Leiden', () => {
  it('is reproducible for a seed and gives more, smaller threads at a higher resolution', async () => {
    const a = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri, algorithm: 'leiden', seed: 7 });
    const b = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri, algorithm: 'leiden', seed: 7 });
    expect(withoutTimings(b)).toBe(withoutTimings(a));
    expect(a.seed).toBe(7);
    expect(a.papers).toBe(louvain.papers);
    const coarse = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri, algorithm: 'leiden', resolution: 0.3 });
    const fine = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri, algorithm: 'leiden', resolution: 3 });
    expect(fine.communities).toBeGreaterThan(a.communities);
    expect(a.communities).toBeGreaterThan(coarse.communities);
  });
});

describe('--write', () => {
  it('writes each projected paper its community id; papers of one thread share it', async () => {
    const result = await detectThreadsInNeo4j(driver, { uri: gdsServer.uri, writeProperty: 'gdsCommunity' });
    expect(result.written).toEqual({ property: 'gdsCommunity', papers: result.papers });
    const rows = await driver.executeQuery('MATCH (p:Paper) WHERE p.gdsCommunity IS NOT NULL RETURN p.id AS id, p.gdsCommunity AS community');
    const community = new Map(rows.records.map((r) => [r.get('id') as string, r.get('community') as number]));
    expect(community.size).toBe(result.papers);
    for (const t of result.threads) {
      for (const p of t.papers) expect(t.communities).toContain(community.get(p));
      if (t.id !== GDS_OTHER_THREAD) expect(new Set(t.papers.map((p) => community.get(p))).size).toBe(1);
    }
  });
});

describe('litgraph threads --engine neo4j-gds', () => {
  it('prints the threads, and the same threads as JSON', async () => {
    const io = captureIO();
    expect(await main(['threads', '--engine', 'neo4j-gds', '--uri', gdsServer.uri], io)).toBe(0);
    expect(io.out).toMatch(/GDS 2\.13\.\d+ Louvain, concurrency 1/);
    expect(io.out).toMatch(new RegExp(`${louvain.papers} papers with paper–paper links`));
    expect(io.out).toMatch(/^gds:1 +\d+/m);
    expect(io.out).toContain(louvain.threads[0].label);
    const json = captureIO({ NEO4J_URI: gdsServer.uri });
    expect(await main(['threads', '--engine', 'neo4j-gds', '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.out) as GdsThreadsResult;
    expect(withoutTimings(parsed)).toBe(withoutTimings(louvain));
  });

  it('rejects options that do not apply, with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['threads', '--engine', 'neo4j-gds', '--uri', gdsServer.uri, '--seed', '3'], /--seed applies to --algorithm leiden/],
      [['threads', '--engine', 'neo4j-gds', '--uri', gdsServer.uri, '--resolution', '2'], /--resolution applies to --algorithm leiden/],
      [['threads', '--engine', 'neo4j-gds', '--algorithm', 'infomap'], /unknown algorithm/],
      [['threads', '--engine', 'spark'], /unknown engine/],
      [['threads', '--uri', gdsServer.uri], /--uri applies to --engine neo4j-gds/],
      [['threads', '--engine', 'neo4j-gds', '--graph', 'graph-data/out'], /--graph does not apply/],
      [['threads', '--engine', 'neo4j-gds', '--uri', 'http://localhost:7474'], /bolt:\/\//],
    ];
    for (const [args, message] of cases) {
      const io = captureIO();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.err).toMatch(message);
    }
  });

  it('exits 1 naming what is missing on a server without GDS', async () => {
    const io = captureIO();
    expect(await main(['threads', '--engine', 'neo4j-gds', '--uri', plainServer.uri], io)).toBe(1);
    expect(io.err).toMatch(/has no Graph Data Science library/);
    expect(io.err).toContain(plainServer.uri);
  });

  it('says to export first when the database holds no linked papers', () => {
    expect(beforeExport).toBeInstanceOf(GdsThreadsError);
    expect((beforeExport as Error).message).toMatch(/litgraph export neo4j/);
  });
});

describe('grouping GDS communities into threads', () => {
  const member = (id: string, community: number): GdsMember => ({ id, community, degree: 1, year: null });

  it('numbers communities by size then first paper id and folds the small ones into gds:other', () => {
    const members = [
      member('p:e', 9), member('p:a', 5), member('p:b', 5), member('p:c', 5),
      member('p:x', 2), member('p:y', 2), member('p:z', 2), member('p:d', 7), member('p:f', 7),
    ];
    const drafts = groupCommunities(members, 3);
    expect(drafts.map((d) => [d.id, d.members.map((m) => m.id), d.communities])).toEqual([
      ['gds:1', ['p:a', 'p:b', 'p:c'], [5]],
      ['gds:2', ['p:x', 'p:y', 'p:z'], [2]],
      [GDS_OTHER_THREAD, ['p:d', 'p:e', 'p:f'], [7, 9]],
    ]);
  });

  it('samples evenly and deterministically', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenlySpaced(items, 4)).toEqual([0, 2, 5, 7]);
    expect(evenlySpaced(items, 20)).toEqual(items);
  });
});
