/**
 * JSON element positions
 * ======================
 *
 * JSON.parse gives values but no positions, and every record needs the line its entry starts on
 * (STYLE.md habit 5). This is a light, single-pass scanner that finds where each element of the
 * interesting arrays starts and ends — the root array (`[ {...}, {...} ]`) and arrays that are
 * direct members of a root object (`{"data": [ ... ]}`) — without building any values.
 *
 * It is linear in the text: each character is visited once, strings are skipped with a simple
 * escape-aware loop, and nothing is re-scanned. It tolerates malformed JSON (missing commas,
 * truncated files, unterminated strings) so that a parser can still salvage the intact entries
 * and name the broken one: an element that never closes gets `end: -1`.
 */

/** Where one array element sits in the text: [start, end) character offsets. */
export interface ElementSpan {
  start: number;
  /** Offset just past the element's last character, or -1 when the file ends inside it. */
  end: number;
}

/** The elements of one tracked array. */
export interface ArraySpans {
  /** JSON-pointer-like path of the array: "" for the root array, "/data" for a root member. */
  pointer: string;
  /** Offset of the array's `[`. */
  start: number;
  elements: ElementSpan[];
  /** False when the file ends before the array's `]`. */
  closed: boolean;
}

export interface JsonScan {
  /** What the first significant character announces. */
  root: 'array' | 'object' | 'other' | 'empty';
  /** Tracked arrays by pointer ("" and "/<member>"). */
  arrays: Map<string, ArraySpans>;
}

interface Frame {
  kind: 'array' | 'object';
  /** The spans being filled when this array is tracked, else null. */
  tracked: ArraySpans | null;
  /** Array: a new element may start (after `[` or `,`). */
  awaiting: boolean;
  /** Array: offset of the element in progress, or -1. */
  elemStart: number;
  /** Object: the next string is a key (true) or a value (false). */
  expectKey: boolean;
  /** Object: the last key read, raw (only kept for the root object). */
  lastKey: string | null;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Offset just past the string starting at `i` (a `"`), or text.length when it never closes. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) j += 2;
    else if (c === 0x22 /* " */) return j + 1;
    else j++;
  }
  return n;
}

/** Reads a raw object key (between quotes) without JSON.parse: escapes are rare in keys. */
function rawKey(text: string, start: number, end: number): string {
  return text.slice(start + 1, Math.max(start + 1, end - 1));
}

/**
 * Scans JSON text once and returns the element spans of the root array, or of the arrays that
 * are direct members of the root object. Never throws.
 */
export function scanJsonArrays(text: string): JsonScan {
  const arrays = new Map<string, ArraySpans>();
  const stack: Frame[] = [];
  const n = text.length;
  let root: JsonScan['root'] = 'empty';
  // Offset just past the last significant (non-space) character: where an element ends when a
  // `,` or `]` closes it.
  let lastEnd = 0;

  const top = (): Frame | undefined => stack[stack.length - 1];

  /** Called on every significant character at the level of the top frame before handling it. */
  const beginValue = (at: number): void => {
    const f = top();
    if (!f || f.kind !== 'array' || !f.tracked) return;
    if (f.elemStart !== -1 && !f.awaiting) {
      // A value follows a finished element without a comma: close the previous one here.
      f.tracked.elements.push({ start: f.elemStart, end: lastEnd });
    }
    f.elemStart = at;
    f.awaiting = false;
  };

  const closeElement = (f: Frame): void => {
    if (f.tracked && f.elemStart !== -1) f.tracked.elements.push({ start: f.elemStart, end: lastEnd });
    f.elemStart = -1;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (root === 'empty') {
      root = c === 0x5b ? 'array' : c === 0x7b ? 'object' : c === 0xfeff ? 'empty' : 'other';
      if (root === 'other') return { root, arrays };
      if (c === 0xfeff) {
        i++;
        continue;
      }
    }
    const f = top();
    if (c === 0x22 /* " */) {
      const end = skipString(text, i);
      if (f && f.kind === 'object' && f.expectKey) {
        if (stack.length === 1) f.lastKey = rawKey(text, i, end);
      } else {
        beginValue(i);
      }
      lastEnd = end;
      i = end;
      continue;
    }
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (f) beginValue(i);
      let tracked: ArraySpans | null = null;
      if (c === 0x5b) {
        if (stack.length === 0) tracked = { pointer: '', start: i, elements: [], closed: false };
        else if (stack.length === 1 && f && f.kind === 'object' && f.lastKey !== null && !arrays.has(`/${f.lastKey}`)) {
          tracked = { pointer: `/${f.lastKey}`, start: i, elements: [], closed: false };
        }
        if (tracked) arrays.set(tracked.pointer, tracked);
      }
      stack.push({
        kind: c === 0x5b ? 'array' : 'object',
        tracked,
        awaiting: true,
        elemStart: -1,
        expectKey: true,
        lastKey: null,
      });
      lastEnd = i + 1;
      i++;
      continue;
    }
    if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (f) {
        if (f.kind === 'array') {
          closeElement(f);
          if (f.tracked) f.tracked.closed = true;
        }
        stack.pop();
        const parent = top();
        if (parent && parent.kind === 'object') parent.expectKey = false;
      }
      lastEnd = i + 1;
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      if (f) {
        if (f.kind === 'array') {
          closeElement(f);
          f.awaiting = true;
        } else {
          f.expectKey = true;
        }
      }
      i++;
      continue;
    }
    if (c === 0x3a /* : */) {
      if (f && f.kind === 'object') f.expectKey = false;
      i++;
      continue;
    }
    // A number or literal (true, false, null) or stray characters: one token up to a delimiter.
    if (f) beginValue(i);
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isSpace(d) || d === 0x2c || d === 0x5d || d === 0x7d || d === 0x3a || d === 0x22 || d === 0x5b || d === 0x7b) break;
      j++;
    }
    lastEnd = j;
    i = j;
  }
  // The file ended: any element still open never closed.
  for (const f of stack) {
    if (f.kind === 'array' && f.tracked && f.elemStart !== -1) f.tracked.elements.push({ start: f.elemStart, end: -1 });
  }
  return { root, arrays };
}

/**
 * A function from character offset to 1-based line number. Builds the newline table once
 * (linear), then answers each lookup by binary search.
 */
export function lineLocator(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The character offset a JSON.parse error names, if any. V8 says "... in JSON at position 57"
 * (Node 20) and may add "(line 3 column 5)" (Node 22); "Unexpected end of JSON input" names none.
 */
export function jsonErrorOffset(error: unknown, textLength: number): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/end of JSON input/i.test(message)) return Math.max(0, textLength - 1);
  return null;
}

/** Parses JSON without throwing. */
export function tryJsonParse(text: string): { ok: true; value: unknown } | { ok: false; error: string; offset: number | null } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message, offset: jsonErrorOffset(error, text.length) };
  }
}
