/**
 * Benchmark 1 and 2 of the scale issue: `litgraph build` end to end at 10k, 50k and 100k papers
 * (wall time, peak RSS, time per stage; median of RUNS runs), and ingest + extraction throughput
 * against the raw limit of the machine (read + split + one regex pass over the same bytes).
 * Run: npx tsx bench/build-scale.ts [sizes…]   (needs ../shared/data and `npm run build`)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataAvailable, DATA_DIR, loadRealRecords, makeCorpus, OUT_DIR } from './corpus.js';
import { machine, median, table, timed } from './measure.js';
import { parseInput } from '../src/ingest/index.js';
import { resolvePapers } from '../src/resolve/index.js';
import { extractEntities } from '../src/extract/index.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function stageTimes(stderr: string): Record<string, number> {
  const line = stderr.split('\n').find((l) => l.startsWith('{"timings"'));
  return line ? (JSON.parse(line).timings as Record<string, number>) : {};
}

export function run(sizes = [10_000, 50_000, 100_000]): string {
  if (!dataAvailable()) return `../shared/data not found (looked in ${DATA_DIR}): build-scale skipped`;
  const t0 = performance.now();
  const { records, bytes } = loadRealRecords();
  const realMs = performance.now() - t0;
  const out: string[] = [`real titled records: ${records.length} from ${(bytes / 2 ** 20).toFixed(1)} MiB (parsed in ${(realMs / 1000).toFixed(1)} s)`];

  const rows: (string | number)[][] = [];
  const stageRows: (string | number)[][] = [];
  // similarity: the text-neighbour pass's wall time, in its worker from the end of resolve, beside
  // extract, graph and relatedIndex (not to be added to them); threads includes textWait: the time
  // the main thread spent finishing the text pass with its worker; writeRecords (papers.jsonl and
  // mentions.jsonl) comes between relatedIndex and textWait, in no other figure; layout includes
  // relatedPack (packing related.idx on the main thread while the layout worker starts on the
  // discs) and writeEdges (graph.json's edges, serialised after it). From 64 MB of input (the 100k corpus) the build runs in a
  // child Node with the heap limit raised (src/cli/heap.ts); wall time and peak RSS include it.
  const stages = ['read', 'ingest', 'resolve', 'extract', 'graph', 'relatedIndex', 'similarity', 'writeRecords', 'textWait', 'threads', 'relatedPack', 'writeEdges', 'layout', 'write'];
  for (const n of sizes) {
    const corpus = makeCorpus(n, records);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = timed(process.execPath, [join(ROOT, 'bin', 'litgraph.js'), 'build', corpus.dir, '-o', join(OUT_DIR, `out-${n}`), '--profile'], ROOT);
      if (r.status !== 0) throw new Error(`build of ${n} failed: ${r.stderr.slice(-2000)}`);
      runs.push(r);
    }
    const walls = runs.map((r) => r.wallSeconds);
    const mid = runs[walls.indexOf(median(walls))] ?? runs[0];
    const st = stageTimes(mid.stderr);
    rows.push([n.toLocaleString('en'), (corpus.bytes / 2 ** 20).toFixed(1), median(walls).toFixed(1), Math.max(...runs.map((r) => r.peakRssMiB)).toFixed(0)]);
    stageRows.push([n.toLocaleString('en'), ...stages.map((s) => ((st[s] ?? 0) / 1000).toFixed(2))]);
  }
  out.push(`\nbuild end to end (median of ${RUNS} runs):\n${table(['papers', 'input MiB', 'wall s', 'peak RSS MiB'], rows)}`);
  out.push(`\nseconds per stage (the median run):\n${table(['papers', ...stages], stageRows)}`);
  out.push(`\n${throughput(makeCorpus(sizes[sizes.length - 1], records).dir)}`);
  return out.join('\n');
}

/** Ingest + extraction over the corpus files in-process, against read + split + one regex pass. */
export function throughput(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  const rawTimes: number[] = [];
  const ourTimes: number[] = [];
  // Extraction alone (inside ourTimes), against the UTF-8 bytes of the titles and abstracts it reads.
  const extractTimes: number[] = [];
  let papers = 0;
  let abstractBytes = 0;
  let textBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    let tokens = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const line of text.split('\n')) tokens += line.match(/[A-Za-z0-9]+/g)?.length ?? 0;
    }
    rawTimes.push((performance.now() - t) / 1000);
    if (tokens === 0) throw new Error('empty corpus');

    t = performance.now();
    const records = files.flatMap((f) => parseInput(readFileSync(f, 'utf8'), f)?.records ?? []);
    const { papers: resolved } = resolvePapers(records);
    const e = performance.now();
    extractEntities(resolved);
    extractTimes.push((performance.now() - e) / 1000);
    ourTimes.push((performance.now() - t) / 1000);
    papers = resolved.length;
    abstractBytes = resolved.reduce((n, p) => n + (p.abstract?.length ?? 0), 0);
    textBytes = resolved.reduce((n, p) => n + Buffer.byteLength(p.title ?? '') + Buffer.byteLength(p.abstract ?? ''), 0);
  }
  const mb = bytes / 1e6;
  return `throughput on ${papers.toLocaleString('en')} papers, ${mb.toFixed(1)} MB of input (${(abstractBytes / 1e6).toFixed(1)} MB of abstracts), median of ${RUNS}:\n${table(
    ['step', 'seconds', 'MB/s', 'papers/s'],
    [
      ['raw limit: read + split + one regex pass', median(rawTimes).toFixed(2), (mb / median(rawTimes)).toFixed(1), '-'],
      ['litgraph read + parse + resolve + extract', median(ourTimes).toFixed(2), (mb / median(ourTimes)).toFixed(1), Math.round(papers / median(ourTimes)).toLocaleString('en')],
    ],
  )}\n\nextraction alone (\`extractEntities\`, one thread), per MB of titles and abstracts (${(textBytes / 1e6).toFixed(1)} MB): the first run is cold (it fills the word and key caches, as a build's one run does), the others warm:\n${table(
    ['run', 'seconds', 'MB/s of text'],
    extractTimes.map((s, i) => [i === 0 ? 'first (cold)' : `${i + 1} (warm)`, s.toFixed(2), (textBytes / 1e6 / s).toFixed(1)]),
  )}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(`machine: ${machine()}\n`);
  console.log(run(sizes.length ? sizes : undefined));
}
