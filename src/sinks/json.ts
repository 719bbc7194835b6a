/**
 * The build's files on disk (DESIGN.md): graph.json (graphology serialisation, sorted by key),
 * papers.jsonl, mentions.jsonl, threads.json and report.json — written together atomically —
 * and the loader every other command uses to read them back.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttributes, Mention, NodeAttributes, Paper, Report, Thread } from '../types.js';
import { newLitGraph, type LitGraph } from '../graph/build.js';
import { AtomicBatch } from './atomic.js';
import { graphStamp, relatedIndexFile, RELATED_INDEX_FILE } from './related-index.js';
import type { BuiltRelatedIndex } from '../query/related.js';
import type { PackedRelatedIndex } from '../query/packed-index.js';

/** Bumped when the layout of the output files changes incompatibly. */
export const OUTPUT_SCHEMA = 1;

export const OUTPUT_FILES = {
  graph: 'graph.json',
  papers: 'papers.jsonl',
  mentions: 'mentions.jsonl',
  threads: 'threads.json',
  report: 'report.json',
  related: RELATED_INDEX_FILE,
} as const;

export interface BuildOutputs {
  graph: LitGraph;
  papers: readonly Paper[];
  mentions: readonly Mention[];
  threads: readonly Thread[];
  report: Report;
  /** The related-work index, when the build made it already (else it is built from the graph). */
  relatedIndex?: BuiltRelatedIndex;
  /** That index packed, when the build packed it already (else it is packed here). */
  packedRelatedIndex?: PackedRelatedIndex;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** graph.export() with nodes and edges sorted by key: the byte-stable form of graph.json. */
export function serialiseGraph(graph: LitGraph): SerializedGraph<NodeAttributes, EdgeAttributes> {
  const data = graph.export();
  data.nodes.sort(byKey);
  data.edges.sort((a, b) => byKey(a as { key: string }, b as { key: string }));
  return data;
}

function* jsonLines(rows: readonly unknown[]): Iterable<string> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}

/**
 * graph.json: JSON.stringify(serialiseGraph(graph)) laid out one node or edge per line, streamed
 * node by node (a single JSON.stringify of a 100k-paper graph nears V8's string limit).
 * Nodes and edges are serialised straight from the graph's attribute objects rather than from
 * graph.export()'s copies (the same bytes; tests/cli/load-graph.test.ts), so that the edges can
 * be written apart from the nodes (BuildOutputWriter.writeGraphEdges). Either way the time is
 * JSON.stringify's (30k papers on 2026-12-06: 2.59, 1.98, 1.93 s through export against 2.42,
 * 1.90, 2.04 s direct).
 */
export function* graphJson(graph: LitGraph): Iterable<string> {
  yield* graphJsonNodes(graph);
  yield* graphJsonEdges(graph);
}

/** graph.json up to its edges: options, attributes, the nodes sorted by key, and `"edges":[`. */
export function* graphJsonNodes(graph: LitGraph): Iterable<string> {
  yield `{"options":${JSON.stringify({ type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops })},"attributes":${JSON.stringify(graph.getAttributes())},"nodes":[`;
  const nodes: Array<{ key: string; attributes?: NodeAttributes }> = [];
  graph.forEachNode((key, attributes) => nodes.push(isEmpty(attributes) ? { key } : { key, attributes }));
  nodes.sort(byKey);
  for (let i = 0; i < nodes.length; i++) yield `${i ? ',' : ''}\n${JSON.stringify(nodes[i])}`;
  yield '\n],"edges":[';
}

/**
 * The rest of graph.json: the edges sorted by key, and the closing brackets. It reads no node
 * attributes, so the build writes it before the layout has placed the nodes
 * (BuildOutputWriter.writeGraphEdges). The objects are graphology's `export()` form.
 */
export function* graphJsonEdges(graph: LitGraph): Iterable<string> {
  const mixed = graph.type === 'mixed';
  const edges: Array<{ key: string; source: string; target: string; attributes?: EdgeAttributes; undirected?: true }> = [];
  graph.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
    const edge: (typeof edges)[number] = { key, source, target };
    if (!isEmpty(attributes)) edge.attributes = attributes;
    if (mixed && undirected) edge.undirected = true;
    edges.push(edge);
  });
  edges.sort(byKey);
  for (let i = 0; i < edges.length; i++) yield `${i ? ',' : ''}\n${JSON.stringify(edges[i])}`;
  yield '\n]}\n';
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** Removes temp files an interrupted earlier build left beside the outputs. */
function removeStaleTemps(dir: string): void {
  if (!existsSync(dir)) return;
  const names = new Set<string>(Object.values(OUTPUT_FILES));
  for (const name of readdirSync(dir)) {
    const m = /^\.(.+)\.tmp-\d+(?:-tail)?$/.exec(name);
    if (m && names.has(m[1])) rmSync(join(dir, name), { force: true });
  }
}

