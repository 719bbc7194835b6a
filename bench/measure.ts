/** Small measuring helpers shared by the benchmarks: medians, timed child processes, tables. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

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
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}
