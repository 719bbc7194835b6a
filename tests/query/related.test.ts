/**
 * Related work: query resolution (ids, arXiv ids, title words, ambiguity), ranking and reasons on
 * the seeds (SEATER → recommendation papers) and on a citation fixture (shared references,
 * co-citing papers, the later-paper filter), pasted text, and the options' validation.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRelatedIndex, describeReasons, relatedWork, resolvePaper, textEntities, DEFAULT_RELATED_WEIGHTS, type RelatedAnswer } from '../../src/query/related.js';
import { buildSamples, SAMPLES_DIR } from '../helpers/seeds.js';
import { loadFixture } from '../threads/fixture-graph.js';
import { threadStage } from '../../src/threads/index.js';
import { buildTextIndex } from '../../src/threads/text-index.js';

const RECSYS = /recommend|click-through|CTR|retrieval|user|item/i;
const ok = (a: RelatedAnswer) => {
  if (a.status !== 'ok') throw new Error(`expected ok, got ${a.status}`);
  return a;
};

/** The SEATER abstract as the seed listing gives it (the arXiv-listing entry that introduces SEATER). */
function seaterAbstract(): string {
  const text = readFileSync(join(SAMPLES_DIR, '000_5492ba66f4d306cd.txt'), 'utf8');
  return text.split('\n').find((l) => l.includes('namely SEATER'))!.trim();
}

