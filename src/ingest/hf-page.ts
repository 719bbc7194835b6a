/**
 * hf-page — a Hugging Face "Daily Papers" page pasted as text
 * ===========================================================
 *
 *   new / Get trending papers in your email inbox! / Subscribe / Daily Papers /
 *   byAK and the research community / Aug 6                      ← page chrome, not records
 *
 *   <title>
 *
 *   <abstract>
 *
 *     • 9 authors          ← optional metadata block: an author count and/or an organisation
 *   ·                         line ("netflix Netflix": slug, then display name), the "·" line,
 *   May 23, 2024 2            then the date, optionally followed by the upvote count
 *
 * Entries are title + abstract pairs with an optional metadata block; some have none, and a
 * truncated paste may end with "·" and no date. The page shows "N authors" without names, so
 * such records get authors [], authorCount N and authorsTruncated true. Upvotes: the number after
 * the date, 0 when the date line has none, null without a metadata block or without a date line
 * (a cut-off paste says nothing about them). Links in abstracts stay there; extraction finds them.
 * Anything that fits none of this becomes a reject with its line.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseNewlines } from './decode.js';
import { paragraphs, parseEnglishDate, squash } from './text.js';

const NAME = 'hf-page';

/** Lines of the page header that carry no paper data. */
const CHROME = new Set(['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community']);
/** The listing date under the header ("Aug 6"); chrome only right after other chrome. */
const LISTING_DATE = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:, \d{4})?$/;
const AUTHORS = /^•\s*(\d{1,5})\s+authors?$/;
const DOT = '·';
/** "May 23, 2024" or "Feb 14, 2025 2" (upvotes). */
const DATE_LINE = /^([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})(?:\s+(\d{1,7}))?$/;
/** Organisation line "netflix Netflix": the hub's slug, then the display name. */
const ORG_WITH_SLUG = /^([a-z0-9][a-z0-9._-]*) (\S.*)$/;
/** Longer than this, or more than one line, a paragraph is an abstract rather than a title. */
const MAX_TITLE_CHARS = 300;

