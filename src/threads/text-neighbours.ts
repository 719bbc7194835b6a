/**
 * text-neighbours — every corpus paper's nearest papers by text, on the main thread or beside it
 * ==============================================================================================
 *
 * The all-pairs text pass (text-index.ts: build the tf-idf index, then each paper's top-k
 * cosines) needs only titles and abstracts, which are known as soon as papers are resolved; it
 * is also the largest single cost of the threads stage. So the build starts it in a worker
 * thread right after resolve and extracts entities and builds the graph on the main thread
 * meanwhile — both cores busy — then hands the result to the threads stage. The worker runs the
 * very same functions, and scores come back as float64, so the result is identical to
 * computing inline (tested).
 *
 * Running from TypeScript sources (tests, tsx) there is no compiled worker file to start, so
 * the pass runs inline there.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { allNeighbours, buildTextIndex, type Neighbour, type TextDocument, type TextIndexOptions } from './text-index.js';

/** What the pass computes for: documents in order, how many neighbours, the least cosine kept. */
export interface TextNeighbourTask {
  docs: TextDocument[];
  k: number;
  minScore: number;
  options: Partial<TextIndexOptions>;
}

/** The pass's result: `lists[i]` are the neighbours of `ids[i]`, as indices into `ids`. */
export interface TextNeighbours {
  ids: string[];
  k: number;
  minScore: number;
  lists: Neighbour[][];
  /** 1 when the lists are exact; else terms in more than this fraction of documents were left out (see below). */
  maxDf: number;
}

/**
 * The exact all-pairs search (text-index.ts) costs about the number of document pairs sharing
 * terms, weighted: Σ df² over the vocabulary. Real abstracts stay near one shared common term per
 * pair (Σ df² / N² = 0.87 at 50k and 1.04 at 100k resampled ACL/HF/arXiv papers, where the exact
 * pass takes 13 s and 45 s of CPU). Text whose every document repeats the same few hundred
 * non-stopwords (generated listings; bench/big-file.ts has Σ df² / N² ≈ 32) makes it quadratic:
 * 20k such documents took three minutes (40 s with the cut). Above MAX_PAIR_MASS the most common terms are left out
 * of the pass, commonest first, until the mass is under it — scikit-learn's `max_df` — and the
 * lists are exact over the rest of the vocabulary; the build reports that it did so.
 */
export const MAX_PAIR_MASS = 1.2;
/** Below this many documents every pass is cheap (small corpora also share more, relatively: the seeds' mass is above 2). */
export const MIN_DOCS_TO_CUT = 5000;

/** The max_df that brings Σ df² / N² under `maxMass` (1 when it already is, or when n < minDocs). */
export function maxDfForPairMass(df: ArrayLike<number>, n: number, maxMass = MAX_PAIR_MASS, minDocs = MIN_DOCS_TO_CUT): number {
  if (n === 0 || n < minDocs) return 1;
  const sorted = Float64Array.from(df).sort().reverse();
  let mass = 0;
  for (const d of sorted) mass += (d / n) * (d / n);
  if (mass <= maxMass) return 1;
  let i = 0;
  while (i < sorted.length && mass > maxMass) {
    const d = sorted[i];
    // Terms of equal df go together, so the cut never depends on term order.
    while (i < sorted.length && sorted[i] === d) {
      mass -= (d / n) * (d / n);
      i++;
    }
  }
  // Half a document above the first kept df, so float rounding can never drop that term.
  return i < sorted.length ? Math.min(1, (sorted[i] + 0.5) / n) : 0;
}

/** The documents of the corpus papers (not external), sorted by id — the order `readSignals` gives. */
export function corpusTextDocuments(papers: readonly { id: string; title: string | null; abstract?: string | null; external?: boolean }[]): TextDocument[] {
  return papers
    .filter((p) => !p.external)
    .map((p) => ({ id: p.id, title: p.title, abstract: p.abstract || null }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function computeTextNeighbours(task: TextNeighbourTask): TextNeighbours {
  let index = buildTextIndex(task.docs, task.options);
  let maxDf = task.options.maxDf ?? 1;
  if (task.options.maxDf === undefined) {
    maxDf = maxDfForPairMass(index.df, index.size);
    if (maxDf < 1) index = buildTextIndex(task.docs, { ...task.options, maxDf: Math.max(maxDf, Number.MIN_VALUE) });
  }
  return { ids: task.docs.map((d) => d.id), k: task.k, minScore: task.minScore, lists: allNeighbours(index, task.k, task.minScore), maxDf };
}

/** Neighbour lists as flat arrays, to cross a thread boundary without a structured-clone object per pair. */
export interface PackedNeighbours {
  start: Int32Array;
  doc: Int32Array;
  score: Float64Array;
}

export function packNeighbours(lists: readonly (readonly Neighbour[])[]): PackedNeighbours {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i] + l.length));
  const doc = new Int32Array(start[lists.length]);
  const score = new Float64Array(start[lists.length]);
  lists.forEach((l, i) => l.forEach((n, j) => ((doc[start[i] + j] = n.doc), (score[start[i] + j] = n.score))));
  return { start, doc, score };
}

export function unpackNeighbours(p: PackedNeighbours): Neighbour[][] {
  const lists: Neighbour[][] = [];
  for (let i = 0; i + 1 < p.start.length; i++) {
    const l: Neighbour[] = [];
    for (let j = p.start[i]; j < p.start[i + 1]; j++) l.push({ doc: p.doc[j], score: p.score[j] });
    lists.push(l);
  }
  return lists;
}

const WORKER_FILE = fileURLToPath(new URL('./text-neighbours.worker.js', import.meta.url));

/** Whether the pass can run in a worker (the compiled worker file exists next to this module). */
export function canRunInWorker(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * Starts the pass in a worker thread and resolves with its result; inline (synchronously, on the
 * next tick) when there is no compiled worker.
 */
export function textNeighboursInBackground(task: TextNeighbourTask): Promise<TextNeighbours> {
  if (!canRunInWorker()) return Promise.resolve().then(() => computeTextNeighbours(task));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: task });
    worker.once('message', ({ packed, maxDf }: { packed: PackedNeighbours; maxDf: number }) => {
      resolve({ ids: task.docs.map((d) => d.id), k: task.k, minScore: task.minScore, lists: unpackNeighbours(packed), maxDf });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`text-neighbour worker exited with code ${code}`));
    });
  });
}