/**
 * What is already in an output folder: nothing, a readable earlier build, or something this
 * build will replace (a corrupt or newer-schema report) — said so the user is not surprised.
 */
export function inspectOutputDir(dir: string): { state: 'empty' | 'ok' | 'corrupt' | 'newer'; message?: string } {
  const path = join(dir, OUTPUT_FILES.report);
  if (!existsSync(path)) return { state: 'empty' };
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as { schema?: number };
    if (typeof report.schema === 'number' && report.schema > OUTPUT_SCHEMA) {
      return { state: 'newer', message: `${dir} holds output of a newer litgraph (schema ${report.schema}); it will be replaced` };
    }
    return { state: 'ok' };
  } catch (error) {
    return { state: 'corrupt', message: `${dir}/${OUTPUT_FILES.report} from an earlier run is corrupt (${(error as Error).message}); it will be replaced` };
  }
}

/** The batch being written, so a SIGINT/SIGTERM handler can remove its temp files. */
let activeBatch: AtomicBatch | null = null;

/**
 * Removes the temp files of a write in progress (called from signal handlers); resolves to
 * whether there was one, once files whose open was in flight are gone too.
 */
export async function abortActiveWrite(): Promise<boolean> {
  const batch = activeBatch;
  activeBatch = null;
  if (!batch) return false;
  batch.abort();
  await batch.settleAbort();
  return true;
}

/**
 * The files of one build being written into `dir`, all or nothing: papers.jsonl and
 * mentions.jsonl as soon as they are final (`writeRecords`: the build writes them while the
 * text pass's worker is still searching, pipeline.ts), graph.json's edges once they are final
 * (`writeGraphEdges`), the rest once the build is done (`finish`). Every file goes to a temp
 * file first and all are renamed into place together; the bytes go to disk in the background
 * while the next ones are serialised (AtomicBatch.writeAsync).
 */
export class BuildOutputWriter {
  private readonly batch = new AtomicBatch();
  private records: Promise<void> | null = null;
  /** graph.json's edges written ahead (`writeGraphEdges`), and the edge count they were of. */
  private graphEdges: { scratch: string; size: number } | null = null;

  constructor(private readonly dir: string) {
    removeStaleTemps(dir);
    activeBatch = this.batch;
  }

  /** Writes papers.jsonl and mentions.jsonl (once; later calls return the same promise). */
  writeRecords(papers: readonly Paper[], mentions: readonly Mention[]): Promise<void> {
    this.records ??= (async () => {
      await this.batch.writeAsync(join(this.dir, OUTPUT_FILES.papers), jsonLines(papers));
      await this.batch.writeAsync(join(this.dir, OUTPUT_FILES.mentions), jsonLines(mentions));
    })();
    // A failure is reported where the promise is awaited (the build, or finish); this only keeps
    // it from also being "unhandled" when the build has failed for another reason first.
    this.records.catch(() => undefined);
    return this.records;
  }

  /**
   * Serialises graph.json's edges now, to a scratch file that `finish` appends after the nodes:
   * the build calls it once the edges are final (after the threads stage), while the layout's
   * worker places the nodes. If the graph has gained or lost edges by `finish`, they are
   * serialised again there.
   */
  writeGraphEdges(graph: LitGraph): void {
    this.graphEdges = { scratch: this.batch.writeAheadSync(join(this.dir, OUTPUT_FILES.graph), graphJsonEdges(graph)), size: graph.size };
  }

  /** Writes the other files (and the records, if not yet) and moves them all into place. */
  async finish(out: BuildOutputs): Promise<void> {
    try {
      const graphPath = join(this.dir, OUTPUT_FILES.graph);
      const edges = this.graphEdges?.size === out.graph.size ? this.graphEdges.scratch : undefined;
      const graphTemp = await (edges ? this.batch.writeAsync(graphPath, graphJsonNodes(out.graph), edges) : this.batch.writeAsync(graphPath, graphJson(out.graph)));
      // Stamped with graph.json's size and mtime (final once its bytes are written), which the rename into place keeps.
      await this.batch.writePiecesAsync(join(this.dir, OUTPUT_FILES.related), relatedIndexFile(out.graph, graphStamp(graphTemp), out.packedRelatedIndex ?? out.relatedIndex));
      await this.writeRecords(out.papers, out.mentions);
      await this.batch.writeAsync(join(this.dir, OUTPUT_FILES.threads), `${JSON.stringify(out.threads, null, 2)}\n`);
      await this.batch.writeAsync(join(this.dir, OUTPUT_FILES.report), `${JSON.stringify({ schema: OUTPUT_SCHEMA, ...out.report }, null, 2)}\n`);
      await this.batch.commitAsync();
    } catch (error) {
      this.batch.abort();
      throw error;
    } finally {
      if (activeBatch === this.batch) activeBatch = null;
    }
  }

