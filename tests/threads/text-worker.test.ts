/**
 * The text-neighbour pass in a worker thread (what `litgraph build` runs, from the compiled
 * dist/) gives exactly the lists and scores of the inline pass (what the tests' in-process
 * pipeline runs), so the build's output does not depend on where the pass ran.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeTextNeighbours, corpusTextDocuments, maxDfForPairMass, RowClaims, textPassIndex, textPassSearch } from '../../src/threads/text-neighbours.js';
import { allNeighbours, buildTextIndex, mergeNeighbourHeaps, searchPartsOf } from '../../src/threads/text-index.js';
import { mulberry32 } from '../../src/threads/rng.js';
import { textNeighbourTask } from '../../src/threads/index.js';
import { buildSamples } from '../helpers/seeds.js';
import { partitionLinks } from '../../src/threads/louvain-view.js';
import { linkEvidence, paperLinks, resolvePaperGraphOptions, textPairs } from '../../src/threads/paper-graph.js';
import { readSignals } from '../../src/threads/signals.js';

const COMPILED = join(import.meta.dirname, '..', '..', 'dist', 'threads', 'text-neighbours.js');

describe('text neighbours in a worker', () => {
  const task = textNeighbourTask({}, corpusTextDocuments(buildSamples().papers));

  it('computes in a real worker thread exactly what it computes inline, whichever thread searched which paper', async () => {
    expect(existsSync(COMPILED), 'dist/ is missing: run `npm run build` (npm install does it)').toBe(true);
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/threads/text-neighbours.js');
    expect(compiled.canRunInWorker()).toBe(true);
    const inline = computeTextNeighbours(task);
    expect(inline.lists.flat().length).toBeGreaterThan(100);
    // The worker alone (the main thread finds too little left to join in) …
    expect(await compiled.startTextNeighbours(task, { minPiece: 1000, workerFrom: 0 }).finish()).toEqual(inline);
    // … and the main thread taking the last 40 papers up front, then pieces of at least 4.
    expect(await compiled.startTextNeighbours(task, { reserve: 40, minPiece: 4, workerFrom: 0 }).finish()).toEqual(inline);
  });

  it('runs a corpus below MIN_DOCS_FOR_WORKER documents inline, with the same answer', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/threads/text-neighbours.js');
    expect(task.docs.length).toBeLessThan(compiled.MIN_DOCS_FOR_WORKER);
    const small = compiled.startTextNeighbours(task);
    expect(small.inWorker).toBe(false);
    const inline = computeTextNeighbours(task);
    expect(await small.finish()).toEqual(inline);
    const forced = compiled.startTextNeighbours(task, { workerFrom: task.docs.length });
    expect(forced.inWorker).toBe(true);
    expect(await forced.finish()).toEqual(inline);
    forced.close();
  });

  it("sums the paper links and partitions them on the worker once the pass is done, as inline", async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/threads/text-neighbours.js');
    const samples = buildSamples();
    const signals = readSignals(samples.graph);
    const neighbours = computeTextNeighbours(task).lists;
    const links = paperLinks(signals, neighbours);
    expect(links.source.length).toBeGreaterThan(100);
    const options = resolvePaperGraphOptions();
    const request = (seed: number, resolution: number) => ({ evidence: linkEvidence(signals, options), text: textPairs(signals.papers.length, neighbours, options), options, seed, resolution });
    for (const [seed, resolution] of [[42, 1], [7, 2]]) {
      const inline = partitionLinks(links, seed, resolution);
      expect(new Set(inline.communityOf).size).toBeGreaterThan(2);
      const pass = compiled.startTextNeighbours(task, { workerFrom: 0 });
      expect(pass.inWorker).toBe(true);
      await pass.finish();
      const onWorker = pass.threadLinks(signals.papers, request(seed, resolution));
      expect(await onWorker.links).toEqual(links);
      expect(await onWorker.partition).toEqual(inline);
    }
    // Two requests at once: the worker takes the first, the second runs inline; the same answers.
    const twice = compiled.startTextNeighbours(task, { workerFrom: 0 });
    await twice.finish();
    const [first, second] = [twice.threadLinks(signals.papers, request(42, 1)), twice.threadLinks(signals.papers, request(7, 2))];
    expect(await Promise.all([first.links, first.partition, second.links, second.partition])).toEqual([links, partitionLinks(links, 42, 1), links, partitionLinks(links, 7, 2)]);
    // Closed without a request, and asked after closing: inline, the same answer.
    const pass = compiled.startTextNeighbours(task, { workerFrom: 0 });
    await pass.finish();
    pass.close();
    const closed = pass.threadLinks(signals.papers, request(42, 1));
    expect(await closed.links).toEqual(links);
    expect(await closed.partition).toEqual(partitionLinks(links, 42, 1));
  });
});

/** Documents of words drawn from a Zipf-like vocabulary: a few words in nearly every document, as in abstracts. */
function zipfDocs(n: number, seed: number) {
  const rng = mulberry32(seed);
  const word = (r: number) => `w${Math.floor(1 / (r * 0.999 + 0.001)).toString(36)}`;
  return Array.from({ length: n }, (_, d) => ({ id: `doc:${String(d).padStart(5, '0')}`, title: null, abstract: Array.from({ length: 40 }, () => word(rng())).join(' ') }));
}