function excerpt(text: string): string {
  const flat = squash(text);
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** Text without a leading BOM and with LF line ends (parse() may get text that skipped decode()). */
function normalise(text: string): string {
  return normaliseNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function detect(sample: InputSample): number {
  const lines = normalise(sample.head).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  // "new" and "Subscribe" are too common as lines of other texts to count as evidence.
  const chrome = new Set(lines.filter((l) => CHROME.has(l) && l !== 'new' && l !== 'Subscribe'));
  let blocks = 0;
  for (let i = 0; i + 1 < lines.length; i++) if (AUTHORS.test(lines[i]) && lines[i + 1] === DOT) blocks++;
  if (chrome.size >= 2) return 0.95;
  if (blocks >= 2) return chrome.size >= 1 ? 0.95 : 0.85;
  if (blocks === 1 || chrome.size === 1) return 0.4;
  return 0;
}

/* ------------------------------------------------------------------- segmentation -- */

type Segment =
  | { kind: 'chrome'; line: number }
  | { kind: 'text'; line: number; lines: string[] }
  | { kind: 'meta'; line: number; text: string; authorCount: number | null; orgs: string[]; dateText: string | null; upvotes: number | null };

/** An org line is any line of the metadata block before "·" that is not the author count. */
function orgName(line: string): string {
  const m = ORG_WITH_SLUG.exec(line);
  return m ? m[2].trim() : line;
}

/**
 * Whether lines[j] opens a metadata block: an author count, the "·" line, or a short organisation
 * line directly above either. An org line never continues a text run (a title or abstract line
 * just above it would otherwise be swallowed).
 */
function opensMeta(lines: string[], j: number, inText: boolean): boolean {
  const l = lines[j];
  if (AUTHORS.test(l) || l === DOT) return true;
  const next = lines[j + 1];
  if (inText || next === undefined || !(next === DOT || AUTHORS.test(next))) return false;
  return l.length <= 100 && !/[.!?]$/.test(l);
}

/**
 * Cuts the file into chrome lines, text runs and metadata blocks. Metadata is recognised by its
 * shape (an author-count line or the "·" line) even when no blank line separates it from text.
 */
function segment(text: string): Segment[] {
  const out: Segment[] = [];
  for (const p of paragraphs(text)) {
    const lines = p.lines.map((l) => l.trim());
    let text: { kind: 'text'; line: number; lines: string[] } | null = null;
    let j = 0;
    while (j < lines.length) {
      const l = lines[j];
      const lineNo = p.line + j;
      const startsMeta = opensMeta(lines, j, text !== null);
      if (CHROME.has(l)) {
        text = null;
        out.push({ kind: 'chrome', line: lineNo });
        j++;
        continue;
      }
      if (!startsMeta) {
        if (!text) {
          text = { kind: 'text', line: lineNo, lines: [] };
          out.push(text);
        }
        text.lines.push(l);
        j++;
        continue;
      }
      text = null;
      const meta: Extract<Segment, { kind: 'meta' }> = { kind: 'meta', line: lineNo, text: '', authorCount: null, orgs: [], dateText: null, upvotes: null };
      const metaStart = j;
      // Before the dot: author counts and organisation lines.
      while (j < lines.length && lines[j] !== DOT && !DATE_LINE.test(lines[j])) {
        const count = AUTHORS.exec(lines[j]);
        if (count) meta.authorCount = Number(count[1]);
        else if (lines[j + 1] === DOT || (lines[j + 1] !== undefined && AUTHORS.test(lines[j + 1]))) meta.orgs.push(orgName(lines[j]));
        else break;
        j++;
      }
      if (lines[j] === DOT) j++;
      const date = j < lines.length ? DATE_LINE.exec(lines[j]) : null;
      if (date) {
        meta.dateText = date[1];
        meta.upvotes = date[2] !== undefined ? Number(date[2]) : 0;
        j++;
      }
      // Defensive: a block must consume its first line, or the loop would not advance.
      if (j === metaStart) j++;
      meta.text = lines.slice(metaStart, j).join(' ');
      out.push(meta);
    }
  }
  return out;
}

/* ------------------------------------------------------------------------ parsing -- */

const isTitleLike = (s: { lines: string[] }): boolean =>
  s.lines.length === 1 && s.lines[0].length <= MAX_TITLE_CHARS && !s.lines[0].endsWith('.');

function parse(input: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const segments = segment(normalise(String(input ?? '')));
  let open: PaperRecord | null = null;
  let previous: Segment['kind'] | null = null;

  const newRecord = (title: string, line: number): PaperRecord => {
    const record: PaperRecord = {
      source: { path, line, format: NAME },
      ids: {},
      title,
      abstract: null,
      authors: [],
      authorsTruncated: false,
      authorCount: null,
      date: null,
      dateText: null,
      categories: [],
      codeUrls: [],
      orgs: [],
      upvotes: null,
    };
    records.push(record);
    return record;
  };

  for (let k = 0; k < segments.length; k++) {
    const s = segments[k];
    if (s.kind === 'chrome') {
      previous = 'chrome';
      continue;
    }
    if (s.kind === 'meta') {
      previous = 'meta';
      if (!open) {
        rejects.push({ line: s.line, reason: 'metadata block ("• N authors" / "·" / date) with no paper before it (expected a title and abstract first)', excerpt: excerpt(s.text) });
        continue;
      }
      open.authorCount = s.authorCount;
      open.authorsTruncated = s.authorCount !== null && s.authorCount > 0;
      open.orgs = s.orgs;
      if (s.dateText !== null) {
        open.date = parseEnglishDate(s.dateText);
        open.dateText = open.date ? null : s.dateText;
        open.upvotes = s.upvotes;
      }
      open = null;
      continue;
    }

    const wasChrome = previous === 'chrome';
    previous = 'text';
    // The listing date sits right under the header chrome.
    if (wasChrome && s.lines.length === 1 && LISTING_DATE.test(s.lines[0])) {
      previous = 'chrome';
      continue;
    }
    if (open && open.abstract === null) {
      // A title-like paragraph followed by an abstract-like one is the next entry's title:
      // the open entry simply has no abstract.
      const next = segments[k + 1];
      const startsNext = isTitleLike(s) && next?.kind === 'text' && !isTitleLike(next);
      if (!startsNext) {
        open.abstract = s.lines.join(' ');
        continue;
      }
    }
    if (isTitleLike(s)) {
      open = newRecord(s.lines[0], s.line);
    } else if (s.lines.length > 1 && isTitleLike({ lines: [s.lines[0]] })) {
      // Title and abstract pasted without a blank line between them.
      open = newRecord(s.lines[0], s.line);
      open.abstract = s.lines.slice(1).join(' ');
    } else {
      open = null;
      rejects.push({ line: s.line, reason: 'text that is neither a one-line title nor the abstract of the title above it', excerpt: excerpt(s.lines.join(' ')) });
    }
  }
  return { records, rejects };
}

export const hfPage: InputFormat = {
  name: NAME,
  description: 'Pasted Hugging Face Daily Papers page: title, abstract, optional "• N authors" / "·" / date block',
  detection: 'the Daily Papers page header, or "• N authors" lines followed by "·"',
  detect,
  parse,
};
