/**
 * author-profile — an author's paper list pasted from a profile page, three lines per paper
 * =========================================================================================
 *
 *   QMJun 14, 2022Code                                   category code + date [+ "Code" flag]
 *   LeanVAE: An Ultra-Efficient … Diffusion ModelsYu Cheng, Fajie Yuan · microsoft-research
 *   <abstract>
 *
 * The page glues the title to the author list with no separator. splitTitleAuthors() finds the
 * split by rule, not by special cases:
 *   - a candidate split point is an upper-case letter that starts a word-like run (followed by a
 *     lower-case letter, or by "." as in an initial) and is glued to the character before it
 *     ("ModelsYu", "RLFengyuan", "GPT-4Alice");
 *   - the remainder after a candidate must parse as a comma-separated list of personal names
 *     (each two to six tokens: capitalised words, initials, name particles), optionally ending
 *     in "et al." (→ authorsTruncated);
 *   - the leftmost candidate whose remainder parses wins, so camel-case words inside the title
 *     (LeanVAE, StackRec, CmnRec) are candidates that fail, and a title ending in capitals (RL)
 *     still splits before the first author's given name.
 * Category codes are kept exactly as shown ("QM", not "q-bio.QM"); a date without a year
 * ("Jan 26") keeps dateText and gets date null — a year is never invented.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseNewlines } from './decode.js';
import { parseEnglishDate, squash } from './text.js';

const NAME = 'author-profile';

/**
 * "QMJun 14, 2022Code", "CLJan 26": category, month, day, optional year, optional Code flag.
 * Bounded: the category run is at most 15 characters and every later part is fixed-shape.
 */
const HEADER =
  /^([A-Z]{2,4}|[a-z][a-z-]{1,14})(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\s+(\d{1,2})(?:,\s*(\d{4}))?\s*(Code)?$/;

/** Lines longer than this cannot be a title + author list; they are rejected, not scanned. */
const MAX_TITLE_LINE = 5000;

/** Lower-case words that may sit inside a personal name ("Maarten de Rijke", "Vincent van Gogh"). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'zu', 'y']);
/** A capitalised name word: "Yu", "Ming-Wei", "Zoë", "O'Brien", "McDonald", "DiCaprio", "Jean-luc". */
const NAME_WORD = /^(?:Mc|Mac|O['’]|D['’]|Di|De|Le|La|Van|Von|Du)?\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Ll}+)?(?:-\p{L}[\p{Ll}\p{M}]*)*$/u;
/** Initials: "K.", "J.R.", "J.-P." */
const INITIALS = /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u;
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
const ET_AL = /\s+et\s+al\.?$/;

export interface AuthorList {
  authors: string[];
  truncated: boolean;
}

/** One personal name: two to six tokens, starting with a name word or initial, at least one name word. */
export function isPersonalName(name: string): boolean {
  const tokens = name.split(' ');
  if (tokens.length < 2 || tokens.length > 6) return false;
  if (!(NAME_WORD.test(tokens[0]) || INITIALS.test(tokens[0]))) return false;
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (NAME_WORD.test(t)) words++;
    else if (INITIALS.test(t)) continue;
    else if (i > 0 && PARTICLES.has(t)) continue;
    else if (i === tokens.length - 1 && i > 1 && SUFFIX.test(t)) continue;
    else return false;
  }
  return words >= 1;
}

/**
 * Parses "Yu Cheng, Fajie Yuan" or "Mingyang Hu, Fajie Yuan, Kevin K. Yang et al." into names;
 * null when any item is not a personal name. "A and B" / ", and B" are accepted as separators.
 */
export function parseAuthorList(text: string): AuthorList | null {
  let t = text.replace(/\s+/g, ' ').trim();
  let truncated = false;
  const etAl = ET_AL.exec(t);
  if (etAl) {
    truncated = true;
    t = t.slice(0, etAl.index).trim();
  }
  if (t === '') return null;
  const items: string[] = [];
  for (const part of t.split(',')) {
    const item = part.trim().replace(/^and /, '');
    if (item === '') return null;
    // "A and B" in the last item: both halves must be names.
    const and = item.indexOf(' and ');
    if (and > 0) {
      items.push(item.slice(0, and), item.slice(and + 5));
    } else {
      items.push(item);
    }
  }
  for (const item of items) if (!isPersonalName(item)) return null;
  return { authors: items, truncated };
}

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isSpace = (c: string): boolean => /\s/.test(c);

/**
 * Splits a title glued to its author list (see the banner). Returns null when no candidate
 * split leaves a parseable author list.
 */
export function splitTitleAuthors(line: string): ({ title: string } & AuthorList) | null {
  const s = line.trim();
  if (s.length > MAX_TITLE_LINE) return null;
  const chars = Array.from(s);
  let offset = chars[0]?.length ?? 0;
  for (let i = 1; i + 1 < chars.length; i++) {
    const here = offset;
    offset += chars[i].length;
    if (!isUpper(chars[i]) || isSpace(chars[i - 1])) continue;
    if (!(isLower(chars[i + 1]) || chars[i + 1] === '.')) continue;
    const title = s.slice(0, here).trim();
    if (title === '') continue;
    const list = parseAuthorList(s.slice(here));
    if (list) return { title, ...list };
  }
  return null;
}

