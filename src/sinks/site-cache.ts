/**
 * site-cache — the viewer's data files kept beside a build, reused while the build is unchanged
 * ===========================================================================================
 *
 * `litgraph view` turns graph.json, papers.jsonl and threads.json into the viewer's data files
 * (src/sinks/site.ts); on the ACL corpus that is about a minute of loading and computing. The
 * result is kept in `<build>/.viewer-cache/`, keyed by the size, modification time and inode of
 * each input (a build replaces its files by rename, so every build changes them) and by the
 * data format's revision. A later start whose key matches serves the cached files as they are.
 *
 * The cache is written into a temporary folder and renamed into place, so a folder named
 * `.viewer-cache` is always complete: an interrupted write leaves the previous cache (or none).
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FILES } from './json.js';
import { SITE_REVISION, SITE_SCHEMA } from './site.js';
import { AtomicBatch } from './atomic.js';

export const SITE_CACHE_DIR = '.viewer-cache';
const MANIFEST = 'manifest.json';
/** The build outputs the site data is computed from. */
const INPUTS = [OUTPUT_FILES.graph, OUTPUT_FILES.papers, OUTPUT_FILES.threads] as const;

/** What identifies one input file's version: absent, or its size, modification time and inode. */
export type InputStamp = { name: string; missing: true } | { name: string; size: number; mtimeMs: number; ino: number };

export interface SiteCacheKey {
  schema: number;
  revision: number;
  inputs: InputStamp[];
}

export interface SiteCacheManifest extends SiteCacheKey {
  /** Node count, for the server's start line. */
  nodes: number;
  /** Site paths of the cached files. */
  files: string[];
}

export function siteCacheKey(graphDir: string): SiteCacheKey {
  const inputs = INPUTS.map((name): InputStamp => {
    const path = join(graphDir, name);
    if (!existsSync(path)) return { name, missing: true };
    const s = statSync(path);
    return { name, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  });
  return { schema: SITE_SCHEMA, revision: SITE_REVISION, inputs };
}

const sameKey = (a: SiteCacheKey, b: SiteCacheKey) => JSON.stringify([a.schema, a.revision, a.inputs]) === JSON.stringify([b.schema, b.revision, b.inputs]);

/** The cached files (site path → contents) if the cache exists and matches `key`, else null. */
export function readSiteCache(graphDir: string, key: SiteCacheKey): { files: Map<string, Buffer>; nodes: number } | null {
  const dir = join(graphDir, SITE_CACHE_DIR);
  let manifest: SiteCacheManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as SiteCacheManifest;
  } catch {
    return null; // no cache, or not one we can read
  }
  if (!Array.isArray(manifest.files) || !sameKey(manifest, key)) return null;
  const files = new Map<string, Buffer>();
  try {
    for (const rel of manifest.files) {
      if (rel.split('/').some((s) => s === '..' || s === '')) return null; // only paths we wrote
      files.set(rel, readFileSync(join(dir, ...rel.split('/'))));
    }
  } catch {
    return null; // a file went missing: rebuild
  }
  return { files, nodes: manifest.nodes };
}

/**
 * Writes the site's data files as the cache for `key`, replacing any earlier cache. The caller
 * passes the key taken before it read the inputs, so a build that lands meanwhile is not hidden
 * behind a cache of the older one (its stamps no longer match, and the cache is not written).
 */
export function writeSiteCache(graphDir: string, key: SiteCacheKey, files: Map<string, string>, nodes: number): boolean {
  if (!sameKey(key, siteCacheKey(graphDir))) return false;
  const dir = join(graphDir, SITE_CACHE_DIR);
  const temp = join(graphDir, `${SITE_CACHE_DIR}.tmp-${process.pid}`);
  // Leftovers of interrupted writes (this or another process).
  for (const name of readdirSync(graphDir)) if (name.startsWith(`${SITE_CACHE_DIR}.tmp-`) || name.startsWith(`${SITE_CACHE_DIR}.old-`)) rmSync(join(graphDir, name), { recursive: true, force: true });
  const batch = new AtomicBatch();
  try {
    for (const [rel, text] of files) batch.write(join(temp, ...rel.split('/')), text);
    const manifest: SiteCacheManifest = { ...key, nodes, files: [...files.keys()] };
    batch.write(join(temp, MANIFEST), `${JSON.stringify(manifest)}\n`);
    batch.commit();
    // Swap folders: the old cache moves aside before the new one takes its name.
    const old = join(graphDir, `${SITE_CACHE_DIR}.old-${process.pid}`);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(temp, dir);
    rmSync(old, { recursive: true, force: true });
    return true;
  } catch (error) {
    batch.abort();
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
