/**
 * A synthetic litgraph graph of any size, shaped like a real build, for the Neo4j benchmark and
 * the "server dies mid-export" test. Deterministic (seeded PRNG).
 *
 * Shape per paper (means): 4 `authored`, 1 `proposes`, 3 `uses`, 2 `evaluates_on`, 1 `addresses`,
 * 2 `reports`, 0.5 `has_code`, 1 `published_in`, 2 `in_category`, 1 `affiliated`, 6 `cites`,
 * 1 `builds_on`, 5 `similar_to`, 1 `in_thread` ≈ 30 relationships. Entities are drawn with a
 * skew (a few methods and datasets are used by many papers, most by few), as in real listings.
 * Non-paper nodes per paper: 2.5 authors, 0.6 methods, 0.2 datasets, 0.15 tasks, 0.05 metrics,
 * 0.4 repos, 0.075 orgs, plus fixed venues, categories and threads; so 20k papers give ≈ 100k
 * nodes and ≈ 600k relationships. Papers carry a title, a ~600-character abstract, a year, an
 * author list and a layout position; edges carry provenance, evidence, confidence or weight.
 */
import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, EdgeType, NodeAttributes, NodeType } from '../../src/types.js';
import type { LitGraph } from '../../src/graph/build.js';
import { mulberry32 } from '../../src/threads/rng.js';


const WORDS =
  'graph neural network transformer attention retrieval recommendation diffusion language model contrastive learning benchmark dataset sparse dense embedding reinforcement policy offline robust efficient scalable federated multimodal vision reasoning'.split(
    ' ',
  );

export interface SyntheticOptions {
  papers: number;
  seed: number;
}

export function syntheticGraph(options: Partial<SyntheticOptions> = {}): LitGraph {
  const { papers, seed } = { papers: 20_000, seed: 7, ...options };
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  /** Skewed pick in [0, n): low indices are popular (roughly Zipf-like). */
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * rand() ** 3));
  const count = (mean: number) => {
    // Poisson-ish small counts around the mean.
    let k = 0;
    for (let i = 0; i < mean * 2; i++) if (rand() < 0.5) k++;
    return k;
  };
  const words = (n: number) => Array.from({ length: n }, () => WORDS[int(WORDS.length)]).join(' ');

  const g: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  const sizes: Record<Exclude<NodeType, 'paper'>, number> = {
    author: Math.round(papers * 2.5),
    method: Math.round(papers * 0.6),
    dataset: Math.round(papers * 0.2),
    task: Math.round(papers * 0.15),
    metric: Math.max(10, Math.round(papers * 0.05)),
    repo: Math.round(papers * 0.4),
    venue: 300,
    org: Math.max(10, Math.round(papers * 0.075)),
    category: 150,
    thread: 200,
  };
  for (const [type, n] of Object.entries(sizes) as [NodeType, number][]) {
    for (let i = 0; i < n; i++) {
      const attrs: NodeAttributes = { type, label: `${type} ${words(2)} ${i}`, x: rand() * 1000, y: rand() * 1000 };
      if (type !== 'author' && type !== 'venue' && type !== 'category' && type !== 'thread') {
        attrs.aliases = [`${type}-${i}`, `${words(1)}-${i}`];
        attrs.mentions = 1 + int(50);
      }
      if (type === 'thread') Object.assign(attrs, { size: 1 + int(500), terms: [words(1), words(1), words(1)], years: [2018 + int(4), 2022 + int(4)] });
      g.addNode(`${type}:${i}`, attrs);
    }
  }
  for (let p = 0; p < papers; p++) {
    const authors = Array.from({ length: 1 + count(2) }, () => `author:${skewed(sizes.author)}`);
    g.addNode(`paper:${p}`, {
      type: 'paper',
      label: `${words(6)} (${p})`,
      title: `${words(6)} (${p})`,
      abstract: words(80),
      year: 2015 + int(11),
      date: `${2015 + int(11)}-0${1 + int(9)}-1${int(10)}`,
      arxivId: `${2300 + int(100)}.${10000 + p}`,
      authors,
      x: rand() * 1000,
      y: rand() * 1000,
    });
  }
  const add = (type: EdgeType, source: string, target: string, attrs: Record<string, unknown>, suffix = '') => {
    const key = `${type}:${source}->${target}${suffix ? `#${suffix}` : ''}`;
    if (source === target || g.hasEdge(key)) return;
    g.addEdgeWithKey(key, source, target, { type, provenance: 'extracted', ...attrs });
  };
  const evidence = () => `${words(12)}.`;
  for (let p = 0; p < papers; p++) {
    const paper = `paper:${p}`;
    const n = (type: Exclude<NodeType, 'paper'>) => `${type}:${skewed(sizes[type])}`;
    for (let i = 0, k = 1 + count(2) + int(3); i < k; i++) add('authored', `author:${skewed(sizes.author)}`, paper, { position: i, evidence: 'listing' });
    for (let i = 0, k = count(0.5) + 1; i < k; i++) add('proposes', paper, `method:${int(sizes.method)}`, { evidence: evidence(), confidence: 0.9, mentions: 1 });
    for (let i = 0, k = count(3); i < k; i++) add('uses', paper, n('method'), { evidence: evidence(), rule: 'gazetteer', confidence: 0.8, mentions: 1 + int(3) });
    for (let i = 0, k = count(2); i < k; i++) add('evaluates_on', paper, n('dataset'), { evidence: evidence(), confidence: 0.85, mentions: 1 });
    for (let i = 0, k = count(1); i < k; i++) add('addresses', paper, n('task'), { evidence: evidence(), confidence: 0.7, mentions: 1 });
    for (let i = 0, k = count(2); i < k; i++) {
      const value = (50 + rand() * 50).toFixed(1);
      add('reports', paper, n('metric'), { evidence: evidence(), value, dataset: `dataset ${int(100)}`, confidence: 0.9, mentions: 1 }, `${value}@${i}`);
    }
    if (rand() < 0.5) add('has_code', paper, `repo:${int(sizes.repo)}`, { evidence: 'metadata', rule: 'source-metadata' });
    add('published_in', paper, n('venue'), { evidence: 'metadata' });
    for (let i = 0, k = count(1); i < k; i++) add('in_category', paper, n('category'), { evidence: 'metadata' });
    for (let i = 0, k = count(0.5); i < k; i++) add('affiliated', paper, n('org'), { evidence: 'metadata', rule: 'listing-metadata' });
    if (p > 0) {
      for (let i = 0, k = count(6); i < k; i++) add('cites', paper, `paper:${skewed(p)}`, { evidence: 'references' });
      for (let i = 0, k = count(0.5); i < k; i++) add('builds_on', paper, `paper:${skewed(p)}`, { provenance: 'inferred', evidence: 'uses a method the other proposes', via: `method:${int(sizes.method)}` });
    }
    for (let i = 0; i < 5; i++) add('similar_to', paper, `paper:${int(papers)}`, { provenance: 'inferred', weight: Number(rand().toFixed(4)), evidence: 'tf-idf cosine' });
    add('in_thread', paper, `thread:${int(sizes.thread)}`, { provenance: 'inferred', evidence: 'louvain' });
  }
  return g;
}
