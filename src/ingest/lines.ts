/**
 * Lines — what line-oriented parsers read, from a whole text or from a stream of pieces
 * ===================================================================================
 *
 * A format with `parseLines` (format.ts) takes an Iterable of lines without their "\n"; the nth
 * string is line n, and the last one is whatever follows the final "\n" (often ""), exactly as
 * `text.split('\n')`. textLines() gives them from a whole text, pieceLines() from the decoded
 * pieces of a streamed file (decode.ts decodeChunks), so one parser serves both.
 */

/** The lines of a whole text, lazily: the same strings as text.split('\n'). */
export function* textLines(text: string): Generator<string> {
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    yield text.slice(start, nl);
    start = nl + 1;
  }
  yield text.slice(start);
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. V8 represents a slice
 * of 13 or more characters as a pointer into its parent, so a record keeping one line of a 1 MB
 * piece would keep the whole piece alive, and a file's records would keep the whole file. Joining
 * a one-character prefix and slicing it off again makes V8 flatten into a string of its own.
 */
export function detached(s: string): string {
  return (` ${s}`).slice(1);
}

/**
 * The lines of a text given in pieces (a line may span pieces), each a detached copy so that
 * nothing a parser keeps pins a piece. Joined with "\n" they are the pieces joined.
 */
export function* pieceLines(pieces: Iterable<string>): Generator<string> {
  let carry = '';
  for (const piece of pieces) {
    let nl = piece.indexOf('\n');
    if (nl === -1) {
      carry += piece;
      continue;
    }
    yield detached(carry + piece.slice(0, nl));
    let start = nl + 1;
    for (nl = piece.indexOf('\n', start); nl !== -1; nl = piece.indexOf('\n', start)) {
      yield detached(piece.slice(start, nl));
      start = nl + 1;
    }
    carry = piece.slice(start);
  }
  yield detached(carry);
}
