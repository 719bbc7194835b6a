/** Small measuring helpers shared by the benchmarks: medians, timed child processes, tables. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export interface TimedRun {
  wallSeconds: number;
  peakRssMiB: number;
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs a command under GNU time for wall time and peak RSS (falls back to wall time only). */
export function timed(command: string, args: string[], cwd: string): TimedRun {
  const gnuTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(run.stderr ?? '');
  return {
    wallSeconds: m ? Number(m[1]) : wall,
    peakRssMiB: m ? Number(m[2]) / 1024 : NaN,
    stdout: run.stdout ?? '',
    stderr: (run.stderr ?? '').replace(/__TIME__.*\n?/, ''),
    status: run.status,
  };
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; ${referenceSpeed()}`;
}

/**
 * Fixed workloads timed where a benchmark runs, so figures taken at different times or on
 * different VMs can be set side by side: an integer loop (the core's speed), dependent random
 * reads over 256 MiB (memory latency, which the GC-heavy build follows), and a loop bound by
 * the core's execution units, alone and while a worker thread runs the same loop (what a second
 * busy thread costs the first). One commit built 100k papers in 61 s and in 70 s twelve minutes
 * apart on the same VM, its core as fast both times: the reads are there to tell a slower
 * machine from a slower litgraph. On the 2-core AMD EPYC VM the last loop takes about 1.7× as
 * long beside a busy thread: the two vCPUs share one physical core's execution units (SMT
 * siblings), so two busy threads do well under twice the work of one (BENCHMARKS.md).
 */
export function referenceSpeed(): string {
  let t = performance.now();
  let x = 0;
  for (let i = 0; i < 300_000_000; i++) x = (x * 31 + i) | 0;
  const loop = (performance.now() - t) / 1000;
  referenceSink = x;
  const size = 1 << 26;
  const next = new Int32Array(size);
  // One random cycle through every slot (Sattolo's shuffle), so each read depends on the last.
  for (let i = 0; i < size; i++) next[i] = i;
  let seed = 12345;
  for (let i = size - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const j = (seed >>> 1) % i;
    const swap = next[i];
    next[i] = next[j];
    next[j] = swap;
  }
  t = performance.now();
  let at = 0;
  for (let i = 0; i < 4_000_000; i++) at = next[at];
  const reads = (performance.now() - t) / 1000;
  referenceSink ^= at;
  const alone = unitsLoop();
  const beside = unitsLoopBesideBusyThread();
  return `reference: 3·10⁸-step integer loop ${loop.toFixed(2)} s, 4·10⁶ dependent random reads over 256 MiB ${reads.toFixed(2)} s, 6·10⁸-step add loop ${alone.toFixed(2)} s alone and ${beside.toFixed(2)} s beside a busy thread`;
}

// Independent adds and multiplies each step: bound by the execution units, not by latency, so it
// slows down when another hardware thread takes the same core's units.
const UNITS_LOOP = 'let x = 0; for (let i = 0; i < 600000000; i++) x = (x + i * 7) | 0;';

/** Seconds of UNITS_LOOP on this thread. */
function unitsLoop(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 600_000_000; i++) x = (x + i * 7) | 0;
  referenceSink ^= x;
  return (performance.now() - t) / 1000;
}

/** unitsLoop while a worker thread runs UNITS_LOOP over and over (slot 0 of `flag`: it has started). */
function unitsLoopBesideBusyThread(): number {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const spin = `const f = new Int32Array(require('node:worker_threads').workerData); Atomics.store(f, 0, 1); Atomics.notify(f, 0); for (;;) { ${UNITS_LOOP} }`;
  const worker = new Worker(spin, { eval: true, workerData: flag.buffer });
  worker.unref();
  Atomics.wait(flag, 0, 0, 10_000);
  const seconds = unitsLoop();
  void worker.terminate();
  return seconds;
}

/** Where the reference loops leave their results, so that the compiler cannot drop them. */
export let referenceSink = 0;

export function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}
