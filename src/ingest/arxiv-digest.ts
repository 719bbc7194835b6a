/**
 * arxiv-digest — the arXiv mailing-list digest (plain text e-mail)
 * ================================================================
 *
 * One entry per paper, new submissions first, then cross-lists and replacements:
 *
 *   \\
 *   arXiv:2601.15305                       ("arXiv:ID (*cross-listing*)" for cross-lists)
 *   Date: Mon, 12 Jan 2026 20:33:39 GMT   (215kb)
 *                                          (replacements: "replaced with revised version <date>")
 *   Title: Gated Sparse Attention: Combining Computational Efficiency with Training
 *     Stability for Long-Context Language Models        (continuation lines are indented)
 *   Authors: Alfred Shen, Aaron Shen
 *   Categories: cs.AI cs.LG
 *   Comments: 15 pages, 1 figure            (optional, like Journal-ref:, DOI:, ACM-class:, …)
 *   \\
 *     The abstract, wrapped at 80 columns …  (replacements have no abstract and no second \\)
 *   \\ ( https://arxiv.org/abs/2601.15305 ,  215kb)
 *
 * Names are TeX (`Cl\'ementine`), author lists use commas and " and ", may carry affiliation
 * markers ("Name (1)", "((1) Org, (2) Org)") and may be cut short ("et al. (17 additional authors
 * not shown)"). A record starts on its opening `\\` line. The parser is a line state machine:
 * linear, no regex that can backtrack badly, and it never throws.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseArxivId, normaliseDoi } from '../graph/keys.js';
import { repoUrlsIn, trimEndChars } from './listing-text.js';
import { parseEnglishDate, squash } from './text.js';
import { texToUnicode } from './tex-accents.js';
import { venueFromComment } from './venue.js';
import { monthFromArxivId } from './arxiv-month.js';

const FORMAT = 'arxiv-digest';
const EXCERPT = 120;

/** One entry's raw fields, as collected by the line scanner. */
interface RawEntry {
  /** 1-based line of the opening `\\` (or of the arXiv: line when the opener is missing). */
  line: number;
  /** The text after "arXiv:", e.g. "2601.13519 (*cross-listing*)"; null when absent. */
  idText: string | null;
  /** Header fields in order; continuation lines are appended with a newline. */
  fields: Map<string, string>;
  abstractLines: string[] | null;
  /** The id in the closing "\\ ( https://arxiv.org/abs/ID , NNkb)" line, when there is one. */
  closingId: string | null;
  closed: boolean;
  /** The entry's first lines, for a reject's excerpt. */
  head: string[];
}

const OPENER = /^\\\\[ \t]*$/;
const CLOSER = /^\\\\[ \t]*\([ \t]*(\S+)[ \t]*,/;
const ARXIV_LINE = /^arXiv:[ \t]*(\S.*)$/;
/** A dashed or %%-marked separator between entries or sections. */
const SEPARATOR = /^(?:-{20,}|%%[-%]{10,})[ \t]*$/;

/** "Journal-ref: X" → ["journal-ref", "X"]; null when the line is not a header field. */
function headerField(line: string): [string, string] | null {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > 40) return null;
  const key = line.slice(0, colon);
  // "Date (v1)" and "ACM-class" are keys; a sentence with a colon is not.
  if (!/^[A-Za-z][A-Za-z-]*(?: \([^)]{1,10}\))?$/.test(key)) return null;
  return [key.replace(/ \(.*$/, '').toLowerCase(), line.slice(colon + 1).trim()];
}

