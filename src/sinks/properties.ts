/**
 * sinks/properties — graph attributes → typed properties for Neo4j and the other exports
 * ======================================================================================
 *
 * Graph attributes can be anything JSON holds; a Neo4j property is a primitive or a homogeneous
 * array of primitives. One schema per label (node type) or relationship type decides each
 * property's kind from every value it takes in the graph, so the Bolt export and the
 * neo4j-admin CSV files agree on types:
 * - strings, booleans as-is; numbers are `int` when every value is a safe integer, else `float`;
 * - arrays of one primitive kind as arrays of that kind (an empty array takes the kind of its
 *   siblings, `string[]` when none); nulls, undefined and non-finite numbers are dropped;
 * - objects, mixed arrays and properties whose values disagree in kind become strings (JSON).
 * Names are kept when they are plain identifiers, otherwise non-word characters become `_`.
 * The node key is the `id` property, the edge key the `key` property; the `type` attribute
 * becomes the label / relationship type and is not repeated as a property.
 */
import type { NodeType, EdgeType } from '../types.js';

/** Node type → Neo4j label: a fixed whitelist, never derived from input text. */
export const NODE_LABELS: Readonly<Record<NodeType, string>> = {
  paper: 'Paper',
  author: 'Author',
  method: 'Method',
  dataset: 'Dataset',
  task: 'Task',
  metric: 'Metric',
  repo: 'Repository',
  venue: 'Venue',
  org: 'Organization',
  category: 'Category',
  thread: 'Thread',
};

/** Edge type → Neo4j relationship type: a fixed whitelist, never derived from input text. */
export const RELATIONSHIP_TYPES: Readonly<Record<EdgeType, string>> = {
  authored: 'AUTHORED',
  proposes: 'PROPOSES',
  uses: 'USES',
  evaluates_on: 'EVALUATES_ON',
  addresses: 'ADDRESSES',
  reports: 'REPORTS',
  has_code: 'HAS_CODE',
  published_in: 'PUBLISHED_IN',
  in_category: 'IN_CATEGORY',
  affiliated: 'AFFILIATED',
  cites: 'CITES',
  builds_on: 'BUILDS_ON',
  similar_to: 'SIMILAR_TO',
  in_thread: 'IN_THREAD',
};

export function labelOf(type: unknown): string | undefined {
  return typeof type === 'string' && Object.hasOwn(NODE_LABELS, type) ? NODE_LABELS[type as NodeType] : undefined;
}

export function relationshipTypeOf(type: unknown): string | undefined {
  return typeof type === 'string' && Object.hasOwn(RELATIONSHIP_TYPES, type) ? RELATIONSHIP_TYPES[type as EdgeType] : undefined;
}

export type ScalarKind = 'string' | 'int' | 'float' | 'boolean';
export type PropertyKind = ScalarKind | `${ScalarKind}[]`;

/** Property name → kind, in first-seen order. */
export type PropertySchema = Map<string, PropertyKind>;

/** An attribute's kind before merging: `empty[]` is an empty array, `json` anything non-primitive. */
type ValueKind = PropertyKind | 'empty[]' | 'json';

function scalarKind(value: unknown): ScalarKind | undefined {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      if (!Number.isFinite(value)) return undefined;
      return Number.isSafeInteger(value) ? 'int' : 'float';
    default:
      return undefined;
  }
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
}

function valueKind(value: unknown): ValueKind | undefined {
  if (isMissing(value)) return undefined;
  const scalar = scalarKind(value);
  if (scalar) return scalar;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty[]';
    let kind: ScalarKind | undefined;
    for (const item of value) {
      const k = scalarKind(item);
      if (!k) return 'json';
      if (!kind || kind === k) kind = k;
      else if ((kind === 'int' && k === 'float') || (kind === 'float' && k === 'int')) kind = 'float';
      else return 'json';
    }
    return `${kind!}[]`;
  }
  if (typeof value === 'bigint') return 'string';
  return 'json';
}

