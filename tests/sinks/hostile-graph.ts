/**
 * A small hand-made graph for the sink tests: every node type, text that tries Cypher injection
 * or breaks CSV / XML, a label-like entity name, and attributes of every shape (arrays, nulls,
 * nested objects, integers and floats, mixed kinds, parallel edges of different types).
 */
import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, NodeAttributes } from '../../src/types.js';
import type { LitGraph } from '../../src/graph/build.js';

export const INJECTION_TITLE = '"}) DETACH DELETE n //';
export const CSV_HOSTILE_ABSTRACT = 'Line one, with "quotes" and commas,\nline two; semicolons\r\nand a trailing space ';
export const LABEL_LIKE_NAME = 'x:Foo';

export function hostileGraph(): LitGraph {
  const g: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  g.addNode('paper:h:inject', {
    type: 'paper',
    label: INJECTION_TITLE,
    title: INJECTION_TITLE,
    abstract: CSV_HOSTILE_ABSTRACT,
    year: 2024,
    authors: ['Ada Lovelace', "O'Brien; Jr."],
    authorsTruncated: false,
    venue: null,
    x: 1.5,
    y: -2,
  });
  g.addNode('paper:h:cypher', {
    type: 'paper',
    label: "MATCH (n) DETACH DELETE n; CALL dbms.shutdown() // ' `Backtick`",
    title: "MATCH (n) DETACH DELETE n; CALL dbms.shutdown() // ' `Backtick`",
    year: 2023,
    upvotes: 12,
    conflicts: [{ field: 'title', values: ['a', 'b'] }],
    meta: { nested: { deep: [1, 2] } },
    scores: [0.5, 1],
    x: 3,
    y: 4.25,
  });
  g.addNode('paper:h:xml', {
    type: 'paper',
    label: 'XML <tags> & "entities" \u0001 control',
    year: null,
    flags: [true, false],
    empty: [],
  });
  g.addNode(`method:${LABEL_LIKE_NAME}`, { type: 'method', label: LABEL_LIKE_NAME, aliases: [LABEL_LIKE_NAME, 'Foo`) RETURN 1 //'], mentions: 2 });
  g.addNode('dataset:cifar-10', { type: 'dataset', label: 'CIFAR-10', aliases: [], mentions: 1 });
  g.addNode('task:classification', { type: 'task', label: 'image classification' });
  g.addNode('metric:accuracy', { type: 'metric', label: 'accuracy' });
  g.addNode('repo:github.com/a/b', { type: 'repo', label: 'github.com/a/b', url: 'https://github.com/a/b' });
  g.addNode('venue:neurips-2024', { type: 'venue', label: 'NeurIPS 2024' });
  g.addNode('org:acme', { type: 'org', label: 'ACME Labs' });
  g.addNode('category:cs.lg', { type: 'category', label: 'cs.LG' });
  g.addNode('thread:0', { type: 'thread', label: 'injection & escaping', size: 2, terms: ['cypher', 'csv'], years: [2023, 2024] });
  g.addNode('author:ada-lovelace', { type: 'author', label: 'Ada Lovelace' });

  const edge = (type: EdgeAttributes['type'], source: string, target: string, extra: Record<string, unknown> = {}, suffix = '') =>
    g.addEdgeWithKey(`${type}:${source}->${target}${suffix ? `#${suffix}` : ''}`, source, target, { type, provenance: 'extracted', ...extra });
  edge('authored', 'author:ada-lovelace', 'paper:h:inject', { position: 0, evidence: INJECTION_TITLE });
  edge('proposes', 'paper:h:inject', `method:${LABEL_LIKE_NAME}`, { confidence: 0.9, mentions: 1, evidence: 'We propose x:Foo.' });
  edge('uses', 'paper:h:cypher', `method:${LABEL_LIKE_NAME}`, { confidence: 1, mentions: 3 });
  edge('evaluates_on', 'paper:h:inject', 'dataset:cifar-10', { rule: 'gazetteer' });
  edge('addresses', 'paper:h:inject', 'task:classification');
  edge('reports', 'paper:h:inject', 'metric:accuracy', { value: '93.1', dataset: 'CIFAR-10' }, '93.1@CIFAR-10');
  edge('reports', 'paper:h:inject', 'metric:accuracy', { value: 88, dataset: null }, '88@');
  edge('has_code', 'paper:h:inject', 'repo:github.com/a/b');
  edge('published_in', 'paper:h:inject', 'venue:neurips-2024');
  edge('in_category', 'paper:h:inject', 'category:cs.lg');
  edge('affiliated', 'paper:h:inject', 'org:acme');
  edge('cites', 'paper:h:cypher', 'paper:h:inject');
  edge('builds_on', 'paper:h:cypher', 'paper:h:inject', { provenance: 'inferred', via: [`method:${LABEL_LIKE_NAME}`] });
  edge('similar_to', 'paper:h:cypher', 'paper:h:inject', { provenance: 'inferred', weight: 0.42 });
  edge('similar_to', 'paper:h:inject', 'paper:h:cypher', { provenance: 'inferred', weight: 0.42 });
  edge('in_thread', 'paper:h:inject', 'thread:0');
  edge('in_thread', 'paper:h:cypher', 'thread:0');
  return g;
}

/** Counts of a graph's nodes per type and edges per type. */
export function typeCounts(graph: LitGraph): { nodes: Record<string, number>; edges: Record<string, number> } {
  const nodes: Record<string, number> = {};
  const edges: Record<string, number> = {};
  graph.forEachNode((_k, a) => void (nodes[a.type] = (nodes[a.type] ?? 0) + 1));
  graph.forEachEdge((_k, a) => void (edges[a.type] = (edges[a.type] ?? 0) + 1));
  return { nodes, edges };
}
