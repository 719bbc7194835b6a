/** A thread's top methods / datasets / tasks: the entities typical of it, not the corpus's hubs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { detectThreads } from '../../src/threads/index.js';
import { distinctiveness, topEntities } from '../../src/threads/top-entities.js';
import type { CitationEdge, Entity, Mention } from '../../src/types.js';
import { FIXTURES, makePaper, type FixturePaper } from './fixture-graph.js';

describe('topEntities', () => {
  it('ranks an entity typical of the thread above a hub every paper uses', () => {
    // 10 papers in the thread, 100 in the corpus: the hub is in every paper everywhere.
    const inThread = new Map([['method:hub', 10], ['method:own', 4], ['method:common', 6]]);
    const inCorpus = new Map([['method:hub', 100], ['method:own', 4], ['method:common', 30]]);
    expect(topEntities({ inThread, threadSize: 10, inCorpus, corpusSize: 100 }, 3)).toEqual(['method:own', 'method:common', 'method:hub']);
  });

  it('puts an entity of one paper after the recurring ones, however rare', () => {
    const inThread = new Map([['task:once', 1], ['task:hub', 5]]);
    const inCorpus = new Map([['task:once', 1], ['task:hub', 80]]);
    expect(topEntities({ inThread, threadSize: 10, inCorpus, corpusSize: 100 }, 2)).toEqual(['task:hub', 'task:once']);
  });

  it('ranks by count when the thread is the whole corpus, ties by id', () => {
    const inThread = new Map([['dataset:b', 2], ['dataset:c', 5], ['dataset:a', 2]]);
    expect(topEntities({ inThread, threadSize: 8, inCorpus: inThread, corpusSize: 8 }, 3)).toEqual(['dataset:c', 'dataset:a', 'dataset:b']);
  });

  it('scores an entity no more common in the thread than elsewhere at zero or below', () => {
    expect(distinctiveness(5, 10, 50, 100)).toBeCloseTo(0, 12);
    expect(distinctiveness(1, 10, 50, 100)).toBeLessThan(0);
    expect(distinctiveness(5, 10, 5, 100)).toBeGreaterThan(distinctiveness(5, 10, 20, 100));
  });
});

describe('top entities of detected threads', () => {
  // The two citation clusters of the threads fixture; every paper uses one method, and each
  // cluster has its own method in half of its papers.
  const data = JSON.parse(readFileSync(join(FIXTURES, 'two-clusters.json'), 'utf8')) as { papers: FixturePaper[]; cites: [string, string][] };
  const entity = (id: string, label: string): Entity => ({ id, type: 'method', label, aliases: [], mentions: 0 });
  const entities = [entity('method:hub', 'neural network'), entity('method:kalman', 'Kalman filter'), entity('method:gru', 'GRU')];
  const uses: [string, string][] = [...data.papers.map((p): [string, string] => [p.id, 'method:hub']), ['paper:h:a1', 'method:kalman'], ['paper:h:a2', 'method:kalman'], ['paper:h:a3', 'method:kalman'], ['paper:h:b4', 'method:gru'], ['paper:h:b5', 'method:gru']];
  const mentions: Mention[] = uses.map(([paper, id]) => ({ paper, entity: id, type: 'method', role: 'uses', start: 0, end: 1, text: 'x', rule: 'fixture', confidence: 1 }));
  for (const e of entities) e.mentions = mentions.filter((m) => m.entity === e.id).length;
  const citations: CitationEdge[] = data.cites.map(([citing, cited], i) => ({ citing, cited, source: { path: 'fixture', line: i + 1, format: 'fixture' } }));
  const graph = buildGraph({ papers: data.papers.map(makePaper), extraction: { entities, mentions }, citations });

  it("lists each cluster's own method before the method every paper uses", () => {
    const { threads } = detectThreads(graph, { seed: 1 });
    const of = (paper: string) => threads.find((t) => t.papers.includes(paper))!;
    expect(of('paper:h:a1').topMethods).toEqual(['method:kalman', 'method:hub']);
    expect(of('paper:h:b1').topMethods).toEqual(['method:gru', 'method:hub']);
  });
});
