/**
 * Atomic file writes: each output is written to a temporary file beside its target and renamed
 * into place only when complete, so an interrupted build never leaves a half-written file.
 *
 * `writeAsync` is the build's form: the file's bytes go to disk from libuv's thread pool while
 * this thread serialises the next megabyte, and every file's fsync waits for `commitAsync`, which
 * runs them together. Writing one 100k-paper build (700 MB) took 20.2, 21.1 and 19.6 s with the
 * blocking writes and 18.7, 17.5 and 17.8 s this way (BENCHMARKS.md, 2026-12-06).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, openSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** Size of each of the two buffers `writeAsync` encodes into (a few megabytes per write call). */
const PIECE_BYTES = 4 << 20;

/** Writes bytes 0 … length − 1 of `bytes`, however many calls it takes. */
async function writeAll(handle: FileHandle, bytes: Uint8Array, length = bytes.byteLength): Promise<void> {
  for (let at = 0; at < length; ) at += (await handle.write(bytes, at, length - at)).bytesWritten;
}

/**
 * `content` encoded as UTF-8 into two buffers in turn, as (buffer, bytes used) pieces of up to
 * 4 MB; a chunk too large for a buffer comes as a piece of its own. A buffer is filled again
 * only after the next piece has been taken, so a consumer that finishes writing one piece before
 * it takes the next may write each in the background. (Joining chunks into a string and writing
 * that made Node flatten it and encode it into a fresh 3 MB allocation per megabyte on this
 * thread: 2.7 s of a 100k-paper build's write.)
 */
function* encodedPieces(content: Iterable<string>): Iterable<[Uint8Array, number]> {
  const pieces = [Buffer.allocUnsafe(PIECE_BYTES), Buffer.allocUnsafe(PIECE_BYTES)];
  let current = 0;
  let used = 0;
  for (const chunk of content) {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8, so a chunk that fits by that count
    // is written whole (Buffer#write stops at the end of the buffer).
    if (used + 3 * chunk.length > PIECE_BYTES) {
      if (used > 0) {
        yield [pieces[current], used];
        current ^= 1;
        used = 0;
      }
      if (3 * chunk.length > PIECE_BYTES) {
        const whole = Buffer.from(chunk, 'utf8');
        yield [whole, whole.byteLength];
        continue;
      }
    }
    used += pieces[current].write(chunk, used, 'utf8');
  }
  if (used > 0) yield [pieces[current], used];
}

/** Appends the bytes of the file at `path`: two pieces, one read while the other is written. */
async function appendFile(handle: FileHandle, path: string): Promise<void> {
  const source = await open(path, 'r');
  try {
    const pieces = [Buffer.allocUnsafe(PIECE_BYTES), Buffer.allocUnsafe(PIECE_BYTES)];
    let writing: Promise<void> = Promise.resolve();
    for (let current = 0; ; current ^= 1) {
      const { bytesRead } = await source.read(pieces[current], 0, PIECE_BYTES, null);
      await writing;
      if (bytesRead === 0) break;
      writing = writeAll(handle, pieces[current], bytesRead);
    }
  } finally {
    await source.close();
  }
}

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

/** A set of files that appear together: all are written to temp files first, then renamed. */
export class AtomicBatch {
  private readonly pending: { temp: string; target: string; handle?: FileHandle }[] = [];
  /** Scratch files: parts of a file written ahead (`writeAheadSync`), removed by commit and abort. */
  private readonly scratch: string[] = [];
  /** Opens of temp files not yet completed (`openAsync`). */
  private readonly opening = new Set<Promise<FileHandle>>();
  /** Temp files `abort` removed (`settleAbort` removes them again once the opens have settled). */
  private readonly aborted: string[] = [];

