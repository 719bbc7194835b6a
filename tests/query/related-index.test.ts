/**
 * The stored related-work index (related.idx): answers read from it equal those of an index built
 * from the graph (ids, scores, breakdowns, reasons) on the seed build and on a citation fixture
 * with external papers, shared entities and awkward strings; a stale, missing, truncated,
 * corrupt or other-schema file is reported and `litgraph related` falls back to graph.json with
 * the same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { openRelated } from '../../src/cli/commands/related.js';
import { loadGraph } from '../../src/sinks/json.js';
import { decodeRelatedIndex, encodeRelatedIndex, graphStamp, readRelatedIndex, relatedIndexFile, RELATED_INDEX_FILE, type GraphStamp } from '../../src/sinks/related-index.js';
import { checkPacked, packRelatedIndex, PackedIndexError, stringAt, stringTable, unpackRelatedIndex } from '../../src/query/packed-index.js';
import { buildRelatedIndex, relatedWork, resolvePaper, type RelatedIndex, type RelatedQuery } from '../../src/query/related.js';
import { threadStage } from '../../src/threads/index.js';
import type { LitGraph } from '../../src/graph/build.js';
import { captureIO } from '../helpers/capture-io.js';
import { SAMPLES_DIR } from '../helpers/seeds.js';
import { loadFixture } from '../threads/fixture-graph.js';

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-related-idx-'));
  out = join(tmp, 'out');
  expect(await main(['build', SAMPLES_DIR, '-o', out], captureIO())).toBe(0);
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every query kind against both indexes, answers compared whole. */
function expectSameAnswers(stored: RelatedIndex, built: RelatedIndex, extra: RelatedQuery[] = []): number {
  expect(stored.papers).toEqual(built.papers);
  const queries: RelatedQuery[] = [...built.papers, ...extra];
  let compared = 0;
  for (const q of queries) {
    for (const options of [{ k: 10 }, { k: 25, allowLater: true }]) {
      expect(relatedWork(stored, q, options)).toEqual(relatedWork(built, q, options));
      compared++;
    }
  }
  return compared;
}

describe('related.idx of the seed build', () => {
  it('is written by build and gives the answers of an index built from graph.json', () => {
    expect(existsSync(join(out, RELATED_INDEX_FILE))).toBe(true);
    const stored = readRelatedIndex(out);
    if (stored.status !== 'ok') throw new Error(`expected ok, got ${stored.status}: ${'message' in stored ? stored.message : ''}`);
    const built = buildRelatedIndex(loadGraph(out));
    const compared = expectSameAnswers(stored.index, built, [
      'SEATER',
      '2309.13375',
      'arXiv:2309.13375v2',
      'diffusion models', // ambiguous: candidates
      'no such words anywhere xyzzy',
      { text: 'generative retrieval for recommendation with semantic item identifiers' },
      { text: 'diffusion models for video generation', year: 2022 },
      { text: 'zzqx qqzzy' },
    ]);
    expect(compared).toBeGreaterThan(250);
    const seater = relatedWork(stored.index, 'SEATER', { k: 5 });
    expect(seater.status).toBe('ok');
    if (seater.status === 'ok') expect(seater.suggestions[0].reasons.text).toBeGreaterThan(0);
    for (const q of ['2309.13375', 'https://arxiv.org/abs/2309.13375', 'diffusion models', 'SEATER']) expect(resolvePaper(stored.index, q)).toEqual(resolvePaper(built, q));
  });

  it('is what `litgraph related` reads, silently', async () => {
    const io = captureIO();
    expect(await main(['related', 'SEATER', '--graph', out, '--json'], io)).toBe(0);
    expect(io.err).toBe('');
    expect(JSON.parse(io.out)).toEqual(JSON.parse(JSON.stringify(relatedWork(buildRelatedIndex(loadGraph(out)), 'SEATER', { k: 10 }))));
  });
});

