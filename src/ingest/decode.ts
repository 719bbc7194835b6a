/**
 * Bytes → text, the one place encodings are decided: UTF-8 (with or without BOM), UTF-16 with a
 * BOM (or without one when every other byte is zero), and a Latin-1 fallback for bytes that are
 * not valid UTF-8. Line endings become "\n".
 * Binary files (NUL bytes outside UTF-16, or mostly control bytes) are refused with a reason.
 *
 * Two ways in, one set of rules: decode() takes a whole file; sniff() + isUtf8Chunks() +
 * decodeChunks() take a large file chunk by chunk (src/cli/read-inputs.ts) and give the same
 * text in pieces. sniff() needs only the first SNIFF_BYTES bytes (BOMs, the UTF-16 and binary
 * tests look no further); UTF-8 versus Latin-1 is decided by validating every chunk first, so a
 * stray byte near the end of a 200 MB file makes it Latin-1 exactly as reading it whole does.
 */
import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: string };

const BINARY_SAMPLE = 8192;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * UTF-16 without a byte-order mark (some Windows tools write it): in text that is mostly ASCII
 * every other byte is zero. Returns the byte order when nearly all the zeros of the sample sit
 * on one side and nearly none on the other; null otherwise (a real binary file has zeros on both).
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, BINARY_SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= 0.9 * pairs && evenZeros <= 0.02 * pairs) return 'utf-16le';
  if (evenZeros >= 0.9 * pairs && oddZeros <= 0.02 * pairs) return 'utf-16be';
  return null;
}

/** Normalises CRLF and lone CR line endings to LF. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * What the head of a file decides: its encoding (UTF-8 here means "UTF-8 unless validation
 * finds a byte that is not"), how many BOM bytes to skip, or why it is not text.
 */
export type Sniffed = { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomBytes: number } | { ok: false; reason: string };

/** How many leading bytes sniff() looks at: a 3-byte BOM plus the binary / UTF-16 sample. */
export const SNIFF_BYTES = 3 + BINARY_SAMPLE;

export function sniff(head: Uint8Array): Sniffed {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { ok: true, encoding: 'utf-16le', bomBytes: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { ok: true, encoding: 'utf-16be', bomBytes: 2 };
  const bomBytes = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const utf16 = bomBytes === 0 ? bomlessUtf16(head) : null;
  if (utf16) return { ok: true, encoding: utf16, bomBytes: 0 };
  if (looksBinary(head.subarray(bomBytes))) return { ok: false, reason: 'binary file (NUL or control bytes): not a text listing' };
  return { ok: true, encoding: 'utf-8', bomBytes };
}

/** The WHATWG label each encoding is decoded with ('latin1' is windows-1252, as in decode()). */
const DECODER_LABEL: Record<Encoding, string> = { 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'latin-1': 'latin1' };

export function decode(bytes: Uint8Array): Decoded {
  const sniffed = sniff(bytes);
  if (!sniffed.ok) return sniffed;
  const body = bytes.subarray(sniffed.bomBytes);
  if (sniffed.encoding !== 'utf-8') {
    return { ok: true, text: normaliseNewlines(new TextDecoder(sniffed.encoding).decode(body)), encoding: sniffed.encoding };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, text: normaliseNewlines(text), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: normaliseNewlines(new TextDecoder('latin1').decode(body)), encoding: 'latin-1' };
  }
}

/**
 * Bytes at the end of a chunk that start a UTF-8 sequence the chunk does not finish; they are
 * validated with the next chunk. Returns the index where that unfinished sequence starts.
 */
function unfinishedTail(chunk: Uint8Array): number {
  for (let i = chunk.length - 1; i >= 0 && i >= chunk.length - 4; i--) {
    const b = chunk[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > chunk.length ? i : chunk.length;
  }
  return chunk.length;
}

/**
 * True when the chunks, taken together, are valid UTF-8 (what decode()'s fatal TextDecoder
 * accepts), without holding more than one chunk: node's isUtf8 (simdutf) per chunk, a sequence
 * cut by a chunk boundary carried over to the next one.
 */
export function isUtf8Chunks(chunks: Iterable<Uint8Array>): boolean {
  let carry: Uint8Array = new Uint8Array(0);
  for (const chunk of chunks) {
    const joined = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const cut = unfinishedTail(joined);
    if (!isUtf8(joined.subarray(0, cut))) return false;
    carry = Uint8Array.from(joined.subarray(cut));
  }
  return carry.length === 0;
}

/**
 * Decodes chunks of a file into pieces of text with LF line endings; the pieces joined are
 * exactly decode()'s text of the whole file when `encoding` and `bomBytes` are what sniff() and
 * isUtf8Chunks() decided. A character or a CRLF pair split across chunks is put back together
 * (TextDecoder's stream mode, and a trailing CR held back until the next piece shows whether an
 * LF follows).
 */
export function* decodeChunks(chunks: Iterable<Uint8Array>, encoding: Encoding, bomBytes: number): Generator<string> {
  const decoder = new TextDecoder(DECODER_LABEL[encoding]);
  let skip = bomBytes;
  let heldCR = false;
  const normalise = (decoded: string): string => {
    let piece = heldCR ? `\r${decoded}` : decoded;
    heldCR = piece.endsWith('\r');
    if (heldCR) piece = piece.slice(0, -1);
    return normaliseNewlines(piece);
  };
  for (const chunk of chunks) {
    let bytes = chunk;
    if (skip > 0) {
      const n = Math.min(skip, bytes.length);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    if (bytes.length === 0) continue;
    const piece = normalise(decoder.decode(bytes, { stream: true }));
    if (piece !== '') yield piece;
  }
  const last = normalise(decoder.decode());
  if (last !== '') yield last;
  if (heldCR) yield '\n';
}