describe('the all-pairs search split into ranges', () => {
  it('gives exactly the single search when searches split the documents and their heaps are merged', () => {
    for (const docs of [corpusTextDocuments(buildSamples().papers), zipfDocs(1500, 7)]) {
      const task = { docs, k: 10, minScore: 0.1, options: { pairBudget: 200 } };
      const { index } = textPassIndex(task);
      const whole = allNeighbours(index, task.k, task.minScore, task.options.pairBudget);
      expect(whole.flat().length).toBeGreaterThan(5 * docs.length);
      const n = docs.length;
      const cut = (f: number) => Math.floor(f * n);
      const splits = [
        [[[0, n]]],
        [[[0, cut(0.6)]], [[cut(0.6), n]]],
        // as the build splits: the worker from the start, the main thread pieces from the end down
        [[[0, cut(0.3)]], [[cut(0.8), n], [cut(0.5), cut(0.8)], [cut(0.3), cut(0.5)]]],
        [[[0, cut(0.2)], [cut(0.7), n]], [[cut(0.2), cut(0.7)]]],
      ];
      for (const ranges of splits) {
        for (const share of [false, true]) {
          // With `share`, the first search publishes its thresholds and the others prune with them, as the build's main thread does.
          const published = new Int32Array(n);
          const heaps = ranges.map((own, i) => {
            const search = textPassSearch(searchPartsOf(index), task);
            if (share && i === 0) search.publishThresholds(published);
            for (const [from, to] of own) {
              if (share && i > 0) search.raiseThresholds(published, from);
              search.searchRange(from, to);
            }
            return search.heaps();
          });
          expect(mergeNeighbourHeaps(heaps)).toEqual(whole);
        }
      }
    }
  });

  it('hands out each document once: the worker below the end it last saw, the main thread above', () => {
    const claims = RowClaims.create(100);
    const worker: number[] = [];
    for (let i = 0; i < 10; i++) worker.push(claims.claim());
    expect(claims.takeTop((next, end) => (end - next) / 2)).toEqual({ from: 55, to: 100 });
    expect(claims.takeTop(() => 0)).toBeNull();
    for (let d = claims.claim(); d >= 0; d = claims.claim()) worker.push(d);
    expect(worker).toEqual(Array.from({ length: 55 }, (_, i) => i));
    expect(claims.takeTop(() => 10)).toBeNull(); // nothing left to take
  });
});

describe('text neighbours on text that repeats its common words', () => {
  it('computes seed listings exactly (no term left out)', () => {
    const task = textNeighbourTask({}, corpusTextDocuments(buildSamples().papers));
    expect(computeTextNeighbours(task).maxDf).toBe(1);
  });

  // 5,000 "abstracts" sharing the same 30 words, each with a word of its own and one of 50 topics:
  // Σ df² / N² = 30, so the exact pass would compare every pair of documents.
  const common = Array.from({ length: 30 }, (_, i) => `shared${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}term`);
  const topic = (t: number) => `topic${String.fromCharCode(97 + (t % 26))}${String.fromCharCode(97 + Math.floor(t / 26))}`;
  const docs = Array.from({ length: 5000 }, (_, d) => ({
    id: `doc:${String(d).padStart(5, '0')}`,
    title: `A study of ${topic(d % 50)}`,
    abstract: `${common.join(' ')} ${topic(d % 50)} ${topic(d % 50)} own${d.toString(36).replace(/\d/g, (c) => 'qrstuvwxyz'[Number(c)])}`,
  }));

  it('leaves out the commonest terms when every document shares them, and says how far it went', () => {
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

  it('hands the related-work index the index over every term, from one tokenisation, inline and from the worker', async () => {
    const task = { docs, k: 5, minScore: 0, options: {} };
    const pass = textPassIndex(task);
    expect(pass.maxDf).toBeLessThan(1);
    // The same indexes as building each from the texts.
    expect(pass.full!.exportParts()).toEqual(buildTextIndex(docs).exportParts());
    expect(pass.index.exportParts()).toEqual(buildTextIndex(docs, { maxDf: pass.maxDf }).exportParts());
    expect(pass.index.vocabulary.size).toBeLessThan(pass.full!.vocabulary.size);
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../../src/threads/text-neighbours.js');
    const running = compiled.startTextNeighbours(task, { workerFrom: 0 });
    expect(running.inWorker).toBe(true);
    const posted = await running.index();
    expect([posted.maxDf, posted.index.exportParts(), posted.full!.exportParts()]).toEqual([pass.maxDf, pass.index.exportParts(), pass.full!.exportParts()]);
    running.close();
    // Nothing left out: one index, both roles. Terms left out by the options: no index over every term.
    const seeds = textPassIndex(textNeighbourTask({}, corpusTextDocuments(buildSamples().papers)));
    expect(seeds.full).toBe(seeds.index);
    expect(textPassIndex({ ...task, options: { maxDf: 0.5 } }).full).toBeNull();
  });
});
