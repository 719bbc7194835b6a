/**
 * sinks/csv — `neo4j-admin database import` files, for graphs too large for Bolt transactions
 * ===========================================================================================
 *
 * One nodes file per label (`nodes-<Label>.csv`: `id:ID,label,<typed props>,:LABEL`) and one
 * relationships file per type (`relationships-<TYPE>.csv`: `:START_ID,:END_ID,:TYPE,key,<typed
 * props>`), with the same labels, types, property names and kinds as the Bolt export (shared
 * schema in properties.ts): `long` and `double` (the Bolt export stores JS integers as 64-bit
 * integers and other numbers as doubles), `boolean`, strings, and arrays (`string[]`, `long[]`,
 * …) joined with the array delimiter. Fields are RFC 4180 quoted (quotes doubled; commas and
 * newlines inside quotes), so abstracts need `--multiline-fields=true`. An empty string is
 * written `""` (kept as an empty string); a missing value or an empty array is an empty field
 * (no property). Beside them: `constraints.cypher` (the uniqueness constraints to create after
 * the import) and `import.sh` with the exact command. All files appear together or not at all.
 */
import { join } from 'node:path';
import type { LitGraph } from '../graph/build.js';
import { AtomicBatch } from './atomic.js';
import { graphSchemas, labelOf, NODE_LABELS, relationshipTypeOf, toProperties, type PropertyKind, type PropertySchema } from './properties.js';

export interface CsvExportOptions {
  /** neo4j-admin's array delimiter; another is chosen when a value contains it [;]. */
  arrayDelimiter: string;
  /** The database name in the printed command [neo4j]. */
  database: string;
}

export const CSV_DEFAULTS: CsvExportOptions = { arrayDelimiter: ';', database: 'neo4j' };

/** Used, in this order, when a string array element contains the requested delimiter. */
const FALLBACK_DELIMITERS = ['|', '\u001f', '\u001e', '\u0001'];

export interface CsvFile {
  file: string;
  label?: string;
  type?: string;
  rows: number;
}

export interface CsvExportSummary {
  dir: string;
  nodes: CsvFile[];
  relationships: CsvFile[];
  nodeCount: number;
  relationshipCount: number;
  skipped: { nodes: number; relationships: number };
  arrayDelimiter: string;
  /** The `neo4j-admin database import full` command for these files (run from `dir`). */
  command: string;
}

const CSV_KIND: Record<PropertyKind, string> = {
  string: '',
  int: ':long',
  float: ':double',
  boolean: ':boolean',
  'string[]': ':string[]',
  'int[]': ':long[]',
  'float[]': ':double[]',
  'boolean[]': ':boolean[]',
};

/** One CSV field: quoted when it holds a quote, the delimiter, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: unknown, kind: PropertyKind, delimiter: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.length === 0 ? '' : csvField(value.map(String).join(delimiter));
  if (kind === 'string') return csvField(value as string);
  return String(value);
}

/** The schema's columns, `label` first (the display name every node has). */
function columns(schema: PropertySchema): [string, PropertyKind][] {
  const entries = [...schema];
  return [...entries.filter(([name]) => name === 'label'), ...entries.filter(([name]) => name !== 'label')];
}

function header(cols: [string, PropertyKind][]): string[] {
  return cols.map(([name, kind]) => csvField(`${name}${CSV_KIND[kind]}`));
}

function chooseDelimiter(graph: LitGraph, requested: string): string {
  const inArrays = (delimiter: string) => {
    let found = false;
    const check = (_key: string, attributes: Record<string, unknown>) => {
      if (found) return;
      for (const value of Object.values(attributes)) {
        if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.includes(delimiter))) {
          found = true;
          return;
        }
      }
    };
    graph.forEachNode(check);
    graph.forEachEdge(check);
    return found;
  };
  for (const delimiter of [requested, ...FALLBACK_DELIMITERS]) if (!inArrays(delimiter)) return delimiter;
  throw new Error('every candidate array delimiter occurs inside an array value; pass arrayDelimiter');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The import command for the written files, relative to their folder. */
export function importCommand(summary: Pick<CsvExportSummary, 'nodes' | 'relationships' | 'arrayDelimiter'>, database = CSV_DEFAULTS.database): string {
  // The database name goes before the file lists: --nodes/--relationships take several values.
  const args = ['neo4j-admin', 'database', 'import', 'full', database, '--overwrite-destination=true', '--multiline-fields=true'];
  if (summary.arrayDelimiter !== ';') args.push(`--array-delimiter=${summary.arrayDelimiter}`);
  for (const f of summary.nodes) args.push(`--nodes=${f.file}`);
  for (const f of summary.relationships) args.push(`--relationships=${f.file}`);
  return args.map(shellQuote).join(' ');
}