  /** Writes `chunks` (joined) to a temp file for `path`; returns the temp file's path. */
  write(path: string, content: string | Uint8Array | Iterable<string>): string {
    mkdirSync(dirname(path), { recursive: true });
    const temp = tempName(path);
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(temp, content);
    else {
      const fd = openSync(temp, 'w');
      try {
        let buffer = '';
        for (const chunk of content) {
          buffer += chunk;
          if (buffer.length > 1 << 20) {
            writeSync(fd, buffer);
            buffer = '';
          }
        }
        if (buffer) writeSync(fd, buffer);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.pending.push({ temp, target: path });
    return temp;
  }

  /**
   * Writes `content` to a temp file for `path` as `write` does, but with the disk writes in the
   * background: chunks are encoded into pieces of up to 4 MB and each piece is handed to the
   * thread pool while the next one is made (`tail`: a scratch file from `writeAheadSync` to end with). Resolves, with the temp file's path, once every byte
   * is written (the file's size and mtime are final); the file stays open until `commitAsync`
   * syncs it.
   */
  async writeAsync(path: string, content: string | Uint8Array | Iterable<string>, tail?: string): Promise<string> {
    const { temp, handle } = await this.openAsync(path);
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else {
      // One piece in flight while the next is encoded (encodedPieces reuses a buffer only after
      // the write of it has been awaited here).
      let inFlight: Promise<void> = Promise.resolve();
      for (const [bytes, length] of encodedPieces(content)) {
        await inFlight;
        inFlight = writeAll(handle, bytes, length);
      }
      await inFlight;
    }
    if (tail !== undefined) await appendFile(handle, tail);
    return temp;
  }

  /**
   * Writes `content` now, synchronously, to a scratch file beside `path`, for a later
   * `writeAsync(path, …, tail)` to end with (the part of a file that is final before the rest:
   * graph.json's edges, serialised while the layout's worker places the nodes). Returns the
   * scratch file's path; it is removed when the batch is committed or aborted.
   */
  writeAheadSync(path: string, content: Iterable<string>): string {
    mkdirSync(dirname(path), { recursive: true });
    const scratch = `${tempName(path)}-tail`;
    this.scratch.push(scratch);
    const fd = openSync(scratch, 'w');
    try {
      for (const [bytes, length] of encodedPieces(content)) for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at);
    } finally {
      closeSync(fd);
    }
    return scratch;
  }

  /** `writeAsync` of bytes given in pieces, written one after another as they are (no joined copy). */
  async writePiecesAsync(path: string, pieces: readonly Uint8Array[]): Promise<string> {
    const { temp, handle } = await this.openAsync(path);
    for (const piece of pieces) await writeAll(handle, piece);
    return temp;
  }

  /** Opens the temp file for `path`, left open until `commitAsync`. */
  private async openAsync(path: string): Promise<{ temp: string; handle: FileHandle }> {
    mkdirSync(dirname(path), { recursive: true });
    const temp = tempName(path);
    // Listed before the file exists: an abort while the open is in flight still knows its name.
    const entry: { temp: string; target: string; handle?: FileHandle } = { temp, target: path };
    this.pending.push(entry);
    const opening = open(temp, 'w');
    this.opening.add(opening);
    try {
      entry.handle = await opening;
    } finally {
      this.opening.delete(opening);
    }
    return { temp, handle: entry.handle };
  }

  /** Syncs and closes the files `writeAsync` left open (all at once), then moves every temp file into place. */
  async commitAsync(): Promise<void> {
    await Promise.all(this.pending.map(async (p) => {
      if (!p.handle) return;
      await p.handle.sync();
      await p.handle.close();
      p.handle = undefined;
    }));
    this.commit();
  }

  /** Moves every temp file into place. */
  commit(): void {
    if (this.pending.some((p) => p.handle)) throw new Error('AtomicBatch: files written with writeAsync are committed with commitAsync');
    for (const { temp, target } of this.pending) renameSync(temp, target);
    this.pending.length = 0;
    this.removeScratch();
  }

  private removeScratch(): void {
    for (const scratch of this.scratch) rmSync(scratch, { force: true });
    this.scratch.length = 0;
  }

  /**
   * Removes the temp files of an abandoned batch. Synchronous, for signal handlers: a file
   * `writeAsync` left open is closed in the background (its data is going away anyway).
   */
  abort(): void {
    for (const { temp, handle } of this.pending) {
      if (handle) void handle.close().catch(() => undefined);
      rmSync(temp, { force: true });
      this.aborted.push(temp);
    }
    this.pending.length = 0;
    this.removeScratch();
  }

  /**
   * After `abort`: waits for the opens that were in flight and removes their files again (an
   * open that completed after `abort` created its file anew). A signal handler awaits this
   * before the process exits.
   */
  async settleAbort(): Promise<void> {
    const late = await Promise.allSettled([...this.opening]);
    for (const result of late) if (result.status === 'fulfilled') await result.value.close().catch(() => undefined);
    for (const temp of this.aborted) rmSync(temp, { force: true });
  }
}

export function writeFileAtomic(path: string, content: string | Uint8Array | Iterable<string>): void {
  const batch = new AtomicBatch();
  try {
    batch.write(path, content);
    batch.commit();
  } catch (error) {
    batch.abort();
    throw error;
  }
}