describe('related work on the seeds', () => {
  const result = buildSamples();
  const index = buildRelatedIndex(result.graph);
  const text = (id: string) => {
    const a = result.graph.getNodeAttributes(id);
    return `${a.title ?? ''} ${a.abstract ?? ''}`;
  };

  it('uses a text index built already only when it covers exactly the corpus papers', () => {
    const docs = index.papers.map((id) => ({ id, title: index.signals.title.get(id), abstract: index.signals.abstract.get(id) }));
    const same = buildTextIndex(docs);
    expect(buildRelatedIndex(result.graph, {}, same).text).toBe(same);
    const fewer = buildTextIndex(docs.slice(1));
    const rebuilt = buildRelatedIndex(result.graph, {}, fewer).text;
    expect(rebuilt).not.toBe(fewer);
    expect(rebuilt.ids).toEqual(index.papers);
    const q = 'paper:arxiv:2309.13375';
    expect(relatedWork(buildRelatedIndex(result.graph, {}, same), q)).toEqual(relatedWork(index, q));
  });

  it('finds the SEATER paper by arXiv id, id, URL and name', () => {
    const id = 'paper:arxiv:2309.13375';
    expect(text(id)).toContain('SEATER');
    for (const q of ['2309.13375', 'arXiv:2309.13375v2', 'https://arxiv.org/abs/2309.13375', id, 'SEATER']) expect(resolvePaper(index, q)).toEqual({ kind: 'paper', id });
  });

  it('returns recommendation papers first for SEATER, with reasons and a breakdown', () => {
    const answer = ok(relatedWork(index, '2309.13375', { k: 10 }));
    expect(answer.query.id).toBe('paper:arxiv:2309.13375');
    expect(answer.suggestions).toHaveLength(10);
    for (const s of answer.suggestions.slice(0, 5)) expect(text(s.id), s.label).toMatch(RECSYS);
    expect(answer.suggestions.filter((s) => RECSYS.test(text(s.id))).length).toBeGreaterThanOrEqual(8);
    for (const s of answer.suggestions) {
      expect(s.id).not.toBe('paper:arxiv:2309.13375');
      expect(describeReasons(s.reasons).length).toBeGreaterThan(0);
      const sum = Object.values(s.breakdown).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(s.score, 2);
      expect(s.reasons.text).toBeGreaterThan(0);
    }
    const scores = answer.suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers a pasted abstract (--text) with recommendation papers', () => {
    const answer = ok(relatedWork(index, { text: seaterAbstract() }, { k: 5 }));
    expect(answer.query.kind).toBe('text');
    expect(answer.query.thread).toBeDefined();
    // The pasted abstract is SEATER's own, so the paper itself may come first; the rest are recsys.
    for (const s of answer.suggestions) expect(text(s.id), s.label).toMatch(RECSYS);
    expect(answer.suggestions[0].id).toBe('paper:arxiv:2309.13375');
    expect(relatedWork(index, { text: 'zzqx qqzzy' }).status).toBe('not-found');
  });

  it('gives a pasted text its cosine with each paper as the text similarity', () => {
    // A text no paper repeats: the best cosine is well below 1, and the ranking's text signal
    // (each cosine divided by the best) is not what the reasons show.
    const query = 'Generative retrieval for recommendation: items get semantic identifiers decoded by a sequence model.';
    const answer = ok(relatedWork(index, { text: query }, { k: 5 }));
    const cosines = index.text.query(index.text.vectorize(query), index.papers.length);
    expect(cosines[0].score).toBeLessThan(0.8);
    for (const s of answer.suggestions) {
      const cosine = cosines.find((n) => n.doc === index.number.get(s.id))?.score ?? 0;
      expect(s.reasons.text ?? 0).toBeCloseTo(cosine, 2);
    }
  });

  it('links a pasted text to the methods, datasets and tasks it names, and explains them', () => {
    // A text of our own naming two datasets, a task and two methods that the seeds' CTR papers name.
    const query = 'We fine-tune BERT for click-through rate prediction on the Criteo and Avazu datasets and compare with DeepFM.';
    const named = textEntities(index, query);
    expect(named.get('dataset')).toEqual(['dataset:avazu', 'dataset:criteo']);
    expect(named.get('method')).toEqual(expect.arrayContaining(['method:bert', 'method:deepfm']));
    expect(named.get('task')).toContain('task:ctr-prediction');
    expect(named.has('author')).toBe(false);

    const answer = ok(relatedWork(index, { text: query }, { k: 10 }));
    expect(answer.query.entities?.dataset?.map((e) => e.label)).toEqual(['Avazu', 'Criteo']);
    // Every paper linked to Criteo is a candidate with the shared dataset in its breakdown and reasons.
    const criteo = index.entityPapers.get('dataset:criteo')!;
    expect(criteo.length).toBeGreaterThan(0);
    const first = answer.suggestions.find((s) => criteo.includes(s.id));
    expect(first, 'a Criteo paper among the suggestions').toBeDefined();
    expect(first!.breakdown.dataset).toBeGreaterThan(0);
    expect(first!.reasons.shared?.dataset?.map((e) => e.id)).toContain('dataset:criteo');
    expect(describeReasons(first!.reasons).join('\n')).toMatch(/shared datasets?: .*Criteo/);
    // Every shared entity a suggestion's reasons give is one that paper is linked to.
    for (const s of answer.suggestions) {
      const theirs = index.signals.entities.get(s.id);
      for (const kind of ['method', 'dataset', 'task'] as const) {
        for (const e of s.reasons.shared?.[kind] ?? []) expect(theirs?.get(kind)).toContain(e.id);
      }
    }
  });

  it('ranks a paper up for the entities a pasted text shares with it', () => {
    const query = 'We fine-tune BERT for click-through rate prediction on the Criteo and Avazu datasets and compare with DeepFM.';
    const plain = ok(relatedWork(index, { text: query }, { k: 126, weights: { ...DEFAULT_RELATED_WEIGHTS, method: 0, dataset: 0, task: 0, repo: 0 } }));
    const full = ok(relatedWork(index, { text: query }, { k: 126 }));
    const byId = (a: typeof full) => new Map(a.suggestions.map((s, rank) => [s.id, { s, rank }]));
    const before = byId(plain);
    const after = byId(full);
    // The entity signals add to the scores of the papers that share an entity with the text, and only to theirs.
    for (const [id, { s }] of after) {
      const gain = (s.breakdown.method ?? 0) + (s.breakdown.dataset ?? 0) + (s.breakdown.task ?? 0);
      expect(s.score - (before.get(id)?.s.score ?? 0), id).toBeCloseTo(gain, 3);
      expect(gain > 0, id).toBe(s.reasons.shared !== undefined);
    }
    // The one paper that names DeepFM has little text in common with the query; the shared method lifts it.
    const [deepfm] = index.entityPapers.get('method:deepfm')!;
    expect(after.get(deepfm)!.rank).toBeLessThan(before.get(deepfm)!.rank);
    expect(plain.suggestions.every((s) => s.breakdown.dataset === undefined)).toBe(true);
  });

  it('lists candidates for ambiguous title words', () => {
    const answer = relatedWork(index, 'diffusion models');
    expect(answer.status).toBe('ambiguous');
    if (answer.status !== 'ambiguous') return;
    expect(answer.candidates.length).toBeGreaterThan(3);
    for (const c of answer.candidates) expect(text(c.id).toLowerCase()).toContain('diffusion');
    expect(relatedWork(index, 'no such words anywhere xyzzy').status).toBe('not-found');
  });

  it('resolves unambiguous title words to the one paper', () => {
    const answer = ok(relatedWork(index, 'Variational Autoencoders for Collaborative Filtering', { k: 3 }));
    expect(answer.query.label).toBe('Variational Autoencoders for Collaborative Filtering');
  });

  it('never suggests papers published after a dated query paper unless asked', () => {
    const q = 'paper:h:f18fee467c502fac'; // VAEs for collaborative filtering, 2018
    const year = index.signals.year.get(q)!;
    expect(year).toBe(2018);
    const strict = ok(relatedWork(index, q, { k: 20 }));
    for (const s of strict.suggestions) if (s.year !== null) expect(s.year).toBeLessThanOrEqual(year);
    const loose = ok(relatedWork(index, q, { k: 20, allowLater: true }));
    expect(loose.suggestions.some((s) => s.year !== null && s.year > year)).toBe(true);
  });
});

