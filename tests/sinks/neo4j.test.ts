/**
 * The Neo4j sink against a real Neo4j 5.26 Community server (tests/helpers/neo4j-server.ts):
 * counts per label and relationship type, property round-trip, idempotency, updates, Cypher
 * injection safety, --wipe, the error paths (connection refused, wrong password, a server killed
 * mid-export and restarted on its own store, where a re-run completes the job) and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { exportToNeo4j, Neo4jExportError } from '../../src/sinks/neo4j.js';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../../src/sinks/properties.js';
import { serialiseGraph } from '../../src/sinks/json.js';
import { main } from '../../src/cli/main.js';
import type { LitGraph } from '../../src/graph/build.js';
import type { EdgeType, NodeType } from '../../src/types.js';
import { buildSamples } from '../helpers/seeds.js';
import { captureIO } from '../helpers/capture-io.js';
import { freePort, startNeo4j, type Neo4jServer } from '../helpers/neo4j-server.js';
import { CSV_HOSTILE_ABSTRACT, hostileGraph, INJECTION_TITLE, LABEL_LIKE_NAME, typeCounts } from './hostile-graph.js';
import { syntheticGraph } from './synthetic-graph.js';

const PASSWORD = 'litgraph-test-pw';

let server: Neo4jServer;
let authServer: Neo4jServer;
let driver: Driver;
let seeds: LitGraph;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-neo4j-test-'));
  seeds = buildSamples().graph;
  // Both JVMs start at once: startup is mostly waiting on class loading and the store.
  [server, authServer] = await Promise.all([startNeo4j(), startNeo4j({ password: PASSWORD })]);
  driver = neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => {} } });
});

afterAll(async () => {
  await driver?.close();
  await Promise.all([server?.stop(), authServer?.stop()]);
  rmSync(tmp, { recursive: true, force: true });
});

async function query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}, d = driver): Promise<T[]> {
  const result = await d.executeQuery(cypher, params);
  return result.records.map((r) => r.toObject() as T);
}

async function clear(d = driver): Promise<void> {
  await d.executeQuery('MATCH (n) DETACH DELETE n');
}

/** Node counts per label and relationship counts per type, as the server sees them. */
async function serverCounts(d = driver): Promise<{ nodes: Record<string, number>; edges: Record<string, number> }> {
  const nodes: Record<string, number> = {};
  const edges: Record<string, number> = {};
  for (const row of await query<{ label: string; n: number }>('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n', {}, d)) nodes[row.label] = row.n;
  for (const row of await query<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n', {}, d)) edges[row.type] = row.n;
  return { nodes, edges };
}

/** The graph's counts in Neo4j's vocabulary. */
function expectedCounts(graph: LitGraph): { nodes: Record<string, number>; edges: Record<string, number> } {
  const counts = typeCounts(graph);
  return {
    nodes: Object.fromEntries(Object.entries(counts.nodes).map(([t, n]) => [NODE_LABELS[t as NodeType], n])),
    edges: Object.fromEntries(Object.entries(counts.edges).map(([t, n]) => [RELATIONSHIP_TYPES[t as EdgeType], n])),
  };
}

/** What a graph attribute record should look like as Neo4j properties (seed graphs: no mixed kinds). */
function expectedProperties(attributes: Record<string, unknown>, idName: 'id' | 'key', id: string): Record<string, unknown> {
  const props: Record<string, unknown> = { [idName]: id };
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'type' || value === null || value === undefined) continue;
    props[name] = typeof value === 'object' && !(Array.isArray(value) && value.every((v) => typeof v !== 'object')) ? JSON.stringify(value) : value;
  }
  return props;
}