function excerpt(text: string): string {
  const flat = squash(text);
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** Lines without a leading BOM, split at LF, CRLF or CR (parse() may get text that skipped decode()). */
function normaliseLines(text: string): string[] {
  return normaliseNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
}

function detect(sample: InputSample): number {
  const lines = normaliseLines(sample.head).map((l) => l.trim()).filter((l) => l !== '');
  // The last line of the head may be cut mid-way; it is not counted either way.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
  let headers = 0;
  for (let i = 0; i < complete.length; i++) {
    // A header counts only when the next line carries a title + author list.
    if (HEADER.test(complete[i]) && i + 1 < lines.length && splitTitleAuthors(lines[i + 1].split(' · ')[0]) !== null) headers++;
  }
  if (headers === 0) return 0;
  const share = (headers * 3) / Math.max(complete.length, 1);
  if (headers >= 2 && share >= 0.5) return 0.9;
  return headers >= 2 ? 0.7 : 0.5;
}

interface Entry {
  line: number;
  category: string;
  dateText: string;
  year: string | undefined;
  hasCode: boolean;
  record: PaperRecord | null;
  /** Set when the entry could not become a record; its following lines belong to the reject. */
  rejected: boolean;
}

function parse(input: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const lines = normaliseLines(String(input ?? ''));
  let entry: Entry | null = null;
  let abstractLines: string[] = [];

  const close = (): void => {
    if (entry?.record) entry.record.abstract = abstractLines.length > 0 ? abstractLines.join(' ') : null;
    entry = null;
    abstractLines = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const header = HEADER.exec(line);
    if (header) {
      const open = entry as Entry | null;
      if (open && !open.record && !open.rejected) {
        rejects.push({ line: open.line, reason: 'category/date line with no title line after it', excerpt: excerpt(lines[open.line - 1]) });
      }
      close();
      entry = { line: i + 1, category: header[1], dateText: `${header[2]} ${header[3]}${header[4] ? `, ${header[4]}` : ''}`, year: header[4], hasCode: header[5] === 'Code', record: null, rejected: false };
      continue;
    }
    const current = entry as Entry | null;
    if (!current) {
      rejects.push({ line: i + 1, reason: 'text before the first category/date line (e.g. "CLJan 26")', excerpt: excerpt(line) });
      continue;
    }
    if (current.rejected) continue;
    if (current.record) {
      abstractLines.push(line);
      continue;
    }

    // The title line: "<title><authors>[ · org[ · org]]".
    const parts = line.split(' · ');
    const orgs = parts.slice(1).map((o) => o.trim()).filter((o) => o !== '');
    let split = splitTitleAuthors(parts[0]);
    let consumedNext = false;
    if (!split && i + 1 < lines.length) {
      // Some pastes keep the author list on its own line.
      const nextParts = lines[i + 1].trim().split(' · ');
      const list = HEADER.test(lines[i + 1].trim()) ? null : parseAuthorList(nextParts[0]);
      if (list) {
        split = { title: squash(parts[0]), ...list };
        orgs.push(...nextParts.slice(1).map((o) => o.trim()).filter((o) => o !== ''));
        consumedNext = true;
      }
    }
    if (!split) {
      const reason =
        line.length > MAX_TITLE_LINE
          ? `title/author line longer than ${MAX_TITLE_LINE} characters; entry skipped`
          : 'could not split the title from the author list (expected a capital glued to the title, then comma-separated personal names); entry and its abstract skipped';
      rejects.push({ line: i + 1, reason, excerpt: excerpt(line) });
      current.rejected = true;
      continue;
    }
    const date = parseEnglishDate(current.dateText);
    current.record = {
      source: { path, line: current.line, format: NAME },
      ids: {},
      title: split.title,
      abstract: null,
      authors: split.authors,
      authorsTruncated: split.truncated,
      date,
      dateText: date ? null : current.dateText,
      categories: [current.category],
      codeUrls: [],
      orgs,
      hasCode: current.hasCode,
    };
    records.push(current.record);
    if (consumedNext) i++;
  }
  const last = entry as Entry | null;
  if (last && !last.record && !last.rejected) {
    rejects.push({ line: last.line, reason: 'category/date line with no title line after it', excerpt: excerpt(lines[last.line - 1]) });
  }
  close();
  return { records, rejects };
}

export const authorProfile: InputFormat = {
  name: NAME,
  description: 'Pasted author-profile paper list: "<category><date>[Code]", "<title><authors>[ · org]", abstract',
  detection: 'lines like "IRJun 15, 2021Code" followed by a title glued to a comma-separated author list',
  detect,
  parse,
};
