/**
 * Reading input paths from disk: folders are walked recursively (sorted, hidden files skipped),
 * each file is decoded (ingest/decode.ts); what cannot be read is returned with the reason so the
 * rest of the batch goes on.
 *
 * Files up to `streamAboveBytes` are read and decoded whole. Larger ones are streamed: their
 * encoding is decided here (the head sniffed, the whole file validated as UTF-8 one chunk at a
 * time), and the input carries a function that reads and decodes the file again in fixed-size
 * chunks whenever the pipeline pulls on it, so no more than a chunk of bytes is held.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { InputText } from '../pipeline.js';
import { decode, decodeChunks, isUtf8Chunks, sniff, SNIFF_BYTES } from '../ingest/decode.js';

/** Files above this size are refused with a message rather than exhausting memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export interface ReadOptions {
  /** Files larger than this many bytes are streamed instead of read whole. */
  streamAboveBytes: number;
  /** Bytes per read of a streamed file. */
  chunkBytes: number;
}

/**
 * 32 MiB: below it reading whole is faster and its memory (bytes + text) is small beside what
 * the build does with the records; 1 MiB reads keep the syscall count low (200 for 200 MB).
 */
export const DEFAULT_READ_OPTIONS: ReadOptions = { streamAboveBytes: 32 * 1024 * 1024, chunkBytes: 1024 * 1024 };

/**
 * Read options from the environment: LITGRAPH_STREAM_ABOVE (bytes; 0 streams every non-empty
 * file) and LITGRAPH_CHUNK_BYTES. Unset or invalid values keep the defaults.
 */
export function readOptionsFromEnv(env: NodeJS.ProcessEnv): ReadOptions {
  const bytes = (value: string | undefined, min: number, fallback: number): number => {
    const n = value === undefined || value.trim() === '' ? NaN : Number(value);
    return Number.isSafeInteger(n) && n >= min ? n : fallback;
  };
  return {
    streamAboveBytes: bytes(env.LITGRAPH_STREAM_ABOVE, 0, DEFAULT_READ_OPTIONS.streamAboveBytes),
    chunkBytes: bytes(env.LITGRAPH_CHUNK_BYTES, 1, DEFAULT_READ_OPTIONS.chunkBytes),
  };
}

function walk(path: string, out: string[], errors: InputText[]): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    errors.push({ path, error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return;
  }
  if (stat.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (error) {
      errors.push({ path, error: `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    for (const name of entries) if (!name.startsWith('.')) walk(join(path, name), out, errors);
  } else if (stat.isFile()) out.push(path);
  else errors.push({ path, error: 'not a regular file' });
}

/** Lists every file under the given paths, in a stable order. */
export function listInputFiles(paths: readonly string[]): { files: string[]; errors: InputText[] } {
  const files: string[] = [];
  const errors: InputText[] = [];
  for (const p of paths) walk(p, files, errors);
  return { files: [...new Set(files)], errors };
}

/** A path as shown in reports: relative to the working directory when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The bytes of a file from `from` on, in chunks of `chunkBytes` read into one reused buffer: a
 * chunk is valid only until the next is pulled. The file is closed when the loop ends or stops.
 */
export function* fileChunks(path: string, chunkBytes: number, from = 0): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (let position = from; ; ) {
      const n = readSync(fd, buffer, 0, chunkBytes, position);
      if (n === 0) return;
      position += n;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function readHead(path: string, bytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const chunk of fileChunks(path, bytes)) {
    parts.push(Uint8Array.from(chunk));
    length += chunk.length;
    if (length >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** A large file as an input whose text is decoded chunk by chunk each time it is pulled. */
function streamInput(path: string, shown: string, options: ReadOptions): InputText {
  const sniffed = sniff(readHead(path, SNIFF_BYTES));
  if (!sniffed.ok) return { path: shown, error: sniffed.reason };
  const { bomBytes } = sniffed;
  const { chunkBytes } = options;
  // One pass over the bytes decides UTF-8 or Latin-1 for the whole file, as decode() does.
  const encoding = sniffed.encoding !== 'utf-8' || isUtf8Chunks(fileChunks(path, chunkBytes, bomBytes)) ? sniffed.encoding : 'latin-1';
  return { path: shown, pieces: () => decodeChunks(fileChunks(path, chunkBytes), encoding, bomBytes) };
}

export function readInput(path: string): InputText {
  return readInputWith(path, DEFAULT_READ_OPTIONS);
}

export function readInputWith(path: string, options: ReadOptions): InputText {
  const shown = displayPath(path);
  try {
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) return { path: shown, error: `file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})` };
    if (size > options.streamAboveBytes) return streamInput(path, shown, options);
    const decoded = decode(readFileSync(path));
    return decoded.ok ? { path: shown, text: decoded.text } : { path: shown, error: decoded.reason };
  } catch (error) {
    return { path: shown, error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
