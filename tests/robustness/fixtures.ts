/**
 * The material the robustness tests derive inputs from: each registered format's fixtures
 * (tests/fixtures/<format>/*) and the bundled seed listings, decoded the way the CLI decodes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../../src/ingest/decode.js';
import { detectFormat } from '../../src/ingest/index.js';
import { DETECT_CHARS } from '../../src/ingest/format.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES_DIR = join(ROOT, 'tests', 'fixtures');
export const SAMPLES_DIR = join(ROOT, 'graph-data', 'samples');

export interface TextFile {
  path: string;
  text: string;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

function readText(path: string): TextFile | null {
  const decoded = decode(readFileSync(path));
  return decoded.ok ? { path, text: decoded.text } : null;
}

/** tests/fixtures/<format>/** decoded; files decode() refuses (binary by design) are left out. */
export function fixturesOf(format: string): TextFile[] {
  return filesUnder(join(FIXTURES_DIR, format))
    .map(readText)
    .filter((f): f is TextFile => f !== null);
}

/** The seed listings with the format detection gives each. */
export function seeds(): (TextFile & { format: string | null })[] {
  return filesUnder(SAMPLES_DIR)
    .map(readText)
    .filter((f): f is TextFile => f !== null)
    .map((f) => ({ ...f, format: detectFormat({ path: f.path, head: f.text.slice(0, DETECT_CHARS) })?.name ?? null }));
}
