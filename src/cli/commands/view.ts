/**
 * `litgraph view [--graph DIR] [--port N] [--host H]`
 * Serves the viewer and the data written for it (src/sinks/site.ts) on 127.0.0.1 and prints the
 * URL; runs until interrupted. The data is computed once per build and cached beside it
 * (src/sinks/site-cache.ts): later starts on an unchanged build serve the cache.
 */
import { join } from 'node:path';
import { loadGraph, loadPapers, loadThreads } from '../../sinks/json.js';
import { buildSiteFiles, listAssets, DEFAULT_ASSETS_DIR } from '../../sinks/site.js';
import { readSiteCache, siteCacheKey, writeSiteCache, SITE_CACHE_DIR } from '../../sinks/site-cache.js';
import { UsageError } from '../../errors.js';
import { fileTable, serveFiles, DEFAULT_SERVE_OPTIONS, type RunningServer } from '../serve.js';
import { parseNumber, parseOptions, type CliIO } from '../io.js';

export const DEFAULT_GRAPH_DIR = 'graph-data/out';

export const USAGE = `usage: litgraph view [--graph DIR] [--port N] [--host H]
  --graph   the build's output folder [graph-data/out]
  --port    port to listen on; 0 picks a free one [5173]
  --host    address to bind [127.0.0.1]; anything else exposes your graph to the network
The viewer's data is computed at the first start and cached in DIR/.viewer-cache; later starts
reuse it until graph.json, papers.jsonl or threads.json change.`;

export interface ViewOptions {
  graphDir: string;
  port: number;
  host: string;
  /** The built viewer (tests build it into a temporary folder). */
  assetsDir?: string;
}

/** Where the viewer's data came from: the cache of an unchanged build, or computed now (and cached, unless the folder is not writable). */
export interface SiteDataSource {
  state: 'reused' | 'built';
  /** The cache folder. */
  cacheDir: string;
  /** Seconds spent reading the cache or computing the data. */
  seconds: number;
  /** Why the computed data could not be cached, if it could not. */
  cacheError?: string;
}

/** Starts the server: the importable form of the command. The caller closes it. */
export async function view(options: ViewOptions): Promise<RunningServer & { nodes: number; data: SiteDataSource }> {
  const assets = listAssets(options.assetsDir ?? DEFAULT_ASSETS_DIR);
  const started = performance.now();
  const cacheDir = join(options.graphDir, SITE_CACHE_DIR);
  const key = siteCacheKey(options.graphDir);
  const cached = readSiteCache(options.graphDir, key);
  let files: Map<string, string | Buffer>;
  let nodes: number;
  let data: SiteDataSource;
  if (cached) {
    ({ files, nodes } = cached);
    data = { state: 'reused', cacheDir, seconds: (performance.now() - started) / 1000 };
  } else {
    const graph = loadGraph(options.graphDir);
    const site = buildSiteFiles({ graph, papers: loadPapers(options.graphDir), threads: loadThreads(options.graphDir) });
    files = site.files;
    nodes = site.data.nodes.key.length;
    data = { state: 'built', cacheDir, seconds: (performance.now() - started) / 1000 };
    try {
      if (!writeSiteCache(options.graphDir, key, site.files, nodes)) data.cacheError = 'the build changed while the data was computed';
    } catch (error) {
      data.cacheError = (error as Error).message; // e.g. a read-only build folder: serve without a cache
    }
  }
  const server = await serveFiles(fileTable(assets, files), { host: options.host, port: options.port });
  return { ...server, nodes, data };
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
  const { data } = server;
  if (data.state === 'reused') io.stderr(`litgraph: viewer data reused from ${data.cacheDir} (${data.seconds.toFixed(1)} s)\n`);
  else io.stderr(`litgraph: viewer data computed in ${data.seconds.toFixed(1)} s${data.cacheError ? `; not cached: ${data.cacheError}` : `, cached in ${data.cacheDir}`}\n`);
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
