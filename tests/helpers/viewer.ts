/**
 * Shared set-up for the viewer's browser tests and benchmark: builds the viewer with vite into a
 * temporary folder (so tests never depend on a stale viewer/dist) and makes small synthetic graphs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import type { LitGraph } from '../../src/graph/build.js';
import { seededRandom } from '../../src/graph/layout.js';
import type { EdgeAttributes, NodeAttributes, NodeType } from '../../src/types.js';

export const VIEWER_ROOT = fileURLToPath(new URL('../../viewer/', import.meta.url));

/** `vite build viewer` into a fresh temporary folder; returns the folder. */
export async function buildViewerAssets(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'litgraph-viewer-'));
  const { build } = await import('vite');
  await build({ configFile: join(VIEWER_ROOT, 'vite.config.ts'), root: VIEWER_ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/**
 * A synthetic graph shaped like a litgraph build: papers in `threads` threads (thread nodes and
 * in_thread edges), authors, methods and datasets, citations; laid out later by the site writer.
 */
export function syntheticGraph(papers: number, options: { threads?: number; seed?: number } = {}): LitGraph {
  const random = seededRandom(options.seed ?? 7);
  const threads = options.threads ?? 8;
  const graph: LitGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  const add = (key: string, type: NodeType, label: string, extra: Record<string, unknown> = {}) => {
    if (!graph.hasNode(key)) graph.addNode(key, { type, label, ...extra });
  };
  for (let t = 0; t < threads; t++) add(`thread:${t}`, 'thread', `thread ${t}: topic ${String.fromCharCode(97 + (t % 26))}`);
  const authors = Math.max(3, Math.round(papers * 0.6));
  const methods = Math.max(2, Math.round(papers * 0.08));
  const datasets = Math.max(2, Math.round(papers * 0.04));
  for (let i = 0; i < papers; i++) {
    const t = i % threads;
    const key = `paper:h:${i.toString(36).padStart(5, '0')}`;
    add(key, 'paper', `Synthetic paper ${i} on topic ${t}`, { title: `Synthetic paper ${i} on topic ${t}`, year: 2015 + (i % 10), abstract: `Abstract of paper ${i}.` });
    graph.addEdge(key, `thread:${t}`, { type: 'in_thread', provenance: 'inferred' });
    const nAuthors = 1 + Math.floor(random() * 3);
    for (let a = 0; a < nAuthors; a++) {
      // Authors mostly stay within a thread, so the layout shows clusters.
      const author = `author:${(t + threads * Math.floor(random() * (authors / threads))) % authors}`;
      add(author, 'author', `Author ${author.slice(7)}`);
      if (!graph.hasEdge(author, key)) graph.addEdge(author, key, { type: 'authored', provenance: 'extracted' });
    }
    const method = `method:m${(t + threads * Math.floor(random() * (methods / threads + 1))) % methods}`;
    add(method, 'method', `Method ${method.slice(8)}`);
    graph.addEdge(key, method, { type: 'uses', provenance: 'extracted' });
    if (random() < 0.5) {
      const dataset = `dataset:d${Math.floor(random() * datasets)}`;
      add(dataset, 'dataset', `Dataset ${dataset.slice(9)}`);
      graph.addEdge(key, dataset, { type: 'evaluates_on', provenance: 'extracted' });
    }
    if (i > threads) {
      const cited = `paper:h:${(i - threads * (1 + Math.floor(random() * Math.min(20, i / threads - 1)))).toString(36).padStart(5, '0')}`;
      if (cited !== key && graph.hasNode(cited)) graph.addEdge(key, cited, { type: 'cites', provenance: 'extracted' });
    }
  }
  return graph;
}
