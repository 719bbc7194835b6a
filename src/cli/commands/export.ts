/**
 * `litgraph export neo4j|csv|gexf|graphml [--graph DIR] [options]`
 * Reads a build's graph.json and writes it to a Neo4j server (Bolt), neo4j-admin import CSV
 * files, GEXF (Gephi) or GraphML (Cytoscape, yEd). The export functions live in src/sinks/;
 * this module parses options, shows progress and prints the summary.
 */
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { loadGraph } from '../../sinks/json.js';
import { exportToNeo4j, NEO4J_DEFAULTS, type Neo4jExportSummary, type Neo4jPhase } from '../../sinks/neo4j.js';
import { exportToCsv, type CsvExportSummary } from '../../sinks/csv.js';
import { exportToGexf, type GexfExportSummary } from '../../sinks/gexf.js';
import { exportToGraphml, type GraphmlExportSummary } from '../../sinks/graphml.js';
import { parseOptions, ProgressBar, type CliIO } from '../io.js';
import { DEFAULT_OUT_DIR } from './build.js';

export const FORMATS = ['neo4j', 'csv', 'gexf', 'graphml'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const USAGE = `usage: litgraph export neo4j|csv|gexf|graphml [--graph DIR] [options]
  --graph DIR       the build to export [graph-data/out]
  --json            print the summary as JSON

  neo4j: write the graph to a Neo4j 5 server over Bolt (idempotent: MERGE on ids)
    --uri URI         Bolt URI [$NEO4J_URI or bolt://localhost:7687]
    --user NAME       user [$NEO4J_USER or neo4j]
    --password PW     password [$NEO4J_PASSWORD; none for a server without auth]
    --database NAME   database [the server's default]
    --batch-size N    rows per transaction [10000]
    --wipe            delete litgraph's labels (:Paper, :Author, …) before writing

  csv: neo4j-admin database import files, one per label and relationship type
    -o, --out DIR     output folder [<graph>/neo4j-import]
    --array-delimiter C   [;]

  gexf | graphml: a file for Gephi / Cytoscape / yEd, with types, threads and layout
    -o, --out FILE    output file [<graph>/graph.gexf or <graph>/graph.graphml]`;

export type ExportSummary =
  | ({ format: 'neo4j' } & Neo4jExportSummary)
  | ({ format: 'csv' } & CsvExportSummary)
  | ({ format: 'gexf' } & GexfExportSummary)
  | ({ format: 'graphml' } & GraphmlExportSummary);

export interface ExportCommandOptions {
  format: ExportFormat;
  graphDir: string;
  out?: string;
  uri?: string;
  user?: string;
  password?: string;
  database?: string;
  batchSize?: number;
  wipe?: boolean;
  arrayDelimiter?: string;
}

const PHASE_LABELS: Record<Neo4jPhase, string> = {
  constraints: 'constraints',
  wipe: 'wiping',
  nodes: 'nodes',
  relationships: 'relationships',
};

/** Runs one export: the importable form of the command. */
export async function exportGraph(options: ExportCommandOptions, io?: CliIO): Promise<ExportSummary> {
  const graph = loadGraph(options.graphDir);
  switch (options.format) {
    case 'neo4j': {
      const bars = new Map<Neo4jPhase, ProgressBar>();
      let current: Neo4jPhase | undefined;
      const summary = await exportToNeo4j(graph, {
        uri: options.uri ?? NEO4J_DEFAULTS.uri,
        user: options.user,
        password: options.password,
        database: options.database,
        batchSize: options.batchSize,
        wipe: options.wipe,
        onProgress: io
          ? ({ phase, done, total }) => {
              if (phase !== current) bars.get(current!)?.done();
              current = phase;
              let bar = bars.get(phase);
              if (!bar) bars.set(phase, (bar = new ProgressBar(io, PHASE_LABELS[phase], 500)));
              bar.update(done, total);
            }
          : undefined,
      }).finally(() => bars.get(current!)?.done());
      return { format: 'neo4j', ...summary };
    }
    case 'csv':
      return { format: 'csv', ...exportToCsv(graph, options.out ?? join(options.graphDir, 'neo4j-import'), { arrayDelimiter: options.arrayDelimiter }) };
    case 'gexf':
      return { format: 'gexf', ...exportToGexf(graph, options.out ?? join(options.graphDir, 'graph.gexf')) };
    case 'graphml':
      return { format: 'graphml', ...exportToGraphml(graph, options.out ?? join(options.graphDir, 'graph.graphml')) };
  }
}

const rate = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/** The human summary of an export. */
export function formatSummary(summary: ExportSummary): string {
  switch (summary.format) {
    case 'neo4j': {
      const lines = [
        `exported ${summary.nodes} nodes and ${summary.relationships} relationships to ${summary.uri}${summary.database ? ` (database ${summary.database})` : ''} ` +
          `in ${summary.seconds.toFixed(1)} s (${rate(summary.nodesPerSecond)} nodes/s, ${rate(summary.relsPerSecond)} relationships/s)`,
        `new: ${summary.nodesCreated} nodes, ${summary.relationshipsCreated} relationships${summary.deleted ? `; wiped ${summary.deleted} nodes first` : ''}`,
      ];
      const { nodes, relationships } = summary.skipped;
      if (nodes || relationships) lines.push(`skipped ${nodes} nodes and ${relationships} relationships of types litgraph does not export`);
      return `${lines.join('\n')}\n`;
    }
    case 'csv':
      return (
        `wrote ${summary.nodeCount} nodes in ${summary.nodes.length} files and ${summary.relationshipCount} relationships in ${summary.relationships.length} files to ${summary.dir}\n` +
        `import (with the database stopped), from that folder:\n  ${summary.command}\n` +
        `then create the constraints: cypher-shell -f constraints.cypher (see import.sh)\n`
      );
    case 'gexf':
    case 'graphml':
      return `wrote ${summary.file}: ${summary.nodes} nodes, ${summary.edges} edges\n`;
  }
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--batch-size expects a positive integer, got "${value}"`);
  return n;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      graph: { type: 'string' },
      out: { type: 'string', short: 'o' },
      uri: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string' },
      'batch-size': { type: 'string' },
      wipe: { type: 'boolean' },
      'array-delimiter': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [format, ...extra] = positionals;
  if (!format) throw new UsageError(`export needs a format: ${FORMATS.join(', ')}\n\n${USAGE}`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown export format "${format}"; known: ${FORMATS.join(', ')}`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"\n\n${USAGE}`);
  const neo4jOnly = ['uri', 'user', 'password', 'database', 'batch-size', 'wipe'] as const;
  if (format !== 'neo4j') {
    const misplaced = neo4jOnly.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} applies to \`export neo4j\` only`);
  } else if (values.out !== undefined) throw new UsageError('--out does not apply to `export neo4j`');
  if (values['array-delimiter'] !== undefined && (format !== 'csv' || [...values['array-delimiter']].length !== 1)) {
    throw new UsageError('--array-delimiter takes one character and applies to `export csv` only');
  }

  const uri = values.uri ?? io.env.NEO4J_URI;
  if (uri !== undefined && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/.test(uri)) {
    throw new UsageError(`--uri expects a bolt:// or neo4j:// URI (e.g. bolt://localhost:7687), got "${uri}"`);
  }

  const summary = await exportGraph(
    {
      format: format as ExportFormat,
      graphDir: values.graph ?? DEFAULT_OUT_DIR,
      out: values.out,
      uri,
      user: values.user ?? io.env.NEO4J_USER,
      password: values.password ?? io.env.NEO4J_PASSWORD,
      database: values.database ?? io.env.NEO4J_DATABASE,
      batchSize: parseBatchSize(values['batch-size']),
      wipe: values.wipe,
      arrayDelimiter: values['array-delimiter'],
    },
    io,
  );
  io.stdout(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return 0;
}
