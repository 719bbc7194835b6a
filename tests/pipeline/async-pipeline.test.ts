/**
 * runPipelineAsync (what `litgraph build` runs: text pass started beside extraction, related
 * index made while it finishes) gives the same build as runPipeline, and the related index it
 * made before the threads stage answers exactly like one built from the finished graph.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_OPTIONS, runPipeline, runPipelineAsync, type BuildResult } from '../../src/pipeline.js';
import { buildRelatedIndex, relatedWork } from '../../src/query/related.js';
import { serialiseGraph } from '../../src/sinks/json.js';
import { readSamples } from '../helpers/seeds.js';

describe('runPipelineAsync', () => {
  let asyncResult: BuildResult;
  let syncResult: BuildResult;

  it('builds the same graph, threads and report as runPipeline', async () => {
    asyncResult = await runPipelineAsync(readSamples(), DEFAULT_BUILD_OPTIONS);
    syncResult = runPipeline(readSamples(), DEFAULT_BUILD_OPTIONS);
    expect(JSON.stringify(serialiseGraph(asyncResult.graph))).toBe(JSON.stringify(serialiseGraph(syncResult.graph)));
    expect(asyncResult.threads).toEqual(syncResult.threads);
    expect(asyncResult.report).toEqual(syncResult.report);
    expect(asyncResult.threads.length).toBeGreaterThan(1);
  });

  it('makes a related index that answers every paper exactly like one built from the final graph', () => {
    const early = asyncResult.relatedIndex!;
    expect(early).toBeDefined();
    const late = buildRelatedIndex(asyncResult.graph);
    expect([...early.thread.entries()].sort()).toEqual([...late.thread.entries()].sort());
    expect(early.thread.size).toBeGreaterThan(100);
    for (const id of late.papers) {
      expect(relatedWork(early, { paper: id }, { k: 10 })).toEqual(relatedWork(late, { paper: id }, { k: 10 }));
    }
    const text = 'sequential recommendation with large language models';
    expect(relatedWork(early, { text })).toEqual(relatedWork(late, { text }));
  });
});
