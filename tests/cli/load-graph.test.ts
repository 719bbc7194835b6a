/** graph.json read back line by line gives the graph that was written, and a corrupt one is named. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph, serialiseGraph, writeBuildOutputs } from '../../src/sinks/json.js';
import { buildSamples } from '../helpers/seeds.js';

const tmp = mkdtempSync(join(tmpdir(), 'litgraph-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadGraph', () => {
  const result = buildSamples();

  it('reads back exactly the graph that was written', async () => {
    await writeBuildOutputs(tmp, result);
    const loaded = loadGraph(tmp);
    expect(JSON.stringify(serialiseGraph(loaded))).toBe(JSON.stringify(serialiseGraph(result.graph)));
  });

  it('also reads a graph.json written as one JSON document', async () => {
    const dir = join(tmp, 'whole');
    await writeBuildOutputs(dir, result);
    writeFileSync(join(dir, 'graph.json'), JSON.stringify(serialiseGraph(result.graph)));
    expect(loadGraph(dir).order).toBe(result.graph.order);
  });

  it('names a corrupt graph.json', async () => {
    const dir = join(tmp, 'corrupt');
    await writeBuildOutputs(dir, result);
    const text = readFileSync(join(dir, 'graph.json'), 'utf8');
    writeFileSync(join(dir, 'graph.json'), text.slice(0, text.length / 2));
    expect(() => loadGraph(dir)).toThrow(/graph\.json is corrupt or from an interrupted run/);
  });
});
