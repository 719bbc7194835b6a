/**
 * The build's warning before a corpus outgrows Node's heap: silent where the measured heap per
 * paper fits, the flag that raises the limit (enough for the estimate) where it does not, and
 * slices where even the machine's memory would not do; the pipeline tells the count in time.
 */
import { describe, expect, it } from 'vitest';
import { heapAdvice, HEAP_BYTES_PER_PAPER } from '../../src/cli/heap.js';
import { DEFAULT_BUILD_OPTIONS, runPipeline, runPipelineAsync } from '../../src/pipeline.js';
import { readSamples } from '../helpers/seeds.js';

const GiB = 2 ** 30;

describe('heapAdvice', () => {
  it('says nothing where the papers fit the limit (100k papers, Node’s default 4 GiB)', () => {
    expect(heapAdvice(100_000, 4 * GiB, 24 * GiB)).toBeNull();
    expect(heapAdvice(300_000, 16 * GiB, 24 * GiB)).toBeNull();
  });

  it('gives a --max-old-space-size that covers the estimate when the machine has the memory', () => {
    const advice = heapAdvice(300_000, 4 * GiB, 24 * GiB);
    expect(advice).toMatch(/^300,000 papers may need about 5\.0 GiB of JavaScript heap; Node's limit here is 4\.0 GiB\./);
    const mib = Number(/--max-old-space-size=(\d+)/.exec(advice ?? '')?.[1]);
    expect(mib * 2 ** 20).toBeGreaterThanOrEqual(300_000 * HEAP_BYTES_PER_PAPER);
    expect(mib * 2 ** 20).toBeLessThanOrEqual(0.75 * 24 * GiB);
    expect(mib % 1024).toBe(0);
  });

  it('advises slices when even the machine’s memory would not hold the build', () => {
    const advice = heapAdvice(3_000_000, 4 * GiB, 24 * GiB);
    expect(advice).toContain('build the corpus in slices');
    expect(advice).not.toContain('max-old-space-size');
  });
});

describe('the pipelines', () => {
  it('tell the number of resolved papers once, before extraction', async () => {
    for (const run of [runPipeline, runPipelineAsync]) {
      const events: string[] = [];
      const result = await run(readSamples(), DEFAULT_BUILD_OPTIONS, { onPapers: (n) => events.push(`papers ${n}`), onStage: (s) => events.push(s) });
      expect(events.filter((e) => e.startsWith('papers'))).toEqual([`papers ${result.papers.length}`]);
      expect(events.indexOf(`papers ${result.papers.length}`)).toBeLessThan(events.indexOf('extract'));
      expect(result.papers.length).toBeGreaterThan(100);
    }
  });
});
