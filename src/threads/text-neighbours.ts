/**
 * text-neighbours — every corpus paper's nearest papers by text, on the main thread or beside it
 * ==============================================================================================
 *
 * The all-pairs text pass (text-index.ts: build the tf-idf index, then each paper's top-k
 * cosines) needs only titles and abstracts, which are known as soon as papers are resolved; it
 * is also the largest single cost of the threads stage. So the build starts it in a worker
 * thread right after resolve and extracts entities and builds the graph on the main thread
 * meanwhile — both cores busy. On a large corpus the pass outlasts that work (at 100k papers
 * about 120 s of CPU against 80 s), so the main thread then joins in: it takes the last
 * documents the worker has not reached, piece by piece, until the two meet (RowClaims,
 * TextNeighbourPass), and merges both threads' heaps. Both run the very same search, and any
 * split of the documents gives the same lists and scores as one search of all of them, so the
 * result is identical to computing inline (tested). Once its share is done the worker stays for
 * one more job, the threads stage's paper links and their Louvain partition (`threadLinks`),
 * which the main thread would otherwise compute while the second core waits.
 *
 * Running from TypeScript sources (tests, tsx) there is no compiled worker file to start, so
 * the pass runs inline there.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  AllPairsSearch,
  allNeighbours,
  indexFromTerms,
  readDocTerms,
  resolveTextIndexOptions,
  DEFAULT_TEXT_INDEX_OPTIONS,
  mergeNeighbourHeaps,
  resolvePairBudget,
  searchPartsOf,
  type Neighbour,
  type NeighbourHeaps,
  type SearchParts,
  type TextDocument,
  TextIndex,
  type TextIndexOptions,
} from './text-index.js';
import { partitionLinks, type Partition } from './louvain-view.js';
import { linkArrays, type LinkEvidence, type PaperGraphOptions, type PaperLinks, type TextPairs } from './paper-graph.js';

export { searchPartsOf };

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

/** The pass's index, and the one over every term. */
export interface PassIndex {
  /** The index the pass searches. */
  index: TextIndex;
  /** 1 when no term was left out, else the cut (TextNeighbours.maxDf). */
  maxDf: number;
  /**
   * The index over every term (`index` itself when nothing was left out): the related-work index
   * reuses it instead of tokenising every abstract again. Null when the task's options leave
   * terms out themselves.
   */
  full: TextIndex | null;
}

/**
 * The index the pass searches: with the commonest terms left out when the corpus needs it
 * (above). The documents are tokenised once, for the index over every term and, when some are
 * left out, the pass's own.
 */
export function textPassIndex(task: TextNeighbourTask): PassIndex {
  const terms = readDocTerms(task.docs, resolveTextIndexOptions(task.options).titleWeight);
  const index = indexFromTerms(terms, task.options);
  if (task.options.maxDf !== undefined) return { index, maxDf: task.options.maxDf, full: task.options.maxDf === 1 ? index : null };
  const maxDf = maxDfForPairMass(index.df, index.size);
  if (maxDf >= 1) return { index, maxDf, full: index };
  return { index: indexFromTerms(terms, { ...task.options, maxDf: Math.max(maxDf, Number.MIN_VALUE) }), maxDf, full: index };
}

export function computeTextNeighbours(task: TextNeighbourTask): TextNeighbours {
  const { index, maxDf } = textPassIndex(task);
  return { ids: task.docs.map((d) => d.id), k: task.k, minScore: task.minScore, lists: allNeighbours(index, task.k, task.minScore), maxDf };
}

/** The search of the pass over an index's parts (the same one allNeighbours runs). */
export function textPassSearch(parts: SearchParts, task: Pick<TextNeighbourTask, 'k' | 'minScore' | 'options'>): AllPairsSearch {
  const budget = resolvePairBudget(task.options.pairBudget ?? DEFAULT_TEXT_INDEX_OPTIONS.pairBudget, parts.docStart.length - 1);
  return new AllPairsSearch(parts, Math.max(0, Math.floor(task.k)), task.minScore, budget);
}