/** Splits text into lines whatever the line endings (the decoder normalises, callers may not). */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Walks the lines once and cuts them into raw entries. */
function scanEntries(lines: string[]): RawEntry[] {
  const entries: RawEntry[] = [];
  let current: RawEntry | null = null;
  // In an object so that the closures below and the loop see one value (TS narrows plain lets).
  const at: { state: 'outside' | 'header' | 'abstract' } = { state: 'outside' };
  let lastField: string | null = null;
  let pendingOpener = -1; // index of a `\\` line seen outside an entry

  const finish = (closed: boolean): void => {
    if (current) {
      current.closed = closed;
      entries.push(current);
    }
    current = null;
    at.state = 'outside';
    lastField = null;
  };
  const start = (line: number, idText: string | null): RawEntry => {
    current = { line, idText, fields: new Map(), abstractLines: null, closingId: null, closed: false, head: [] };
    at.state = 'header';
    lastField = null;
    return current;
  };
  const nextNonBlank = (i: number): string | undefined => {
    for (let j = i + 1; j < lines.length; j++) if (lines[j].trim() !== '') return lines[j];
    return undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const arxiv = ARXIV_LINE.exec(line);
    if (at.state === 'outside') {
      if (OPENER.test(line)) {
        pendingOpener = i;
        continue;
      }
      if (arxiv) {
        start(pendingOpener !== -1 ? pendingOpener + 1 : i + 1, arxiv[1].trim()).head.push(line);
        pendingOpener = -1;
        continue;
      }
      // An entry whose arXiv: line is missing: an opener followed by header fields.
      if (pendingOpener !== -1 && /^(?:Title|Date|Authors):/.test(line)) {
        start(pendingOpener + 1, null);
        pendingOpener = -1;
        i--; // re-read this line as a header line
        continue;
      }
      if (line.trim() !== '') pendingOpener = -1;
      continue;
    }
    const entry = current as RawEntry | null;
    if (!entry) continue;
    if (entry.head.length < 4 && line.trim() !== '') entry.head.push(line);

    const closer = CLOSER.exec(line);
    if (closer) {
      entry.closingId = closer[1];
      finish(true);
      continue;
    }
    if (SEPARATOR.test(line)) {
      finish(false); // the closing line never came
      continue;
    }
    if (arxiv && (at.state === 'header' || i === 0 || OPENER.test(lines[i - 1]))) {
      // A new entry began before this one closed.
      finish(false);
      i--;
      continue;
    }
    if (at.state === 'abstract') {
      if (OPENER.test(line) && nextNonBlank(i)?.startsWith('arXiv:')) {
        finish(false);
        pendingOpener = i;
        continue;
      }
      (entry.abstractLines as string[]).push(line);
      continue;
    }
    // Header.
    if (OPENER.test(line)) {
      at.state = 'abstract';
      entry.abstractLines = [];
      continue;
    }
    if (line.trim() === '') continue;
    if (/^[ \t]/.test(line) && lastField) {
      entry.fields.set(lastField, `${entry.fields.get(lastField)}\n${line.trim()}`);
      continue;
    }
    if (line.startsWith('replaced with revised version')) {
      entry.fields.set('replaced', line.slice('replaced with revised version'.length).trim());
      lastField = null;
      continue;
    }
    const field = headerField(line);
    if (field) {
      // A repeated key (two Date: lines) keeps the first value; the later ones are revisions.
      if (!entry.fields.has(field[0])) entry.fields.set(field[0], field[1]);
      lastField = entry.fields.get(field[0]) === field[1] ? field[0] : null;
      continue;
    }
    if (lastField) entry.fields.set(lastField, `${entry.fields.get(lastField)}\n${line.trim()}`);
  }
  if (current) finish(false);
  return entries;
}

/** "Mon, 12 Jan 2026 20:33:39 GMT   (215kb)" → "2026-01-12". */
function digestDate(text: string): string | null {
  const m = /(\d{1,2})[ \t]+([A-Za-z]{3,9})\.?[ \t]+(\d{4})/.exec(text);
  return m ? parseEnglishDate(`${m[1]} ${m[2]} ${m[3]}`) : null;
}

interface AuthorList {
  authors: string[];
  orgs: string[];
  truncated: boolean;
  /** The number of authors the list states ("et al. (17 additional authors not shown)"). */
  count: number | null;
}

/**
 * Splits "A (1), B (1 and 2), and C ((1) Org One, (2) Org Two)" into names and organisations.
 * Parenthesised groups are taken out at depth 0 first (they may nest: "(EPFL)" inside an
 * affiliation block), so commas inside them never split names.
 */
export function splitDigestAuthors(raw: string): AuthorList {
  const text = texToUnicode(squash(raw));
  let outer = '';
  const groups: string[] = [];
  let depth = 0;
  let groupStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      if (depth === 0) groupStart = i + 1;
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) {
        groups.push(text.slice(groupStart, i));
        outer += ' ';
      }
    } else if (depth === 0) {
      outer += c;
    }
  }
  if (depth > 0) outer += text.slice(groupStart); // an unclosed "(" : keep the text

  const orgs: string[] = [];
  let hidden = 0;
  for (const g of groups) {
    const inner = g.trim();
    const more = /^(\d+)\s+additional authors? not shown$/i.exec(inner);
    if (more) hidden += Number(more[1]);
    else if (/^[\d\s,&]*(?:and[\d\s,&]*)*$/i.test(inner)) continue; // "(1)", "(1 and 2)", "(1, 3)"
    else if (/^\(\d+\)/.test(inner)) {
      // "(1) Org One, City (2) Org Two": the markers separate the organisations.
      for (const part of inner.split(/\(\d+\)/)) {
        const org = trimEndChars(part.trim(), ',; ').trim();
        if (org) orgs.push(org);
      }
    } else {
      orgs.push(inner);
    }
  }

  let truncated = hidden > 0;
  const authors: string[] = [];
  for (const piece of outer.split(',')) {
    for (const part of piece.split(/\s+and\s+|^and\s+/)) {
      const name = part.trim();
      if (!name) continue;
      if (/^et\.? al\.?$/i.test(name)) {
        truncated = true;
        continue;
      }
      // "John Smith, Jr." : a suffix belongs to the name before it.
      if (/^(?:Jr|Sr|II|III|IV)\.?$/.test(name) && authors.length > 0) {
        authors[authors.length - 1] += `, ${name}`;
        continue;
      }
      authors.push(name);
    }
  }
  return { authors, orgs: [...new Set(orgs)], truncated, count: hidden > 0 ? authors.length + hidden : null };
}

