/**
 * The whole pipeline on already-read inputs: ingest → resolve → extract → graph (→ threads →
 * layout). Pure apart from the optional progress callback; the CLI reads the files and writes
 * the outputs (src/cli/commands/build.ts, src/sinks/json.ts).
 */
import type { CitationPair, InputReport, Mention, Paper, PaperRecord, Report, Thread } from './types.js';
import { EDGE_TYPES, NODE_TYPES } from './types.js';
import { parseInput, parseStream, piecesAreBlank, type TextPieces } from './ingest/index.js';
import { resolvePapers } from './resolve/index.js';
import { extractEntities } from './extract/index.js';
import { paperLabel } from './extract/label.js';
import { buildGraph, type LitGraph } from './graph/build.js';
import { ParseError, UsageError } from './errors.js';
import { textNeighbourTask, threadLinkEvidence, threadStage, threadStageAsync } from './threads/index.js';
import { corpusTextDocuments, startTextNeighbours } from './threads/text-neighbours.js';
import { layoutGraph, layoutGraphParallel, scanLayoutEdges, type LayoutEdgeScan } from './graph/layout.js';
import { attachThreads, buildRelatedIndex, type BuiltRelatedIndex } from './query/related.js';
import { packRelatedIndex, type PackedRelatedIndex } from './query/packed-index.js';

/**
 * One input as the CLI hands it over: its text, or for a large file its text as pieces read on
 * demand (never held whole by line-oriented formats), or why it could not be read.
 */
export interface InputText {
  path: string;
  text?: string;
  pieces?: TextPieces;
  error?: string;
}

