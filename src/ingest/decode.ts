/**
 * Bytes → text, the one place encodings are decided: UTF-8 (with or without BOM), UTF-16 with a
 * BOM (or without one when every other byte is zero), and a Latin-1 fallback for bytes that are
 * not valid UTF-8. Line endings become "\n".
 * Binary files (NUL bytes outside UTF-16, or mostly control bytes) are refused with a reason.
 */

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1' }
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

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: normaliseNewlines(new TextDecoder('utf-16le').decode(bytes.subarray(2))), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: normaliseNewlines(new TextDecoder('utf-16be').decode(bytes.subarray(2))), encoding: 'utf-16be' };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  const utf16 = body === bytes ? bomlessUtf16(bytes) : null;
  if (utf16) return { ok: true, text: normaliseNewlines(new TextDecoder(utf16).decode(bytes)), encoding: utf16 };
  if (looksBinary(body)) {
    return { ok: false, reason: 'binary file (NUL or control bytes): not a text listing' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, text: normaliseNewlines(text), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: normaliseNewlines(new TextDecoder('latin1').decode(body)), encoding: 'latin-1' };
  }
}
