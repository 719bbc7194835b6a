/**
 * The text-neighbour pass in a worker thread (what `litgraph build` runs, from the compiled
 * dist/) gives exactly the lists and scores of the inline pass (what the tests' in-process
 * pipeline runs), so the build's output does not depend on where the pass ran.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeTextNeighbours, corpusTextDocuments, maxDfForPairMass, packNeighbours, unpackNeighbours } from '../../src/threads/text-neighbours.js';
import { textNeighbourTask } from '../../src/threads/index.js';
import { buildSamples } from '../helpers/seeds.js';

const COMPILED = join(import.meta.dirname, '..', '..', 'dist', 'threads', 'text-neighbours.js');

describe('text neighbours in a worker', () => {
  const task = textNeighbourTask({}, corpusTextDocuments(buildSamples().papers));

  it('packs and unpacks neighbour lists without changing a score', () => {
    const inline = computeTextNeighbours(task);
    expect(unpackNeighbours(packNeighbours(inline.lists))).toEqual(inline.lists);
  });

  it('computes in a real worker thread exactly what it computes inline', async () => {
    expect(existsSync(COMPILED), 'dist/ is missing: run `npm run build` (npm install does it)').toBe(true);
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/threads/text-neighbours.js');
    expect(compiled.canRunInWorker()).toBe(true);
    const inWorker = await compiled.textNeighboursInBackground(task);
    const inline = computeTextNeighbours(task);
    expect(inline.lists.flat().length).toBeGreaterThan(100);
    expect(inWorker).toEqual(inline);
  });
});

describe('text neighbours on text that repeats its common words', () => {
  it('computes seed listings exactly (no term left out)', () => {
    const task = textNeighbourTask({}, corpusTextDocuments(buildSamples().papers));
    expect(computeTextNeighbours(task).maxDf).toBe(1);
  });

  it('leaves out the commonest terms when every document shares them, and says how far it went', () => {
    // 5,000 "abstracts" sharing the same 30 words, each with a word of its own and one of 50 topics:
    // Σ df² / N² = 30, so the exact pass would compare every pair of documents.
    const common = Array.from({ length: 30 }, (_, i) => `shared${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}term`);
    const topic = (t: number) => `topic${String.fromCharCode(97 + (t % 26))}${String.fromCharCode(97 + Math.floor(t / 26))}`;
    const docs = Array.from({ length: 5000 }, (_, d) => ({
      id: `doc:${String(d).padStart(5, '0')}`,
      title: null,
      abstract: `${common.join(' ')} ${topic(d % 50)} ${topic(d % 50)} own${d.toString(36).replace(/\d/g, (c) => 'qrstuvwxyz'[Number(c)])}`,
    }));
    const cut = computeTextNeighbours({ docs, k: 5, minScore: 0, options: {} });
    expect(cut.maxDf).toBeGreaterThan(0);
    expect(cut.maxDf).toBeLessThan(0.1);
    // Exact over the vocabulary left: the same lists as a pass told that max_df explicitly.
    expect(cut.lists).toEqual(computeTextNeighbours({ docs, k: 5, minScore: 0, options: { maxDf: cut.maxDf } }).lists);
    // Neighbours share the topic word.
    for (let d = 0; d < 5000; d += 499) for (const n of cut.lists[d]) expect(n.doc % 50).toBe(d % 50);
    expect(maxDfForPairMass([6000, 6000, 6000], 6000)).toBeLessThan(1); // three terms in every document: mass 3 > 2
    expect(maxDfForPairMass([6000, 60, 60], 6000)).toBe(1); // mass ≈ 1.0002: kept
    expect(maxDfForPairMass([400, 400, 400], 400)).toBe(1); // small corpora are never cut
  });
});