export interface BuildOptions {
  /** Force one input format by name instead of detecting it per file. */
  format?: string;
  /** Stop at the first rejected record or unreadable file. */
  strict: boolean;
  /** Seed for every randomised step (Louvain, layout). */
  seed: number;
  /** Louvain resolution: higher gives more, smaller threads. */
  resolution: number;
  /** Threads of an earlier build (its threads.json): matching threads keep their ids and labels. */
  previousThreads?: Thread[];
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { strict: false, seed: 42, resolution: 1 };

export type Stage = 'ingest' | 'resolve' | 'extract' | 'graph' | 'threads' | 'layout';

export interface BuildResult {
  graph: LitGraph;
  papers: Paper[];
  mentions: Mention[];
  threads: Thread[];
  report: Report;
  /**
   * Milliseconds spent in each stage. runPipelineAsync adds `similarity`: the wall time of the
   * text-neighbour pass (tf-idf index and every paper's top-k cosines), which runs in a worker
   * from the end of resolve, beside extract, graph and relatedIndex, and is joined by the main
   * thread at the end (textWait); relatedPack, inside layout; and writeEdges (onEdgesFinal),
   * inside layout. The build command adds read, write, and writeRecords (papers.jsonl and
   * mentions.jsonl, written between relatedIndex and textWait).
   */
  timings: Partial<Record<Stage | 'read' | 'write' | 'writeRecords' | 'textWait' | 'relatedIndex' | 'relatedPack' | 'writeEdges' | 'similarity', number>>;
  /** The related-work index, when the pipeline made it (runPipelineAsync). */
  relatedIndex?: BuiltRelatedIndex;
  /** The same index packed for related.idx, when the pipeline packed it already (runPipelineAsync). */
  packedRelatedIndex?: PackedRelatedIndex;
}

export interface BuildHooks {
  /** Called as each input file is parsed (for a progress bar). */
  onInput?: (done: number, total: number, path: string) => void;
  onStage?: (stage: Stage) => void;
  /** Called once the papers are resolved, with their number (what the build's memory grows with). */
  onPapers?: (papers: number) => void;
  /**
   * runPipelineAsync: called once papers and mentions are final (nothing later changes them),
   * after the related index is made and before the main thread joins the text pass; the build
   * writes papers.jsonl and mentions.jsonl then. Awaited before the pass is joined.
   */
  onRecordsFinal?: (papers: readonly Paper[], mentions: readonly Mention[]) => Promise<void>;
  /**
   * Called once the graph's edges are final (runPipelineAsync: during the layout, which only
   * places nodes, on the main thread while the layout's worker takes the first discs), so that the
   * build can write graph.json's edges then (timed as writeEdges, inside layout).
   */
  onEdgesFinal?: (graph: LitGraph) => void;
}

/** Parses every input; unreadable and unrecognised files are reported, never fatal unless strict. */
export function ingestAll(inputs: readonly InputText[], options: BuildOptions, hooks: BuildHooks = {}) {
  const reports: InputReport[] = [];
  const records: PaperRecord[] = [];
  const citations: CitationPair[] = [];
  inputs.forEach((input, i) => {
    hooks.onInput?.(i, inputs.length, input.path);
    if (input.error !== undefined || (input.text === undefined && input.pieces === undefined)) {
      if (options.strict) throw new ParseError(input.path, 0, input.error ?? 'unreadable');
      reports.push({ path: input.path, format: null, records: 0, rejected: [], error: input.error ?? 'unreadable' });
      return;
    }
    let blank: boolean;
    let parsed: ReturnType<typeof parseInput>;
    try {
      blank = input.text !== undefined ? input.text.trim() === '' : piecesAreBlank(input.pieces!());
      parsed = blank ? null : input.text !== undefined ? parseInput(input.text, input.path, options.format) : parseStream(input.pieces!, input.path, options.format);
    } catch (error) {
      // Parsers never throw; what can is reading a streamed file (the disk failing mid-way).
      if (input.text !== undefined) throw error;
      const message = `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
      if (options.strict) throw new ParseError(input.path, 0, message);
      reports.push({ path: input.path, format: null, records: 0, rejected: [], error: message });
      return;
    }
    if (blank) {
      if (options.strict) throw new ParseError(input.path, 1, 'empty file');
      reports.push({ path: input.path, format: null, records: 0, rejected: [], error: 'empty file: no records' });
      return;
    }
    if (!parsed) {
      const error = 'unknown format: no input format recognises this file (see `litgraph formats`; force one with --format)';
      if (options.strict) throw new ParseError(input.path, 1, error);
      reports.push({ path: input.path, format: null, records: 0, rejected: [], error });
      return;
    }
    if (options.strict && parsed.rejects.length > 0) {
      const first = parsed.rejects[0];
      throw new ParseError(input.path, first.line, first.reason, first.excerpt);
    }
    // A loop, not push(...xs): spreading a 200k-record file overflows the call stack.
    for (const record of parsed.records) records.push(record);
    for (const citation of parsed.citations ?? []) citations.push(citation);
    const report: InputReport = { path: input.path, format: parsed.format, records: parsed.records.length, rejected: parsed.rejects };
    if (parsed.citations?.length) (report as InputReport & { citations: number }).citations = parsed.citations.length;
    reports.push(report);
  });
  hooks.onInput?.(inputs.length, inputs.length, '');
  return { reports, records, citations };
}

function countBy<T extends string>(values: Iterable<T>, keys: readonly T[]): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const k of keys) counts[k] = 0;
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

export function summarise(graph: LitGraph, inputs: InputReport[], records: number, papers: Paper[], merged: number, threads: Thread[], modularity: number | null, notes: string[] = []): Report {
  return {
    inputs,
    totals: {
      records,
      rejected: inputs.reduce((n, i) => n + i.rejected.length, 0),
      papers: papers.filter((p) => !p.external).length,
      merged,
      nodes: countBy(graph.mapNodes((_, a) => a.type), NODE_TYPES),
      edges: countBy(graph.mapEdges((_, a) => a.type), EDGE_TYPES),
      threads: threads.length,
      modularity,
    },
    ...(notes.length ? { notes } : {}),
  };
}

/** Checks the options, and times each stage into `timings` (telling `hooks` as each starts). */
function stageClock(options: BuildOptions, hooks: BuildHooks) {
  if (!Number.isFinite(options.resolution) || options.resolution <= 0) throw new UsageError(`--resolution must be a positive number, got ${options.resolution}`);
  const timings: BuildResult['timings'] = {};
  const time = <T>(stage: Stage, f: () => T): T => {
    hooks.onStage?.(stage);
    const t0 = performance.now();
    const out = f();
    timings[stage] = Math.round(performance.now() - t0);
    return out;
  };
  const timeAsync = async <T>(stage: Stage, f: () => Promise<T>): Promise<T> => {
    hooks.onStage?.(stage);
    const t0 = performance.now();
    const out = await f();
    timings[stage] = Math.round(performance.now() - t0);
    return out;
  };
  return { timings, time, timeAsync };
}

/**
 * The pipeline as `litgraph build` runs it: the same stages and the same result as runPipeline,
 * with the text-neighbour pass of the threads stage (threads/text-neighbours.ts) started in a
 * worker thread right after resolve, so it runs on the second core while the main thread
 * extracts entities and builds the graph; the main thread then joins in to finish it. The
 * layout's thread discs are shared with a worker too (graph/layout.ts layoutGraphParallel).
 */
export async function runPipelineAsync(inputs: readonly InputText[], options: BuildOptions = DEFAULT_BUILD_OPTIONS, hooks: BuildHooks = {}): Promise<BuildResult> {
  const { timings, time, timeAsync } = stageClock(options, hooks);
  const threadOptions = { seed: options.seed, resolution: options.resolution, previous: options.previousThreads };

  const ingested = time('ingest', () => ingestAll(inputs, options, hooks));
  const resolved = time('resolve', () => resolvePapers(ingested.records, ingested.citations));
  hooks.onPapers?.(resolved.papers.length);
  const textStart = performance.now();
  const textPass = startTextNeighbours(textNeighbourTask(threadOptions, corpusTextDocuments(resolved.papers)));
  const extraction = time('extract', () => extractEntities(resolved.papers));
  for (const paper of resolved.papers) if (!paper.title) paper.label = paperLabel(paper, extraction.mentions);
  const graph = time('graph', () => buildGraph({ papers: resolved.papers, extraction, citations: resolved.citations }));
  // While the worker goes on with the text pass, the main thread makes the related-work index that
  // `build` writes as related.idx (all but thread membership, attached after the threads stage),
  // then joins in the text pass (textWait: the time it spent finishing that pass).
  hooks.onStage?.('threads');
  const t0 = performance.now();
  // The related index's text index is the text pass's over every term (both use the default text options).
  const passIndex = await textPass.index();
  const relatedIndex = buildRelatedIndex(graph, {}, passIndex.full ?? undefined);
  timings.relatedIndex = Math.round(performance.now() - t0);
  // What the thread stage's paper links are summed from, besides text, while the worker is still searching.
  const linkEvidence = threadLinkEvidence(relatedIndex.signals, threadOptions);
  // Papers and mentions are final, so the build writes them now, before this thread joins the text
  // pass. The worker goes on searching meanwhile, and the pass is shared once this thread joins, so
  // a second spent writing here delays the build by about half a second. In the layout, where this
  // thread's work outlasts the worker's discs, it cost the whole second.
  await hooks.onRecordsFinal?.(resolved.papers, extraction.mentions);
  const joinedAt = performance.now();
  const textNeighbours = await textPass.finish();
  timings.textWait = Math.round(performance.now() - joinedAt);
  timings.similarity = Math.round(performance.now() - textStart);
  // The paper links and Louvain run on the worker, idle now, while this thread writes the
  // similar_to edges and reads every edge for the layout (the rest of the layout's plan needs the
  // threads).
  let layoutScan: LayoutEdgeScan | undefined;
  const { threads, modularity, notes } = await timeAsync('threads', () =>
    threadStageAsync(
      graph,
      { ...threadOptions, textNeighbours, signals: relatedIndex.signals, linkEvidence },
      (papers, request) => textPass.threadLinks(papers, request),
      () => {
        layoutScan = scanLayoutEdges(graph);
      },
    ),
  );
  textPass.close();
  timings.threads! += timings.textWait;
  attachThreads(relatedIndex, threads);
  // The thread discs are laid out on both cores (the text pass is done by now). While the worker
  // starts on the discs, this thread packs the related index for related.idx (relatedPack) and
  // lets the build write graph.json's edges (writeEdges): neither reads positions, and the worker
  // takes the discs this thread has not reached.
  let packedRelatedIndex: PackedRelatedIndex | undefined;
  await timeAsync('layout', () =>
    layoutGraphParallel(graph, { seed: options.seed }, undefined, async () => {
      const t = performance.now();
      packedRelatedIndex = packRelatedIndex(relatedIndex);
      timings.relatedPack = Math.round(performance.now() - t);
      if (hooks.onEdgesFinal) {
        const e = performance.now();
        hooks.onEdgesFinal(graph);
        timings.writeEdges = Math.round(performance.now() - e);
      }
    }, layoutScan),
  );
  const report = summarise(graph, ingested.reports, ingested.records.length, resolved.papers, resolved.merged, threads, modularity, notes);
  return { graph, papers: resolved.papers, mentions: extraction.mentions, threads, report, timings, relatedIndex, packedRelatedIndex };
}

export function runPipeline(inputs: readonly InputText[], options: BuildOptions = DEFAULT_BUILD_OPTIONS, hooks: BuildHooks = {}): BuildResult {
  const { timings, time } = stageClock(options, hooks);

  const ingested = time('ingest', () => ingestAll(inputs, options, hooks));
  const resolved = time('resolve', () => resolvePapers(ingested.records, ingested.citations));
  hooks.onPapers?.(resolved.papers.length);
  const extraction = time('extract', () => extractEntities(resolved.papers));
  for (const paper of resolved.papers) if (!paper.title) paper.label = paperLabel(paper, extraction.mentions);
  const graph = time('graph', () => buildGraph({ papers: resolved.papers, extraction, citations: resolved.citations }));
  const { threads, modularity, notes } = time('threads', () => threadStage(graph, { seed: options.seed, resolution: options.resolution, previous: options.previousThreads }));
  time('layout', () => layoutGraph(graph, { seed: options.seed }));
  const report = summarise(graph, ingested.reports, ingested.records.length, resolved.papers, resolved.merged, threads, modularity, notes);
  return { graph, papers: resolved.papers, mentions: extraction.mentions, threads, report, timings };
}