/** threadLinks on this thread: the same links and partition. */
function inlineThreadLinks(papers: readonly string[], request: ThreadLinksRequest): ThreadLinks {
  const computed = Promise.resolve().then(() => threadLinksOf(request));
  return { links: computed.then(({ links }) => ({ papers, ...links })), partition: computed.then(({ partition }) => partition()) };
}

const WORKER_FILE = fileURLToPath(new URL('./text-neighbours.worker.js', import.meta.url));

/** Whether the pass can run in a worker (the compiled worker file exists next to this module). */
export function canRunInWorker(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * Which documents the worker may still search, shared with it: one 64-bit word, the next
 * document to search in the low 32 bits and the end of the worker's range in the high 32. The
 * worker claims documents one by one with compare-and-swap; the main thread lowers the end with
 * compare-and-swap too. One word for both, so a claim and a new end can never cross: the worker
 * searches exactly the documents below the end it last saw, the main thread the rest.
 */
export class RowClaims {
  readonly word: BigInt64Array;
  constructor(
    readonly buffer: SharedArrayBuffer,
    n?: number,
  ) {
    this.word = new BigInt64Array(buffer);
    if (n !== undefined) Atomics.store(this.word, 0, BigInt(n) << 32n);
  }
  static create(n: number): RowClaims {
    return new RowClaims(new SharedArrayBuffer(8), n);
  }
  /** (worker) The next document to search, or −1 when its range is done. */
  claim(): number {
    for (;;) {
      const v = Atomics.load(this.word, 0);
      const next = Number(v & 0xffffffffn);
      if (next >= Number(v >> 32n)) return -1;
      if (Atomics.compareExchange(this.word, 0, v, v + 1n) === v) return next;
    }
  }
  /**
   * (main) Takes the last documents of the worker's range: `size(next, end)` says how many, given
   * where the worker is. Returns the range taken, or null when `size` asks for none.
   */
  takeTop(size: (next: number, end: number) => number): { from: number; to: number } | null {
    for (;;) {
      const v = Atomics.load(this.word, 0);
      const next = Number(v & 0xffffffffn);
      const end = Number(v >> 32n);
      const take = Math.min(Math.max(0, end - next), Math.floor(size(next, end)));
      if (take <= 0) return null;
      const from = end - take;
      if (Atomics.compareExchange(this.word, 0, v, (BigInt(from) << 32n) | BigInt(next)) === v) return { from, to: end };
    }
  }
}

/** What the main thread posts to the worker. */
export interface TextWorkerData {
  task: TextNeighbourTask;
  claims: SharedArrayBuffer;
  /** The worker's thresholds, one Int32 per document (AllPairsSearch.publishThresholds). */
  thresholds: SharedArrayBuffer;
}

/**
 * What the worker posts back: first its index (so the main thread can join in), then its heaps,
 * then — if asked (ThreadLinksRequest) — the paper links and Louvain's partition of them.
 */
export type TextWorkerMessage =
  | { type: 'index'; parts: ReturnType<TextIndex['exportParts']>; maxDf: number; full: 'same' | ReturnType<TextIndex['exportParts']> | null }
  | { type: 'heaps'; heaps: NeighbourHeaps }
  | { type: 'links'; links: Omit<PaperLinks, 'papers'> }
  | { type: 'partition'; partition: Partition };

/**
 * What the main thread may post once the pass is done: what the paper links are summed from
 * (paper-graph.ts `linkArrays`), all numbers (papers by number only: neither the links nor
 * Louvain read an id), and Louvain's seed and resolution.
 */
export interface ThreadLinksRequest {
  evidence: LinkEvidence;
  text: TextPairs;
  options: PaperGraphOptions;
  seed: number;
  resolution: number;
}

/** The paper links of a request and their partition, wherever they are computed. */
export function threadLinksOf(request: ThreadLinksRequest): { links: Omit<PaperLinks, 'papers'>; partition: () => Partition } {
  const links = linkArrays(request.evidence, request.text, request.options);
  const papers = Array.from({ length: request.evidence.citeStart.length - 1 }, (_, i) => String(i));
  return { links, partition: () => partitionLinks({ papers, ...links }, request.seed, request.resolution) };
}

/** The paper links and their partition, as `TextNeighbourPass.threadLinks` hands them over. */
export interface ThreadLinks {
  links: Promise<PaperLinks>;
  partition: Promise<Partition>;
}

/**
 * The pass, running. `finish()` — called once the main thread has nothing else to do — joins
 * in: the main thread takes the last documents the worker has not reached, a few at a time
 * (each piece an eighth of what the worker has left, at least `minPiece` documents), until the
 * two meet, then merges both threads' heaps. The result is the same whichever thread searched
 * which document (AllPairsSearch.searchRange), so it never depends on timing.
 */
export interface TextNeighbourPass {
  /** Whether the pass runs in a worker thread (else inline, on the first call that needs it). */
  readonly inWorker: boolean;
  /** The index the pass searches, once built, and the one over every term (PassIndex). */
  index(): Promise<PassIndex>;
  finish(): Promise<TextNeighbours>;
  /**
   * The paper links of `papers` (paper-graph.ts `linkArrays`) and their Louvain partition
   * (louvain-view.ts `partitionLinks`), on the worker once the pass is done — it is idle then —
   * so the main thread can go on meanwhile; call after `finish` (the request is posted at once,
   * not at the caller's next await). The worker takes one request; any other (or one after
   * `close`) runs inline, with the same answer.
   */
  threadLinks(papers: readonly string[], request: ThreadLinksRequest): ThreadLinks;
  /** Lets the worker go (when `partition` is not wanted); harmless after it. */
  close(): void;
}

/**
 * Below this many documents the pass runs inline. A worker costs its start-up (a new V8 isolate
 * loading the modules: about 70 ms alone, several times that beside the busy main thread), and on
 * this machine's two hyperthreads it slows the main thread it runs beside, while the whole pass
 * takes about 20 ms at 126 documents and 0.14 s at 2,000. Measured builds (BENCHMARKS.md, session
 * 15): 2,000 papers 2.05 s with the worker, 1.72 s inline; 5,000 papers 4.34 s and 4.19 s (even);
 * 10,000 papers 9.5 s with the worker and 12.3 s inline.
 */
export const MIN_DOCS_FOR_WORKER = 5000;

export interface TextPassOptions {
  /** Documents from which the pass runs in a worker [MIN_DOCS_FOR_WORKER]; tests set 0 to use the worker on the seeds. */
  workerFrom?: number;
  /** Documents the main thread reserves for itself (the last ones) before the worker starts: tests use it to force a split. */
  reserve?: number;
  /** Least documents the main thread takes at a time (smaller pieces are not worth a seek). */
  minPiece?: number;
}

/**
 * Starts the pass in a worker thread; inline (when finished) where there is no compiled
 * worker. See TextNeighbourPass.
 */
export function startTextNeighbours(task: TextNeighbourTask, options: TextPassOptions = {}): TextNeighbourPass {
  if (!canRunInWorker() || task.docs.length < (options.workerFrom ?? MIN_DOCS_FOR_WORKER)) {
    let built: ReturnType<typeof textPassIndex> | undefined;
    const index = () => (built ??= textPassIndex(task));
    return {
      inWorker: false,
      index: () => Promise.resolve().then(index),
      finish: () =>
        Promise.resolve().then(() => {
          const { index: text, maxDf } = index();
          return { ids: task.docs.map((d) => d.id), k: task.k, minScore: task.minScore, lists: allNeighbours(text, task.k, task.minScore), maxDf };
        }),
      threadLinks: inlineThreadLinks,
      close: () => undefined,
    };
  }
  const n = task.docs.length;
  const claims = RowClaims.create(n);
  const reserved = options.reserve ? claims.takeTop(() => options.reserve!) : null;
  const minPiece = options.minPiece ?? 256;
  const thresholds = new Int32Array(new SharedArrayBuffer(4 * n));
  const worker = new Worker(WORKER_FILE, { workerData: { task, claims: claims.buffer, thresholds: thresholds.buffer as SharedArrayBuffer } satisfies TextWorkerData });
  let indexReady!: (m: Extract<TextWorkerMessage, { type: 'index' }>) => void;
  let heapsReady!: (h: NeighbourHeaps) => void;
  let linksReady!: (l: Omit<PaperLinks, 'papers'>) => void;
  let partitionReady!: (p: Partition) => void;
  let failed!: (e: Error) => void;
  const index = new Promise<Extract<TextWorkerMessage, { type: 'index' }>>((resolve) => (indexReady = resolve));
  const heaps = new Promise<NeighbourHeaps>((resolve) => (heapsReady = resolve));
  const linked = new Promise<Omit<PaperLinks, 'papers'>>((resolve) => (linksReady = resolve));
  const partitioned = new Promise<Partition>((resolve) => (partitionReady = resolve));
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => undefined); // raced below; this only keeps an early failure from being "unhandled"
  let closed = false;
  let requested = false;
  let heapsArrived = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };
  worker.on('message', (m: TextWorkerMessage) => {
    if (m.type === 'index') indexReady(m);
    else if (m.type === 'heaps') {
      heapsArrived = true;
      heapsReady(m.heaps);
      // It waits for a PartitionRequest now; that wait must not keep the process alive.
      worker.unref();
    } else if (m.type === 'links') linksReady(m.links);
    else {
      partitionReady(m.partition);
      close();
    }
  });
  worker.once('error', failed);
  worker.once('exit', (code) => {
    if (code !== 0) failed(new Error(`text-neighbour worker exited with code ${code}`));
  });
  let rebuilt: PassIndex | undefined;
  const builtIndex = async (): Promise<PassIndex> => {
    const { parts, maxDf, full } = await Promise.race([index, failure]);
    if (rebuilt) return rebuilt;
    const searched = new TextIndex(parts);
    return (rebuilt = { index: searched, maxDf, full: full === 'same' ? searched : full === null ? null : new TextIndex(full) });
  };
  return {
    inWorker: true,
    index: builtIndex,
    async finish() {
      const { index: text, maxDf } = await builtIndex();
      const parts = searchPartsOf(text);
      const pieceSize = (next: number, end: number) => (end - next >= 2 * minPiece ? Math.max(minPiece, (end - next) / 8) : 0);
      let own: NeighbourHeaps | null = null;
      let piece = reserved ?? claims.takeTop(pieceSize);
      if (piece) {
        const search = textPassSearch(parts, task);
        // The worker's thresholds of these documents come from their pairs with all it has
        // searched: without them the main thread would prune far less (text-index.ts).
        for (; piece; piece = claims.takeTop(pieceSize)) {
          search.raiseThresholds(thresholds, piece.from);
          search.searchRange(piece.from, piece.to);
        }
        own = search.heaps();
      }
      const theirs = await Promise.race([heaps, failure]);
      return { ids: task.docs.map((d) => d.id), k: task.k, minScore: task.minScore, lists: mergeNeighbourHeaps(own ? [theirs, own] : [theirs]), maxDf };
    },
    threadLinks(papers, request) {
      if (closed || requested) return inlineThreadLinks(papers, request);
      requested = true;
      const post = () => {
        worker.ref();
        worker.postMessage(request);
      };
      // Posted now when the worker is done with its share (it always is after finish()).
      const posted = heapsArrived ? Promise.resolve(post()) : Promise.race([heaps, failure]).then(post);
      const links = posted.then(() => Promise.race([linked, failure])).then((l) => ({ papers, ...l }));
      const partition = posted.then(() => Promise.race([partitioned, failure]));
      // Both are raced with a failure: one left unawaited must not be an unhandled rejection.
      links.catch(() => undefined);
      partition.catch(() => undefined);
      return { links, partition };
    },
    close,
  };
}
