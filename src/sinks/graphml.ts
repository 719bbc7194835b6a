/**
 * sinks/graphml — the graph as GraphML for Cytoscape, yEd and Gephi
 * =================================================================
 *
 * graphology-graphml ships only a parser (used by the tests to read our files back), so the
 * document is written here: one `<key>` per attribute and domain with a GraphML type (boolean,
 * int, long, double, string), `<node id>` / `<edge id source target>` with `<data>` children,
 * `edgedefault="directed"`. The attributes are those of the GEXF export: `label`, `type`, the
 * paper's `thread` / `threadLabel`, the layout's `x` / `y`, the rest flattened to strings where
 * they are arrays or objects (properties.ts). Text is XML-escaped and characters XML cannot carry
 * are dropped; the document is streamed to disk, so large graphs do not build one huge string.
 */
import type { LitGraph } from '../graph/build.js';
import { writeFileAtomic } from './atomic.js';
import { flattenTable, threadAttributes, xmlText, type FlatType, type FlatValue } from './properties.js';

export interface GraphmlExportSummary {
  file: string;
  nodes: number;
  edges: number;
}

// \r is written as a reference: XML parsers turn a literal one into \n.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

export function xmlEscape(text: string): string {
  return xmlText(text).replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

interface KeyDef {
  id: string;
  name: string;
  type: FlatType;
}

function keyDefs(types: Map<string, FlatType>, prefix: string): Map<string, KeyDef> {
  const defs = new Map<string, KeyDef>();
  let i = 0;
  for (const [name, type] of types) defs.set(name, { id: `${prefix}${i++}`, name, type });
  return defs;
}

function* dataElements(row: Record<string, FlatValue>, defs: Map<string, KeyDef>): Iterable<string> {
  for (const [name, value] of Object.entries(row)) {
    const def = defs.get(name)!;
    yield `<data key="${def.id}">${xmlEscape(String(value))}</data>`;
  }
}

/** The GraphML document for `graph`, in chunks. */
export function* toGraphml(graph: LitGraph): Iterable<string> {
  const threads = threadAttributes(graph);
  const nodeKeys: string[] = [];
  const nodes: Record<string, unknown>[] = [];
  graph.forEachNode((key, attributes) => {
    nodeKeys.push(key);
    nodes.push({ ...attributes, ...threads.get(key) });
  });
  const edges: { key: string; source: string; target: string }[] = [];
  const edgeAttributes: Record<string, unknown>[] = [];
  graph.forEachEdge((key, attributes, source, target) => {
    edges.push({ key, source, target });
    edgeAttributes.push(attributes);
  });
  const nodeTable = flattenTable(nodes);
  const edgeTable = flattenTable(edgeAttributes);
  const nodeDefs = keyDefs(nodeTable.types, 'n');
  const edgeDefs = keyDefs(edgeTable.types, 'e');

  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ';
  yield 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const def of nodeDefs.values()) yield `  <key id="${def.id}" for="node" attr.name="${xmlEscape(def.name)}" attr.type="${def.type}"/>\n`;
  for (const def of edgeDefs.values()) yield `  <key id="${def.id}" for="edge" attr.name="${xmlEscape(def.name)}" attr.type="${def.type}"/>\n`;
  yield '  <graph id="litgraph" edgedefault="directed">\n';
  for (let i = 0; i < nodeKeys.length; i++) {
    yield `    <node id="${xmlEscape(nodeKeys[i])}">${[...dataElements(nodeTable.rows[i], nodeDefs)].join('')}</node>\n`;
  }
  for (let i = 0; i < edges.length; i++) {
    const { key, source, target } = edges[i];
    yield `    <edge id="${xmlEscape(key)}" source="${xmlEscape(source)}" target="${xmlEscape(target)}">${[...dataElements(edgeTable.rows[i], edgeDefs)].join('')}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

/** Writes `graph` as GraphML to `file` (atomically). */
export function exportToGraphml(graph: LitGraph, file: string): GraphmlExportSummary {
  writeFileAtomic(file, toGraphml(graph));
  return { file, nodes: graph.order, edges: graph.size };
}
