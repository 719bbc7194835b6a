/**
 * arxiv-abs-md — arXiv abstract pages pasted into Markdown
 * ========================================================
 *
 * Reading lists and "daily arXiv" notes paste the abs page of each paper under a heading:
 *
 *   ## 1. Non-Autoregressive Machine Translation with Auxiliary Regularization
 *      (or <h2 id="20190208-1">1. …</h2>, sometimes with the </h2> on the next line)
 *   Title: [Non-Autoregressive Machine …](https://arxiv.org/abs/1902.10245)
 *   Authors: [Yiren Wang](https://arxiv.org/search/cs?searchtype=author&query=Wang%2C+Y), …
 *   *(Submitted on 22 Feb 2019)*
 *   > As a new neural machine translation approach, …      (one or more quoted paragraphs)
 *   | Comments: | AAAI 2019                                   |
 *   | --------- | ------------------------------------------- |
 *   | Subjects: | **Computation and Language (cs.CL)**; Machine Learning (cs.LG) |
 *   | Cite as:  | [arXiv:1902.10245](https://arxiv.org/abs/1902.10245) [cs.CL] |
 *
 * Hand-pasted pages vary, and the parser takes every variant seen in real files: "Title：" and
 * "Authors：" with a full-width colon, "Authors:[" without a space, the misspelt "Auhtors:",
 * author links on a line labelled "Title:" or on the line after a stray "Authors: <title>",
 * `(<url>)` link targets, missing "Submitted on" lines, missing tables, and an abstract pasted
 * onto the "Authors:" line. Authors are therefore recognised by their links (arXiv author
 * search URLs, or any link on an Authors line), not by the label. A record starts on its
 * heading line; a heading with nothing under it becomes a reject.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseArxivId, normaliseDoi } from '../graph/keys.js';
import { repoUrlsIn, trimEndChars } from './listing-text.js';
import { parseEnglishDate, squash } from './text.js';
import { venueFromComment } from './venue.js';
import { monthFromArxivId } from './arxiv-month.js';

const FORMAT = 'arxiv-abs-md';
const EXCERPT = 120;
/** An "Authors:" line without links and at least this long is a pasted abstract, not names. */
const PASTED_ABSTRACT_CHARS = 200;

interface Link {
  text: string;
  url: string;
}

