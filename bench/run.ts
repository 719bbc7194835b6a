/**
 * `npm run bench`: every benchmark of the project, one after another, each in its own process so
 * their memory and JIT do not mix. Prints each section and saves the whole report under
 * bench/out/ (copy the figures into BENCHMARKS.md with the machine and date).
 *   npm run bench [-- section…]     sections: scale peers neo4j viewer (default: all)
 * Needs ../shared/data for the corpus benchmarks (each says so and skips when it is absent).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { machine } from './measure.js';

const ROOT = join(import.meta.dirname, '..');

const SECTIONS: Record<string, { title: string; script: string; args?: string[] }> = {
  scale: { title: 'Build at 10k / 50k / 100k papers and throughput', script: 'bench/build-scale.ts' },
  peers: { title: 'Threads, similarity and related work against python-igraph, networkx and scikit-learn', script: 'bench/peers.ts' },
  neo4j: { title: 'Neo4j export', script: 'bench/neo4j-export.ts' },
  viewer: { title: 'Viewer: first render and panning frame times', script: 'bench/viewer.ts' },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? wanted : Object.keys(SECTIONS);

// The CLI is benchmarked as users run it: compiled.
const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

const parts = [`# litgraph benchmarks\n\nmachine: ${machine()}\ndate: ${new Date().toISOString()}\nload average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`];
let failed = false;
for (const name of chosen) {
  const section = SECTIONS[name];
  if (!section) {
    console.error(`unknown section "${name}"; known: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, section.script))) {
    parts.push(`## ${section.title}\n\n(not available: ${section.script} is missing)\n`);
    continue;
  }
  console.error(`\n== ${name}: ${section.title}`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, section.script), ...(section.args ?? [])], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  process.stdout.write(run.stdout);
  parts.push(`## ${section.title}\n\n(${section.script}, ${seconds} s, exit ${run.status})\n\n${run.stdout}\n`);
  if (run.status !== 0) failed = true;
}
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const file = join(ROOT, 'bench', 'out', `bench-${new Date().toISOString().slice(0, 10)}.md`);
writeFileSync(file, parts.join('\n'));
console.error(`\nsaved ${file}`);
process.exit(failed ? 1 : 0);
