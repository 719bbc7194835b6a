/**
 * Independent entry counts for the accounting test
 * ================================================
 *
 * For each format, plain text scans — sharing no code with the parsers — that find where each
 * entry of a file is anchored: the line that starts it (`start` anchors: an entry runs to the
 * line before the next anchor) or the line that closes it (`end` anchors: an arXiv listing's
 * `arXiv:` line, whose entry runs from just after the previous one). A format without a counter
 * here is reported by the accounting test as not yet counted.
 */

export interface Anchors {
  kind: 'start' | 'end';
  /** 1-based line numbers, ascending. */
  lines: number[];
  /** How the count was made, for messages. */
  rule: string;
}

const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

function linesWhere(text: string, test: (line: string, i: number, all: string[]) => boolean): number[] {
  const all = splitLines(text);
  const out: number[] = [];
  all.forEach((line, i) => {
    if (test(line, i, all)) out.push(i + 1);
  });
  return out;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** Blank-line-separated blocks with their first line number. */
function blocks(text: string): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let cur: { line: number; lines: string[] } | null = null;
  splitLines(text).forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') cur = null;
    else {
      if (!cur) {
        cur = { line: i + 1, lines: [] };
        out.push(cur);
      }
      cur.lines.push(l);
    }
  });
  return out;
}

/** The hf-page count: one entry per title block (one short line, no final full stop). */
function hfPageTitles(text: string): number[] {
  const chrome = new Set(['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community']);
  const isDate = (l: string) => new RegExp(`^${MONTH}[a-z]*\\.? \\d{1,2}(, \\d{4})?( \\d+)?$`).test(l);
  const out: number[] = [];
  let afterChrome = false;
  for (const b of blocks(text)) {
    const first = b.lines[0];
    if (b.lines.every((l) => chrome.has(l))) {
      afterChrome = true;
      continue;
    }
    // The listing date right under the page header.
    if (afterChrome && b.lines.length === 1 && isDate(first)) {
      afterChrome = false;
      continue;
    }
    afterChrome = false;
    // Metadata blocks: author counts, the "·" line, dates, an organisation line above "·".
    if (b.lines.some((l) => l === '·' || l.startsWith('•')) || (b.lines.length === 1 && isDate(first))) continue;
    if (b.lines.length === 1 && first.length <= 300 && !/[.!?]$/.test(first)) out.push(b.line);
  }
  return out;
}

/**
 * Lines where an element of the records array of a JSON document starts: the top-level array,
 * or the `data` / `results` array of a wrapper object. A character scanner (strings skipped),
 * so a malformed or truncated file is still counted.
 */
function jsonElementStarts(text: string): number[] {
  const out: number[] = [];
  const stack: { kind: '[' | '{'; key: string | null; expectElement: boolean }[] = [];
  let line = 1;
  let lastKey: string | null = null;
  const isRecordsArray = () =>
    stack.length >= 1 &&
    stack[stack.length - 1].kind === '[' &&
    (stack.length === 1 || (stack.length === 2 && stack[0].kind === '{' && ['data', 'results', 'items'].includes(stack[1].key ?? '')));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const top = stack[stack.length - 1];
    if (top?.kind === '[' && top.expectElement && c !== ']') {
      top.expectElement = false;
      if (isRecordsArray()) out.push(line);
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') j++;
        else if (text[j] === '\n') line++;
        s += text[j] ?? '';
        j++;
      }
      i = j;
      lastKey = s;
    } else if (c === '[' || c === '{') {
      stack.push({ kind: c, key: lastKey, expectElement: c === '[' });
      lastKey = null;
    } else if (c === ']' || c === '}') {
      stack.pop();
    } else if (c === ',') {
      if (top?.kind === '[') top.expectElement = true;
    }
  }
  return out;
}

