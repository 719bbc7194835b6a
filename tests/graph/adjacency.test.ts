/**
 * Dictionary-mode neighbour objects (src/graph/adjacency.ts) change how V8 stores a graph, never
 * what the graph holds or the order anything is iterated in.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { withDictionaryAdjacency } from '../../src/graph/adjacency.js';
import { newLitGraph } from '../../src/graph/build.js';
import { serialiseGraph } from '../../src/sinks/json.js';
import { buildSamples } from '../helpers/seeds.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Everything a caller can observe of a directed multigraph's structure, in iteration order. */
function observe(graph: MultiDirectedGraph) {
  return {
    exported: JSON.stringify(graph.export()),
    nodes: graph.mapNodes((node) => ({
      node,
      out: graph.outNeighbors(node),
      in: graph.inNeighbors(node),
      outEdges: graph.outEdges(node),
      inEdges: graph.inEdges(node),
      degree: [graph.inDegree(node), graph.outDegree(node)],
    })),
    edges: graph.mapEdges((edge, _a, source, target) => [edge, source, target, graph.hasEdge(source, target), graph.areNeighbors(target, source)]),
  };
}

/** The same sequence of edits on a plain graph and on a patched one. */
function edit(graph: MultiDirectedGraph): MultiDirectedGraph {
  for (const key of ['paper:b', 'paper:a', 'author:z', 'method:m', 'paper:c']) graph.addNode(key, { label: key });
  graph.addEdgeWithKey('e1', 'paper:a', 'paper:b');
  graph.addEdgeWithKey('e2', 'paper:a', 'paper:b'); // a second edge between the same pair
  graph.addEdgeWithKey('e3', 'author:z', 'paper:a');
  graph.addEdgeWithKey('e4', 'paper:c', 'method:m');
  graph.addEdgeWithKey('e5', 'paper:b', 'paper:a');
  graph.addEdgeWithKey('e6', 'author:z', 'paper:c');
  graph.dropEdge('e1');
  graph.dropNode('method:m');
  graph.mergeEdgeWithKey('e7', 'paper:c', 'paper:b', { w: 1 });
  graph.addNode('method:n');
  graph.addEdgeWithKey('e8', 'paper:c', 'method:n');
  return graph;
}

describe('withDictionaryAdjacency', () => {
  it('leaves every observable of a graph unchanged through adds, drops and merges', () => {
    const plain = edit(new MultiDirectedGraph());
    const patched = edit(withDictionaryAdjacency(new MultiDirectedGraph()));
    expect(observe(patched)).toEqual(observe(plain));
    plain.clearEdges();
    patched.clearEdges();
    expect(observe(patched)).toEqual(observe(plain));
    patched.addEdgeWithKey('e9', 'paper:a', 'paper:c');
    plain.addEdgeWithKey('e9', 'paper:a', 'paper:c');
    expect(observe(patched)).toEqual(observe(plain));
  });

  it('gives the seed graph the same export and iteration order as a plain graph', () => {
    const built = buildSamples().graph;
    const plain = new MultiDirectedGraph({ allowSelfLoops: false });
    plain.import(serialiseGraph(built));
    const patched = newLitGraph();
    patched.import(serialiseGraph(built));
    expect(built.order).toBeGreaterThan(100);
    expect(observe(patched as unknown as MultiDirectedGraph)).toEqual(observe(plain));
    // and the build's own graph (patched too) iterates like them
    expect(observe(built as unknown as MultiDirectedGraph).nodes.slice(0, 50)).toEqual(observe(plain).nodes.slice(0, 50));
  });

  it('works for undirected graphs and leaves a non-empty graph alone', () => {
    const patched = withDictionaryAdjacency(new UndirectedGraph());
    const plain = new UndirectedGraph();
    for (const g of [patched, plain]) {
      g.addNode('x');
      g.addNode('y');
      g.addEdge('x', 'y');
    }
    expect(patched.neighbors('x')).toEqual(plain.neighbors('x'));
    const busy = new MultiDirectedGraph();
    busy.addNode('x');
    const Before = (busy as unknown as { NodeDataClass: unknown }).NodeDataClass;
    withDictionaryAdjacency(busy);
    expect((busy as unknown as { NodeDataClass: unknown }).NodeDataClass).toBe(Before);
  });

  it('really puts the neighbour objects in dictionary mode (checked with V8 natives)', () => {
    // Fails if a graphology upgrade stops creating node data through NodeDataClass: the graph
    // would still be correct, but the build would silently lose the speed this exists for.
    const script = `
      import { MultiDirectedGraph } from 'graphology';
      import { newLitGraph } from './src/graph/build.ts';
      const fast = (make) => { const g = make(); g.addNode('a'); g.addNode('b'); g.addEdge('a', 'b');
        const data = g._nodes.get('a'); return [%HasFastProperties(data.out), %HasFastProperties(data.in)]; };
      console.log(JSON.stringify({ plain: fast(() => new MultiDirectedGraph()), patched: fast(newLitGraph) }));`;
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ plain: [true, true], patched: [false, false] });
  });
});
