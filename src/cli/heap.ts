/**
 * Whether a build may outgrow Node's heap, and what to do about it
 * =================================================================
 *
 * A build holds the whole graph in memory; its JavaScript heap grows with the number of papers:
 * about 1.7 GiB at 100k resampled papers and 3.0 GiB at 200k at its peak (`node --trace-gc`,
 * BENCHMARKS.md, 2026-12-07). Node's default limit grows with the machine's memory only up to
 * about 4 GiB (4,144 MB on the 24 GiB machines measured), so a build of some 250k papers would
 * stop with "JavaScript heap out of memory" after minutes of work.
 *
 * So `litgraph build` runs a large build (`LARGE_BUILD_INPUT_BYTES` of input or more) in a
 * second Node process with the limit raised to three quarters of the machine's memory
 * (`largeBuildNodeFlags`; cli/rerun.ts), and says so on stderr. A limit the user has set on
 * Node's command line or in NODE_OPTIONS is kept. Where the build is still short of heap (a
 * limit the user set, a format with more heap per byte than estimated, or the CLI's functions
 * called from other code) it warns as soon as it knows how many papers there are (`heapAdvice`).
 */

/** Peak heap per paper, bytes: 17 KB measured at 100k papers (15 KB at 200k), rounded up. */
export const HEAP_BYTES_PER_PAPER = 18_000;

const GiB = 2 ** 30;

/**
 * A warning when `papers` may need more heap than `heapLimit` (bytes) allows, else null. The
 * advised limit leaves half again of the estimate, within three quarters of `totalMemory`; when
 * even that is too little, the advice is to build in slices.
 */
export function heapAdvice(papers: number, heapLimit: number, totalMemory: number): string | null {
  const need = papers * HEAP_BYTES_PER_PAPER;
  if (need <= 0.9 * heapLimit) return null;
  const gib = (bytes: number) => (bytes / GiB).toFixed(1);
  const head = `${papers.toLocaleString('en')} papers may need about ${gib(need)} GiB of JavaScript heap; Node's limit here is ${gib(heapLimit)} GiB.`;
  const advised = Math.ceil((1.5 * need) / 2 ** 20 / 1024) * 1024; // MiB, a whole number of GiB
  if (advised * 2 ** 20 > 0.75 * totalMemory) {
    return `${head} This machine has ${gib(totalMemory)} GiB of memory: build the corpus in slices (per venue or year) and load them into Neo4j (README, "Scaling out").`;
  }
  return `${head} If the build stops with "JavaScript heap out of memory", run it again as NODE_OPTIONS=--max-old-space-size=${advised} litgraph build …`;
}

/**
 * Input bytes from which `litgraph build` re-runs Node with `largeBuildNodeFlags`: about 80k
 * papers of JSON listings, whose peak heap (1.4 GiB at 23 heap bytes per input byte) is a third
 * of Node's usual limit; formats with fewer bytes per paper need more heap per byte. A build this
 * size takes tens of seconds (100k papers, 78.5 MB: 53 s), beside which the second process
 * (about 0.15 s: 1.11 s against 0.96 s for the seed build, 10 alternating runs) does not count.
 */
export const LARGE_BUILD_INPUT_BYTES = 64 * 2 ** 20;

export interface NodeRuntime {
  /** Node's own options (process.execArgv) and NODE_OPTIONS: a limit already set there is kept. */
  execArgv: readonly string[];
  nodeOptions: string;
  /** v8 heap_size_limit and os.totalmem(), bytes. */
  heapLimit: number;
  totalMemory: number;
}

/**
 * The Node flags a build of `inputBytes` should run with, or [] to run as it is: from `threshold`
 * on, `--max-old-space-size` of three quarters of the machine's memory, when that is above the
 * current limit and the user has set none. (V8 collects garbage by the heap's growth, not by this
 * limit: a higher limit lets a large build finish without changing how a smaller one runs.)
 */
export function largeBuildNodeFlags(inputBytes: number, runtime: NodeRuntime, threshold = LARGE_BUILD_INPUT_BYTES): string[] {
  if (inputBytes < threshold) return [];
  if (/--max[-_]old[-_]space[-_]size\b/.test(`${runtime.execArgv.join(' ')} ${runtime.nodeOptions}`)) return [];
  const heapMib = Math.floor((0.75 * runtime.totalMemory) / 2 ** 20 / 256) * 256;
  return heapMib * 2 ** 20 > runtime.heapLimit * 1.1 ? [`--max-old-space-size=${heapMib}`] : [];
}
