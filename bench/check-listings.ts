/**
 * check-listings — every entry of the real listing corpora accounted for
 * =====================================================================
 *
 * Parses every file of three folders in ../shared/data (never copied into the repo) with the
 * format the registry detects, and sets the parsers' output against an independent count made
 * here with plain text scans, not with the parsers' code:
 *
 *   arxiv-email-digest/   `arXiv:` header lines that follow a `\\` separator line
 *   hf-daily-api/         JSON.parse of each file: array length, or the wrapper's data length
 *   arxiv-abs-markdown/   `## ` and `<h2>` heading lines
 *
 * For each folder it prints files, entries found, records, rejects (with reasons) and whether
 * found == records + rejects, plus the detected formats and the parse time.
 * Run: npx tsx bench/check-listings.ts [DATA_DIR]   (default ../shared/data beside the clone).
 * Exits 0 when the data folder is absent (CI without data), 1 when an entry is unaccounted for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../src/ingest/decode.js';
import { DETECT_CHARS } from '../src/ingest/format.js';
import { FORMATS, detectFormat } from '../src/ingest/index.js';
import type { ParseResult } from '../src/types.js';

interface FolderSpec {
  folder: string;
  format: string;
  /** File names to read. */
  accept: (name: string) => boolean;
  /** The independent entry count of one file, with a note on its kind. */
  count: (text: string) => { entries: number; kind: string };
}

const FOLDERS: FolderSpec[] = [
  {
    folder: 'arxiv-email-digest',
    format: 'arxiv-digest',
    accept: (n) => n.endsWith('.txt'),
    count: (text) => {
      const lines = text.split(/\r\n|\r|\n/);
      let entries = 0;
      let prev = '';
      for (const line of lines) {
        if (line.startsWith('arXiv:') && prev === '\\\\') entries++;
        if (line.trim() !== '') prev = line.trim();
      }
      return { entries, kind: 'digest' };
    },
  },
  {
    folder: 'hf-daily-api',
    format: 'hf-api',
    accept: (n) => n.endsWith('.json'),
    count: (text) => {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return { entries: 1, kind: 'malformed JSON' }; // the parser owes at least one reject
      }
      if (Array.isArray(doc)) {
        const strings = doc.filter((e) => typeof e === 'string').length;
        return { entries: doc.length, kind: strings === 0 ? 'JSON array' : strings === doc.length ? 'array of Python-repr strings' : 'mixed array' };
      }
      const data = (doc as { data?: unknown }).data;
      return Array.isArray(data) ? { entries: data.length, kind: 'wrapper {status, date, count, data}' } : { entries: 1, kind: 'other JSON' };
    },
  },
  {
    folder: 'arxiv-abs-markdown',
    format: 'arxiv-abs-md',
    accept: (n) => n.endsWith('.md'),
    count: (text) => ({
      entries: text.split(/\r\n|\r|\n/).filter((l) => /^##[ \t]/.test(l) || /^[ \t]{0,3}<h2\b/i.test(l)).length,
      kind: 'markdown',
    }),
  },
];

function dataDir(): string {
  if (process.argv[2]) return resolve(process.argv[2]);
  const here = fileURLToPath(new URL('.', import.meta.url));
  return resolve(here, '..', '..', 'shared', 'data');
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function main(): number {
  const root = dataDir();
  if (!existsSync(root)) {
    console.log(`../shared/data not found (looked in ${root}): nothing to check.`);
    return 0;
  }
  let failures = 0;
  for (const spec of FOLDERS) {
    const dir = join(root, spec.folder);
    console.log(`\n== ${spec.folder} (${spec.format})`);
    if (!existsSync(dir)) {
      console.log(`   ${dir} not found: skipped`);
      continue;
    }
    const names = readdirSync(dir).filter(spec.accept).sort();
    const kinds = new Map<string, { files: number; entries: number }>();
    const detected = new Map<string, number>();
    const reasons = new Map<string, number>();
    let found = 0;
    let records = 0;
    let rejected = 0;
    let ms = 0;
    const fields = { title: 0, abstract: 0, authors: 0, date: 0, arxiv: 0, venue: 0, categories: 0, codeUrls: 0 };
    const mismatches: string[] = [];
    for (const name of names) {
      const bytes = readFileSync(join(dir, name));
      const decoded = decode(bytes);
      if (!decoded.ok) {
        mismatches.push(`${name}: not decodable (${decoded.reason})`);
        continue;
      }
      const { entries, kind } = spec.count(decoded.text);
      const k = kinds.get(kind) ?? { files: 0, entries: 0 };
      kinds.set(kind, { files: k.files + 1, entries: k.entries + entries });
      const guess = detectFormat({ path: name, head: decoded.text.slice(0, DETECT_CHARS) });
      detected.set(guess?.name ?? '(none)', (detected.get(guess?.name ?? '(none)') ?? 0) + 1);
      const t0 = performance.now();
      const result: ParseResult = FORMATS[spec.format].parse(decoded.text, name);
      ms += performance.now() - t0;
      found += entries;
      records += result.records.length;
      rejected += result.rejects.length;
      for (const r of result.records) {
        fields.title += r.title ? 1 : 0;
        fields.abstract += r.abstract ? 1 : 0;
        fields.authors += r.authors.length > 0 ? 1 : 0;
        fields.date += r.date ? 1 : 0;
        fields.arxiv += r.ids.arxiv ? 1 : 0;
        fields.venue += r.venue ? 1 : 0;
        fields.categories += r.categories.length > 0 ? 1 : 0;
        fields.codeUrls += r.codeUrls.length > 0 ? 1 : 0;
      }
      for (const r of result.rejects) reasons.set(r.reason.replace(/\d+/g, 'N'), (reasons.get(r.reason.replace(/\d+/g, 'N')) ?? 0) + 1);
      if (result.records.length + result.rejects.length !== entries) {
        mismatches.push(`${name}: found ${entries}, records ${result.records.length} + rejects ${result.rejects.length}`);
      }
      if (result.records.some((r) => r.source.format !== spec.format || r.source.path !== name || !(r.source.line >= 1))) {
        mismatches.push(`${name}: a record lacks a proper source {path, line, format}`);
      }
    }
    console.log(`   files: ${fmt(names.length)}`);
    for (const [kind, k] of kinds) console.log(`     ${kind}: ${fmt(k.files)} files, ${fmt(k.entries)} entries`);
    console.log(`   detected as: ${[...detected].map(([n, c]) => `${n} ×${c}`).join(', ')}`);
    console.log(`   entries found (independent count): ${fmt(found)}`);
    console.log(`   records parsed: ${fmt(records)}   rejected: ${fmt(rejected)}   parse time: ${ms.toFixed(0)} ms`);
    console.log(`   records with: ${Object.entries(fields).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
    for (const [reason, n] of reasons) console.log(`     reject ×${n}: ${reason}`);
    const wrongDetect = [...detected.keys()].filter((n) => n !== spec.format);
    if (mismatches.length === 0 && wrongDetect.length === 0) {
      console.log(`   OK: every entry is a record or a reject (${fmt(records)} + ${fmt(rejected)} = ${fmt(found)})`);
    } else {
      failures++;
      for (const m of mismatches) console.log(`   MISMATCH ${m}`);
      if (wrongDetect.length > 0) console.log(`   MISDETECTED: ${wrongDetect.join(', ')}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
