/**
 * JSON lines from a stream of lines, for the formats that read JSON lines or one JSON document
 * =========================================================================================
 *
 * csl-json, openalex, s2-json and s2orc parse a whole text as JSON lines when
 * biblio.looksLikeJsonLines() says so (its first non-blank line is a JSON object of its own and
 * another line follows), else as one JSON document. Their parseLines hand the lines to
 * forEachStreamedJsonLine(), which reads just enough lines to make that same decision: JSON lines
 * are then parsed one at a time as they arrive, as biblio.forEachJsonLine() does for a whole text;
 * a JSON document cannot be parsed in parts, so its lines are joined and the caller parses the
 * text whole, as if the file had not been streamed.
 */
import type { Reject } from '../types.js';
import { looksLikeJsonLines, reject, type Json } from './biblio.js';
import { tryJsonParse } from './json-positions.js';

/** looksLikeJsonLines() reads at most this many characters (its own cut-off). */
const DECISION_CHARS = 1_000_000;

/**
 * Calls `each` with every non-blank line's JSON value and line number, a line that is not JSON
 * becoming a reject, and returns null; or, when the lines are one JSON document rather than JSON
 * lines, returns the whole text for the caller to parse.
 */
export function forEachStreamedJsonLine(lines: Iterable<string>, rejects: Reject[], each: (value: Json, line: number) => void): string | null {
  const iterator = lines[Symbol.iterator]();
  // Enough lines to decide as looksLikeJsonLines() decides on the whole text: two non-blank
  // lines, or everything up to its cut-off, or the end.
  const head: string[] = [];
  let chars = 0;
  let nonBlank = 0;
  let ended = false;
  while (nonBlank < 2 && chars <= DECISION_CHARS) {
    const next = iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    chars += next.value.length + 1;
    if (next.value.trim() !== '') nonBlank++;
  }
  const rest: Iterable<string> = { [Symbol.iterator]: () => iterator };
  if (!looksLikeJsonLines(head.join('\n'))) {
    if (!ended) for (const line of rest) head.push(line);
    return head.join('\n');
  }
  let n = 0;
  const parseLine = (text: string): void => {
    n++;
    if (text.trim() === '') return;
    const p = tryJsonParse(text);
    if (p.ok) each(p.value, n);
    else rejects.push(reject(n, `invalid JSON: ${p.error}`, text));
  };
  for (const line of head) parseLine(line);
  head.length = 0;
  if (!ended) for (const line of rest) parseLine(line);
  return null;
}
