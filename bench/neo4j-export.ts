/**
 * Benchmark: `exportToNeo4j` of a synthetic graph of ≥ 100k nodes and ≥ 500k relationships into a
 * real Neo4j 5.26 Community server (the tests' harness launcher), for a few batch sizes.
 *
 *   npx tsx bench/neo4j-export.ts [--papers 20000] [--batch-sizes 5000,20000] [--concurrency 1] [--uri bolt://…] [--json]
 *
 * The graph comes from tests/sinks/synthetic-graph.ts (its header documents the shape: per paper
 * ≈ 5 non-paper nodes and ≈ 29 relationships of all 14 types, skewed entity popularity, real-size
 * titles, abstracts and evidence strings), so 20k papers give ≈ 100k nodes and ≈ 578k
 * relationships. Each batch size starts from an empty database (a wipe, not timed) and is timed
 * end to end (constraints, nodes, relationships); the last one is also re-run on the full
 * database to time the idempotent MERGE path. Without --uri a harness server is started and
 * stopped. Figures depend on the machine's load: the load average is printed with them.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { MultiDirectedGraph } from 'graphology';
import { exportToNeo4j, type Neo4jExportSummary } from '../src/sinks/neo4j.js';
import type { EdgeAttributes, NodeAttributes } from '../src/types.js';
import type { LitGraph } from '../src/graph/build.js';
import { syntheticGraph } from '../tests/sinks/synthetic-graph.js';
import { startNeo4j, type Neo4jServer } from '../tests/helpers/neo4j-server.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '20000' },
    'batch-sizes': { type: 'string', default: '5000,20000' },
    concurrency: { type: 'string', default: '1' },
    uri: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const papers = Number(values.papers);
const batchSizes = values['batch-sizes']!.split(',').map(Number);
const concurrency = Number(values.concurrency);

const log = (text: string) => process.stderr.write(`${text}\n`);

let t = performance.now();
const graph = syntheticGraph({ papers });
log(`synthetic graph: ${graph.order} nodes, ${graph.size} relationships (${((performance.now() - t) / 1000).toFixed(1)} s to generate)`);

let server: Neo4jServer | undefined;
let uri = values.uri;
if (!uri) {
  t = performance.now();
  server = await startNeo4j({ javaOptions: ['-Xmx4g', '-XX:+UseParallelGC'] });
  uri = server.uri;
  log(`Neo4j 5.26 harness server on ${uri} (${((performance.now() - t) / 1000).toFixed(1)} s to start)`);
}

const empty: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
const results: { batchSize: number; run: 'fresh' | 'rerun'; summary: Neo4jExportSummary; load: number[] }[] = [];
try {
  for (const [i, batchSize] of batchSizes.entries()) {
    const wiped = await exportToNeo4j(empty, { uri, wipe: true, batchSize: 20_000 });
    if (wiped.deleted) log(`wiped ${wiped.deleted} nodes`);
    const summary = await exportToNeo4j(graph, { uri, batchSize, concurrency });
    results.push({ batchSize, run: 'fresh', summary, load: loadavg() });
    log(row(batchSize, 'fresh', summary));
    if (i === batchSizes.length - 1) {
      const rerun = await exportToNeo4j(graph, { uri, batchSize, concurrency });
      results.push({ batchSize, run: 'rerun', summary: rerun, load: loadavg() });
      log(row(batchSize, 'rerun', rerun));
    }
  }
} finally {
  await server?.stop();
}

function row(batchSize: number, run: string, s: Neo4jExportSummary): string {
  return (
    `batch ${String(batchSize).padStart(6)} ×${concurrency}  ${run.padEnd(5)}  ${s.seconds.toFixed(1).padStart(6)} s total  ` +
    `${String(s.nodesPerSecond).padStart(7)} nodes/s  ${String(s.relsPerSecond).padStart(7)} rels/s  ` +
    `(created ${s.nodesCreated} nodes, ${s.relationshipsCreated} rels; load avg ${loadavg()[0].toFixed(1)} on 2 cores)`
  );
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ nodes: graph.order, relationships: graph.size, results }, null, 2)}\n`);
} else {
  process.stdout.write(`neo4j export, ${graph.order} nodes / ${graph.size} relationships\n${results.map((r) => row(r.batchSize, r.run, r.summary)).join('\n')}\n`);
}
