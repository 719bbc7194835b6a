/**
 * The text-neighbour pass in a worker thread (what `litgraph build` runs, from the compiled
 * dist/) gives exactly the lists and scores of the inline pass (what the tests' in-process
 * pipeline runs), so the build's output does not depend on where the pass ran.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeTextNeighbours, corpusTextDocuments, packNeighbours, unpackNeighbours } from '../../src/threads/text-neighbours.js';
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
