/**
 * bibtex — BibTeX / BibLaTeX libraries
 * ====================================
 *
 * Parsed with @retorquere/bibtex-parser, the parser behind Better BibTeX for Zotero: it expands
 * `@string` macros and month names, applies `crossref` inheritance, decodes LaTeX accents
 * (`{\"o}` → ö, `{\'\i}` → í), drops case-protecting braces (`{{BERT}}` → BERT) and splits names
 * into parts ("van der Berg, Pieter" → prefix/last/first). Hand-rolling any of that is where
 * BibTeX readers go wrong. Sentence-casing is switched off: titles keep the case they were typed in.
 *
 * Ids come from `doi`, `eprint` (with archivePrefix arXiv, or an arXiv-shaped eprint), `url`, and
 * the Google-Scholar habits `journal = {arXiv preprint arXiv:…}` and `journal = {CoRR}, volume =
 * {abs/…}`. The entry key is kept as ids.local. Each record's line is where its `@type{key` is.
 * `@proceedings` entries that only donate fields through crossref are volumes, not papers.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Creator, Entry } from '@retorquere/bibtex-parser';
import type { PaperIds, PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { lineLocator } from './json-positions.js';
import {
  addAcl,
  addArxiv,
  addDoi,
  addFromUrl,
  addPmid,
  clean,
  hasIds,
  isEtAl,
  isoDate,
  joinName,
  newRecord,
  reject,
  uniq,
} from './biblio.js';

const FORMAT = 'bibtex';

type BibtexParser = typeof import('@retorquere/bibtex-parser');
let bibtexParser: BibtexParser | null = null;

/**
 * The parser, loaded on the first BibTeX file: its modules take about 0.1 s to load, an eighth of
 * a small build that has no BibTeX input. It is an ES module (its CommonJS build does not load:
 * a dependency has no `require` export), required synchronously as Node ≥ 20.19 allows, so that
 * parsing stays synchronous.
 */
function bibtexParserModule(): BibtexParser {
  return (bibtexParser ??= createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('@retorquere/bibtex-parser'))) as BibtexParser);
}

/** The parser renders \emph, \textbf, \textsc … as HTML-ish tags; litgraph wants plain text. */
const MARKUP = /<\/?(?:i|b|em|strong|sup|sub|sc|span|nc|code)(?:\s[^<>]{0,200})?>/g;

function plain(v: unknown): string | null {
  if (Array.isArray(v)) return plain(v.join(', '));
  if (typeof v !== 'string') return null;
  return clean(v.replace(MARKUP, '').replace(/[{}]/g, ''));
}

function creatorName(c: Creator): string | null {
  if (c.name) return plain(c.name);
  return plain(joinName(c.firstName, c.prefix, c.lastName, c.suffix) ?? '');
}

/** `@type{key` offsets, so each entry gets its line even though the parser reports none. */
function entryLines(text: string): Map<string, number> {
  const lineAt = lineLocator(text);
  const out = new Map<string, number>();
  const re = /@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const key = m[2];
    if (!out.has(key)) out.set(key, lineAt(m.index));
  }
  return out;
}

function idsOf(entry: Entry): PaperIds {
  const f = entry.fields as Record<string, unknown>;
  const s = (k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
  const ids: PaperIds = {};
  addDoi(ids, s('doi'));
  const eprint = s('eprint');
  const prefix = (s('archiveprefix') ?? s('eprinttype') ?? '').toLowerCase();
  if (eprint) {
    if (prefix === 'arxiv' || prefix === '') addArxiv(ids, eprint);
    if (prefix === 'pubmed') addPmid(ids, eprint);
  }
  addFromUrl(ids, s('url'));
  addFromUrl(ids, s('howpublished')?.replace(/^\\url/, '') ?? null);
  // Google Scholar: journal = {arXiv preprint arXiv:2305.01234}; DBLP: journal = {CoRR}, volume = {abs/…}.
  const journal = s('journal') ?? '';
  const ax = /arxiv[:\s]+(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+\/\d{7})/i.exec(journal);
  if (ax) addArxiv(ids, ax[1]);
  if (/^(?:corr|arxiv)$/i.test(journal.trim())) addArxiv(ids, s('volume'));
  if (s('pmid')) addPmid(ids, s('pmid'));
  if (s('acl')) addAcl(ids, s('acl'));
  ids.local = entry.key;
  return ids;
}

function toRecord(entry: Entry, path: string, line: number): PaperRecord | Reject {
  const f = entry.fields as Record<string, unknown>;
  const ids = idsOf(entry);
  const title = plain(f.title);
  if (!title && !hasIds({ ...ids, local: undefined })) {
    return reject(line, `@${entry.type}{${entry.key}} has no title and no identifier`, entry.input);
  }
  const creators = Array.isArray(f.author) ? (f.author as Creator[]) : [];
  const names = creators.map(creatorName).filter((n): n is string => n !== null);
  const truncated = names.some(isEtAl) || creators.some((c) => c.lastName === 'al.' && /^et$/i.test(c.firstName ?? ''));
  const authors = names.filter((n) => !isEtAl(n));
  // "arXiv preprint arXiv:…" and DBLP's "CoRR" name the preprint server, not a venue.
  const journal = plain(f.journal);
  const venue = (journal && !/^(?:arxiv|corr)\b/i.test(journal) ? journal : null) ?? plain(f.booktitle) ?? plain(f.journaltitle) ?? plain(f.series) ?? null;
  const date = typeof f.date === 'string' ? isoDate(f.date.slice(0, 4), f.date.slice(5, 7), f.date.slice(8, 10)) : isoDate(f.year, f.month);
  const keywords = Array.isArray(f.keywords) ? uniq((f.keywords as string[]).map(plain)) : [];
  const comments = uniq([plain(f.note), plain(f.annote)]);
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract: plain(f.abstract),
      authors,
      authorsTruncated: truncated,
      date,
      dateText: date === null ? plain(f.year) : undefined,
      venue,
      keywords: keywords.length > 0 ? keywords : undefined,
      comments: comments.length > 0 ? comments : undefined,
    },
  );
}

