/**
 * Reading input paths from disk: folders are walked recursively (sorted, hidden files skipped),
 * each file is decoded (ingest/decode.ts); what cannot be read is returned with the reason so the
 * rest of the batch goes on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { InputText } from '../pipeline.js';
import { decode } from '../ingest/decode.js';

/** Files above this size are refused with a message rather than exhausting memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

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

export function readInput(path: string): InputText {
  const shown = displayPath(path);
  try {
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) return { path: shown, error: `file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})` };
    const decoded = decode(readFileSync(path));
    return decoded.ok ? { path: shown, text: decoded.text } : { path: shown, error: decoded.reason };
  } catch (error) {
    return { path: shown, error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