export const COUNTERS: Readonly<Record<string, (text: string) => Anchors>> = {
  'arxiv-listing': (text) => ({ kind: 'end', lines: linesWhere(text, (l) => /^arXiv:/i.test(l.trim())), rule: '"arXiv:" lines' }),
  'abstract-lines': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /^\s*abstract\s*:/i.test(l)), rule: '"Abstract:" lines' }),
  'author-profile': (text) => ({
    kind: 'start',
    lines: linesWhere(text, (l) => new RegExp(`^[A-Za-z-]{2,15}${MONTH}\\s?\\d{1,2}(,\\s*\\d{4})?(Code)?$`).test(l.trim())),
    rule: '"<category><Mon D[, YYYY]>[Code]" lines',
  }),
  'hf-page': (text) => ({ kind: 'start', lines: hfPageTitles(text), rule: 'one-line title blocks' }),
  'arxiv-digest': (text) => {
    // Each entry opens with a "\\" line directly followed by its "arXiv:" line.
    const all = splitLines(text);
    const lines: number[] = [];
    all.forEach((l, i) => {
      if (!l.startsWith('arXiv:')) return;
      for (let k = i - 1; k >= 0; k--) {
        if (all[k].trim() === '') continue;
        if (all[k].trim() === '\\\\') lines.push(k + 1);
        return;
      }
    });
    return { kind: 'start', lines, rule: '"\\\\" lines followed by an "arXiv:" line' };
  },
  'arxiv-abs-md': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /^##[ \t]/.test(l) || /^[ \t]{0,3}<h2\b/i.test(l)), rule: '"## " and <h2> headings' }),
  'hf-api': (text) => jsonEntries(text),
  'csl-json': (text) => jsonEntries(text),
  'openalex': (text) => jsonEntries(text),
  's2-json': (text) => jsonEntries(text),
  's2orc': (text) => jsonEntries(text),
  'unarxive': (text) => jsonEntries(text),
  'bibtex': (text) => ({
    kind: 'start',
    lines: linesWhere(text, (l) => /^\s*@\s*[A-Za-z]+\s*[{(]/.test(l) && !/^\s*@\s*(?:string|preamble|comment)\b/i.test(l)),
    rule: '"@type{" lines other than @string, @preamble, @comment',
  }),
  'ris': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /^TY {2}- /.test(l)), rule: '"TY  - " lines' }),
  'arxiv-atom': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /<entry[\s>]/.test(l)), rule: '<entry> elements' }),
  'tei': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /<TEI[\s>]/.test(l)), rule: '<TEI> elements' }),
  'jats': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /<article[\s>]/.test(l)), rule: '<article> elements' }),
  'acl-xml': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /<paper[\s>]/.test(l)), rule: '<paper> elements' }),
  'aan-metadata': (text) => ({ kind: 'start', lines: linesWhere(text, (l) => /^\s*id\s*=\s*\{/.test(l)), rule: '"id = {" lines' }),
  'aan-citations': (text) => ({ kind: 'start', lines: pairLines(text), rule: 'non-blank lines' }),
  'edge-list': (text) => ({ kind: 'start', lines: pairLines(text), rule: 'non-blank lines but a header' }),
};

/** Lines of a pair list: non-blank, not a # comment, not a header of words only (the first line). */
function pairLines(text: string): number[] {
  return linesWhere(text, (l, i, all) => {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) return false;
    const firstContent = all.findIndex((x) => x.trim() !== '' && !x.trim().startsWith('#'));
    return !(i === firstContent && /^[A-Za-z_\s,;|-]+$/.test(t));
  });
}

/**
 * Entries of a JSON document: the elements of its array (or of its data/results/items array),
 * one entry for a single object; JSON Lines: one entry per non-blank line. A file that does not
 * parse is scanned as an array, or as JSON Lines when its first line is a JSON object by itself.
 */
function jsonEntries(text: string): Anchors {
  const firstLine = (text.split(/\r\n|\r|\n/).findIndex((l) => l.trim() !== '') + 1) || 1;
  let doc: unknown;
  let parsed = false;
  try {
    doc = JSON.parse(text);
    parsed = true;
  } catch {
    // Not one JSON document: JSON Lines, or a damaged array.
  }
  if (parsed) {
    const wrapper = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
    if (Array.isArray(doc) || ['data', 'results', 'items'].some((k) => Array.isArray(wrapper?.[k]))) {
      return { kind: 'start', lines: jsonElementStarts(text), rule: 'elements of the JSON array (or its data/results array)' };
    }
    return { kind: 'start', lines: [firstLine], rule: 'one JSON object' };
  }
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines[firstLine - 1]?.trim() ?? '';
  let firstIsObject = false;
  try {
    firstIsObject = first.startsWith('{') && typeof JSON.parse(first) === 'object';
  } catch {
    firstIsObject = false;
  }
  if (firstIsObject) return { kind: 'start', lines: linesWhere(text, (l) => l.trim() !== ''), rule: 'JSON Lines (non-blank lines)' };
  const starts = jsonElementStarts(text);
  return { kind: 'start', lines: starts.length > 0 ? starts : [firstLine], rule: 'elements of a damaged JSON array' };
}

/** The line spans [from, to] of the entries the anchors mark, in a file of `lineCount` lines. */
export function entrySpans(anchors: Anchors, lineCount: number): [number, number][] {
  const { lines } = anchors;
  if (anchors.kind === 'start') return lines.map((l, i) => [l, (lines[i + 1] ?? lineCount + 1) - 1]);
  // End anchors: from after the previous anchor's block to this anchor's block (the line after it too,
  // e.g. "Created:").
  return lines.map((l, i) => [i === 0 ? 1 : lines[i - 1] + 2, l + 1]);
}