/**
 * Longest entry handed to the parser. Real entries, abstract included, are a few kB; the parser's
 * cost per character is high (about 60 ms per kB of plain words, worse for some shapes) and a
 * 100 kB broken entry took tens of seconds (found by tests/robustness/fuzz.test.ts).
 */
const MAX_ENTRY_CHARS = 20_000;

/**
 * Cuts entries longer than MAX_ENTRY_CHARS out of the text (their lines kept blank, so every line
 * number stays right) and returns a reject for each. An entry runs from a line starting with "@"
 * to the next such line.
 */
function dropOversizeEntries(text: string, rejects: Reject[]): string {
  if (text.length <= MAX_ENTRY_CHARS) return text;
  const lineAt = lineLocator(text);
  const starts: number[] = [];
  const re = /^[ \t]*@/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index);
  // Text before the first entry is a BibTeX comment; it is checked like an entry.
  if (starts[0] !== 0) starts.unshift(0);
  let out = '';
  let kept = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = starts[i + 1] ?? text.length;
    if (to - from <= MAX_ENTRY_CHARS) continue;
    out += text.slice(kept, from) + text.slice(from, to).replace(/[^\n]+/g, '');
    kept = to;
    rejects.push(reject(lineAt(from), `entry longer than ${MAX_ENTRY_CHARS} characters (${to - from}); skipped as a broken file`, text.slice(from, from + 200)));
  }
  return kept === 0 ? text : out + text.slice(kept);
}

export function parseBibtexText(input: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const text = dropOversizeEntries(input, rejects);
  const lines = entryLines(text);
  let lib: ReturnType<BibtexParser['parse']>;
  try {
    lib = bibtexParserModule().parse(text, { sentenceCase: false, english: false, caseProtection: false, unsupported: 'ignore', applyCrossRef: true });
  } catch (error) {
    return { records, rejects: [reject(1, `BibTeX parser failed: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const lineOfInput = (input: string | undefined): number => {
    const m = input ? /@[ \t]*[A-Za-z]+[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]+)/.exec(input) : null;
    return (m && lines.get(m[1])) || 1;
  };
  const failed = new Set<string>();
  for (const err of lib.errors) {
    const m = err.input ? /@[ \t]*[A-Za-z]+[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]+)/.exec(err.input) : null;
    if (m) failed.add(m[1]);
    rejects.push(reject(lineOfInput(err.input), err.error, err.input));
  }
  for (const entry of lib.entries) {
    const line = lines.get(entry.key) ?? 1;
    // An entry the parser gave up on is already a reject; do not count it twice.
    if (failed.has(entry.key) && Object.keys(entry.fields).length === 0) continue;
    if (entry.type === 'proceedings' && (entry.crossref?.donated.length ?? 0) > 0) {
      rejects.push(reject(line, `@proceedings{${entry.key}} is a volume that other entries cross-reference, not a paper`));
      continue;
    }
    const r = toRecord(entry, path, line);
    if ('source' in r) records.push(r);
    else rejects.push(r);
  }
  return { records, rejects };
}

const ENTRY_START = /^[ \t]*@[ \t]*(article|inproceedings|incollection|inbook|book|booklet|conference|misc|phdthesis|mastersthesis|techreport|unpublished|manual|online|report|thesis|proceedings|collection|software|dataset|string|preamble|comment)[ \t]*[{(]/im;

function detectBibtex(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '');
  const start = head.trimStart();
  // JSON and XML can quote BibTeX inside strings (Semantic Scholar's citationStyles); not ours.
  if (start.startsWith('{') || start.startsWith('[') || start.startsWith('<')) return 0;
  if (!ENTRY_START.test(head)) return /\.bib$/i.test(sample.path) && /^[ \t]*@\w+[ \t]*[{(]/m.test(head) ? 0.8 : 0;
  return 0.95;
}

export const bibtex: InputFormat = {
  name: FORMAT,
  description: 'BibTeX / BibLaTeX (@string, crossref, LaTeX accents, brace-protected case), via @retorquere/bibtex-parser',
  detection: 'a line starting with @article{, @inproceedings{, @book{, @misc{ … (any case); not JSON/XML',
  detect: detectBibtex,
  parse: parseBibtexText,
};
