/**
 * `litgraph export csv` verified with the real import tool: the exact `neo4j-admin database import
 * full` command the export prints is run (neo4j-admin = org.neo4j.cli.AdminTool from the harness
 * classpath) on the seed graph plus the hostile one, then a Neo4j 5.26 server is started on the
 * imported store and queried: counts per label and type, and properties equal to what the Bolt
 * export writes (except empty arrays, which the import tool cannot express and leaves out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import neo4j, { type Driver } from 'neo4j-driver';
import { exportToCsv, type CsvExportSummary } from '../../src/sinks/csv.js';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../../src/sinks/properties.js';
import type { LitGraph } from '../../src/graph/build.js';
import type { EdgeType, NodeType } from '../../src/types.js';
import { buildSamples } from '../helpers/seeds.js';
import { neo4jClasspath, startNeo4j, type Neo4jServer } from '../helpers/neo4j-server.js';
import { CSV_HOSTILE_ABSTRACT, hostileGraph, INJECTION_TITLE, LABEL_LIKE_NAME, typeCounts } from './hostile-graph.js';

let tmp: string;
let graph: LitGraph;
let summary: CsvExportSummary;
let importOutput: string;
let server: Neo4jServer;
let driver: Driver;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-csv-import-'));
  graph = buildSamples().graph.copy() as LitGraph;
  const hostile = hostileGraph();
  // Entities the seeds also have (e.g. dataset:cifar-10) keep the seeds' attributes.
  hostile.forEachNode((key, attributes) => void (graph.hasNode(key) || graph.addNode(key, attributes)));
  hostile.forEachEdge((key, attributes, source, target) => void (graph.hasEdge(key) || graph.addEdgeWithKey(key, source, target, attributes)));
  const csvDir = join(tmp, 'csv');
  summary = exportToCsv(graph, csvDir);

  // A Neo4j home for the import tool: an empty neo4j.conf is enough.
  const home = join(tmp, 'home');
  mkdirSync(join(home, 'conf'), { recursive: true });
  writeFileSync(join(home, 'conf', 'neo4j.conf'), '');
  const script = `neo4j-admin() { java -Xmx1g -cp "$LITGRAPH_CP" org.neo4j.cli.AdminTool "$@"; }\ncd "${csvDir}" && ${summary.command}\n`;
  const run = spawnSync('bash', ['-c', script], {
    env: { ...process.env, LITGRAPH_CP: neo4jClasspath(), NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
    encoding: 'utf8',
    timeout: 240_000,
  });
  importOutput = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`neo4j-admin import failed (${run.status}):\n${importOutput.slice(-3000)}`);

  server = await startNeo4j({ from: home });
  driver = neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => {} } });
});

afterAll(async () => {
  await driver?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject() as T);
}

describe('neo4j-admin database import of `litgraph export csv` files', () => {
  it('imports every node and relationship', async () => {
    expect(importOutput).toMatch(/IMPORT DONE/);
    expect(importOutput).toContain(`${graph.order} nodes`);
    expect(importOutput).toContain(`${graph.size} relationships`);
    const counts = typeCounts(graph);
    for (const row of await query<{ label: string; n: number }>('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n')) {
      const type = Object.entries(NODE_LABELS).find(([, l]) => l === row.label)![0];
      expect(row.n, row.label).toBe(counts.nodes[type as NodeType]);
    }
    for (const row of await query<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n')) {
      const type = Object.entries(RELATIONSHIP_TYPES).find(([, t]) => t === row.type)![0];
      expect(row.n, row.type).toBe(counts.edges[type as EdgeType]);
    }
  });

  it('keeps hostile text, arrays (with the fallback delimiter) and types', async () => {
    expect(summary.arrayDelimiter).toBe('|');
    const [p] = await query<{ p: Record<string, unknown>; year: string }>('MATCH (p:Paper {id: "paper:h:inject"}) RETURN properties(p) AS p, valueType(p.year) AS year');
    expect(p.p.title).toBe(INJECTION_TITLE);
    expect(p.p.abstract).toBe(CSV_HOSTILE_ABSTRACT);
    expect(p.p.authors).toEqual(['Ada Lovelace', "O'Brien; Jr."]);
    expect(p.year).toBe('INTEGER NOT NULL');
    const [m] = await query<{ labels: string[]; label: string }>('MATCH (m {id: $id}) RETURN labels(m) AS labels, m.label AS label', { id: `method:${LABEL_LIKE_NAME}` });
    expect(m).toEqual({ labels: ['Method'], label: LABEL_LIKE_NAME });
  });

  it('stores the same properties as the Bolt export (empty arrays aside)', async () => {
    const expected = (attributes: Record<string, unknown>, idName: string, id: string) => {
      const props: Record<string, unknown> = { [idName]: id };
      for (const [name, value] of Object.entries(attributes)) {
        if (name === 'type' || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
        props[name] = typeof value === 'object' && !(Array.isArray(value) && value.every((v) => typeof v !== 'object')) ? JSON.stringify(value) : value;
      }
      return props;
    };
    const seeds = buildSamples().graph;
    for (const { id, props } of await query<{ id: string; props: Record<string, unknown> }>('MATCH (n) RETURN n.id AS id, properties(n) AS props')) {
      if (!seeds.hasNode(id)) continue; // the hostile graph's mixed kinds are covered above
      expect(props, id).toEqual(expected(seeds.getNodeAttributes(id), 'id', id));
    }
    for (const { key, props } of await query<{ key: string; props: Record<string, unknown> }>('MATCH ()-[r]->() RETURN r.key AS key, properties(r) AS props')) {
      if (!seeds.hasEdge(key)) continue;
      expect(props, key).toEqual(expected(seeds.getEdgeAttributes(key), 'key', key));
    }
  });
});
