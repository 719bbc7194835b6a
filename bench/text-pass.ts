/**
 * The text-neighbour pass at scale, alone: the worker by itself against the worker joined by the
 * main thread (as `litgraph build` does once its own work is done), on the same corpus, checking
 * that both give the same lists. Run after `npm run build` (the worker is the compiled one):
 *   npx tsx bench/text-pass.ts bench/out/corpus-100000 [busy seconds before the main thread joins]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BUILD_OPTIONS, ingestAll } from '../dist/pipeline.js';
import { resolvePapers } from '../dist/resolve/index.js';
import { textNeighbourTask } from '../dist/threads/index.js';
import { corpusTextDocuments, startTextNeighbours } from '../dist/threads/text-neighbours.js';

const [dir, busy = '0'] = process.argv.slice(2);
if (!dir) throw new Error('usage: npx tsx bench/text-pass.ts CORPUS_DIR [busy seconds]');
const inputs = readdirSync(dir).map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
const papers = resolvePapers(ingestAll(inputs, DEFAULT_BUILD_OPTIONS).records, []).papers;
const task = textNeighbourTask({}, corpusTextDocuments(papers));

async function run(minPiece: number) {
  const t0 = performance.now();
  const pass = startTextNeighbours(task, { minPiece });
  while (performance.now() - t0 < Number(busy) * 1000); // the main thread busy with its own stages
  const result = await pass.finish();
  const seconds = (performance.now() - t0) / 1000;
  let hash = 0;
  for (const list of result.lists) for (const n of list) hash = (hash * 31 + n.doc + Math.round(n.score * 1e9)) % 1_000_000_007;
  return { seconds, hash };
}

const joined = await run(256);
const alone = await run(Number.MAX_SAFE_INTEGER);
console.log(`${task.docs.length} papers, main thread busy ${busy} s first`);
console.log(`worker alone:            ${alone.seconds.toFixed(1)} s`);
console.log(`worker + main thread:    ${joined.seconds.toFixed(1)} s`);
console.log(`same lists (hash of every doc and score): ${alone.hash === joined.hash}`);
