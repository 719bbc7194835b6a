/**
 * hf-api — Hugging Face `daily_papers` API responses
 * ==================================================
 *
 * Two shapes arrive from https://huggingface.co/api/daily_papers:
 *
 *   [ {"paper": {"id": "2405.15738", "title": …, "summary": …, "authors": [{"name": …}],
 *                "publishedAt": …, "upvotes": 12, "githubRepo"?: …, "ai_keywords"?: […]}, …}, … ]
 *
 *   {"status": …, "date": …, "count": n, "data": [ …the same entries… ]}   (a wrapper)
 *
 * Real exports also hold entries as Python `repr()` strings ("{'paper': {'id': …, 'hidden':
 * False}}") — the December 2024 files do. Those are read with the literal-only reader in
 * python-literal.ts (never evaluated); an entry it cannot read becomes a reject with the reason.
 *
 * Each record's line is where its entry starts in the file, found by json-positions.ts in one
 * pass (JSON.parse gives no positions). A malformed file is not lost whole: the entries that are
 * intact on their own are parsed one by one and the broken region becomes a reject.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { lineLocator, scanJsonArrays, tryJsonParse, type ArraySpans } from './json-positions.js';
import { parsePythonLiteral } from './python-literal.js';
import { normaliseArxivId } from '../graph/keys.js';
import { squash } from './text.js';

const FORMAT = 'hf-api';
const EXCERPT = 120;

type Json = unknown;
type Obj = Record<string, Json>;

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function excerptOf(text: string): string {
  const t = squash(text);
  return t.length > EXCERPT ? `${t.slice(0, EXCERPT)}…` : t;
}

/** "2024-05-24T17:59:59.000Z" → "2024-05-24"; anything not starting with a date → null. */
function isoDay(v: Json): string | null {
  const s = str(v);
  const m = s ? /^(\d{4}-\d{2}-\d{2})/.exec(s.trim()) : null;
  return m ? m[1] : null;
}

/** V8's "… in JSON at position 104 (line 5 column 3)" counts from the parsed slice: the reject names the file line instead. */
function withoutPosition(message: string): string {
  return message.replace(/\s+(?:in|after) JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)\s*$/, '');
}

/** The paper object of an entry: `entry.paper`, or the entry itself when it is a bare paper. */
function paperOf(entry: Obj): Obj | null {
  if (isObj(entry.paper)) return entry.paper;
  if ('summary' in entry && ('id' in entry || 'title' in entry)) return entry;
  return null;
}

type Outcome = { record: PaperRecord } | { reject: string };

/** One entry (already a value) → a record, or the reason it cannot be one. */
function entryToRecord(entry: Json, path: string, line: number): Outcome {
  if (!isObj(entry)) {
    return { reject: `entry is ${Array.isArray(entry) ? 'an array' : entry === null ? 'null' : `a ${typeof entry}`}, not an object with a "paper"` };
  }
  const paper = paperOf(entry);
  if (!paper) return { reject: 'entry has no "paper" object' };
  const rawId = str(paper.id);
  const arxiv = rawId ? normaliseArxivId(rawId) : null;
  const title = str(paper.title) ?? str(entry.title);
  if (!arxiv && !title) {
    return { reject: rawId ? `paper id ${JSON.stringify(rawId)} is not an arXiv id and the paper has no title` : 'paper has neither an id nor a title' };
  }
  const authors = Array.isArray(paper.authors)
    ? paper.authors
        .map((a) => (isObj(a) ? str(a.name) : str(a)))
        .filter((a): a is string => a !== null)
        // HF's name extraction sometimes keeps the list's last "and" ("and Lei Bai").
        .map((a) => squash(a).replace(/^and\s+(?=\S)/i, ''))
    : [];
  const upvotes = typeof paper.upvotes === 'number' && Number.isFinite(paper.upvotes) ? paper.upvotes : null;
  const repo = str(paper.githubRepo);
  const keywords = Array.isArray(paper.ai_keywords)
    ? paper.ai_keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== '').map(squash)
    : [];
  const summary = str(paper.summary);
  const record: PaperRecord = {
    source: { path, line, format: FORMAT },
    ids: arxiv ? { arxiv } : {},
    title: title ? squash(title) : null,
    abstract: summary ? squash(summary) : null,
    authors,
    authorsTruncated: false,
    // paper.publishedAt is the arXiv date; the entry's own publishedAt is the day HF listed it.
    date: isoDay(paper.publishedAt) ?? isoDay(entry.publishedAt),
    categories: [],
    codeUrls: repo ? [repo.trim()] : [],
    orgs: [],
    upvotes,
  };
  if (keywords.length > 0) record.keywords = keywords;
  return { record };
}

/** A string entry: the Python repr of an entry, read as a literal, else a reject. */
function stringEntry(text: string, path: string, line: number): Outcome {
  const t = text.trim();
  if (!t.startsWith('{')) return { reject: 'entry is a string, not an object with a "paper"' };
  const py = parsePythonLiteral(t);
  if (!py.ok) {
    return { reject: `entry is a Python-repr string, not JSON, and could not be read as a literal: ${py.error} at character ${py.offset}` };
  }
  return entryToRecord(py.value, path, line);
}

/** The entries of a parsed document and which scanned array holds their positions. */
function entriesOf(doc: Json): { entries: Json[]; pointer: string } | { error: string } {
  if (Array.isArray(doc)) return { entries: doc, pointer: '' };
  if (isObj(doc)) {
    if (Array.isArray(doc.data)) return { entries: doc.data, pointer: '/data' };
    if (paperOf(doc)) return { entries: [doc], pointer: '' };
    return { error: 'JSON object has neither a "data" array nor a "paper"' };
  }
  return { error: `top-level JSON value is a ${doc === null ? 'null' : typeof doc}, not an array of papers` };
}

