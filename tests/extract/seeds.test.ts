/**
 * The seed listings (graph-data/samples, real abstracts) through the whole pipeline: proposed
 * methods, datasets, a reported result, resolution, and the labels of untitled papers.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listInputFiles, readInput } from '../../src/cli/read-inputs.js';
import { runPipeline, type BuildResult } from '../../src/pipeline.js';
import type { Mention } from '../../src/types.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'graph-data', 'samples');
let result: BuildResult;
let mentions: Mention[];

beforeAll(() => {
  const { files } = listInputFiles([SAMPLES]);
  result = runPipeline(files.map(readInput));
  mentions = result.mentions;
}, 120_000);

describe('seed listings', () => {
  it.each(['SEATER', 'GZS-TV', 'SHARK', 'GACN', 'CETNet', 'InterFormer', 'SIVAE', 'AdaTT'])('%s is proposed', (name) => {
    const m = mentions.filter((x) => x.text === name && x.type === 'method');
    expect(m.length).toBeGreaterThan(0);
    expect(m.some((x) => x.role === 'proposes')).toBe(true);
    expect(m.every((x) => x.role === 'proposes')).toBe(true);
  });

  it.each([
    ['CIFAR-10', 'dataset:cifar-10'],
    ['Criteo', 'dataset:criteo'],
    ['Avazu', 'dataset:avazu'],
  ])('%s is a dataset', (text, key) => {
    expect(mentions.filter((m) => m.text === text).map((m) => [m.entity, m.role])).toContainEqual([key, 'evaluates_on']);
  });

  it('links ImageNet 64×64 as a variant of ImageNet', () => {
    const m = mentions.find((x) => x.text === 'ImageNet $64\\times 64$')!;
    expect(m.entity).toBe('dataset:imagenet-64x64');
    const node = result.graph.getNodeAttributes('dataset:imagenet-64x64');
    expect(node.variantOf).toBe('dataset:imagenet');
    expect(result.graph.getNodeAttributes('dataset:imagenet').type).toBe('dataset');
  });

  it('reports FID 2.51 on CIFAR-10 and 3.25 on ImageNet 64×64 as two results', () => {
    const fid = mentions.filter((m) => m.entity === 'metric:fid' && m.value);
    expect(fid.map((m) => [m.value, m.dataset ?? null])).toEqual(expect.arrayContaining([
      ['2.51', 'dataset:cifar-10'],
      ['3.25', 'dataset:imagenet-64x64'],
    ]));
    const paper = fid.find((m) => m.value === '2.51')!.paper;
    const edges = result.graph.edges(paper, 'metric:fid').map((e) => result.graph.getEdgeAttributes(e));
    expect(edges.find((e) => e.value === '2.51')).toMatchObject({ type: 'reports', dataset: 'dataset:cifar-10', setting: 'single sampling step' });
    expect(edges.find((e) => e.value === '2.51')!.evidence).toContain('FID scores of 2.51 and 3.25');
  });

  it('resolves every CIFAR-10 spelling of the seeds to one key', () => {
    const keys = new Set(mentions.filter((m) => /^cifar[\s-]?10$/i.test(m.text)).map((m) => m.entity));
    expect([...keys]).toEqual(['dataset:cifar-10']);
  });

  it('labels the untitled seed papers by the name they propose', () => {
    const labels = new Set(result.papers.filter((p) => !p.title).map((p) => p.label));
    for (const name of ['SEATER', 'CETNet', 'GZS-TV']) expect(labels).toContain(name);
  });

  it('merges CETNet and its long form into one node with both aliases', () => {
    const node = result.graph.getNodeAttributes('method:cetnet');
    expect(node.aliases).toEqual(expect.arrayContaining(['CETNet', 'Collaborative Ensemble Training Network']));
  });

  it('links Meta and Kuaishou as deployers or data owners', () => {
    const orgs = mentions.filter((m) => m.role === 'affiliated').map((m) => m.entity);
    expect(orgs).toEqual(expect.arrayContaining(['org:meta', 'org:kuaishou']));
  });

  it('makes no entity of generic phrases', () => {
    const generic = /^(?:our (?:model|method|approach|framework)|the proposed (?:method|model)|state-of-the-art (?:baselines|models)|this (?:paper|work))$/i;
    expect(mentions.filter((m) => generic.test(m.text))).toEqual([]);
    for (const key of result.graph.nodes()) expect(key).not.toMatch(/^(?:method|task|dataset|metric):(?:model|method|approach|baseline|our-model|proposed-method)$/);
  });

  it('gives every mention offsets that match its text', () => {
    const byId = new Map(result.papers.map((p) => [p.id, p]));
    for (const m of mentions) {
      const p = byId.get(m.paper)!;
      const source = m.field === 'title' ? p.title : p.abstract;
      expect(source!.slice(m.start, m.end)).toBe(m.text);
    }
  });
});
