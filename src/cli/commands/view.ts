/**
 * `litgraph view [--graph DIR] [--port N] [--host H]`
 * Serves the viewer and the data written for it (src/sinks/site.ts) on 127.0.0.1 and prints the
 * URL; runs until interrupted.
 */
import { loadGraph, loadPapers, loadThreads } from '../../sinks/json.js';
import { buildSiteFiles, listAssets, DEFAULT_ASSETS_DIR } from '../../sinks/site.js';
import { UsageError } from '../../errors.js';
import { fileTable, serveFiles, DEFAULT_SERVE_OPTIONS, type RunningServer } from '../serve.js';
import { parseNumber, parseOptions, type CliIO } from '../io.js';

export const DEFAULT_GRAPH_DIR = 'graph-data/out';

export const USAGE = `usage: litgraph view [--graph DIR] [--port N] [--host H]
  --graph   the build's output folder [graph-data/out]
  --port    port to listen on; 0 picks a free one [5173]
  --host    address to bind [127.0.0.1]; anything else exposes your graph to the network`;

export interface ViewOptions {
  graphDir: string;
  port: number;
  host: string;
  /** The built viewer (tests build it into a temporary folder). */
  assetsDir?: string;
}

/** Starts the server: the importable form of the command. The caller closes it. */
export async function view(options: ViewOptions): Promise<RunningServer & { nodes: number }> {
  const assets = listAssets(options.assetsDir ?? DEFAULT_ASSETS_DIR);
  const graph = loadGraph(options.graphDir);
  const site = buildSiteFiles({ graph, papers: loadPapers(options.graphDir), threads: loadThreads(options.graphDir) });
  const server = await serveFiles(fileTable(assets, site.files), { host: options.host, port: options.port });
  return { ...server, nodes: site.data.nodes.key.length };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      graph: { type: 'string', short: 'g' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'assets-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${USAGE}`);
  const port = parseNumber(values.port, '--port', DEFAULT_SERVE_OPTIONS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got ${values.port}`);
  const host = values.host ?? DEFAULT_SERVE_OPTIONS.host;
  const server = await view({ graphDir: values.graph ?? DEFAULT_GRAPH_DIR, port, host, assetsDir: values['assets-dir'] });
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') io.stderr(`litgraph: warning: listening on ${host}, reachable from other machines\n`);
  io.stdout(`litgraph viewer: ${server.url} (${server.nodes} nodes; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
