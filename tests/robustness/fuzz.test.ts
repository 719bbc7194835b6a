/**
 * Seeded, bounded fuzzing of every registered input format
 * ========================================================
 *
 * For each format in FORMATS (so a format registered later is covered without touching this
 * file) the worker derives DEFAULT_PLAN.mutated inputs from the format's fixtures
 * (tests/fixtures/<format>/*, plus any seed listing detected as that format) by stacking one to
 * four mutations (byte flips, truncation, line duplication/deletion/swap/shuffle, 4–128 k-char
 * injected lines, NUL bytes, random unicode, CRLF/CR, BOM, case changes, splices of other
 * fixture lines…), and DEFAULT_PLAN.random inputs built from fixture lines, fragments and random
 * characters. Every input must pass checkParse (fuzz-lib.ts): detect() in 0..1, parse() never
 * throws, returns arrays, rejects carry a line inside the file and a reason, records and
 * citations a source line inside the file; and finish within 2 s.
 *
 * Counts are sized for `npm test` on a loaded 2-core machine (about 60 s for the suite with 21
 * formats): seed 0x11762023, 500 mutated + 100 random = 600 inputs per format (12,600 for 21
 * formats). LITGRAPH_FUZZ_SCALE=5 gives 3,000 per format (the longer run quoted in the
 * robustness report); LITGRAPH_FUZZ_SEED picks another seed.
 * Formats whose owners are still writing them (pending.ts) have their failures printed and
 * saved instead of asserted.
 * A failing input is written to $TMPDIR/litgraph-fuzz-failures/ so it can be turned into a
 * regression fixture. A hang (no progress for 10 s) terminates the worker and names the input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMATS } from '../../src/ingest/index.js';
import { DEFAULT_PLAN, makeCase, type FuzzPlan } from './fuzz-lib.js';
import { fixturesOf, seeds } from './fixtures.js';
import { Hang, WorkerRunner } from './worker-runner.js';
import { isPending } from './pending.js';
import type { FuzzResult } from './parse.worker.js';

const scale = Number(process.env.LITGRAPH_FUZZ_SCALE ?? 1) || 1;
const PLAN: FuzzPlan = {
  ...DEFAULT_PLAN,
  seed: Number(process.env.LITGRAPH_FUZZ_SEED ?? DEFAULT_PLAN.seed) >>> 0,
  mutated: Math.round(DEFAULT_PLAN.mutated * scale),
  random: Math.round(DEFAULT_PLAN.random * scale),
};
const FAILURES_DIR = join(tmpdir(), 'litgraph-fuzz-failures');
const runner = new WorkerRunner(10_000);
const SEEDS = seeds();
const summary: string[] = [];
const pending: string[] = [];

afterAll(async () => {
  await runner.stop();
  // One line per format: the numbers the robustness report quotes.
  console.log(`fuzz seed ${PLAN.seed.toString(16)}\n${summary.join('\n')}`);
  if (pending.length) console.warn(`fuzz failures not yet asserted (owner still writing, see pending.ts):\n${pending.join('\n')}`);
});

function materialFor(format: string): string[] {
  return [...fixturesOf(format).map((f) => f.text), ...SEEDS.filter((s) => s.format === format).map((s) => s.text)];
}

function save(format: string, index: number, text: string): string {
  mkdirSync(FAILURES_DIR, { recursive: true });
  const file = join(FAILURES_DIR, `${format}-${PLAN.seed.toString(16)}-${index}.txt`);
  writeFileSync(file, text);
  return file;
}

describe.each(Object.keys(FORMATS))('fuzz %s', (name) => {
  it(`${PLAN.mutated} mutated + ${PLAN.random} random inputs: no throw, no hang, lines inside the file`, async () => {
    const fixtures = materialFor(name);
    // A format without fixtures still gets random inputs; its table-driven tests should add some.
    const plan = fixtures.length > 0 ? PLAN : { ...PLAN, mutated: 0, random: PLAN.mutated + PLAN.random };
    let result: FuzzResult;
    try {
      result = await runner.run<FuzzResult>({ kind: 'fuzz', format: name, fixtures, plan });
    } catch (error) {
      if (!(error instanceof Hang)) throw error;
      const c = makeCase(name, fixtures, plan, error.index);
      const message = `${name}: ${error.message}; recipe ${c.recipe}; input saved to ${save(name, error.index, c.text)}`;
      if (!isPending(name)) throw new Error(message);
      pending.push(message);
      return;
    }
    summary.push(
      `${name.padEnd(16)} fixtures ${String(fixtures.length).padStart(2)}  cases ${result.cases} (${result.mutated} mutated, ${result.random} random)  ` +
        `total ${Math.round(result.totalMs)} ms  max ${result.maxMs.toFixed(1)} ms [${result.maxRecipe}]`,
    );
    const report = result.violations.map((v) => {
      const c = makeCase(name, fixtures, plan, v.index);
      return `#${v.index} ${v.recipe}: ${v.problem.split('\n').slice(0, 4).join(' | ')} → ${save(name, v.index, c.text)}`;
    });
    if (isPending(name)) pending.push(...report.map((r) => `${name} ${r}`));
    else expect(report).toEqual([]);
    expect(result.cases).toBe(plan.mutated + plan.random);
  }, 90_000 * scale);
});
