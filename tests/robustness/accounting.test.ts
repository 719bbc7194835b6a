/**
 * Every record accounted for
 * ==========================
 *
 * Over every fixture (tests/fixtures/<format>/*) and every seed listing:
 *
 * 1. records parsed + records rejected = records detected. "Detected" is an independent count
 *    (count-entries.ts: plain scans such as `arXiv:` lines, `Abstract:` lines, JSON array
 *    elements) giving each entry's line span. Each parsed record must fall in a distinct entry;
 *    each entry without a record must carry at least one reject (a rejected record). Rejects
 *    outside every entry (stray text, page chrome) are allowed: they are reported, not records.
 * 2. Every parsed record is in papers.jsonl: a real `litgraph build --format <name>` over the
 *    format's fixtures (and a detected build over the seeds) lists each record's {path, line}
 *    among some paper's `sources` — merged records point to the paper that absorbed them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMATS } from '../../src/ingest/index.js';
import { listInputFiles, readInput } from '../../src/cli/read-inputs.js';
import { main } from '../../src/cli/main.js';
import type { ParseResult } from '../../src/types.js';
import { captureIO } from '../helpers/capture-io.js';
import { COUNTERS, entrySpans } from './count-entries.js';
import { FIXTURES_DIR, SAMPLES_DIR } from './fixtures.js';
import { lineCount } from './fuzz-lib.js';

interface Parsed {
  path: string;
  format: string;
  text: string;
  result: ParseResult;
}

/** A format's fixture files, read exactly as the CLI reads them (same display paths). */
function readFixtures(format: string): Parsed[] {
  const dir = join(FIXTURES_DIR, format);
  if (!existsSync(dir)) return [];
  return listInputFiles([dir])
    .files.map(readInput)
    .filter((i) => i.text !== undefined && i.text.trim() !== '')
    .map((i) => ({ path: i.path, format, text: i.text!, result: FORMATS[format].parse(i.text!, i.path) }));
}

function readSeeds(): Parsed[] {
  const { files } = listInputFiles([SAMPLES_DIR]);
  return files.map(readInput).map((i) => {
    const format = Object.values(FORMATS).reduce((best, f) => (f.detect({ path: i.path, head: i.text! }) > best.score ? { name: f.name, score: f.detect({ path: i.path, head: i.text! }) } : best), { name: '', score: 0 }).name;
    return { path: i.path, format, text: i.text!, result: FORMATS[format].parse(i.text!, i.path) };
  });
}

const summary: string[] = [];
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-acct-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  console.log(`accounting (file: detected = parsed + rejected entries; stray rejects):\n${summary.join('\n')}`);
});

/** Checks one file's records and rejects against the independent entry spans; returns problems. */
function account(file: Parsed): string[] {
  const counter = COUNTERS[file.format];
  const anchors = counter(file.text);
  const spans = entrySpans(anchors, lineCount(file.text));
  const problems: string[] = [];
  const spanOf = (line: number) => spans.findIndex(([from, to]) => line >= from && line <= to);
  const withRecord = new Set<number>();
  // Pair-list formats (edge lists) yield citations instead of records: each is an entry's result.
  const items = [...file.result.records, ...(file.result.citations ?? [])];
  for (const r of items) {
    const s = spanOf(r.source.line);
    if (s < 0) problems.push(`record or citation at line ${r.source.line} is in no entry found by ${anchors.rule}`);
    else if (withRecord.has(s)) problems.push(`two records in the entry at lines ${spans[s][0]}–${spans[s][1]}`);
    else withRecord.add(s);
  }
  const rejectedEntries = new Set<number>();
  let stray = 0;
  for (const j of file.result.rejects) {
    const s = spanOf(j.line);
    if (s < 0) stray++;
    else if (!withRecord.has(s)) rejectedEntries.add(s);
  }
  spans.forEach(([from, to], s) => {
    if (!withRecord.has(s) && !rejectedEntries.has(s)) problems.push(`entry at lines ${from}–${to} is neither a record nor rejected`);
  });
  const parsed = withRecord.size;
  const rejected = rejectedEntries.size;
  if (parsed !== items.length) problems.push(`${items.length} records/citations but ${parsed} entries with one`);
  if (parsed + rejected !== spans.length) problems.push(`parsed ${parsed} + rejected ${rejected} ≠ detected ${spans.length}`);
  summary.push(`${file.format.padEnd(15)} ${file.path.replace(/^.*?(tests\/fixtures\/|graph-data\/samples\/)/, '').padEnd(44)} ${String(spans.length).padStart(3)} = ${parsed} + ${rejected}  (stray ${stray})`);
  return problems;
}

const FORMAT_NAMES = Object.keys(FORMATS);

describe('records parsed + records rejected = records detected', () => {
  it('every registered format has an independent counter', () => {
    const missing = FORMAT_NAMES.filter((f) => !COUNTERS[f]);
    // Formats registered after this test was written: count them in count-entries.ts.
    if (missing.length) console.warn(`accounting: no independent counter yet for ${missing.join(', ')}`);
    expect(FORMAT_NAMES.filter((f) => COUNTERS[f]).length).toBeGreaterThan(0);
  });

  it.each(FORMAT_NAMES.filter((f) => COUNTERS[f]))('%s fixtures', (format) => {
    const files = readFixtures(format);
    for (const file of files) expect([file.path, account(file)]).toEqual([file.path, []]);
  });

  it('the seed listings', () => {
    const files = readSeeds();
    expect(files.map((f) => f.result.records.length)).toEqual([10, 38, 49, 22, 9]);
    for (const file of files) expect([file.path, account(file)]).toEqual([file.path, []]);
  });
});

/** Every {path, line} of `files`' records is among the sources of some paper in papers.jsonl. */
function expectAllInPapers(out: string, files: Parsed[]): void {
  const papers = readFileSync(join(out, 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const sources = new Set<string>();
  for (const p of papers) for (const s of p.sources) sources.add(`${s.path}:${s.line}:${s.format}`);
  const missing = files.flatMap((f) => f.result.records.map((r) => `${r.source.path}:${r.source.line}:${r.source.format}`)).filter((k) => !sources.has(k));
  expect(missing).toEqual([]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const perFile = Object.fromEntries(report.inputs.map((i: { path: string; records: number }) => [i.path, i.records]));
  for (const f of files) expect([f.path, perFile[f.path]]).toEqual([f.path, f.result.records.length]);
}

describe('every parsed record is in papers.jsonl', () => {
  it.each(FORMAT_NAMES.filter((f) => existsSync(join(FIXTURES_DIR, f))))('%s fixtures, built with --format', async (format) => {
    const out = join(tmp, format);
    const io = captureIO();
    expect(await main(['build', join(FIXTURES_DIR, format), '--format', format, '-o', out], io)).toBe(0);
    expectAllInPapers(out, readFixtures(format));
  });

  it('the seed listings, formats detected', async () => {
    const out = join(tmp, 'seeds');
    expect(await main(['build', SAMPLES_DIR, '-o', out], captureIO())).toBe(0);
    expectAllInPapers(out, readSeeds());
  });
});
