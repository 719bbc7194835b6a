/**
 * No catastrophic backtracking
 * ============================
 *
 * Every registered format's detect() and parse(), the entity extractor (extractEntities on a
 * paper whose abstract is the string) and introducedName (the label rule) run on each string of
 * adversarial-lib.ts: 1 MB runs of spaces, capitals, digits, punctuation, `a`×N, `(`×N, `-`×N,
 * alternating case, a 1 MB `Abstract:` line, 200k short lines, and more. Each call must return
 * (or reject) without throwing. No time is asserted: a regex gone exponential makes no progress,
 * and the watchdog terminates the worker after 6 s without a result and names the input (a hang,
 * not a speed: linear calls here take tens of milliseconds). The measured maxima are printed;
 * speed is measured in the benchmarks (BENCHMARKS.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/ingest/index.js';
import { ADVERSARIAL_NAMES, adversarialTargets } from './adversarial-lib.js';
import { Hang, WorkerRunner } from './worker-runner.js';
import { isPending } from './pending.js';
import type { AdversarialResult, Timing } from './parse.worker.js';

/** No progress for this long on one call: the worker is terminated (a hang). */
const HANG_MS = 6000;
const runner = new WorkerRunner(HANG_MS);
const all: Timing[] = [];
const pending: string[] = [];

const TARGETS = adversarialTargets();

afterAll(async () => {
  await runner.stop();
  const byTarget = new Map<string, Timing>();
  for (const t of all) if (!byTarget.has(t.target) || byTarget.get(t.target)!.ms < t.ms) byTarget.set(t.target, t);
  const lines = [...byTarget.values()].sort((a, b) => b.ms - a.ms).map((t) => `${t.target.padEnd(28)} max ${t.ms.toFixed(1).padStart(7)} ms  on "${t.input}"`);
  console.log(`adversarial maxima over ${ADVERSARIAL_NAMES.length} inputs × ${Object.keys(FORMATS).length} formats:\n${lines.join('\n')}`);
  if (pending.length) console.warn(`not yet asserted (owner still writing, see pending.ts):\n${pending.join('\n')}`);
});

describe('adversarial strings', () => {
  it.each(ADVERSARIAL_NAMES)('%s: every detect, parse and extractor returns', async (name) => {
    const timings: Timing[] = [];
    // One task per target, so a target that hangs (the worker is terminated) costs no other result.
    for (const target of TARGETS) {
      try {
        timings.push(...(await runner.run<AdversarialResult>({ kind: 'adversarial', inputs: [name], targets: [target] })).timings);
      } catch (error) {
        if (!(error instanceof Hang)) throw error;
        if (!isPending(target)) throw new Error(`"${name}": ${target} did not finish within ${HANG_MS / 1000} s (catastrophic backtracking or a loop)`);
        pending.push(`${target} on "${name}": no result within ${HANG_MS / 1000} s`);
      }
    }
    all.push(...timings);
    const bad = timings.filter((t) => t.problem).map((t) => `${t.target}: ${t.problem}`);
    pending.push(...bad.filter((b) => isPending(b.split(':')[0])).map((b) => `${b} on "${name}"`));
    expect(bad.filter((b) => !isPending(b.split(':')[0]))).toEqual([]);
  }, 180_000);
});
