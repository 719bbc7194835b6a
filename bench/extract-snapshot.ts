/**
 * Entity extraction: a byte-comparable snapshot and its throughput (issue 6)
 * ===========================================================================
 *
 * Reads inputs the way `litgraph build` does (files listed sorted, ingest, resolve — the same
 * calls as src/pipeline.ts), runs `extractEntities` over the papers and writes its mentions and
 * entities as JSON, one record a line, so two versions of the extractor can be compared byte for
 * byte (`cmp`) and a difference located with `diff`.
 *
 *   npx tsx bench/extract-snapshot.ts [--out FILE] [--runs N] [inputs...]
 *       inputs default to bench/out/corpus-10000; --runs N repeats the extraction N times (the
 *       snapshot is the first run's) and prints MB/s per core of each run as user CPU time, the
 *       first run including the gazetteer and lexicon loads; with --stages it also times
 *       tokenising alone and tokenising + gazetteer + abbreviations (doc.ts analyse) alone, N times;
 *       with --parallel T it runs extractEntitiesParallel on T threads (src/extract/parallel.ts)
 *       instead, and MB/s is per wall-clock second.
 *
 * MB/s counts the UTF-16 code units of the titles and abstracts extracted (non-external papers),
 * divided by 10^6, the unit of BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import { listInputFiles, readInput } from '../src/cli/read-inputs.js';
import { DEFAULT_BUILD_OPTIONS, ingestAll } from '../src/pipeline.js';
import { resolvePapers } from '../src/resolve/index.js';
import { extractEntities } from '../src/extract/index.js';
import { extractEntitiesParallel } from '../src/extract/parallel.js';
import { tokenize } from '../src/extract/text.js';
import { analyse } from '../src/extract/doc.js';
import type { Extraction, Paper } from '../src/types.js';

interface SnapshotArgs {
  inputs: string[];
  out: string | null;
  runs: number;
  stages: boolean;
  /** Threads for extractEntitiesParallel; 0 runs extractEntities. */
  parallel: number;
}

function parseArgs(argv: readonly string[]): SnapshotArgs {
  const args: SnapshotArgs = { inputs: [], out: null, runs: 1, stages: false, parallel: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--stages') args.stages = true;
    else if (argv[i] === '--parallel') args.parallel = Number(argv[++i]);
    else args.inputs.push(argv[i]);
  }
  if (args.inputs.length === 0) args.inputs.push('bench/out/corpus-10000');
  return args;
}

/** Mentions then entities, one JSON value a line: stable, diffable. */
export function snapshotText(extraction: Extraction): string {
  const lines: string[] = [];
  for (const m of extraction.mentions) lines.push(JSON.stringify(m));
  lines.push('--- entities');
  for (const e of extraction.entities) lines.push(JSON.stringify(e));
  return `${lines.join('\n')}\n`;
}

function textChars(papers: readonly Paper[]): number {
  let n = 0;
  for (const p of papers) if (!p.external) n += (p.title?.length ?? 0) + (p.abstract?.length ?? 0);
  return n;
}

/** User CPU seconds of `f` over every title and abstract. */
function timeTexts(papers: readonly Paper[], f: (text: string) => unknown): number {
  const c0 = process.cpuUsage();
  for (const p of papers) {
    if (p.external) continue;
    if (p.title) f(p.title);
    if (p.abstract) f(p.abstract);
  }
  return process.cpuUsage(c0).user / 1e6;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { files } = listInputFiles(args.inputs);
  const ingested = ingestAll(files.map(readInput), DEFAULT_BUILD_OPTIONS);
  const { papers } = resolvePapers(ingested.records, ingested.citations);
  const chars = textChars(papers);
  let first: Extraction | null = null;
  for (let run = 0; run < args.runs; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const extraction = args.parallel > 0 ? await extractEntitiesParallel(papers, undefined, { threads: args.parallel, minChars: 0 }) : extractEntities(papers);
    const user = process.cpuUsage(c0).user / 1e6;
    const wall = (performance.now() - t0) / 1000;
    first ??= extraction;
    const rate = args.parallel > 0 ? `${(chars / 1e6 / wall).toFixed(1)} MB/s wall on ${args.parallel} threads` : `${(chars / 1e6 / user).toFixed(1)} MB/s per core`;
    console.log(`run ${run + 1}: ${papers.length} papers, ${(chars / 1e6).toFixed(2)} MB of text, ${extraction.mentions.length} mentions, ${extraction.entities.length} entities; user CPU ${user.toFixed(2)} s (${rate}), wall ${wall.toFixed(2)} s`);
  }
  if (args.stages) {
    for (let run = 0; run < args.runs; run++) {
      const tokenising = timeTexts(papers, tokenize);
      const analysing = timeTexts(papers, analyse);
      console.log(`stages ${run + 1}: tokenize ${(chars / 1e6 / tokenising).toFixed(1)} MB/s per core (${tokenising.toFixed(2)} s); tokenize + gazetteer + abbreviations ${(chars / 1e6 / analysing).toFixed(1)} MB/s per core (${analysing.toFixed(2)} s)`);
    }
  }
  if (args.out && first) {
    writeFileSync(args.out, snapshotText(first));
    console.log(`wrote ${args.out}`);
  }
}

await main();
