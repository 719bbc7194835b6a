/**
 * big-file — peak memory and time for one very large input
 * =========================================================
 *
 * Generates a deterministic `Abstract:` listing of SIZE_MB megabytes (default 200) in a temp
 * folder and measures, each stage in a fresh child process so every peak RSS is its own:
 *
 *   read     readInput(): bytes from disk → decoded text (what the CLI does per file); a
 *            streamed file is decoded piece by piece and only its length kept
 *   ingest   read + ingestAll(): every line parsed into records, report built; also the heap
 *            the records hold once garbage is collected (node --expose-gc)
 *   build    `litgraph build FILE -o DIR` end to end (resolve, extract, graph, threads, layout,
 *            write); skipped unless --build, and stopped after --build-timeout seconds
 *
 * and prints MB of input, records, wall time and peak RSS (getrusage maxrss) for each.
 * `--read whole` reads the file whole as before streaming existed (LITGRAPH_STREAM_ABOVE set
 * above its size), `--read stream` streams it whatever its size; by default the CLI's threshold
 * (32 MiB) decides.
 * Not part of `npm test` (it writes and reads hundreds of megabytes). Run:
 *   npx tsx bench/big-file.ts [--size-mb 200] [--build] [--build-timeout 900] [--keep]
 *                             [--file EXISTING] [--stages read,ingest,build] [--read whole|stream]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SYLLABLES = 'ka lo mi re su ta ne vo ri pa de gu li mo sa te fi no ra ze'.split(' ');
const DATASETS = ['ImageNet', 'CIFAR-10', 'COCO', 'SQuAD', 'MovieLens', 'LibriSpeech', 'WikiText-103', 'Kinetics-400'];

/**
 * Writes about `bytes` bytes of `Abstract:` lines (~1 kB each) to `path`; returns the line count.
 * Text: a Zipf-like draw from 8,000 pseudo-words (so papers share common words but not all),
 * one method name of its own per paper ("we propose Kalomi123"), one of eight datasets, and a
 * few non-ASCII characters.
 */
export function writeListing(path: string, bytes: number): number {
  let seed = 20231022;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const vocab: string[] = [];
  for (const a of SYLLABLES) for (const b of SYLLABLES) for (const c of SYLLABLES) vocab.push(a + b + c);
  const fd = openSync(path, 'w');
  let written = 0;
  let lines = 0;
  let chunk: string[] = [];
  while (written < bytes) {
    const words = Array.from({ length: 140 }, () => vocab[Math.floor(next() * next() * vocab.length)]);
    const name = `${vocab[lines % vocab.length][0].toUpperCase()}${vocab[lines % vocab.length].slice(1)}${lines}`;
    const line = `Abstract:Record ${lines}: we propose ${name}, which ${words.slice(0, 70).join(' ')}. On ${DATASETS[lines % DATASETS.length]} it ${words.slice(70).join(' ')} (Café, naïve, 東京).\n`;
    chunk.push(line);
    written += Buffer.byteLength(line);
    lines++;
    if (chunk.length === 2000) {
      writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  writeSync(fd, chunk.join(''));
  closeSync(fd);
  return lines;
}

/** Runs in the child: one stage, then prints a JSON line with the numbers. */
async function child(stage: string, file: string, out: string): Promise<void> {
  const t0 = performance.now();
  let records = 0;
  let heapMB: number | undefined;
  let timings: Record<string, number> | undefined;
  if (stage === 'read' || stage === 'ingest') {
    const { readInputWith, readOptionsFromEnv } = await import('../src/cli/read-inputs.js');
    const input = readInputWith(file, readOptionsFromEnv(process.env));
    if (input.error) throw new Error(input.error);
    if (stage === 'ingest') {
      const { ingestAll } = await import('../src/pipeline.js');
      const { DEFAULT_BUILD_OPTIONS } = await import('../src/pipeline.js');
      const ingested = ingestAll([input], DEFAULT_BUILD_OPTIONS);
      records = ingested.records.length;
      // What the records (and the text, if something still holds it) keep once garbage is gone.
      (globalThis as { gc?: () => void }).gc?.();
      heapMB = Math.round(process.memoryUsage().heapUsed / 1048576);
      if (ingested.records.length === 0) throw new Error('no records');
    } else if (input.text !== undefined) {
      records = input.text.length;
    } else {
      for (const piece of input.pieces!()) records += piece.length;
    }
  } else {
    const { main } = await import('../src/cli/main.js');
    const io = { out: '', err: '', isTTY: false, env: process.env, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    const code = await main(['build', file, '-o', out, '--profile'], io);
    if (code !== 0) throw new Error(`build exited ${code}: ${io.err.slice(-2000)}`);
    timings = JSON.parse(/\{"timings".*\}/.exec(io.err)?.[0] ?? '{}').timings;
    records = Number(/records (\d+)/.exec(io.out)?.[1] ?? 0);
  }
  const ms = performance.now() - t0;
  // maxRSS is in kilobytes.
  console.log(JSON.stringify({ stage, records, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), heapMB, timings }));
}

async function parent(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: '200' },
      build: { type: 'boolean', default: false },
      'build-timeout': { type: 'string', default: '900' },
      keep: { type: 'boolean', default: false },
      file: { type: 'string' },
      stages: { type: 'string' },
      read: { type: 'string' },
    },
  });
  const sizeMb = Number(values['size-mb']);
  const dir = mkdtempSync(join(tmpdir(), 'litgraph-big-'));
  const file = values.file ?? join(dir, 'big-abstracts.txt');
  try {
    const t0 = performance.now();
    if (!values.file) {
      const lines = writeListing(file, sizeMb * 1024 * 1024);
      console.log(`generated ${(statSync(file).size / 1048576).toFixed(1)} MB, ${lines} Abstract: lines in ${Math.round(performance.now() - t0)} ms (${file})`);
    }
    const size = statSync(file).size;
    const stages = values.stages ? values.stages.split(',') : ['read', 'ingest', ...(values.build ? ['build'] : [])];
    const env = { ...process.env };
    if (values.read === 'whole') env.LITGRAPH_STREAM_ABOVE = String(size);
    else if (values.read === 'stream') env.LITGRAPH_STREAM_ABOVE = '0';
    else if (values.read !== undefined) throw new Error(`--read must be whole or stream, got ${values.read}`);
    for (const stage of stages) {
      const timeout = stage === 'build' ? Number(values['build-timeout']) * 1000 : 600_000;
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', stage, file, join(dir, 'out')], {
        env,
        encoding: 'utf8',
        timeout,
        maxBuffer: 1 << 20,
      });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status === 0 && line.startsWith('{')) {
        const m = JSON.parse(line);
        const heap = m.heapMB === undefined ? '' : `  heap after GC ${m.heapMB} MB`;
        const stages = m.timings ? `\n        ms per stage ${JSON.stringify(m.timings)}` : '';
        console.log(`${stage.padEnd(7)} records ${String(m.records).padStart(10)}  ${String(m.ms).padStart(7)} ms  peak RSS ${m.peakRssMB} MB${heap}  (input ${(size / 1048576).toFixed(0)} MB)${stages}`);
      } else {
        console.log(`${stage.padEnd(7)} did not finish: ${r.error ? r.error.message : `exit ${r.status} ${r.signal ?? ''}`}\n${r.stderr.trim().split('\n').slice(0, 12).join('\n')}`);
      }
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain && process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else if (isMain) await parent();
