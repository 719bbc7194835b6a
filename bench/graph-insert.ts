/**
 * Inserting a litgraph-sized graph into graphology, with the nodes' neighbour objects as
 * graphology makes them and in dictionary mode (src/graph/adjacency.ts), alternating in one
 * process so both see the same machine. Synthetic: string keys shaped like litgraph's, edges
 * between random nodes (deterministic). Needs no data:
 *   node --expose-gc --import tsx bench/graph-insert.ts [nodes=250000] [edges=1300000] [rounds=2]
 */
import { MultiDirectedGraph } from 'graphology';
import { withDictionaryAdjacency } from '../src/graph/adjacency.js';
import { mulberry32 } from '../src/threads/rng.js';

const [nodes = 250_000, edges = 1_300_000, rounds = 2] = process.argv.slice(2).map(Number);

function insert(dictionary: boolean): { seconds: number; heapMiB: number } {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const graph = new MultiDirectedGraph({ allowSelfLoops: false });
  if (dictionary) withDictionaryAdjacency(graph);
  const keys: string[] = [];
  for (let i = 0; i < nodes; i++) keys.push(`${['paper:arxiv', 'author', 'method', 'task'][i % 4]}:${((i * 7919) % 1_000_003).toString(36)}-${i}`);
  for (const key of keys) graph.addNode(key, { type: 'x' });
  const random = mulberry32(7);
  for (let e = 0; e < edges; e++) {
    const a = keys[Math.floor(random() * nodes)];
    const b = keys[Math.floor(random() * nodes)];
    if (a !== b) graph.addEdgeWithKey(`e${e}`, a, b, { type: 'y' });
  }
  const seconds = (performance.now() - t0) / 1000;
  const heapMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (graph.size === 0) throw new Error('no edges');
  return { seconds, heapMiB };
}

console.log(`${nodes} nodes, ${edges} edges (node ${process.version})`);
for (let r = 0; r < rounds; r++) {
  for (const dictionary of [false, true]) {
    const { seconds, heapMiB } = insert(dictionary);
    console.log(`${dictionary ? 'dictionary mode' : 'as graphology makes them'}: ${seconds.toFixed(2)} s, heap +${heapMiB.toFixed(0)} MiB`);
  }
}