describe('related work on a citation fixture', () => {
  const graph = loadFixture('two-clusters.json');
  threadStage(graph, { seed: 1 });
  const index = buildRelatedIndex(graph);

  it('explains shared references, direct citations, shared authors and the thread', () => {
    const answer = ok(relatedWork(index, 'paper:h:a6', { k: 5 }));
    const ids = answer.suggestions.map((s) => s.id);
    for (const cited of ['paper:h:a1', 'paper:h:a4', 'paper:h:a5']) expect(ids.slice(0, 4)).toContain(cited);
    const a5 = answer.suggestions.find((s) => s.id === 'paper:h:a5')!;
    expect(a5.reasons.citation).toBe('cites');
    expect(a5.reasons.sharedRefs?.map((e) => e.id).sort()).toEqual(['paper:h:a1', 'paper:h:a4']);
    expect(a5.reasons.thread?.id).toBe(answer.query.thread?.id);
    expect(a5.breakdown.coupling).toBeGreaterThan(0);
    expect(ids).not.toContain('paper:h:b6');
    const a1 = answer.suggestions.find((s) => s.id === 'paper:h:a1')!;
    expect(a1.reasons.shared?.author?.map((e) => e.label)).toEqual(['Ada Alpha']);
  });

  it('explains co-citation', () => {
    const answer = ok(relatedWork(index, 'paper:h:a4', { k: 8, allowLater: true }));
    const a1 = answer.suggestions.find((s) => s.id === 'paper:h:a1')!;
    expect(a1.reasons.coCitedBy?.map((e) => e.id).sort()).toEqual(['paper:h:a5', 'paper:h:a6']);
    expect(describeReasons(a1.reasons).join('\n')).toMatch(/co-cited by 2/);
  });

  it('excludes later papers by default', () => {
    const strict = ok(relatedWork(index, 'paper:h:a3', { k: 10 }));
    expect(strict.suggestions.length).toBeGreaterThan(0);
    for (const s of strict.suggestions) expect(s.year).toBeLessThanOrEqual(2012);
    const loose = ok(relatedWork(index, 'paper:h:a3', { k: 10, allowLater: true }));
    expect(loose.suggestions.map((s) => s.id)).toContain('paper:h:a5'); // a5 cites a3
  });

  it('recovers a citation from what similar papers and the same authors cite', () => {
    // b6 without its own references: its authors' other papers (b1, b2) and the thread still point home.
    const answer = ok(relatedWork(index, 'paper:h:b6', { k: 3 }));
    for (const s of answer.suggestions) expect(s.id.startsWith('paper:h:b')).toBe(true);
  });

  it('finds papers by ACL id and DOI', () => {
    const g = loadFixture('two-clusters.json');
    g.mergeNodeAttributes('paper:h:a1', { aclId: 'P05-1001', doi: '10.1000/abc' });
    const idx = buildRelatedIndex(g);
    for (const q of ['P05-1001', 'p05-1001', 'https://aclanthology.org/P05-1001.pdf', '10.1000/ABC', 'https://doi.org/10.1000/abc']) expect(resolvePaper(idx, q)).toEqual({ kind: 'paper', id: 'paper:h:a1' });
  });

  it('validates options', () => {
    expect(() => relatedWork(index, 'paper:h:a1', { k: 0 })).toThrow(/k must/);
    expect(() => relatedWork(index, 'paper:h:a1', { weights: { ...DEFAULT_RELATED_WEIGHTS, text: -1 } })).toThrow(/weight text/);
  });
});