describe('exportToNeo4j on the seed graph', () => {
  it('creates the constraints and writes every node and relationship with its label and type', async () => {
    await clear();
    const phases = new Set<string>();
    const summary = await exportToNeo4j(seeds, { uri: server.uri, batchSize: 50, onProgress: (p) => phases.add(p.phase) });
    expect(summary.nodes).toBe(seeds.order);
    expect(summary.relationships).toBe(seeds.size);
    expect(summary.nodesCreated).toBe(seeds.order);
    expect(summary.relationshipsCreated).toBe(seeds.size);
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary.nodesPerSecond).toBeGreaterThan(0);
    expect(summary.relsPerSecond).toBeGreaterThan(0);
    expect([...phases]).toEqual(['constraints', 'nodes', 'relationships']);
    expect(await serverCounts()).toEqual(expectedCounts(seeds));

    const constraints = await query<{ labelsOrTypes: string[]; properties: string[]; type: string }>('SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type');
    for (const label of Object.values(NODE_LABELS)) {
      expect(constraints).toContainEqual({ labelsOrTypes: [label], properties: ['id'], type: 'UNIQUENESS' });
    }
  });

  it('round-trips node and relationship properties, integers as INTEGER and floats as FLOAT', async () => {
    const nodes = await query<{ id: string; labels: string[]; props: Record<string, unknown> }>('MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props');
    expect(nodes).toHaveLength(seeds.order);
    for (const { id, labels, props } of nodes) {
      const attributes = seeds.getNodeAttributes(id);
      expect(labels).toEqual([NODE_LABELS[attributes.type]]);
      expect(props, id).toEqual(expectedProperties(attributes, 'id', id));
    }
    const rels = await query<{ key: string; type: string; source: string; target: string; props: Record<string, unknown> }>(
      'MATCH (a)-[r]->(b) RETURN r.key AS key, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props',
    );
    expect(rels).toHaveLength(seeds.size);
    for (const { key, type, source, target, props } of rels) {
      const attributes = seeds.getEdgeAttributes(key);
      expect(type).toBe(RELATIONSHIP_TYPES[attributes.type]);
      expect([source, target]).toEqual(seeds.extremities(key));
      expect(props, key).toEqual(expectedProperties(attributes, 'key', key));
    }
    const [types] = await query<{ year: string; x: string; authors: string | null }>(
      'MATCH (p:Paper) WHERE p.year IS NOT NULL AND p.x IS NOT NULL RETURN valueType(p.year) AS year, valueType(p.x) AS x LIMIT 1',
    );
    expect(types).toEqual({ year: 'INTEGER NOT NULL', x: 'FLOAT NOT NULL' });
  });

  it('is idempotent: a second export creates nothing and leaves the counts unchanged', async () => {
    const summary = await exportToNeo4j(seeds, { uri: server.uri });
    expect(summary.nodesCreated).toBe(0);
    expect(summary.relationshipsCreated).toBe(0);
    expect(await serverCounts()).toEqual(expectedCounts(seeds));
  });

  it('adds and updates from an updated graph without duplicating', async () => {
    const updated = seeds.copy() as LitGraph;
    const paper = updated.findNode((_k, a) => a.type === 'paper')!;
    updated.setNodeAttribute(paper, 'label', 'A relabelled paper');
    updated.addNode('paper:h:added-in-test', { type: 'paper', label: 'Added later', year: 2026 });
    updated.addEdgeWithKey(`cites:paper:h:added-in-test->${paper}`, 'paper:h:added-in-test', paper, { type: 'cites', provenance: 'extracted' });
    const summary = await exportToNeo4j(updated, { uri: server.uri });
    expect(summary.nodesCreated).toBe(1);
    expect(summary.relationshipsCreated).toBe(1);
    const before = expectedCounts(seeds);
    const after = await serverCounts();
    expect(after.nodes.Paper).toBe(before.nodes.Paper + 1);
    expect(after.edges.CITES ?? 0).toBe((before.edges.CITES ?? 0) + 1);
    expect(await query('MATCH (p:Paper {id: $id}) RETURN p.label AS label', { id: paper })).toEqual([{ label: 'A relabelled paper' }]);
  });
});