function mergeKinds(a: ValueKind, b: ValueKind): ValueKind {
  if (a === b) return a;
  if (a === 'empty[]' && b.endsWith('[]')) return b;
  if (b === 'empty[]' && a.endsWith('[]')) return a;
  const pair = new Set([a, b]);
  if (pair.has('int') && pair.has('float')) return 'float';
  if (pair.has('int[]') && pair.has('float[]')) return 'float[]';
  return 'json';
}

/** A property name safe in a CSV header and readable in Cypher without backticks. */
export function propertyName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}_]/gu, '_');
  return clean === '' ? '_' : clean;
}

/** The properties an element exports: attribute names minus `type`, reserved names renamed. */
function* entries(attributes: Record<string, unknown>, reserved: string): Iterable<[string, unknown]> {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'type') continue;
    let prop = propertyName(name);
    if (prop === reserved) prop = `${reserved}_`;
    yield [prop, value];
  }
}

/** Builds schemas by feeding every element's attributes of one label / type. */
export class SchemaBuilder {
  /** `none`: only ever null so far (kept for first-seen order, dropped if it stays so). */
  private readonly kinds = new Map<string, ValueKind | 'none'>();

  constructor(private readonly reserved: 'id' | 'key') {}

  add(attributes: Record<string, unknown>): void {
    for (const [name, value] of entries(attributes, this.reserved)) {
      const kind = valueKind(value);
      const previous = this.kinds.get(name);
      if (!kind) {
        if (previous === undefined) this.kinds.set(name, 'none');
        continue;
      }
      this.kinds.set(name, previous === undefined || previous === 'none' ? kind : mergeKinds(previous, kind));
    }
  }

  build(): PropertySchema {
    const schema: PropertySchema = new Map();
    for (const [name, kind] of this.kinds) {
      if (kind === 'none') continue; // only ever null: nothing to store
      if (kind === 'json') schema.set(name, 'string');
      else if (kind === 'empty[]') schema.set(name, 'string[]');
      else schema.set(name, kind);
    }
    return schema;
  }
}

/** A value as text when its property is a string: strings as-is, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One element's properties, converted to its schema's kinds, missing values dropped.
 * `int` values go through `toInt` (neo4j.int for Bolt, so they are stored as integers).
 */
export function toProperties<I>(
  attributes: Record<string, unknown>,
  schema: PropertySchema,
  reserved: 'id' | 'key',
  toInt: (n: number) => I,
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [name, value] of entries(attributes, reserved)) {
    if (isMissing(value)) continue;
    const kind = schema.get(name);
    if (!kind) continue;
    props[name] = convert(value, kind, toInt);
  }
  return props;
}

function convert<I>(value: unknown, kind: PropertyKind, toInt: (n: number) => I): unknown {
  switch (kind) {
    case 'string':
      return asText(value);
    case 'int':
      return toInt(value as number);
    case 'float':
    case 'boolean':
      return value;
    case 'int[]':
      return (value as number[]).map(toInt);
    default:
      return value; // float[], boolean[], string[]: already homogeneous
  }
}

/** Schemas for every label and relationship type of a graph, from all its elements. */
export interface GraphSchemas {
  nodes: Map<string, PropertySchema>;
  relationships: Map<string, PropertySchema>;
}

interface SchemaGraph {
  forEachNode(cb: (key: string, attributes: Record<string, unknown>) => void): void;
  forEachEdge(cb: (key: string, attributes: Record<string, unknown>) => void): void;
}

