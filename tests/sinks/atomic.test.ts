/**
 * Atomic output files: nothing appears at a target until the whole batch is committed, an
 * aborted batch leaves no temp file behind, and the background writes (writeAsync) produce the
 * same bytes as the blocking ones; a build's files written in steps (BuildOutputWriter, as
 * `litgraph build` does: records and graph.json's edges ahead) are the same files, and a failure
 * between the steps changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicBatch } from '../../src/sinks/atomic.js';
import { BuildOutputWriter, writeBuildOutputs } from '../../src/sinks/json.js';
import { buildSamples } from '../helpers/seeds.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-atomic-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Lines of JSON, ~10 MB of them: more than two of the 4 MB buffers writeAsync encodes into and reuses. */
function* rows(count: number): Iterable<string> {
  for (let i = 0; i < count; i++) {
    yield `${JSON.stringify({ i, text: `row ${i} ${'é'.repeat(i % 50)}${i % 7 ? '' : ' 🧪'}` })}\n`;
    // A chunk that may not fit a buffer (2M two-byte characters, 4 MB) goes out on its own.
    if (i === count >> 1) yield `${'ß'.repeat(2_000_000)}\n`;
  }
}

describe('AtomicBatch', () => {
  it('writes in the background exactly what the blocking write writes, and shows nothing before the commit', async () => {
    const dir = join(tmp, 'same');
    const blocking = new AtomicBatch();
    blocking.write(join(dir, 'a.jsonl'), rows(120_000));
    blocking.write(join(dir, 'b.bin'), Uint8Array.of(1, 2, 3));
    blocking.commit();
    const background = new AtomicBatch();
    const temp = await background.writeAsync(join(dir, 'a2.jsonl'), rows(120_000));
    await background.writeAsync(join(dir, 'b2.bin'), Uint8Array.of(1, 2, 3));
    await background.writeAsync(join(dir, 'c2.txt'), 'text');
    // Written, not yet in place: the temp file already has its final size.
    expect(existsSync(join(dir, 'a2.jsonl'))).toBe(false);
    expect(statSync(temp).size).toBe(statSync(join(dir, 'a.jsonl')).size);
    expect(statSync(temp).size).toBeGreaterThan(13 << 20);
    expect(() => background.commit()).toThrow(/commitAsync/);
    await background.commitAsync();
    // Buffer.equals: vitest's deep equality walks a 14 MB buffer byte by byte for seconds.
    expect(readFileSync(join(dir, 'a2.jsonl')).equals(readFileSync(join(dir, 'a.jsonl')))).toBe(true);
    expect([...readFileSync(join(dir, 'b2.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'c2.txt'), 'utf8')).toBe('text');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes pieces of bytes one after another, views into larger buffers included', async () => {
    const dir = join(tmp, 'pieces');
    const big = new Float64Array(1 << 20).map((_, i) => i / 3); // 8 MB, more than one write call may take
    const pieces = [Uint8Array.of(9, 8), new Uint8Array(big.buffer, 8, big.byteLength - 16), new Uint8Array(0), Uint8Array.of(7)];
    const batch = new AtomicBatch();
    const temp = await batch.writePiecesAsync(join(dir, 'p.bin'), pieces);
    expect(existsSync(join(dir, 'p.bin'))).toBe(false);
    expect(statSync(temp).size).toBe(2 + big.byteLength - 16 + 1);
    await batch.commitAsync();
    expect(readFileSync(join(dir, 'p.bin')).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('ends a file with a part written ahead, and removes that part on commit', async () => {
    const dir = join(tmp, 'ahead');
    const blocking = new AtomicBatch();
    blocking.write(join(dir, 'whole.jsonl'), (function* () {
      yield 'head\n';
      yield* rows(120_000);
    })());
    blocking.commit();
    const batch = new AtomicBatch();
    // ~14 MB: more than the two 4 MB pieces the append alternates between.
    const tail = batch.writeAheadSync(join(dir, 'split.jsonl'), rows(120_000));
    expect(statSync(tail).size).toBeGreaterThan(13 << 20);
    for (const head of ['head\n', ['head', '\n']]) {
      const path = join(dir, typeof head === 'string' ? 'split.jsonl' : 'split2.jsonl');
      await batch.writeAsync(path, head, tail);
    }
    await batch.commitAsync();
    const whole = readFileSync(join(dir, 'whole.jsonl'));
    expect(readFileSync(join(dir, 'split.jsonl')).equals(whole)).toBe(true);
    expect(readFileSync(join(dir, 'split2.jsonl')).equals(whole)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['split.jsonl', 'split2.jsonl', 'whole.jsonl']);
  });

  it('leaves neither targets nor temp files when a batch is aborted midway', async () => {
    const dir = join(tmp, 'aborted');
    const batch = new AtomicBatch();
    await batch.writeAsync(join(dir, 'one.jsonl'), rows(1000));
    batch.writeAheadSync(join(dir, 'two.jsonl'), rows(10));
    batch.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('BuildOutputWriter', () => {
  it('writes papers and mentions early and the rest at the end: the same files as writeBuildOutputs in one go', async () => {
    const result = buildSamples();
    const whole = join(tmp, 'whole');
    await writeBuildOutputs(whole, result);
    const early = join(tmp, 'early');
    const writer = new BuildOutputWriter(early);
    await writer.writeRecords(result.papers, result.mentions);
    // The edges are written before the nodes are placed, as in a build: the positions the layout
    // sets afterwards still reach graph.json.
    const placed = result.graph.mapNodes((node, a) => [node, a.x, a.y] as const);
    result.graph.forEachNode((node) => result.graph.mergeNodeAttributes(node, { x: 0, y: 0 }));
    writer.writeGraphEdges(result.graph);
    for (const [node, x, y] of placed) result.graph.mergeNodeAttributes(node, { x, y });
    // Nothing is in place before the end.
    expect(existsSync(join(early, 'papers.jsonl'))).toBe(false);
    expect(existsSync(join(early, 'graph.json'))).toBe(false);
    await writer.finish(result);
    const files = readdirSync(whole).sort();
    expect(readdirSync(early).sort()).toEqual(files);
    expect(files).toContain('mentions.jsonl');
    // related.idx's header stamps graph.json's mtime: every other file byte for byte.
    for (const f of files.filter((f) => f !== 'related.idx')) expect(readFileSync(join(early, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
  });

  it('writes the edges again when the graph changed after they were written ahead', async () => {
    const result = buildSamples();
    const dir = join(tmp, 'changed');
    const writer = new BuildOutputWriter(dir);
    writer.writeGraphEdges(result.graph);
    expect(readdirSync(dir).some((f) => f.endsWith('-tail'))).toBe(true);
    const [a, b] = result.graph.filterNodes((_, attributes) => attributes.type === 'paper');
    result.graph.addEdgeWithKey('cites:late', a, b, { type: 'cites', provenance: 'extracted' });
    await writer.finish(result);
    const graph = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as { edges: Array<{ key: string }> };
    expect(graph.edges).toHaveLength(result.graph.size);
    expect(graph.edges.some((e) => e.key === 'cites:late')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('leaves an earlier build as it was, and no temp file, when the build fails after its records were written', async () => {
    const result = buildSamples();
    const dir = join(tmp, 'failed');
    await writeBuildOutputs(dir, result);
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const writer = new BuildOutputWriter(dir);
    await writer.writeRecords(result.papers.slice(0, 3), result.mentions.slice(0, 3));
    writer.writeGraphEdges(result.graph);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toHaveLength(3);
    writer.abort();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(before).sort());
    for (const [f, bytes] of Object.entries(before)) expect(readFileSync(join(dir, f)).equals(bytes), f).toBe(true);
  });
});
