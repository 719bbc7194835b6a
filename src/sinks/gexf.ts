/**
 * sinks/gexf — the graph as GEXF for Gephi (graphology-gexf's writer)
 * ===================================================================
 *
 * Nodes keep their key as id and `label` as label; `type`, the paper's research `thread` and
 * `threadLabel` (from `in_thread` edges) and every other attribute become GEXF attributes,
 * arrays and objects flattened to strings (properties.ts) so each attribute has one declared
 * type; the layout's `x`/`y` become `viz:position`. Edges keep their key, `type` both as an
 * attribute and as the GEXF 1.3 edge `kind` (Gephi keeps parallel edges of different kinds, e.g.
 * `cites` and `similar_to` between the same two papers), and `weight` as the edge weight.
 */
import { write } from 'graphology-gexf';
import type { LitGraph } from '../graph/build.js';
import { writeFileAtomic } from './atomic.js';
import { flattenTable, threadAttributes, xmlText } from './properties.js';

export interface GexfExportSummary {
  file: string;
  nodes: number;
  edges: number;
}

/** The GEXF document for `graph`. */
export function toGexf(graph: LitGraph): string {
  const threads = threadAttributes(graph);
  const nodeKeys: string[] = [];
  const nodes: Record<string, unknown>[] = [];
  graph.forEachNode((key, attributes) => {
    const { label: _label, x: _x, y: _y, ...rest } = attributes;
    nodeKeys.push(key);
    nodes.push({ ...rest, ...threads.get(key) });
  });
  const edgeKeys: string[] = [];
  const edges: Record<string, unknown>[] = [];
  graph.forEachEdge((key, attributes) => {
    const { weight: _weight, ...rest } = attributes;
    edgeKeys.push(key);
    edges.push(rest);
  });
  const nodeRows = new Map(flattenTable(nodes).rows.map((row, i) => [nodeKeys[i], row]));
  const edgeRows = new Map(flattenTable(edges).rows.map((row, i) => [edgeKeys[i], row]));
  return write(graph, {
    version: '1.3',
    formatNode: (key, attributes) => {
      const viz: { x?: number; y?: number } = {};
      if (typeof attributes.x === 'number' && Number.isFinite(attributes.x)) viz.x = attributes.x;
      if (typeof attributes.y === 'number' && Number.isFinite(attributes.y)) viz.y = attributes.y;
      return {
        label: xmlText(typeof attributes.label === 'string' ? attributes.label : key),
        attributes: nodeRows.get(key),
        ...(viz.x !== undefined || viz.y !== undefined ? { viz } : {}),
      };
    },
    formatEdge: (key, attributes) => ({
      kind: attributes.type,
      attributes: edgeRows.get(key),
      ...(typeof attributes.weight === 'number' && Number.isFinite(attributes.weight) ? { weight: attributes.weight } : {}),
    }),
  });
}

/** Writes `graph` as GEXF 1.3 to `file` (atomically). */
export function exportToGexf(graph: LitGraph, file: string): GexfExportSummary {
  writeFileAtomic(file, toGexf(graph));
  return { file, nodes: graph.order, edges: graph.size };
}
