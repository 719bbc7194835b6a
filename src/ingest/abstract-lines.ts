/**
 * abstract-lines — one abstract per line, each starting "Abstract:"
 * =================================================================
 *
 *   Abstract:Recent advances in foundation models have established scaling laws …
 *   Abstract:Click-through rate (CTR) prediction, which predicts …
 *
 * No titles, authors or ids: each record is just an abstract (title: null). A non-blank line
 * directly under an abstract line (no blank line between) is that abstract wrapped onto a new
 * line and is appended to it; any other line that does not start with "Abstract:" is a reject.
 * The last line need not end in a newline. Streamable: parseLines reads one line at a time.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseNewlines } from './decode.js';
import { squash } from './text.js';
import { textLines } from './lines.js';

const NAME = 'abstract-lines';
const PREFIX = /^Abstract\s*:\s*/i;

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
  if (lines.length === 0) return 0;
  const hits = lines.filter((l) => PREFIX.test(l)).length;
  if (hits === 0) return 0;
  const share = hits / lines.length;
  // "Most lines": below one half this is some other text that quotes an abstract.
  if (share < 0.5) return 0;
  return Math.min(0.9, 0.5 + 0.4 * share);
}

function parse(input: string, path: string): ParseResult {
  return parseLines(textLines(normaliseNewlines(String(input ?? ''))), path);
}

function parseLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  // The record a directly following line may continue; reset by a blank line.
  let open: PaperRecord | null = null;

  let i = -1;
  for (const raw of lines) {
    i++;
    const line = (i === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
    if (line === '') {
      open = null;
      continue;
    }
    const prefix = PREFIX.exec(line);
    if (prefix) {
      const abstract = line.slice(prefix[0].length).trim();
      if (abstract === '') {
        rejects.push({ line: i + 1, reason: '"Abstract:" line with no text after it', excerpt: excerpt(line) });
        open = null;
        continue;
      }
      open = {
        source: { path, line: i + 1, format: NAME },
        ids: {},
        title: null,
        abstract,
        authors: [],
        authorsTruncated: false,
        date: null,
        categories: [],
        codeUrls: [],
        orgs: [],
      };
      records.push(open);
    } else if (open) {
      open.abstract = `${open.abstract} ${line}`;
    } else {
      rejects.push({ line: i + 1, reason: 'line does not start with "Abstract:" and continues no abstract', excerpt: excerpt(line) });
    }
  }
  return { records, rejects };
}

export const abstractLines: InputFormat = {
  name: NAME,
  description: 'One abstract per line, each line starting "Abstract:" (no titles or ids)',
  detection: 'at least half of the non-blank lines start with "Abstract:"',
  detect,
  parse,
  parseLines,
};