/** Writes the import files for `graph` into `dir`. */
export function exportToCsv(graph: LitGraph, dir: string, options: Partial<CsvExportOptions> = {}): CsvExportSummary {
  const o: CsvExportOptions = {
    arrayDelimiter: options.arrayDelimiter ?? CSV_DEFAULTS.arrayDelimiter,
    database: options.database ?? CSV_DEFAULTS.database,
  };
  if ([...o.arrayDelimiter].length !== 1) throw new RangeError(`arrayDelimiter must be one character, got "${o.arrayDelimiter}"`);
  const delimiter = chooseDelimiter(graph, o.arrayDelimiter);
  const schemas = graphSchemas(graph);
  const keep = (n: number) => n;

  const nodeLines = new Map<string, string[]>();
  const relLines = new Map<string, string[]>();
  const skipped = { nodes: 0, relationships: 0 };
  graph.forEachNode((id, attributes) => {
    const label = labelOf(attributes.type);
    if (!label) {
      skipped.nodes++;
      return;
    }
    const schema = schemas.nodes.get(label)!;
    const cols = columns(schema);
    const props = toProperties(attributes, schema, 'id', keep);
    let lines = nodeLines.get(label);
    if (!lines) nodeLines.set(label, (lines = [['id:ID', ...header(cols), ':LABEL'].join(',')]));
    const cells = [csvField(id)];
    for (const [name, kind] of cols) cells.push(cell(props[name], kind, delimiter));
    cells.push(label);
    lines.push(cells.join(','));
  });
  graph.forEachEdge((key, attributes, source, target, sourceAttributes, targetAttributes) => {
    const type = relationshipTypeOf(attributes.type);
    if (!type || !labelOf(sourceAttributes.type) || !labelOf(targetAttributes.type)) {
      skipped.relationships++;
      return;
    }
    const schema = schemas.relationships.get(type)!;
    const cols = columns(schema);
    const props = toProperties(attributes, schema, 'key', keep);
    let lines = relLines.get(type);
    if (!lines) relLines.set(type, (lines = [[':START_ID', ':END_ID', ':TYPE', 'key', ...header(cols)].join(',')]));
    const cells = [csvField(source), csvField(target), type, csvField(key)];
    for (const [name, kind] of cols) cells.push(cell(props[name], kind, delimiter));
    lines.push(cells.join(','));
  });

  const summary: CsvExportSummary = {
    dir,
    nodes: [],
    relationships: [],
    nodeCount: 0,
    relationshipCount: 0,
    skipped,
    arrayDelimiter: delimiter,
    command: '',
  };
  const batch = new AtomicBatch();
  const linesOf = function* (lines: string[]) {
    for (const line of lines) yield `${line}\n`;
  };
  try {
    // Whitelist order, so the files and the command are stable.
    for (const label of Object.values(NODE_LABELS)) {
      const lines = nodeLines.get(label);
      if (!lines) continue;
      const file = `nodes-${label}.csv`;
      batch.write(join(dir, file), linesOf(lines));
      summary.nodes.push({ file, label, rows: lines.length - 1 });
      summary.nodeCount += lines.length - 1;
    }
    for (const [type, lines] of [...relLines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const file = `relationships-${type}.csv`;
      batch.write(join(dir, file), linesOf(lines));
      summary.relationships.push({ file, type, rows: lines.length - 1 });
      summary.relationshipCount += lines.length - 1;
    }
    summary.command = importCommand(summary, o.database);
    batch.write(
      join(dir, 'constraints.cypher'),
      summary.nodes.map((f) => `CREATE CONSTRAINT litgraph_${f.label!.toLowerCase()}_id IF NOT EXISTS FOR (n:${f.label}) REQUIRE n.id IS UNIQUE;\n`).join(''),
    );
    batch.write(
      join(dir, 'import.sh'),
      `#!/bin/sh\n# Written by \`litgraph export csv\`. Stop the database first; this replaces database "${o.database}".\n` +
        `# Afterwards, start it and create the uniqueness constraints: cypher-shell -d ${o.database} -f constraints.cypher\n` +
        `cd "$(dirname "$0")" && ${summary.command}\n`,
    );
    batch.commit();
  } catch (error) {
    batch.abort();
    throw error;
  }
  return summary;
}
