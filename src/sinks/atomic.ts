/**
 * Atomic file writes: each output is written to a temporary file beside its target and renamed
 * into place only when complete, so an interrupted build never leaves a half-written file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, openSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

/** A set of files that appear together: all are written to temp files first, then renamed. */
export class AtomicBatch {
  private readonly pending: { temp: string; target: string }[] = [];

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

  /** Moves every temp file into place. */
  commit(): void {
    for (const { temp, target } of this.pending) renameSync(temp, target);
    this.pending.length = 0;
  }

  /** Removes the temp files of an abandoned batch. */
  abort(): void {
    for (const { temp } of this.pending) rmSync(temp, { force: true });
    this.pending.length = 0;
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
