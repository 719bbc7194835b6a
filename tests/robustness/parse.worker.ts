/**
 * The robustness suite's worker: runs fuzz cases and adversarial inputs through the parsers in a
 * thread the test can terminate. Before each input it publishes (task, case) in shared memory,
 * so when an input hangs the test knows which one and can regenerate it (fuzz-lib.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FORMATS } from '../../src/ingest/index.js';
import { DETECT_CHARS } from '../../src/ingest/format.js';
import { extractEntities } from '../../src/extract/index.js';
import { introducedName } from '../../src/extract/label.js';
import { resolvePapers } from '../../src/resolve/index.js';
import { checkParse, makeCase, type FuzzPlan, type Violation } from './fuzz-lib.js';
import { ADVERSARIAL } from './adversarial-lib.js';
import { newRecord } from '../../src/ingest/biblio.js';
export { adversarialTargets } from './adversarial-lib.js';

export type Task =
  | { kind: 'fuzz'; task: number; format: string; fixtures: string[]; plan: FuzzPlan }
  | { kind: 'adversarial'; task: number; inputs: string[]; targets: string[] };

export interface FuzzResult {
  kind: 'fuzz';
  task: number;
  cases: number;
  mutated: number;
  random: number;
  records: number;
  rejects: number;
  maxMs: number;
  maxRecipe: string;
  totalMs: number;
  violations: Violation[];
}

export interface Timing {
  input: string;
  target: string;
  ms: number;
  problem?: string;
}

export interface AdversarialResult {
  kind: 'adversarial';
  task: number;
  timings: Timing[];
}

const progress = new Int32Array(workerData.progress as SharedArrayBuffer);

function publish(task: number, index: number, sub = 0): void {
  Atomics.store(progress, 0, task);
  Atomics.store(progress, 1, index);
  Atomics.store(progress, 2, sub);
}

function runFuzz(t: Extract<Task, { kind: 'fuzz' }>): FuzzResult {
  const format = FORMATS[t.format];
  const total = t.plan.mutated + t.plan.random;
  const result: FuzzResult = { kind: 'fuzz', task: t.task, cases: 0, mutated: 0, random: 0, records: 0, rejects: 0, maxMs: 0, maxRecipe: '', totalMs: 0, violations: [] };
  // Warm-up, unmeasured: the first calls pay for module initialisation and JIT compilation, which
  // would otherwise show as the slowest case in the printed maximum.
  for (const fixture of t.fixtures.slice(0, 3)) checkParse(format, fixture);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    publish(t.task, i);
    const c = makeCase(t.format, t.fixtures, t.plan, i);
    const t0 = performance.now();
    const problems = checkParse(format, c.text);
    const ms = performance.now() - t0;
    result.cases++;
    if (c.recipe === 'random') result.random++;
    else result.mutated++;
    if (ms > result.maxMs) {
      result.maxMs = ms;
      result.maxRecipe = `#${i} ${c.recipe} (${c.text.length} chars)`;
    }
    if (problems.length > 0 && result.violations.length < 10) {
      for (const problem of problems) result.violations.push({ format: t.format, index: i, recipe: c.recipe, problem });
    }
  }
  result.totalMs = performance.now() - started;
  return result;
}

/** A one-record Paper whose abstract is `text`, built by the real resolver. */
function paperWithAbstract(text: string) {
  return resolvePapers([newRecord({ path: 'adversarial.txt', line: 1, format: 'abstract-lines' }, { abstract: text })]).papers;
}

function timed(input: string, target: string, f: () => unknown, timings: Timing[]): void {
  const t0 = performance.now();
  let problem: string | undefined;
  try {
    f();
  } catch (error) {
    problem = `threw: ${(error as Error)?.stack ?? String(error)}`;
  }
  timings.push({ input, target, ms: performance.now() - t0, ...(problem ? { problem } : {}) });
}

function runTarget(target: string, text: string): void {
  if (target === 'introducedName') {
    introducedName(text);
    return;
  }
  if (target === 'extractEntities') {
    extractEntities(paperWithAbstract(text));
    return;
  }
  const [name, op] = target.split('.');
  const format = FORMATS[name];
  if (op === 'detect') {
    const score = format.detect({ path: 'adversarial.txt', head: text.slice(0, DETECT_CHARS) });
    if (!(score >= 0 && score <= 1)) throw new Error(`detect returned ${score}`);
  } else {
    const r = format.parse(text, 'adversarial.txt');
    if (!Array.isArray(r.records) || !Array.isArray(r.rejects)) throw new Error('parse did not return arrays');
  }
}

let cached: { name: string; text: string } | null = null;
const warm = new Set<string>();

/** Runs the task's targets in the task's order; step index = position in that order. */
function runAdversarial(t: Extract<Task, { kind: 'adversarial' }>): AdversarialResult {
  const timings: Timing[] = [];
  t.inputs.forEach((name, i) => {
    if (cached?.name !== name) cached = { name, text: ADVERSARIAL[name]() };
    const text = cached.text;
    t.targets.forEach((target, sub) => {
      publish(t.task, i, sub);
      // Warm-up on a tiny input, untimed (see runFuzz).
      if (!warm.has(target)) {
        warm.add(target);
        try {
          runTarget(target, 'Abstract:We propose WarmNet.\n');
        } catch {
          // Reported by the timed call if it matters.
        }
      }
      timed(name, target, () => runTarget(target, text), timings);
    });
  });
  return { kind: 'adversarial', task: t.task, timings };
}

parentPort!.on('message', (task: Task) => {
  try {
    parentPort!.postMessage(task.kind === 'fuzz' ? runFuzz(task) : runAdversarial(task));
  } catch (error) {
    parentPort!.postMessage({ kind: 'error', task: task.task, error: (error as Error)?.stack ?? String(error) });
  }
});
parentPort!.postMessage({ kind: 'ready' });
