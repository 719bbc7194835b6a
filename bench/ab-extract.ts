/**
 * Side by side in one process: the extractor of another litgraph checkout (BASE: e.g. a `git
 * worktree` of the commit before a change, built with `npm run build`) and this one's, over the
 * same papers, alternating chunk by chunk so that both see the same machine. On the shared VMs
 * this project runs on, extraction timed in separate processes spreads by ±30 % (memory latency
 * drifts, bench/measure.ts `referenceSpeed`); alternating chunks brings that to a few per cent.
 * Each chunk starts after a full GC (hence --expose-gc) and is timed by the clock; the two sides
 * take turns going first. Both sides must return the same counts, which the last line checks.
 *
 *   npm run build && node --expose-gc --import tsx bench/ab-extract.ts BASE_DIR CORPUS_DIR \
 *     [--step extract|analyse|tokenize|corpus] [--rounds 2] [--chunk 5000]
 *
 * Steps: `extract` is the per-paper extraction (`extractCorpusMentions`: analysis, extractors,
 * keys; not the corpus-wide resolution), `analyse` tokenising + tagging + the gazetteer scan +
 * abbreviations (doc.ts), `tokenize` tokenising and tagging alone (text.ts), `corpus` the corpus
 * half (`finishExtraction`: keys merged across papers, lone terms pruned, entities; each side
 * extracts the whole corpus untimed first, and a turn is the whole corpus, not a chunk). Counts
 * are mentions, tokens, or kept mentions + entities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from './measure.js';
import { DEFAULT_BUILD_OPTIONS, ingestAll } from '../src/pipeline.js';
import { resolvePapers } from '../src/resolve/index.js';
import type { Paper } from '../src/types.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { step: { type: 'string', default: 'extract' }, rounds: { type: 'string', default: '2' }, chunk: { type: 'string', default: '5000' } },
});
const [baseArg, corpus] = positionals;
const step = values.step as 'extract' | 'analyse' | 'tokenize' | 'corpus';
if (!baseArg || !corpus || !['extract', 'analyse', 'tokenize', 'corpus'].includes(step)) {
  throw new Error('usage: node --expose-gc --import tsx bench/ab-extract.ts BASE_DIR CORPUS_DIR [--step extract|analyse|tokenize|corpus] [--rounds 2] [--chunk 5000]');
}
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run node with --expose-gc (each chunk starts after a full GC)');

interface Side {
  name: 'base' | 'head';
  /** Runs the step over some papers; returns what it counted (mentions or tokens). */
  run: (papers: readonly Paper[]) => number;
  /** Untimed work before a turn of the corpus step. */
  prepare: (papers: readonly Paper[]) => void;
  seconds: number;
  count: number;
}

async function side(name: Side['name'], dir: string): Promise<Side> {
  const dist = join(dir, 'dist', 'extract');
  const { extractCorpusMentions, finishExtraction } = (await import(join(dist, 'index.js'))) as typeof import('../src/extract/index.js');
  const { emptyNotes } = (await import(join(dist, 'resolve.js'))) as typeof import('../src/extract/resolve.js');
  const { analyse } = (await import(join(dist, 'doc.js'))) as typeof import('../src/extract/doc.js');
  const { tokenize } = (await import(join(dist, 'text.js'))) as typeof import('../src/extract/text.js');
  const perText = (f: (text: string, field: 'title' | 'abstract') => number) => (papers: readonly Paper[]) => {
    let n = 0;
    for (const p of papers) {
      if (p.title) n += f(p.title, 'title');
      if (p.abstract) n += f(p.abstract, 'abstract');
    }
    return n;
  };
  // The corpus step times finishExtraction alone, on mentions this side extracted (untimed: `prepare`).
  let prepared: { mentions: ReturnType<typeof extractCorpusMentions>; notes: ReturnType<typeof emptyNotes> } | null = null;
  const prepare = (papers: readonly Paper[]): void => {
    const notes = emptyNotes();
    prepared = { mentions: extractCorpusMentions(papers, undefined, notes), notes };
  };
  const finish = (): number => {
    const { mentions, entities } = finishExtraction(prepared!.mentions, prepared!.notes);
    return mentions.length + entities.length;
  };
  const run =
    step === 'corpus'
      ? finish
      : step === 'extract'
      ? (papers: readonly Paper[]) => extractCorpusMentions(papers).length
      : step === 'analyse'
        ? perText((text, field) => analyse(text, field).tokens.length)
        : perText((text) => tokenize(text).length);
  return { name, run, prepare, seconds: 0, count: 0 };
}

const sides = [await side('base', resolve(baseArg)), await side('head', resolve(import.meta.dirname, '..'))];
const inputs = readdirSync(corpus)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ path: join(corpus, f), text: readFileSync(join(corpus, f), 'utf8') }));
const papers = resolvePapers(ingestAll(inputs, DEFAULT_BUILD_OPTIONS).records, []).papers.filter((p) => !p.external);
const chunk = step === 'corpus' ? papers.length : Number(values.chunk);
console.log(`${machine()}\n${papers.length.toLocaleString('en')} papers of ${corpus}, step ${step}, chunks of ${chunk}, ${values.rounds} rounds`);

let turn = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  for (let start = 0; start < papers.length; start += chunk, turn++) {
    const part = papers.slice(start, start + chunk);
    for (const s of turn % 2 === 0 ? sides : [...sides].reverse()) {
      if (step === 'corpus') s.prepare(part);
      collect();
      const t0 = performance.now();
      s.count += s.run(part);
      s.seconds += (performance.now() - t0) / 1000;
    }
  }
}
const [base, head] = sides;
console.log(`base ${base.seconds.toFixed(2)} s, head ${head.seconds.toFixed(2)} s: head/base ${(head.seconds / base.seconds).toFixed(3)}`);
console.log(base.count === head.count ? `same counts (${head.count.toLocaleString('en')})` : `DIFFERENT counts: base ${base.count}, head ${head.count}`);
if (base.count !== head.count) process.exitCode = 1;