describe('string tables', () => {
  const roundTrip = (list: string[]) => {
    const table = stringTable(list);
    expect(Array.from({ length: list.length }, (_, i) => stringAt(table, i))).toEqual(list);
    return table.encoding;
  };

  it('store ASCII and well-formed Unicode as UTF-8 and give every string back', () => {
    expect(roundTrip(['paper:arxiv:2401.00001', '', 'method:bert'])).toBe('utf8');
    expect(roundTrip(['révisé', '', '東京', '𝛼-divergence', 'plain'])).toBe('utf8');
    expect(roundTrip([])).toBe('utf8');
  });

  it('fall back to UTF-16 for a lone surrogate, or a pair split between two strings', () => {
    expect(roundTrip(['ok', 'SignalNet \ud800', 'é'])).toBe('utf16le');
    // Joined, the two halves make a well-formed 𝛼; apart, neither string has a UTF-8 form.
    expect(roundTrip(['a\ud835', '\udefcb', 'c'])).toBe('utf16le');
  });
});

describe('related.idx of a citation fixture with external papers and entities', () => {
  const graph: LitGraph = loadFixture('two-clusters.json');
  threadStage(graph, { seed: 1 });
  // An external paper two corpus papers cite, shared methods, identifiers and labels that UTF-8
  // and a naive string table would get wrong (accents, an astral character, a lone surrogate).
  graph.addNode('paper:doi:10.9/classic', { type: 'paper', label: 'A classic — révisé 𝛼', title: 'A classic', external: true, year: 1999 });
  graph.addEdge('paper:h:a1', 'paper:doi:10.9/classic', { type: 'cites', provenance: 'extracted' });
  graph.addEdge('paper:h:a6', 'paper:doi:10.9/classic', { type: 'cites', provenance: 'extracted' });
  graph.addNode('method:signalnet', { type: 'method', label: 'SignalNet \ud800' });
  graph.addNode('dataset:noise-10', { type: 'dataset', label: 'Noise-10 (é)' });
  for (const p of ['paper:h:a2', 'paper:h:a5', 'paper:h:b4']) graph.addEdge(p, 'method:signalnet', { type: 'uses', provenance: 'extracted' });
  for (const p of ['paper:h:a4', 'paper:h:b4']) graph.addEdge(p, 'dataset:noise-10', { type: 'evaluates_on', provenance: 'extracted' });
  graph.mergeNodeAttributes('paper:h:a1', { aclId: 'P05-1001', doi: '10.1000/ABC', arxivId: '1001.00001' });
  const stamp: GraphStamp = { size: 1234, mtimeNs: '1700000000000000000' };
  const built = buildRelatedIndex(graph);
  const bytes = encodeRelatedIndex(packRelatedIndex(built), stamp);

  it('round-trips to the same answers, evidence and lookups', () => {
    const decoded = decodeRelatedIndex(bytes, stamp);
    if (decoded.status !== 'ok') throw new Error(`expected ok, got ${decoded.status}`);
    const stored = decoded.index;
    expectSameAnswers(stored, built, ['P05-1001', '10.1000/abc', 'https://doi.org/10.1000/abc', '1001.00001', 'signals', 'study', { text: 'signals and noise at scale' }]);
    const a6 = relatedWork(stored, 'paper:h:a6', { k: 5 });
    if (a6.status !== 'ok') throw new Error('expected ok');
    const a1 = a6.suggestions.find((s) => s.id === 'paper:h:a1')!;
    expect(a1.reasons.sharedRefs?.map((e) => e.label)).toContain('A classic — révisé 𝛼');
    const b4 = relatedWork(stored, 'paper:h:b4', { k: 25, allowLater: true });
    if (b4.status !== 'ok') throw new Error('expected ok');
    expect(b4.suggestions.find((s) => s.id === 'paper:h:a5')?.reasons.shared?.method).toEqual([{ id: 'method:signalnet', label: 'SignalNet \ud800' }]);
    for (const id of ['paper:doi:10.9/classic', 'paper:h:a1', 'method:signalnet', 'thread:1', 'nothing:here']) {
      expect([stored.label.get(id), stored.entityLabel.get(id), stored.threadLabel.get(id)]).toEqual([built.label.get(id), built.entityLabel.get(id), built.threadLabel.get(id)]);
      expect(stored.signals.year.get(id)).toEqual(built.signals.year.get(id));
      expect(stored.signals.citers.get(id)).toEqual(built.signals.citers.get(id));
      expect(stored.citedCount.get(id)).toEqual(built.citedCount.get(id));
      expect(stored.entityPapers.get(id)).toEqual(built.entityPapers.get(id));
    }
    expect(built.entityPapers.get('method:signalnet')?.length).toBeGreaterThan(1);
    for (const word of ['signals', 'study', 'classic', 'nothing']) expect(stored.titleWords.get(word)).toEqual(built.titleWords.get(word));
    expect(built.titleWords.get('signals')?.length).toBeGreaterThan(1);
  });

  it('is the same file whether the build hands over the index built, packed, or neither', () => {
    expect(Buffer.concat(relatedIndexFile(graph, stamp, packRelatedIndex(built))).equals(bytes)).toBe(true);
    expect(Buffer.concat(relatedIndexFile(graph, stamp, built)).equals(bytes)).toBe(true);
    expect(Buffer.concat(relatedIndexFile(graph, stamp)).equals(bytes)).toBe(true);
  });

  it('rejects a file built from another graph.json, or of another schema', () => {
    expect(decodeRelatedIndex(bytes, { ...stamp, mtimeNs: '1700000000000000001' })).toMatchObject({ status: 'stale', message: expect.stringMatching(/graph\.json has changed/) });
    expect(decodeRelatedIndex(bytes, { ...stamp, size: 1235 })).toMatchObject({ status: 'stale' });
    const newer = Buffer.from(bytes);
    const at = newer.indexOf('"schema":1');
    newer.write('"schema":9', at, 'latin1');
    expect(decodeRelatedIndex(newer, stamp)).toMatchObject({ status: 'schema', message: expect.stringMatching(/newer litgraph \(schema 9, this one reads 1\)/) });
  });

  it('reports truncated, corrupt and foreign files instead of answering from them', () => {
    const cases: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['foreign', Buffer.from('{"nodes": []}\n')],
      ['header cut', bytes.subarray(0, 40)],
      ['body cut', bytes.subarray(0, bytes.length - 100)],
      ['one more byte', Buffer.concat([bytes, Buffer.from([0])])],
    ];
    for (const offset of [bytes.length - 5, bytes.length - Math.floor(bytes.length / 3)]) {
      const flipped = Buffer.from(bytes);
      flipped[offset] ^= 0xff;
      cases.push([`byte ${offset} flipped`, flipped]);
    }
    for (const [name, b] of cases) {
      const r = decodeRelatedIndex(b, stamp);
      expect(r.status, name).toBe('corrupt');
      if (r.status === 'corrupt') expect(r.message, name).toMatch(/related\.idx is corrupt or truncated \(.+\)/);
    }
  });

  it('refuses arrays that point outside each other', () => {
    const packed = packRelatedIndex(built);
    expect(() => checkPacked(packed)).not.toThrow();
    const bad = { ...packed, arrays: { ...packed.arrays, refTo: packed.arrays.refTo.map((v, i) => (i === 0 ? 1e6 : v)) } };
    expect(() => checkPacked(bad)).toThrow(PackedIndexError);
    const short = { ...packed, arrays: { ...packed.arrays, docStart: packed.arrays.docStart.subarray(1) } };
    expect(() => checkPacked(short)).toThrow(/docTerms offsets/);
    expect(unpackRelatedIndex(packed).papers).toEqual(built.papers);
  });
});