describe('exportToNeo4j with hostile input', () => {
  it('stores injection attempts and label-like names as plain text', async () => {
    await clear();
    const g = hostileGraph();
    const summary = await exportToNeo4j(g, { uri: server.uri, batchSize: 3 });
    expect(summary.nodes).toBe(g.order);
    expect(await serverCounts()).toEqual(expectedCounts(g));
    expect(await query('MATCH (p:Paper {id: "paper:h:inject"}) RETURN p.title AS title, p.abstract AS abstract, p.authors AS authors, p.venue AS venue')).toEqual([
      { title: INJECTION_TITLE, abstract: CSV_HOSTILE_ABSTRACT, authors: ['Ada Lovelace', "O'Brien; Jr."], venue: null },
    ]);
    expect(await query('MATCH (m {id: $id}) RETURN labels(m) AS labels, m.label AS label, m.aliases AS aliases', { id: `method:${LABEL_LIKE_NAME}` })).toEqual([
      { labels: ['Method'], label: LABEL_LIKE_NAME, aliases: [LABEL_LIKE_NAME, 'Foo`) RETURN 1 //'] },
    ]);
    const labels = (await query<{ label: string }>('CALL db.labels() YIELD label RETURN label')).map((r) => r.label);
    expect(labels.every((l) => Object.values(NODE_LABELS).includes(l))).toBe(true);
    expect(labels).not.toContain('Foo');
    const [cypher] = await query<{ p: Record<string, unknown> }>('MATCH (p:Paper {id: "paper:h:cypher"}) RETURN properties(p) AS p');
    expect(JSON.parse(cypher.p.meta as string)).toEqual({ nested: { deep: [1, 2] } });
    expect(cypher.p.scores).toEqual([0.5, 1]);
    expect(cypher.p.upvotes).toBe(12);
    // Parallel `reports` edges (suffixed keys) and both directions of `similar_to` survive.
    expect(await query('MATCH (:Paper {id: "paper:h:inject"})-[r:REPORTS]->(:Metric) RETURN r.value AS value ORDER BY value')).toEqual([{ value: '88' }, { value: '93.1' }]);
    expect((await query('MATCH (:Paper)-[r:SIMILAR_TO]->(:Paper) RETURN r.weight AS w')).length).toBe(2);
    // A second run: the hostile text did not delete anything, counts are stable.
    await exportToNeo4j(g, { uri: server.uri });
    expect(await serverCounts()).toEqual(expectedCounts(g));
  });

  it('leaves out types outside the whitelist and reports them', async () => {
    const g = hostileGraph();
    g.addNode('weird:1', { type: 'Weird`) DETACH DELETE n //' as NodeType, label: 'not exported' });
    g.addEdgeWithKey('weird-edge', 'paper:h:inject', 'paper:h:cypher', { type: 'LIKES' as EdgeType, provenance: 'extracted' });
    const summary = await exportToNeo4j(g, { uri: server.uri });
    expect(summary.skipped).toEqual({ nodes: 1, relationships: 1 });
    expect(await serverCounts()).toEqual(expectedCounts(hostileGraph()));
  });

  it('--wipe deletes only litgraph labels, in batches', async () => {
    await driver.executeQuery('CREATE (:Other {name: "not ours"})');
    const small = hostileGraph();
    small.dropNode('paper:h:xml');
    const summary = await exportToNeo4j(small, { uri: server.uri, wipe: true, batchSize: 4 });
    expect(summary.deleted).toBe(hostileGraph().order);
    expect(summary.nodesCreated).toBe(small.order);
    const counts = await serverCounts();
    expect(counts.nodes.Other).toBe(1);
    expect(counts.nodes.Paper).toBe(2);
  });
});

describe('exportToNeo4j errors', () => {
  it('names the URI when nothing listens there', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    await expect(exportToNeo4j(seeds, { uri })).rejects.toThrow(new RegExp(`cannot connect to Neo4j at ${uri}: connection refused`));
  });

  it('rejects a wrong password clearly and works with the right one', async () => {
    const error = await exportToNeo4j(seeds, { uri: authServer.uri, user: 'neo4j', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Neo4jExportError);
    expect((error as Error).message).toMatch(new RegExp(`Neo4j at ${authServer.uri} rejected the credentials of user "neo4j": wrong user or password`));
    const g = hostileGraph();
    const summary = await exportToNeo4j(g, { uri: authServer.uri, user: 'neo4j', password: PASSWORD });
    expect(summary.nodesCreated).toBe(g.order);
  });

});

