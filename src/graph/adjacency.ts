/**
 * adjacency — graphology's per-node neighbour objects, kept in V8's dictionary mode
 * ================================================================================
 *
 * graphology stores a node's edges as properties of plain objects (`in`, `out`) named by the
 * other node's key. V8 gives every object a hidden class per sequence of property names added to
 * it, so in a graph whose nodes have different neighbours (every litgraph graph: keys are paper,
 * author and entity ids) each node's objects walk their own chain of hidden classes, one new class
 * per edge, built and soon collected. Measured on 2026-12-06 (2 cores, Node 20):
 * `node --expose-gc --import tsx bench/graph-insert.ts` (250k nodes, 1.3M random edges) 19.4 and
 * 19.0 s as graphology makes the objects, 10.7 and 11.5 s in dictionary mode (heap about the
 * same); `buildGraph` of the 100k-paper scale corpus (640k edges), alternating in one process,
 * 15.3, 16.0, 16.3 s against 12.9, 14.5, 13.7 s.
 *
 * Dictionary-mode objects enumerate their keys in insertion order like any other, so iteration
 * order — and every export — is unchanged (tests/graph/adjacency.test.ts).
 */

/** An object V8 keeps in dictionary mode: deleting a property other than the last one switches it. */
function dictionaryObject(): Record<string, unknown> {
  const object: Record<string, unknown> = { a: 0, b: 0 };
  delete object.a;
  delete object.b;
  return object;
}

/** The adjacency fields graphology's node data classes create in `clear()`, by graph type. */
const ADJACENCY_FIELDS = ['in', 'out', 'undirected'] as const;

interface NodeDataClass {
  new (key: string, attributes: unknown): object;
  prototype: { clear(): void };
}

/**
 * Makes `graph` create its nodes' neighbour objects in dictionary mode. Call it on an empty graph,
 * before adding nodes. Uses graphology's `NodeDataClass` (a writable property of every graph in
 * graphology 0.26, the version installed); on a graphology without it the graph is returned
 * unchanged — as correct, only slower (and tests/graph/adjacency.test.ts fails to say so).
 */
export function withDictionaryAdjacency<G extends object>(graph: G): G {
  const holder = graph as unknown as { NodeDataClass?: NodeDataClass; order?: number };
  const Base = holder.NodeDataClass;
  if (typeof Base !== 'function' || typeof Base.prototype?.clear !== 'function' || holder.order !== 0) return graph;
  const baseClear = Base.prototype.clear;
  class DictionaryNodeData extends Base {
    clear(): void {
      baseClear.call(this);
      const data = this as unknown as Record<string, unknown>;
      for (const field of ADJACENCY_FIELDS) if (data[field] !== undefined) data[field] = dictionaryObject();
    }
  }
  holder.NodeDataClass = DictionaryNodeData;
  return graph;
}