function parseHfApi(input: string, path: string): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  if (text.trim() === '') return { records, rejects: [{ line: 1, reason: 'empty file: no JSON' }] };
  const lineAt = lineLocator(text);
  const scan = scanJsonArrays(text);

  const take = (outcome: Outcome, line: number, raw: string): void => {
    if ('record' in outcome) records.push(outcome.record);
    else rejects.push({ line, reason: outcome.reject, excerpt: excerptOf(raw) });
  };
  const handle = (value: Json, line: number, raw: string): void => {
    take(typeof value === 'string' ? stringEntry(value, path, line) : entryToRecord(value, path, line), line, raw);
  };

  const whole = tryJsonParse(text);
  if (whole.ok) {
    const found = entriesOf(whole.value);
    if ('error' in found) {
      rejects.push({ line: 1, reason: found.error, excerpt: excerptOf(text.slice(0, 200)) });
      return { records, rejects };
    }
    const spans = scan.arrays.get(found.pointer)?.elements ?? [];
    // The scan and JSON.parse agree on valid JSON; the fallback line only guards a surprise.
    const fallback = lineAt(scan.arrays.get(found.pointer)?.start ?? 0);
    found.entries.forEach((entry, i) => {
      const span = spans.length === found.entries.length ? spans[i] : undefined;
      const line = span ? lineAt(span.start) : fallback;
      const raw = span ? text.slice(span.start, Math.min(span.end, span.start + 400)) : JSON.stringify(entry)?.slice(0, 400) ?? '';
      handle(entry, line, raw);
    });
    return { records, rejects };
  }

  // Malformed JSON: salvage the entries that are whole on their own, reject the rest.
  const errorLine = whole.offset !== null ? lineAt(whole.offset) : 1;
  const array: ArraySpans | undefined = scan.arrays.get('') ?? scan.arrays.get('/data');
  if (!array || array.elements.length === 0) {
    rejects.push({ line: errorLine, reason: `malformed JSON on line ${errorLine}: ${withoutPosition(whole.error)}`, excerpt: excerptOf(text.slice(whole.offset ?? 0, (whole.offset ?? 0) + 200)) });
    return { records, rejects };
  }
  let allWhole = true;
  for (const span of array.elements) {
    const line = lineAt(span.start);
    if (span.end === -1) {
      allWhole = false;
      rejects.push({ line, reason: 'malformed JSON: the file ends inside this entry (truncated?)', excerpt: excerptOf(text.slice(span.start, span.start + 200)) });
      continue;
    }
    const raw = text.slice(span.start, span.end);
    const one = tryJsonParse(raw);
    if (one.ok) handle(one.value, line, raw);
    else {
      allWhole = false;
      const at = one.offset !== null ? lineAt(span.start + one.offset) : line;
      rejects.push({ line: at, reason: `malformed JSON on line ${at}, in the entry starting on line ${line}: ${withoutPosition(one.error)}`, excerpt: excerptOf(raw.slice(0, 200)) });
    }
  }
  // Every entry parsed alone, so the fault lies between or after them (a missing `]`, trailing
  // text): say so once, or the file would look clean.
  if (allWhole) {
    rejects.push({ line: errorLine, reason: `malformed JSON on line ${errorLine}, outside the entries (each entry was read on its own): ${withoutPosition(whole.error)}`, excerpt: excerptOf(text.slice(whole.offset ?? 0, (whole.offset ?? 0) + 120)) });
  }
  return { records, rejects };
}

/**
 * Detection: the head opens a JSON array or object and carries the API's field names —
 * `"paper"` objects with `"summary"` (JSON entries) or `{'paper': {` (Python-repr entries).
 */
function detectHfApi(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!(head.startsWith('[') || head.startsWith('{'))) return 0;
  const json = /"paper"\s*:\s*\{/.test(head);
  const repr = /"\{'paper': \{/.test(head);
  const summary = /"summary"\s*:/.test(head) || /'summary':/.test(head);
  const hfFields = /"(?:upvotes|publishedAt|numComments)"\s*:/.test(head) || /'(?:upvotes|publishedAt)':/.test(head);
  if ((json || repr) && summary) return 0.95;
  if ((json || repr) && hfFields) return 0.85;
  // A first paper with hundreds of authors can fill the whole head before its "summary":
  // the API's author objects ({"_id", "name", "hidden"}) still say what this is.
  if (json && /"authors"\s*:\s*\[/.test(head) && /"_id"\s*:/.test(head) && /"hidden"\s*:/.test(head)) return 0.85;
  if (repr && /'authors': \[/.test(head) && /'_id': /.test(head)) return 0.85;
  // A bare array of paper objects (the search endpoint's shape).
  if (/"summary"\s*:/.test(head) && /"upvotes"\s*:/.test(head) && /"id"\s*:\s*"\d{4}\.\d{4,5}/.test(head)) return 0.8;
  return 0;
}

export const hfApi: InputFormat = {
  name: FORMAT,
  description: 'Hugging Face daily_papers API JSON (array of {paper:{…}} entries, or the {status, date, count, data} wrapper)',
  detection: 'head is a JSON array/object with "paper" objects carrying "summary" (or Python-repr {\'paper\': …} entries)',
  detect: detectHfApi,
  parse: parseHfApi,
};
