/**
 * `litgraph build [inputs...] [-o DIR] [--format NAME] [--strict] [--seed N] [--resolution R]`
 * Reads the inputs, runs the pipeline, writes the output files and prints a summary.
 */
import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join, resolve as resolvePath } from 'node:path';
import { runPipelineAsync, DEFAULT_BUILD_OPTIONS, type BuildOptions, type BuildResult } from '../../pipeline.js';
import { BuildOutputWriter, inspectOutputDir, loadThreads } from '../../sinks/json.js';
import { FORMATS } from '../../ingest/index.js';
import { UsageError } from '../../errors.js';
import { listInputFiles, readInputWith, readOptionsFromEnv } from '../read-inputs.js';
import { parseNumber, parseOptions, processIO, ProgressBar, type CliIO } from '../io.js';
import { heapAdvice, LARGE_BUILD_INPUT_BYTES, largeBuildNodeFlags, type NodeRuntime } from '../heap.js';
import { KEEP_NODE_FLAGS_ENV, rerunWithNodeFlags } from '../rerun.js';

export const DEFAULT_INPUTS = ['graph-data/samples'];
export const DEFAULT_OUT_DIR = 'graph-data/out';

export const USAGE = `usage: litgraph build [inputs...] [-o DIR] [--format NAME] [--strict] [--seed N] [--resolution R] [--json] [--site DIR]
  inputs        files or folders, recursed [graph-data/samples]
  -o, --out     output folder [graph-data/out]
  --format      force one input format for every file (see \`litgraph formats\`) [detected per file]
  --strict      stop at the first rejected record or unreadable file, exit 1
  --seed        seed for Louvain and the layout [42]
  --resolution  Louvain resolution; higher gives more, smaller threads [1]
  --previous    an earlier build's folder: threads that persist keep their ids and labels
  --json        print the report as JSON instead of the summary
  --profile     print the milliseconds of each stage to stderr as JSON
  --site DIR    also write the viewer as a static site into DIR (opens from disk)`;

export interface BuildCommandOptions extends BuildOptions {
  inputs: string[];
  outDir: string;
}

/** Runs a build and writes its files: the importable form of the command. */
export async function build(options: BuildCommandOptions, io?: CliIO): Promise<BuildResult> {
  const previous = inspectOutputDir(options.outDir);
  if (previous.message) io?.stderr(`warning: ${previous.message}\n`);
  const { files, errors } = listInputFiles(options.inputs);
  if (files.length === 0 && errors.length === 0) throw new UsageError(`no input files found in ${options.inputs.join(', ')}`);
  const bar = io ? new ProgressBar(io, 'reading') : undefined;
  const readStart = performance.now();
  const readOptions = readOptionsFromEnv(io?.env ?? {});
  const inputs = [...errors, ...files.map((f, i) => (bar?.update(i, files.length, f), readInputWith(f, readOptions)))];
  bar?.done();
  const readMs = Math.round(performance.now() - readStart);
  const parseBar = io ? new ProgressBar(io, 'parsing') : undefined;
  const writer = new BuildOutputWriter(options.outDir);
  let recordsMs = 0;
  const result = await runPipelineAsync(inputs, options, {
    onInput: (done, total, path) => parseBar?.update(done, total, path),
    onStage: (stage) => {
      if (stage !== 'ingest') parseBar?.done();
      if (io?.isTTY && stage !== 'ingest') io.stderr(`\r${stage}…\x1b[K`);
    },
    onPapers: (papers) => {
      const advice = heapAdvice(papers, getHeapStatistics().heap_size_limit, totalmem());
      if (advice) io?.stderr(`${io.isTTY ? '\r\x1b[K' : ''}warning: ${advice}\n`);
    },
    // papers.jsonl and mentions.jsonl go to disk before the text pass is joined (BuildHooks.onRecordsFinal).
    onRecordsFinal: async (papers, mentions) => {
      const t = performance.now();
      await writer.writeRecords(papers, mentions);
      recordsMs = performance.now() - t;
    },
    // graph.json's edges go to disk during the layout (BuildHooks.onEdgesFinal).
    onEdgesFinal: (graph) => writer.writeGraphEdges(graph),
  }).catch((error: unknown) => {
    writer.abort();
    throw error;
  });
  if (io?.isTTY) io.stderr('\r\x1b[K');
  const writeStart = performance.now();
  await writer.finish(result);
  result.timings = { read: readMs, ...result.timings, writeRecords: Math.round(recordsMs), write: Math.round(performance.now() - writeStart) };
  return result;
}