export function graphSchemas(graph: SchemaGraph): GraphSchemas {
  const nodes = new Map<string, SchemaBuilder>();
  const relationships = new Map<string, SchemaBuilder>();
  graph.forEachNode((_key, attributes) => {
    const label = labelOf(attributes.type);
    if (!label) return;
    let builder = nodes.get(label);
    if (!builder) nodes.set(label, (builder = new SchemaBuilder('id')));
    builder.add(attributes);
  });
  graph.forEachEdge((_key, attributes) => {
    const type = relationshipTypeOf(attributes.type);
    if (!type) return;
    let builder = relationships.get(type);
    if (!builder) relationships.set(type, (builder = new SchemaBuilder('key')));
    builder.add(attributes);
  });
  const built = (m: Map<string, SchemaBuilder>) => new Map([...m].map(([k, b]) => [k, b.build()]));
  return { nodes: built(nodes), relationships: built(relationships) };
}

/* ------------------------------------------------ flat attributes (GEXF, GraphML) -- */

export type FlatValue = string | number | boolean;
export type FlatType = 'boolean' | 'int' | 'long' | 'double' | 'string';

// XML 1.0 forbids most control characters and lone surrogates, even escaped.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that can stand in an XML document: characters XML 1.0 cannot carry are dropped. */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/**
 * Any attribute value as a scalar for formats without arrays or objects: arrays of primitives
 * joined with "; ", anything else as JSON; null, undefined and non-finite numbers dropped.
 */
export function flattenValue(value: unknown): FlatValue | undefined {
  if (isMissing(value)) return undefined;
  if (typeof value === 'string') return xmlText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    return xmlText(value.join('; '));
  }
  return xmlText(JSON.stringify(value) ?? String(value));
}

function flatType(value: FlatValue): FlatType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (Number.isInteger(value)) return Math.abs(value) <= 0x7fffffff ? 'int' : 'long';
  return 'double';
}

const NUMERIC_RANK: Partial<Record<FlatType, number>> = { int: 0, long: 1, double: 2 };

/**
 * Flattens a set of attribute records (all nodes, or all edges) so each attribute has one type
 * across them: numbers widen (int → long → double), any other disagreement makes it a string.
 */
export function flattenTable(records: readonly Record<string, unknown>[]): { rows: Record<string, FlatValue>[]; types: Map<string, FlatType> } {
  const types = new Map<string, FlatType>();
  const rows = records.map((record) => {
    const row: Record<string, FlatValue> = {};
    for (const [name, raw] of Object.entries(record)) {
      const value = flattenValue(raw);
      if (value === undefined) continue;
      row[name] = value;
      const type = flatType(value);
      const seen = types.get(name);
      if (!seen) types.set(name, type);
      else if (seen !== type) {
        const a = NUMERIC_RANK[seen];
        const b = NUMERIC_RANK[type];
        types.set(name, a !== undefined && b !== undefined ? (a > b ? seen : type) : 'string');
      }
    }
    return row;
  });
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) if (types.get(name) === 'string' && typeof value !== 'string') row[name] = String(value);
  }
  return { rows, types };
}

/**
 * Paper → the thread(s) it belongs to, from `in_thread` edges: `thread` (thread node keys) and
 * `threadLabel`, so Gephi and Cytoscape can colour papers by research thread.
 */
export function threadAttributes(graph: {
  forEachEdge(cb: (key: string, attributes: Record<string, unknown>, source: string, target: string, sa: Record<string, unknown>, ta: Record<string, unknown>) => void): void;
}): Map<string, { thread: string; threadLabel: string }> {
  const threads = new Map<string, { ids: string[]; labels: string[] }>();
  graph.forEachEdge((_key, attributes, source, target, _sa, targetAttributes) => {
    if (attributes.type !== 'in_thread') return;
    let entry = threads.get(source);
    if (!entry) threads.set(source, (entry = { ids: [], labels: [] }));
    entry.ids.push(target);
    entry.labels.push(typeof targetAttributes.label === 'string' ? targetAttributes.label : target);
  });
  return new Map([...threads].map(([paper, t]) => [paper, { thread: t.ids.join('; '), threadLabel: t.labels.join('; ') }]));
}
