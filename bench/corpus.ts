/**
 * Benchmark corpora from the real data in ../shared/data, resampled to any size.
 *
 * The real records (ACL Anthology XML ≈ 65k papers, Hugging Face daily papers ≈ 2.2k, the arXiv
 * digest and the pasted arXiv abstract pages ≈ 1.7k) are parsed with litgraph's own parsers.
 * A corpus of N papers takes them in a fixed order; past the real count it resamples: copy k of
 * real record r gets a fresh arXiv-style id, its title tagged " (resample k)" and its abstract's
 * sentences rotated by k, so resampled copies are distinct papers with realistic text, authors
 * and code links rather than exact duplicates that the resolver would merge.
 * The corpus is written as Hugging Face daily_papers API JSON files of 1,000 papers each (the
 * `hf-api` format carries title, abstract, authors, date and code link), under bench/out/.
 * Nothing derived from ../shared/data is ever committed: bench/out/ is git-ignored.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInput } from '../src/ingest/index.js';
import { decode } from '../src/ingest/decode.js';
import type { PaperRecord } from '../src/types.js';

export const DATA_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data');
export const OUT_DIR = join(import.meta.dirname, 'out');

const SOURCES = ['acl-anthology-xml', 'hf-daily-api', 'arxiv-email-digest', 'arxiv-abs-markdown'];

export function dataAvailable(): boolean {
  return existsSync(DATA_DIR);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (!/\.(md|txt)$/i.test(name) || !/readme|license/i.test(name)) out.push(path);
  }
  return out;
}

/** Every titled record of the real listing corpora, in a fixed order, with the bytes read. */
export function loadRealRecords(): { records: PaperRecord[]; bytes: number } {
  const records: PaperRecord[] = [];
  let bytes = 0;
  for (const source of SOURCES) {
    const dir = join(DATA_DIR, source);
    if (!existsSync(dir)) continue;
    for (const path of filesUnder(dir)) {
      if (/readme|license/i.test(path)) continue;
      const raw = readFileSync(path);
      const decoded = decode(raw);
      if (!decoded.ok) continue;
      const parsed = parseInput(decoded.text, path);
      if (!parsed) continue;
      bytes += raw.length;
      for (const r of parsed.records) if (r.title) records.push(r);
    }
  }
  return { records, bytes };
}

function rotateSentences(text: string, k: number): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.length < 2 || k === 0) return text;
  const shift = k % sentences.length;
  return [...sentences.slice(shift), ...sentences.slice(0, shift)].join(' ');
}

/** A synthetic but well-formed arXiv id, unique per index: 3001.00000, 3001.00001, … */
function syntheticArxivId(i: number): string {
  const month = 1 + Math.floor(i / 99_999) % 12;
  const year = 30 + Math.floor(i / (99_999 * 12));
  return `${year}${String(month).padStart(2, '0')}.${String(i % 99_999).padStart(5, '0')}`;
}

interface HfEntry {
  paper: { id: string; title: string; summary: string; authors: { name: string }[]; publishedAt: string; upvotes: number; githubRepo?: string };
}

function toEntry(r: PaperRecord, i: number, k: number): HfEntry {
  const date = r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date) ? r.date : `${(r.date ?? '2020').slice(0, 4)}-01-01`;
  const entry: HfEntry = {
    paper: {
      id: syntheticArxivId(i),
      title: k === 0 ? r.title! : `${r.title} (resample ${k})`,
      summary: rotateSentences(r.abstract ?? '', k),
      authors: r.authors.map((name) => ({ name })),
      publishedAt: `${date}T00:00:00.000Z`,
      upvotes: r.upvotes ?? 0,
    },
  };
  if (r.codeUrls[0]) entry.paper.githubRepo = r.codeUrls[0];
  return entry;
}

/** Writes (or reuses) a corpus of n papers; returns its folder and size in bytes. */
export function makeCorpus(n: number, real: PaperRecord[]): { dir: string; bytes: number } {
  const dir = join(OUT_DIR, `corpus-${n}`);
  const stamp = join(dir, '.complete');
  if (existsSync(stamp)) return { dir, bytes: Number(readFileSync(stamp, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const perFile = 1000;
  for (let start = 0; start < n; start += perFile) {
    const entries: HfEntry[] = [];
    for (let i = start; i < Math.min(n, start + perFile); i++) entries.push(toEntry(real[i % real.length], i, Math.floor(i / real.length)));
    const text = `${JSON.stringify(entries, null, 1)}\n`;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `papers-${String(start / perFile).padStart(4, '0')}.json`), text);
  }
  writeFileSync(stamp, String(bytes));
  return { dir, bytes };
}