function pad(text: string | number, width: number): string {
  const s = String(text);
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** The human summary: records per file and format, papers, merges, nodes and edges, rejects. */
export function formatSummary(result: BuildResult, outDir: string): string {
  const { report } = result;
  const lines: string[] = [];
  const width = Math.min(60, Math.max(10, ...report.inputs.map((i) => i.path.length)));
  lines.push(`${pad('input', width)}  ${pad('format', 14)}  records  rejected`);
  for (const input of report.inputs) {
    const pairs = (input as { citations?: number }).citations;
    const note = input.error ? `  ! ${input.error}` : pairs ? `  (+${pairs} citation pairs)` : '';
    lines.push(`${pad(input.path, width)}  ${pad(input.format ?? '-', 14)}  ${pad(input.records, 7)}  ${input.rejected.length}${note}`);
  }
  const t = report.totals;
  lines.push('');
  lines.push(`records ${t.records}, rejected ${t.rejected}, unique papers ${t.papers} (${t.merged} merged)`);
  const nonZero = (counts: Record<string, number | undefined>) =>
    Object.entries(counts)
      .filter(([, n]) => n)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  lines.push(`nodes: ${nonZero(t.nodes)}`);
  lines.push(`edges: ${nonZero(t.edges)}`);
  if (t.threads) lines.push(`threads: ${t.threads}${typeof t.modularity === 'number' ? ` (modularity ${t.modularity.toFixed(3)})` : ''}`);
  for (const note of report.notes ?? []) lines.push(`note: ${note}`);
  const failed = report.inputs.filter((i) => i.error).length;
  if (t.rejected || failed) lines.push(`see ${outDir}/report.json for ${t.rejected} rejected fragments${failed ? ` and ${failed} unreadable files` : ''}`);
  lines.push(`wrote ${outDir}/{graph.json,papers.jsonl,mentions.jsonl,threads.json,report.json,related.idx}`);
  return `${lines.join('\n')}\n`;
}

/** The threads.json of an earlier build, for --previous. */
function loadPreviousThreads(dir: string) {
  if (!existsSync(join(dir, 'threads.json'))) throw new UsageError(`--previous ${dir}: no threads.json there (give an earlier build's output folder)`);
  return loadThreads(dir);
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      seed: { type: 'string' },
      resolution: { type: 'string' },
      previous: { type: 'string' },
      json: { type: 'boolean' },
      profile: { type: 'boolean' },
      site: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.format && !FORMATS[values.format]) {
    throw new UsageError(`unknown format "${values.format}"; known: ${Object.keys(FORMATS).join(', ')}`);
  }
  const outDir = values.out ?? DEFAULT_OUT_DIR;
  const inputs = (positionals.length ? positionals : DEFAULT_INPUTS).map((p) => resolvePath(p));
  // A large build runs in a new Node process with the heap limit raised (heap.ts); only the
  // real process can start one (tests and other callers pass their own io).
  if (io === processIO && !io.env[KEEP_NODE_FLAGS_ENV]) {
    const bytes = inputBytes(inputs);
    const flags = largeBuildNodeFlags(bytes, nodeRuntime(io.env), largeBuildThreshold(io.env));
    if (flags.length) {
      io.stderr(`litgraph: ${(bytes / 1e6).toFixed(1)} MB of input: building in a new Node process with ${flags.join(' ')} (set ${KEEP_NODE_FLAGS_ENV}=1 to keep Node's defaults)\n`);
      return rerunWithNodeFlags(flags);
    }
  }
  const result = await build(
    {
      inputs,
      outDir,
      format: values.format,
      strict: values.strict ?? false,
      seed: parseNumber(values.seed, '--seed', DEFAULT_BUILD_OPTIONS.seed),
      resolution: parseNumber(values.resolution, '--resolution', DEFAULT_BUILD_OPTIONS.resolution),
      previousThreads: values.previous !== undefined ? loadPreviousThreads(values.previous) : undefined,
    },
    io,
  );
  io.stdout(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : formatSummary(result, outDir));
  if (values.profile) io.stderr(`${JSON.stringify({ timings: result.timings })}\n`);
  if (values.site) {
    const { writeSite } = await import('../../sinks/site.js');
    writeSite(values.site, result);
    if (!values.json) io.stdout(`wrote the viewer site to ${values.site}/index.html\n`);
  }
  return 0;
}

/** Bytes of every input file (what `build` would read); paths that cannot be read count nothing here. */
function inputBytes(inputs: readonly string[]): number {
  let bytes = 0;
  for (const file of listInputFiles(inputs).files) {
    try {
      bytes += statSync(file).size;
    } catch {
      // reported by the build itself
    }
  }
  return bytes;
}

function nodeRuntime(env: NodeJS.ProcessEnv): NodeRuntime {
  return { execArgv: process.execArgv, nodeOptions: env.NODE_OPTIONS ?? '', heapLimit: getHeapStatistics().heap_size_limit, totalMemory: totalmem() };
}

/** LITGRAPH_LARGE_BUILD_BYTES, else LARGE_BUILD_INPUT_BYTES: the input size from which a build gets its own Node flags. */
function largeBuildThreshold(env: NodeJS.ProcessEnv): number {
  const raw = env.LITGRAPH_LARGE_BUILD_BYTES;
  if (raw === undefined || raw === '') return LARGE_BUILD_INPUT_BYTES;
  const bytes = Number(raw);
  if (!Number.isFinite(bytes) || bytes < 0) throw new UsageError(`LITGRAPH_LARGE_BUILD_BYTES must be a number of bytes, not "${raw}"`);
  return bytes;
}