describe('litgraph export neo4j', () => {
  // A small graph.json keeps these end-to-end runs quick; the seed graph is covered above.
  let graphDir: string;
  const small = hostileGraph();
  beforeAll(() => {
    graphDir = join(tmp, 'build');
    mkdirSync(graphDir, { recursive: true });
    writeFileSync(join(graphDir, 'graph.json'), JSON.stringify(serialiseGraph(small)));
  });

  it('exports a build and prints the summary; a second run reports nothing new', async () => {
    await clear();
    const io = captureIO();
    expect(await main(['export', 'neo4j', '--graph', graphDir, '--uri', server.uri, '--batch-size', '100'], io)).toBe(0);
    expect(io.out).toMatch(new RegExp(`^exported ${small.order} nodes and ${small.size} relationships to ${server.uri} in [\\d.]+ s \\([\\d.k]+ nodes/s, [\\d.k]+ relationships/s\\)\\nnew: ${small.order} nodes, ${small.size} relationships\\n$`));
    expect(await serverCounts()).toEqual(expectedCounts(small));
    const again = captureIO({ NEO4J_URI: server.uri });
    expect(await main(['export', 'neo4j', '--graph', graphDir, '--json'], again)).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ format: 'neo4j', nodes: small.order, nodesCreated: 0, relationshipsCreated: 0 });
  });

  it('reads credentials from the environment and exits 1 with a clear message on failure', async () => {
    const io = captureIO({ NEO4J_URI: authServer.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'nope' });
    expect(await main(['export', 'neo4j', '--graph', graphDir], io)).toBe(1);
    expect(io.err).toMatch(/^litgraph: Neo4j at bolt:\/\/127\.0\.0\.1:\d+ rejected the credentials of user "neo4j"/);
    const ok = captureIO({ NEO4J_URI: authServer.uri, NEO4J_PASSWORD: PASSWORD });
    expect(await main(['export', 'neo4j', '--graph', graphDir], ok)).toBe(0);
    const refused = captureIO();
    expect(await main(['export', 'neo4j', '--graph', graphDir, '--uri', `bolt://127.0.0.1:${await freePort()}`], refused)).toBe(1);
    expect(refused.err).toMatch(/cannot connect to Neo4j at bolt:\/\/127\.0\.0\.1:\d+: connection refused/);
  });
});

// Last: it kills the auth server.
describe('exportToNeo4j when the server dies', () => {
  it('fails clearly when the server dies mid-export; a re-run on the restarted server completes the job', async () => {
    // The auth server is done with its own tests: it is the one that dies (saves a JVM start).
    const big = syntheticGraph({ papers: 150, seed: 3 });
    const victim = authServer;
    const credentials = { user: 'neo4j', password: PASSWORD };
    let restarted: Neo4jServer | undefined;
    try {
      let killed: Promise<void> | undefined;
      const before = neo4j.driver(victim.uri, neo4j.auth.basic(credentials.user, credentials.password));
      await clear(before).finally(() => before.close());
      const error = await exportToNeo4j(big, {
        uri: victim.uri,
        ...credentials,
        batchSize: 100,
        maxRetryTimeMs: 1000,
        onProgress: ({ phase, done }) => {
          if (phase === 'relationships' && done >= 600 && !killed) killed = victim.kill();
        },
      }).catch((e: unknown) => e);
      await killed;
      expect(error).toBeInstanceOf(Neo4jExportError);
      expect((error as Error).message).toMatch(new RegExp(`lost the connection to Neo4j at ${victim.uri} after writing :\\w+ relationships; ${big.order}/${big.order} nodes`));
      expect((error as Error).message).toMatch(/run the same command again to complete it/);

      // Restart on the killed server's store (Neo4j recovers it), then re-run.
      restarted = await startNeo4j({ from: victim.home, password: PASSWORD });
      const d = neo4j.driver(restarted.uri, neo4j.auth.basic(credentials.user, credentials.password), { disableLosslessIntegers: true });
      try {
        const partial = await serverCounts(d);
        expect(partial.nodes.Paper).toBe(150);
        const summary = await exportToNeo4j(big, { uri: restarted.uri, ...credentials, batchSize: 5000 });
        expect(summary.nodesCreated).toBe(0);
        expect(summary.relationshipsCreated).toBeGreaterThan(0);
        expect(summary.relationshipsCreated).toBeLessThan(big.size);
        expect(await serverCounts(d)).toEqual(expectedCounts(big));
      } finally {
        await d.close();
      }
    } finally {
      await restarted?.stop();
    }
  }, 300_000);
});