describe('litgraph related without a usable related.idx', () => {
  const answerOf = async (dir: string) => {
    const io = captureIO();
    expect(await main(['related', 'SEATER', '--graph', dir, '--json', '-k', '5'], io)).toBe(0);
    return { answer: JSON.parse(io.out), err: io.err };
  };

  it('falls back to graph.json with a note when graph.json changed', async () => {
    const expected = (await answerOf(out)).answer;
    const dir = join(tmp, 'stale');
    await main(['build', SAMPLES_DIR, '-o', dir], captureIO());
    expect(readRelatedIndex(dir).status).toBe('ok');
    // Same bytes, rewritten later: the stamp no longer matches.
    const graphPath = join(dir, 'graph.json');
    writeFileSync(graphPath, readFileSync(graphPath));
    const later = new Date(statSync(graphPath).mtimeMs + 5000);
    utimesSync(graphPath, later, later);
    expect(readRelatedIndex(dir).status).toBe('stale');
    const { answer, err } = await answerOf(dir);
    expect(err).toMatch(/^litgraph related: graph\.json has changed since related\.idx was written; building the index from graph\.json instead/);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(answer).toEqual(expected);
    // A different graph.json (one paper fewer): still answered from the graph itself.
    const graph = JSON.parse(readFileSync(graphPath, 'utf8'));
    graph.nodes = graph.nodes.filter((n: { key: string }) => n.key !== 'paper:arxiv:2309.13375');
    graph.edges = graph.edges.filter((e: { source: string; target: string }) => e.source !== 'paper:arxiv:2309.13375' && e.target !== 'paper:arxiv:2309.13375');
    writeFileSync(graphPath, JSON.stringify(graph));
    const io = captureIO();
    await main(['related', '2309.13375', '--graph', dir, '--json'], io);
    expect(io.err).toMatch(/graph\.json has changed/);
    expect(JSON.parse(io.out).status).toBe('not-found');
    expect(statSync(graphPath).size).not.toBe(statSync(join(out, 'graph.json')).size);
  }, 240_000);

  it('falls back with a note when related.idx is missing, truncated or corrupt', async () => {
    const expected = (await answerOf(out)).answer;
    const dir = join(tmp, 'broken');
    await main(['build', SAMPLES_DIR, '-o', dir], captureIO());
    const idx = join(dir, RELATED_INDEX_FILE);
    const good = readFileSync(idx);
    const variants: [RegExp, () => void][] = [
      [/corrupt or truncated \(\d+ bytes, expected \d+\)/, () => writeFileSync(idx, good.subarray(0, Math.floor(good.length / 2)))],
      [/corrupt or truncated \(checksum mismatch\)/, () => writeFileSync(idx, Buffer.from(good).fill(0x41, good.length - 64))],
      [/corrupt or truncated \(not a litgraph related index\)/, () => writeFileSync(idx, 'hello')],
      [/no related\.idx beside graph\.json/, () => rmSync(idx)],
    ];
    for (const [message, spoil] of variants) {
      spoil();
      expect(readRelatedIndex(dir).status).not.toBe('ok');
      const { answer, err } = await answerOf(dir);
      expect(err).toMatch(message);
      expect(err).toMatch(/building the index from graph\.json instead/);
      expect(answer).toEqual(expected);
    }
    expect(openRelated(dir).papers.length).toBe(126);
  }, 240_000);

  it('says what the graph loader says when there is no build', async () => {
    const io = captureIO();
    expect(await main(['related', 'SEATER', '--graph', join(tmp, 'nowhere')], io)).toBe(1);
    expect(io.err).toMatch(/no graph\.json here/);
    expect(io.err).not.toMatch(/related\.idx/);
  });
});

describe('graphStamp', () => {
  it('records the size and nanosecond mtime of a file', () => {
    const s = graphStamp(join(out, 'graph.json'));
    expect(s.size).toBe(statSync(join(out, 'graph.json')).size);
    expect(s.mtimeNs).toMatch(/^\d+$/);
  });
});
