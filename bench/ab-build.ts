/**
 * Side by side: the same builds by another litgraph checkout (BASE: e.g. a `git worktree` of the
 * commit before a change, with `npm ci && npm run build` done in it) and by this one, alternating
 * so that both see the same machine, then a check that both wrote the same files. On a shared VM
 * single runs drift by ±15 % within an hour, so a speed-up is judged pair by pair, not against a
 * figure from earlier. Run `npm run build` here first (both sides run the compiled CLI):
 *   npx tsx bench/ab-build.ts BASE_DIR CORPUS_DIR [CORPUS_DIR…] [--runs 2]
 * "The same files": graph.json, papers.jsonl, mentions.jsonl and threads.json byte for byte,
 * report.json without its timings, and related.idx's body (by the sha1 in its header; the header
 * also stamps graph.json's mtime, which differs between any two builds).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, median, table, timed } from './measure.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '2' } } });
const [baseArg, ...corpora] = positionals;
if (!baseArg || corpora.length === 0) throw new Error('usage: npx tsx bench/ab-build.ts BASE_DIR CORPUS_DIR [CORPUS_DIR…] [--runs 2]');
const runs = Number(values.runs);
const sides = { base: resolve(baseArg), head: resolve(import.meta.dirname, '..') } as const;
type Side = keyof typeof sides;

interface Run {
  wall: number;
  rss: number;
  timings: Record<string, number>;
}

function build(side: Side, corpus: string, out: string): Run {
  // Both from the same folder: the outputs name input files by their path relative to it.
  const run = timed('node', [join(sides[side], 'bin', 'litgraph.js'), 'build', corpus, '-o', out, '--profile'], process.cwd());
  if (run.status !== 0) throw new Error(`${side} build of ${corpus} failed:\n${run.stderr}`);
  const line = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.startsWith('{"timings"'));
  return { wall: run.wallSeconds, rss: run.peakRssMiB, timings: line ? (JSON.parse(line) as { timings: Record<string, number> }).timings : {} };
}

/** What must be equal between two build folders, file by file. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  // By sha1: graph.json is over 400 MB at 100k papers, too long for one string.
  for (const f of ['graph.json', 'papers.jsonl', 'mentions.jsonl', 'threads.json']) out[f] = createHash('sha1').update(readFileSync(join(dir, f))).digest('hex');
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  delete report.timings;
  out['report.json'] = JSON.stringify(report);
  const idx = readFileSync(join(dir, 'related.idx'));
  const header = JSON.parse(idx.toString('utf8', 12, 12 + idx.readUInt32LE(8))) as { sha1: string };
  out['related.idx body'] = header.sha1;
  return out;
}

console.log(`${machine()}, ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(2)} at start`);
console.log(`base ${sides.base}\nhead ${sides.head}\n`);
for (const corpus of corpora) {
  const outs = { base: mkdtempSync(join(tmpdir(), 'litgraph-ab-base-')), head: mkdtempSync(join(tmpdir(), 'litgraph-ab-head-')) };
  const results: Record<Side, Run[]> = { base: [], head: [] };
  for (let r = 0; r < runs; r++) {
    for (const side of ['base', 'head'] as const) {
      const run = build(side, corpus, outs[side]);
      results[side].push(run);
      console.log(`${basename(corpus)} run ${r + 1} ${side}: ${run.wall.toFixed(1)} s, ${run.rss.toFixed(0)} MiB, load ${loadavg()[0].toFixed(2)}, ${JSON.stringify(run.timings)}`);
    }
  }
  const stages = Object.keys(results.head[0].timings);
  const row = (side: Side) => [side, ...results[side].map((r) => r.wall.toFixed(1)), median(results[side].map((r) => r.wall)).toFixed(1), ...stages.map((s) => (median(results[side].map((r) => r.timings[s] ?? NaN)) / 1000).toFixed(1))];
  console.log(`\n${basename(corpus)}: wall s per run, median, then the median seconds of each stage`);
  console.log(table(['', ...results.head.map((_, i) => `run ${i + 1}`), 'median', ...stages], [row('base'), row('head')]));
  const a = fingerprint(outs.base);
  const b = fingerprint(outs.head);
  const differ = Object.keys(a).filter((f) => a[f] !== b[f]);
  console.log(differ.length ? `DIFFERENT outputs: ${differ.join(', ')}\n` : 'same outputs (graph.json, papers.jsonl, mentions.jsonl, threads.json, report.json less timings, related.idx body)\n');
}