  /** Removes what was written so far (the build failed before `finish`). */
  abort(): void {
    this.batch.abort();
    if (activeBatch === this.batch) activeBatch = null;
  }
}

/** Writes every output file of a build into `dir`, all or nothing (BuildOutputWriter in one go). */
export async function writeBuildOutputs(dir: string, out: BuildOutputs): Promise<void> {
  await new BuildOutputWriter(dir).finish(out);
}

export class OutputDirError extends Error {
  constructor(dir: string, message: string) {
    super(`${dir}: ${message}`);
    this.name = 'OutputDirError';
  }
}

function readJson<T>(dir: string, file: string): T {
  const path = join(dir, file);
  if (!existsSync(path)) throw new OutputDirError(dir, `no ${file} here — run \`litgraph build\` first (or pass --graph DIR)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new OutputDirError(dir, `${file} is corrupt or from an interrupted run (${(error as Error).message}); rebuild with \`litgraph build\``);
  }
}

function readJsonLines<T>(dir: string, file: string): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const rows: T[] = [];
  const text = readFileSync(path, 'utf8');
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (!row) continue;
    try {
      rows.push(JSON.parse(row) as T);
    } catch {
      throw new OutputDirError(dir, `${file}:${line} is not valid JSON; rebuild with \`litgraph build\``);
    }
  }
  return rows;
}

/**
 * Reads graph.json as written by graphJson(): a header line, one node or edge per line. Parsing
 * line by line from a Buffer keeps a large graph under V8's ~512 MB string limit, which a single
 * JSON.parse of the whole file would hit at about 120k papers. Returns null for any other layout
 * (e.g. a hand-edited file), which the caller then parses whole.
 */
function readGraphLines(path: string): SerializedGraph<NodeAttributes, EdgeAttributes> | null {
  const bytes = readFileSync(path);
  const first = bytes.indexOf(10);
  if (first < 0) return null;
  const header = bytes.toString('utf8', 0, first);
  const m = /^\{"options":(.*),"attributes":(.*),"nodes":\[$/.exec(header);
  if (!m) return null;
  const data: SerializedGraph<NodeAttributes, EdgeAttributes> = { options: JSON.parse(m[1]), attributes: JSON.parse(m[2]), nodes: [], edges: [] };
  let list: unknown[] = data.nodes;
  let start = first + 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    let line = bytes.toString('utf8', start, end);
    start = end + 1;
    if (line === '],"edges":[') {
      list = data.edges;
      continue;
    }
    if (line === ']}' || line === '') continue;
    if (line.endsWith(',')) line = line.slice(0, -1);
    list.push(JSON.parse(line));
  }
  return data;
}

/** Loads graph.json into a graph. */
export function loadGraph(dir: string): LitGraph {
  const path = join(dir, OUTPUT_FILES.graph);
  let data: SerializedGraph<NodeAttributes, EdgeAttributes> | null = null;
  if (existsSync(path)) {
    try {
      data = readGraphLines(path);
    } catch (error) {
      throw new OutputDirError(dir, `${OUTPUT_FILES.graph} is corrupt or from an interrupted run (${(error as Error).message}); rebuild with \`litgraph build\``);
    }
  }
  data ??= readJson<SerializedGraph<NodeAttributes, EdgeAttributes>>(dir, OUTPUT_FILES.graph);
  const graph: LitGraph = newLitGraph();
  graph.import(data);
  return graph;
}

export function loadPapers(dir: string): Paper[] {
  return readJsonLines<Paper>(dir, OUTPUT_FILES.papers);
}

export function loadMentions(dir: string): Mention[] {
  return readJsonLines<Mention>(dir, OUTPUT_FILES.mentions);
}

export function loadThreads(dir: string): Thread[] {
  const path = join(dir, OUTPUT_FILES.threads);
  return existsSync(path) ? readJson<Thread[]>(dir, OUTPUT_FILES.threads) : [];
}

export function loadReport(dir: string): Report & { schema?: number } {
  const report = readJson<Report & { schema?: number }>(dir, OUTPUT_FILES.report);
  if (report.schema !== undefined && report.schema > OUTPUT_SCHEMA) {
    throw new OutputDirError(dir, `written by a newer litgraph (schema ${report.schema}, this one reads ${OUTPUT_SCHEMA})`);
  }
  return report;
}
