/**
 * Extraction split over threads (src/extract/parallel.ts) gives what one thread gives: the seed
 * listings and the team's abstracts through a real worker, compared as JSON (order included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listInputFiles, readInput } from '../../src/cli/read-inputs.js';
import { DEFAULT_BUILD_OPTIONS, ingestAll } from '../../src/pipeline.js';
import { resolvePapers } from '../../src/resolve/index.js';
import type { Paper } from '../../src/types.js';
import { extractCorpusMentions, extractEntities, type PaperText } from '../../src/extract/index.js';
import { extractEntitiesParallel, splitByText } from '../../src/extract/parallel.js';
import { appendNotes, emptyNotes } from '../../src/extract/resolve.js';

let papers: PaperText[];

beforeAll(() => {
  const { files } = listInputFiles([join(import.meta.dirname, '..', '..', 'graph-data', 'samples')]);
  const ingested = ingestAll(files.map(readInput), DEFAULT_BUILD_OPTIONS);
  const seeds: Paper[] = resolvePapers(ingested.records, ingested.citations).papers;
  const fixtures = Object.entries(JSON.parse(readFileSync(new URL('../fixtures/extract/abstracts.json', import.meta.url), 'utf8')) as Record<string, string>);
  papers = [...seeds, ...fixtures.map(([key, abstract]) => ({ id: `paper:t:${key}`, title: null, abstract }))];
});

describe('parallel extraction', () => {
  it('returns the mentions and entities of one thread, in the same order, through a worker', async () => {
    const one = extractEntities(papers);
    const split = await extractEntitiesParallel(papers, undefined, { threads: 2, minChars: 0 });
    expect(split.mentions.length).toBeGreaterThan(1000);
    expect(JSON.stringify(split)).toBe(JSON.stringify(one));
  }, 60_000);

  it('runs on one thread below the size threshold', async () => {
    const few = papers.slice(0, 5);
    expect(JSON.stringify(await extractEntitiesParallel(few, undefined, { threads: 2 }))).toBe(JSON.stringify(extractEntities(few)));
  });

  it('cuts papers into contiguous runs of about equal text, in order', () => {
    const runs = splitByText(papers, 3);
    expect(runs).toHaveLength(3);
    expect(runs.flat()).toEqual(papers);
    const size = (run: PaperText[]): number => run.reduce((n, p) => n + (p.title?.length ?? 0) + (p.abstract?.length ?? 0), 0);
    const total = size(papers);
    for (const run of runs) expect(Math.abs(size(run) - total / 3)).toBeLessThan(total / 10);
  });

  it('appends the resolution notes of a later run as one pass over both would have gathered them', () => {
    const whole = emptyNotes();
    extractCorpusMentions(papers, undefined, whole);
    const [a, b] = splitByText(papers, 2);
    const first = emptyNotes();
    const second = emptyNotes();
    extractCorpusMentions(a, undefined, first);
    extractCorpusMentions(b, undefined, second);
    appendNotes(first, second);
    const dump = (n: typeof whole) => JSON.stringify([[...n.labels], [...n.variants], [...n.longToShort], [...n.aliases].map(([k, v]) => [k, [...v]]), [...n.definitions].map(([k, v]) => [k, [...v]]), [...n.definedIn]]);
    expect(second.aliases.size).toBeGreaterThan(0);
    expect(dump(first)).toBe(dump(whole));
  });
});