function excerptOf(lines: string[]): string {
  const t = squash(lines.join(' '));
  return t.length > EXCERPT ? `${t.slice(0, EXCERPT)}…` : t;
}

type Outcome = { record: PaperRecord } | { reject: Reject };

function toRecord(entry: RawEntry, path: string): Outcome {
  const f = entry.fields;
  const idFromLine = entry.idText ? normaliseArxivId(entry.idText.split(/\s/)[0]) : null;
  const arxiv = idFromLine ?? (entry.closingId ? normaliseArxivId(entry.closingId) : null);
  const titleRaw = f.get('title');
  const title = titleRaw ? texToUnicode(squash(titleRaw)) : null;
  if (!arxiv && !title) {
    const why = entry.idText ? `"arXiv:${entry.idText}" is not a valid arXiv id` : 'no arXiv: line';
    return { reject: { line: entry.line, reason: `digest entry without an id or a title: ${why} and no Title: field`, excerpt: excerptOf(entry.head) } };
  }
  const authorList = f.has('authors') ? splitDigestAuthors(f.get('authors') as string) : { authors: [], orgs: [], truncated: false, count: null };
  const comments = f.has('comments') ? squash(f.get('comments') as string) : null;
  const journal = f.has('journal-ref') ? squash(f.get('journal-ref') as string) : null;
  // Tokens longer than any DOI are skipped before the normaliser sees them.
  const doi = f.has('doi') ? (f.get('doi') as string).split(/\s+/).filter((t) => t.length <= 300).map(normaliseDoi).find((d) => d !== null) ?? null : null;
  const dateText = f.get('date');
  // A replaced entry's only date is its revision's; the id still says when v1 appeared.
  const date = (dateText ? digestDate(dateText) : null) ?? (arxiv && !dateText ? monthFromArxivId(arxiv) : null);
  const year = date ? Number(date.slice(0, 4)) : undefined;
  const abstract = entry.abstractLines ? squash(entry.abstractLines.join('\n')) : null;

  const record: PaperRecord = {
    source: { path, line: entry.line, format: FORMAT },
    ids: { ...(arxiv ? { arxiv } : {}), ...(doi ? { doi } : {}) },
    title,
    abstract: abstract === '' ? null : abstract,
    authors: authorList.authors,
    authorsTruncated: authorList.truncated,
    date,
    // A journal reference wins over a comment; both go through the venue normaliser so that
    // "In Proceedings of ACM SIGKDD …, 2026" meets "KDD 2026" (unknown venues stay as written).
    venue: journal ? venueFromComment(journal, year) ?? journal : comments ? venueFromComment(comments, year) : null,
    categories: f.has('categories') ? squash(f.get('categories') as string).split(' ').filter(Boolean) : [],
    codeUrls: comments ? repoUrlsIn(comments) : [],
    comments: comments ? [comments] : [],
    orgs: authorList.orgs.map((o) => squash(o)),
  };
  if (authorList.count !== null) record.authorCount = authorList.count;
  return { record };
}

function parseDigest(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  for (const entry of scanEntries(splitLines(text))) {
    const outcome = toRecord(entry, path);
    if ('record' in outcome) records.push(outcome.record);
    else rejects.push(outcome.reject);
  }
  return { records, rejects };
}

/**
 * Detection: `\\` separator lines together with `arXiv:ID` and `Title:` header lines at the
 * start of lines. Without the separators (a digest pasted with lines lost) the score is lower.
 */
function detectDigest(sample: InputSample): number {
  const head = sample.head;
  const arxiv = /^arXiv:[ \t]*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})/m.test(head);
  const title = /^Title:[ \t]*\S/m.test(head);
  if (!arxiv || !title) return 0;
  const opener = /^\\\\[ \t]*\r?$/m.test(head);
  const closer = /^\\\\ \( https?:\/\/arxiv\.org\/abs\//m.test(head);
  if (opener && closer) return 0.97;
  if (opener || closer) return 0.9;
  return /^Authors:[ \t]*\S/m.test(head) && /^Categories:[ \t]*\S/m.test(head) ? 0.6 : 0;
}

export const arxivDigest: InputFormat = {
  name: FORMAT,
  description: 'arXiv mailing-list digest e-mail (\\\\-separated entries with arXiv:, Date:, Title:, Authors:, Categories:, abstract)',
  detection: 'lines "\\\\" and "\\\\ ( https://arxiv.org/abs/…" with "arXiv:ID" and "Title:" header lines',
  detect: detectDigest,
  parse: parseDigest,
};