/** `## title` (not `###`) or an HTML `<h2>`: the start of an entry. */
const HEADING = /^(?:##[ \t]+\S|[ \t]{0,3}<h2\b)/i;
/** A level-1 heading (`# 2019-02-28`) closes the entry before it. */
const SECTION = /^#[ \t]/;
const TITLE_LINE = /^[ \t*]*Title[ \t]*[:：]/i;
/** "Authors:", "Author:", the misspelt "Auhtors:", with either colon. */
const AUTHORS_LINE = /^[ \t*]*(?:Auth?ors?|Auhtors?)[ \t]*[:：]/i;
const ABS_URL = /arxiv\.org\/(?:abs|pdf)\/([^\s?#)>]+)/i;
const AUTHOR_URL = /searchtype=author|arxiv\.org\/a\//i;

interface LinkSpan extends Link {
  start: number;
  end: number;
}

/** Longest link target read; a `(` that never closes stops being a link here. */
const MAX_URL = 2048;

/**
 * Every `[text](url)` / `[text](<url>)` in a line, left to right, found by one scan with a
 * bracket stack (so "[[Re] Title](url)" keeps its inner brackets). No regex: linear even on a
 * line full of unmatched brackets, where a regex would rescan from every `[`.
 */
function linkSpans(line: string): LinkSpan[] {
  const out: LinkSpan[] = [];
  const open: number[] = [];
  let stopAt = -1;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '[') {
      open.push(i);
      i++;
      continue;
    }
    if (c !== ']' || open.length === 0) {
      i++;
      continue;
    }
    const start = open.pop() as number;
    if (line[i + 1] !== '(') {
      i++;
      continue;
    }
    let j = i + 2;
    while (line[j] === ' ' || line[j] === '\t') j++;
    const angled = line[j] === '<';
    if (angled) j++;
    const urlStart = j;
    if (j <= stopAt) j = stopAt;
    else {
      while (j < line.length && line[j] !== ')' && line[j] !== ' ' && line[j] !== '\t' && line[j] !== '>') j++;
      // No stop character lies between this start and j, so a later start before j ends here too.
      stopAt = j;
    }
    if (j - urlStart > MAX_URL) {
      i++;
      continue;
    }
    const url = line.slice(urlStart, j);
    if (angled && line[j] === '>') j++;
    while (line[j] === ' ' || line[j] === '\t') j++;
    if (line[j] !== ')') {
      i++;
      continue;
    }
    out.push({ text: line.slice(start + 1, i).trim(), url, start, end: j + 1 });
    open.length = 0; // brackets before a complete link cannot enclose anything after it
    i = j + 1;
  }
  return out;
}

function links(line: string): Link[] {
  return linkSpans(line).map(({ text, url }) => ({ text, url }));
}

/** Markdown inline → plain text: `[this https URL](u)` → u, `[text](u)` → text, `**b**` → b. */
function plain(text: string): string {
  let out = '';
  let last = 0;
  for (const span of linkSpans(text)) {
    out += text.slice(last, span.start) + (/^this https? URL$/i.test(span.text) ? span.url : span.text);
    last = span.end;
  }
  out += text.slice(last);
  return out.replace(/\*\*([^*\n]*)\*\*/g, '$1');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Removes `<…>` tags with indexOf, not a regex: a line of unclosed `<` stays linear. */
function stripTags(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const gt = lt === -1 ? -1 : text.indexOf('>', lt);
    if (gt === -1) return out + text.slice(i);
    out += `${text.slice(i, lt)} `;
    i = gt + 1;
  }
}

/** The heading's text without tags and list numbering: `<h2 id="x">3. Title</h2>` → "Title". */
function headingTitle(text: string): string | null {
  const t = squash(decodeEntities(stripTags(text.replace(/^##[ \t]+/, ''))));
  const untagged = plain(t).replace(/^\d{1,4}\.[ \t]+/, '').trim();
  return untagged === '' ? null : untagged;
}

interface Block {
  /** 0-based index of the heading (or Title:) line. */
  start: number;
  /** Lines of the heading itself (an <h2> may span lines). */
  headingLines: number;
  lines: string[];
}

/** Cuts the file into entry blocks at headings (or at Title: lines when it has no headings). */
function blocks(lines: string[]): Block[] {
  let starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (HEADING.test(lines[i])) starts.push(i);
  const byTitle = starts.length === 0;
  if (byTitle) for (let i = 0; i < lines.length; i++) if (TITLE_LINE.test(lines[i]) && links(lines[i]).length > 0) starts.push(i);
  starts = starts.sort((a, b) => a - b);
  const out: Block[] = [];
  starts.forEach((start, k) => {
    const limit = k + 1 < starts.length ? starts[k + 1] : lines.length;
    let end = start + 1;
    while (end < limit && !SECTION.test(lines[end])) end++;
    let headingLines = byTitle ? 0 : 1;
    if (!byTitle && /<h2\b/i.test(lines[start]) && !/<\/h2>/i.test(lines[start])) {
      // "<h2 …>Title\n</h2>": the heading runs to its closing tag (a few lines at most).
      for (let j = start + 1; j < Math.min(end, start + 5); j++) {
        if (/<\/h2>/i.test(lines[j])) {
          headingLines = j - start + 1;
          break;
        }
      }
    }
    out.push({ start, headingLines, lines: lines.slice(start, end) });
  });
  return out;
}

/** Table rows `| Key: | value |` → lower-case key → value; continuation rows (empty key) append. */
function tableRows(lines: string[]): Map<string, string> {
  const rows = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('|')) continue;
    const cells = t.split('|').slice(1);
    if (cells.length > 0 && cells[cells.length - 1].trim() === '') cells.pop();
    if (cells.length === 0 || cells.every((c) => /^[\s:-]*$/.test(c))) continue; // | --- | --- |
    const key = cells[0].trim().replace(/[:：]$/, '').trim().toLowerCase();
    const value = cells.slice(1).join('|').trim();
    if (key === '') {
      if (last !== null && value !== '') rows.set(last, `${rows.get(last)} ${value}`.trim());
      continue;
    }
    if (!rows.has(key)) rows.set(key, value);
    last = key;
  }
  return rows;
}

/** Category codes in a Subjects cell: "Computation and Language (cs.CL); Sound (cs.SD)" → [cs.CL, cs.SD]. */
function categoriesIn(subjects: string): string[] {
  const out = new Set<string>();
  for (const m of subjects.matchAll(/\(([a-z][a-z-]*(?:\.[A-Za-z-]+)?)\)/g)) out.add(m[1]);
  return [...out];
}

function excerptOf(lines: string[]): string {
  const t = squash(lines.filter((l) => l.trim() !== '').slice(0, 3).join(' '));
  return t.length > EXCERPT ? `${t.slice(0, EXCERPT)}…` : t;
}

type Outcome = { record: PaperRecord } | { reject: Reject };

function toRecord(block: Block, path: string): Outcome {
  const line = block.start + 1;
  const heading = block.headingLines > 0 ? headingTitle(block.lines.slice(0, block.headingLines).join(' ')) : null;
  const body = block.lines.slice(block.headingLines);
  const isQuote = (l: string): boolean => /^[ \t]{0,3}>/.test(l);
  const isTable = (l: string): boolean => /^[ \t]*\|/.test(l);

  let title: string | null = null;
  let arxiv: string | null = null;
  const authors: string[] = [];
  const seenAuthors = new Set<string>();
  let plainAuthors: string | null = null;
  let pastedAbstract: string | null = null;
  let date: string | null = null;
  for (const l of body) {
    if (isQuote(l) || isTable(l)) continue;
    const ls = links(l);
    const onTitle = TITLE_LINE.test(l);
    const onAuthors = AUTHORS_LINE.test(l);
    for (const link of ls) {
      const abs = ABS_URL.exec(link.url);
      if (abs && onTitle && !title) {
        title = squash(link.text) || null;
        arxiv = normaliseArxivId(abs[1]);
      } else if (AUTHOR_URL.test(link.url) || (onAuthors && !abs)) {
        const name = squash(link.text);
        if (name && !seenAuthors.has(name)) {
          seenAuthors.add(name);
          authors.push(name);
        }
      }
    }
    if (onAuthors && ls.length === 0) {
      const rest = squash(trimEndChars(l.replace(AUTHORS_LINE, ''), '* \t'));
      if (rest.length >= PASTED_ABSTRACT_CHARS) pastedAbstract = rest;
      else if (rest && !/Submitted on/i.test(rest)) plainAuthors = rest;
    }
    if (onTitle && !title && ls.length === 0) {
      const rest = squash(l.replace(TITLE_LINE, ''));
      if (rest) title = rest;
    }
    const submitted = /Submitted on[ \t]+(\d{1,2}[ \t]+[A-Za-z]{3,9}\.?[ \t]+\d{4})/i.exec(l);
    if (submitted && !date) date = parseEnglishDate(submitted[1]);
  }

  const rows = tableRows(body);
  if (!arxiv) {
    const cite = rows.get('cite as');
    const m = cite ? /arXiv:[ \t]*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i.exec(cite) : null;
    if (m) arxiv = normaliseArxivId(m[1]);
  }
  // Plain-text names (no links) count only when no linked names were found.
  if (authors.length === 0 && plainAuthors && plainAuthors !== heading && plainAuthors !== title) {
    for (const part of plainAuthors.split(/,|\s+and\s+/)) {
      const name = part.trim();
      if (name) authors.push(name);
    }
  }

  const quoted = body.filter(isQuote).map((l) => l.replace(/^[ \t]{0,3}>[ \t]?/, ''));
  let abstract = quoted.length > 0 ? squash(plain(quoted.join('\n'))) : null;
  if (!abstract && pastedAbstract) abstract = squash(plain(pastedAbstract)); // see PASTED_ABSTRACT_CHARS
  if (abstract === '') abstract = null;
  title = title ?? heading;
  // Pages pasted without their "Submitted on" line: the id still says when v1 appeared.
  if (!date && arxiv) date = monthFromArxivId(arxiv);

  if (!arxiv && !abstract && authors.length === 0) {
    return { reject: { line, reason: 'heading with no arXiv link, Cite as row, authors or abstract under it', excerpt: excerptOf(block.lines) } };
  }

  const comment = rows.has('comments') ? squash(plain(rows.get('comments') as string)) : null;
  const journal = rows.get('journal reference') ?? rows.get('journal-ref');
  const journalText = journal ? squash(plain(journal)) : null;
  const doiCell = rows.get('doi');
  const doiLinks = doiCell ? links(doiCell) : [];
  const doi = doiCell ? normaliseDoi(doiLinks[0]?.text ?? plain(doiCell)) ?? (doiLinks[0] ? normaliseDoi(doiLinks[0].url) : null) : null;
  const year = date ? Number(date.slice(0, 4)) : undefined;

  const record: PaperRecord = {
    source: { path, line, format: FORMAT },
    ids: { ...(arxiv ? { arxiv } : {}), ...(doi ? { doi } : {}) },
    title,
    abstract,
    authors,
    authorsTruncated: false,
    date,
    venue: journalText ? venueFromComment(journalText, year) ?? journalText : comment ? venueFromComment(comment, year) : null,
    categories: rows.has('subjects') ? categoriesIn(rows.get('subjects') as string) : [],
    codeUrls: comment ? repoUrlsIn(rows.get('comments') as string) : [],
    comments: comment ? [comment] : [],
    orgs: [],
  };
  return { record };
}

function parseAbsMarkdown(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const block of blocks(lines)) {
    const outcome = toRecord(block, path);
    if ('record' in outcome) records.push(outcome.record);
    else rejects.push(outcome.reject);
  }
  return { records, rejects };
}

/**
 * Detection: `## ` or `<h2>` headings together with `Title: [` and `Authors: [` lines (or
 * arXiv author-search links). Plain prose has none of them and scores 0.
 */
function detectAbsMarkdown(sample: InputSample): number {
  const head = sample.head;
  const heading = /^(?:##[ \t]+\S|[ \t]{0,3}<h2\b)/im.test(head);
  const titleLink = /^[ \t*]*Title[ \t]*[:：][ \t]*\[/im.test(head);
  const absLink = /\]\([ \t]*<?https?:\/\/(?:www\.)?arxiv\.org\/abs\//i.test(head);
  const authorLinks = /^[ \t*]*(?:Auth?ors?|Auhtors?)[ \t]*[:：][ \t]*\[/im.test(head) || /searchtype=author/i.test(head);
  if (!titleLink) return 0;
  if (heading && authorLinks) return 0.95;
  if (heading && absLink) return 0.8;
  if (absLink && authorLinks) return 0.7;
  return 0;
}

export const arxivAbsMarkdown: InputFormat = {
  name: FORMAT,
  description: 'arXiv abstract pages pasted as Markdown (## / <h2> heading, Title: [..](abs url), Authors: [..](..), > abstract, Comments/Subjects/Cite as table)',
  detection: '"## " or <h2> headings with "Title: [" and "Authors: [" lines (or arXiv author-search links)',
  detect: detectAbsMarkdown,
  parse: parseAbsMarkdown,
};
