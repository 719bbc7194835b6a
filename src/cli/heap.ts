/**
 * Whether a build may outgrow Node's heap, and what to do about it
 * =================================================================
 *
 * A build holds the whole graph in memory; its JavaScript heap grows with the number of papers:
 * about 1.7 GiB at 100k resampled papers and 3.0 GiB at 200k at its peak (`node --trace-gc`,
 * BENCHMARKS.md, 2026-12-07). Node's default limit grows with the machine's memory only up to
 * about 4 GiB (4,144 MB on the 24 GiB machines measured), so a build of some 250k papers would
 * stop with "JavaScript heap out of memory" after minutes of work. `litgraph build` says so as
 * soon as it knows how many papers there are, with the flag that raises the limit (a re-exec of
 * Node with it would hide the flag from the user and complicate signal handling; the advice
 * keeps it visible).
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
