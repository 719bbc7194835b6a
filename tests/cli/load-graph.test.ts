/** graph.json read back line by line gives the graph that was written, and a corrupt one is named. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph, MultiGraph } from 'graphology';
import { graphJson, loadGraph, serialiseGraph, writeBuildOutputs } from '../../src/sinks/json.js';
import type { LitGraph } from '../../src/graph/build.js';
import { buildSamples } from '../helpers/seeds.js';

const tmp = mkdtempSync(join(tmpdir(), 'litgraph-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('graphJson', () => {
  // Raw newlines only separate records: inside JSON strings they are escaped.
  const oneLine = (graph: unknown) => [...graphJson(graph as LitGraph)].join('').replace(/\n/g, '');

  it('writes the bytes of JSON.stringify(serialiseGraph(graph)), one node or edge per line', () => {
    const graph = buildSamples().graph;
    const lines = [...graphJson(graph)].join('').split('\n');
    // header, nodes, the line between, edges, the closing line, and '' after the last newline
    expect(lines.length).toBe(graph.order + graph.size + 4);
    expect(lines.at(-1)).toBe('');
    expect(oneLine(graph)).toBe(JSON.stringify(serialiseGraph(graph)));
  });

  it('leaves out empty attributes and marks undirected edges as graph.export() does', () => {
    const multi = new MultiDirectedGraph();
    multi.addNode('b');
    multi.addNode('a', { label: 'line\nbreak' });
    multi.addEdgeWithKey('z', 'a', 'b');
    multi.addEdgeWithKey('y', 'b', 'a', { w: 1 });
    multi.setAttribute('name', 'tiny');
    expect(oneLine(multi)).toBe(JSON.stringify(serialiseGraph(multi as unknown as LitGraph)));
    const mixed = new MultiGraph();
    mixed.addNode('x');
    mixed.addNode('y');
    mixed.addUndirectedEdgeWithKey('u', 'x', 'y');
    mixed.addDirectedEdgeWithKey('d', 'y', 'x', { k: 2 });
    expect(oneLine(mixed)).toContain('"undirected":true');
    expect(oneLine(mixed)).toBe(JSON.stringify(serialiseGraph(mixed as unknown as LitGraph)));
  });
});

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
