/**
 * Benchmarks 3–5 of the scale issue, side by side with the tools users would pick, in one run:
 *
 * 3. Threads: our Louvain step (graphology-communities-louvain on our paper–paper graph, seeded,
 *    as detectThreads runs it) vs. python-igraph `community_multilevel` and networkx
 *    `louvain_communities` on the same weighted edge list (bench/out/peers-N/edges.tsv): time
 *    (median of RUNS) and modularity (each tool's own, and networkx `modularity` of every partition).
 * 4. Text similarity: our tf-idf index (build, all-pairs top-10 = query time per paper) vs.
 *    scikit-learn TfidfVectorizer (sublinear tf, English stop words) + sparse cosine top-10 on the
 *    same texts (title twice + abstract, as litgraph weighs titles); mean overlap@10 of our lists
 *    with sklearn's and with brute-force cosine over our vectors (single queries accumulated over
 *    every posting); the all-pairs time also at the threads stage's settings (minScore 0.1).
 * 5. Related work on the largest graph: the cold start of `node bin/litgraph.js related <id> --graph
 *    DIR` end to end (needs `npm run build`) reading the build's related.idx, and once without it
 *    (the fallback that parses graph.json); warm query latency (p50 / p95, QUERIES queries) on the
 *    stored index and on one built from the graph.
 *
 *   npx tsx bench/peers.ts [THREADS_N] [RELATED_N]      defaults 20000 100000 (THREADS_N 0: related only)
 *   env: BENCH_RUNS (3), BENCH_QUERIES (300), BENCH_REBUILD=1 to rebuild graph folders,
 *        BENCH_RELATED_DIR=DIR to measure related work on an existing build folder
 *
 * Corpora: bench/corpus.ts (real records of ../shared/data resampled to N); without the data, a
 * synthetic corpus (Zipfian words over 500 topics) written the same way, and the output says so.
 * The Python peers live in bench/.venv (created here from PyPI; never litgraph dependencies) and
 * run bench/peers.py. Tables go to stdout, progress to stderr.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { louvain } from '../src/threads/louvain-view.js';
import { dataAvailable, loadRealRecords, makeCorpus, OUT_DIR } from './corpus.js';
import { machine, median, percentile, table, timed } from './measure.js';
import { loadGraph } from '../src/sinks/json.js';
import { readSignals } from '../src/threads/signals.js';
import { allNeighbours, buildTextIndex, type Neighbour } from '../src/threads/text-index.js';
import { buildPaperGraph, resolvePaperGraphOptions } from '../src/threads/paper-graph.js';
import { DEFAULT_THREAD_OPTIONS } from '../src/threads/index.js';
import { mulberry32 } from '../src/threads/rng.js';
import { buildRelatedIndex, relatedWork, type RelatedIndex } from '../src/query/related.js';
import { readRelatedIndex, RELATED_INDEX_FILE } from '../src/sinks/related-index.js';
import type { PaperRecord } from '../src/types.js';

const ROOT = join(import.meta.dirname, '..');
const VENV = join(ROOT, 'bench', '.venv');
const PY = join(VENV, 'bin', 'python');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const K = 10;

const log = (s: string) => process.stderr.write(`[peers ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const sec = (ms: number) => (ms / 1000).toFixed(2);
const now = () => performance.now();
const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
};

function ensureVenv(): string {
  const pkgs = ['python-igraph', 'networkx', 'scikit-learn', 'scipy', 'numpy'];
  const check = () => spawnSync(PY, ['-c', 'import igraph, networkx, sklearn, scipy, numpy; print(igraph.__version__, networkx.__version__, sklearn.__version__, scipy.__version__, numpy.__version__)'], { encoding: 'utf8' });
  let c = existsSync(PY) ? check() : null;
  if (!c || c.status !== 0) {
    log('creating bench/.venv with the Python peers (PyPI)…');
    if (!existsSync(PY)) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(join(VENV, 'bin', 'pip'), ['install', '-q', ...pkgs], { stdio: ['ignore', 2, 2] });
    c = check();
    if (c.status !== 0) throw new Error(`Python peers unavailable: ${c.stderr}`);
  }
  const [ig, nx, sk, sp, np] = c.stdout.trim().split(' ');
  return `python-igraph ${ig}, networkx ${nx}, scikit-learn ${sk}, scipy ${sp}, numpy ${np} (${spawnSync(PY, ['--version'], { encoding: 'utf8' }).stdout.trim()})`;
}

/** Fallback without ../shared/data: synthetic records (Zipfian words, 500 topics, 3 authors). */
function syntheticRecords(n: number): PaperRecord[] {
  const rng = mulberry32(7);
  const syl = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'de', 'pa', 'qu', 'ber', 'con', 'tion', 'ing', 'al', 'ment', 'ive', 'ure', 'ness'];
  const vocab = Array.from({ length: 40000 }, (_, i) => {
    let w = '';
    let x = i + 7;
    do {
      w += syl[x % syl.length];
      x = Math.floor(x / syl.length);
    } while (x > 0);
    return w;
  });
  const zipf = (max: number) => Math.min(max - 1, Math.floor(Math.exp(rng() * Math.log(max))) - 1);
  const topicWords = Array.from({ length: 500 }, () => Array.from({ length: 60 }, () => vocab[Math.floor(rng() * vocab.length)]));
  return Array.from({ length: n }, (_, i) => {
    const topic = Math.floor(rng() * 500);
    const word = () => (rng() < 0.3 ? topicWords[topic][zipf(60)] : vocab[zipf(vocab.length)]);
    return {
      source: { path: 'synthetic', line: i, format: 'synthetic' },
      ids: {},
      title: Array.from({ length: 8 }, word).join(' '),
      abstract: `${Array.from({ length: 150 }, word).join(' ')}.`,
      authors: [0, 1, 2].map(() => `Author ${Math.floor(rng() * n * 0.3)}`),
      authorsTruncated: false,
      date: `${1990 + Math.floor((i / n) * 35)}-01-01`,
      categories: [],
      codeUrls: [],
      orgs: [],
    } as unknown as PaperRecord;
  });
}

/** `litgraph build` of corpus-N into bench/out/peers-out-N (reused unless BENCH_REBUILD=1). */
function buildGraphDir(n: number, getRecords: () => PaperRecord[], needRelatedIndex = true): { dir: string; note: string } {
  const dir = join(OUT_DIR, `peers-out-${n}`);
  const stamp = join(dir, '.peers-build.txt');
  // A folder built before related.idx existed (or with a stale one) is rebuilt: `related` would fall back.
  if (existsSync(join(dir, 'graph.json')) && (!needRelatedIndex || readRelatedIndex(dir).status === 'ok') && !process.env.BENCH_REBUILD) {
    const prior = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : 'time not recorded';
    return { dir, note: `graph of ${n.toLocaleString('en')} papers reused from ${dir.replace(ROOT + '/', '')} (its build: ${prior})` };
  }
  const corpus = makeCorpus(n, getRecords());
  log(`litgraph build ${n} papers (${(corpus.bytes / 2 ** 20).toFixed(0)} MiB)…`);
  const r = timed(process.execPath, [join(ROOT, 'bin', 'litgraph.js'), 'build', corpus.dir, '-o', dir, '--profile'], ROOT);
  if (r.status !== 0) throw new Error(`build of ${n} failed: ${r.stderr.slice(-2000)}`);
  const note = `litgraph build of ${n.toLocaleString('en')} papers: ${r.wallSeconds.toFixed(1)} s wall, peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
  log(note);
  writeFileSync(stamp, `${note} at ${new Date().toISOString()}\n`);
  return { dir, note };
}

function python(args: string[]): any {
  log(`python ${args.join(' ')}`);
  const r = spawnSync(PY, [join(ROOT, 'bench', 'peers.py'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`peers.py ${args[0]} failed (exit ${r.status})`);
  return JSON.parse(r.stdout);
}

function threadsAndText(dir: string, n: number, out: string[]): void {
  const work = join(OUT_DIR, `peers-${n}`);
  mkdirSync(work, { recursive: true });
  let t = now();
  const graph = loadGraph(dir);
  const signals = readSignals(graph);
  const ids = signals.papers;
  const docs = ids.map((id) => ({ id, title: signals.title.get(id), abstract: signals.abstract.get(id) }));
  log(`loaded ${ids.length} papers in ${sec(now() - t)} s`);

  // --- text similarity (ours)
  const buildMs: number[] = [];
  let index = buildTextIndex(docs);
  for (let r = 0; r < RUNS; r++) {
    t = now();
    index = buildTextIndex(docs);
    buildMs.push(now() - t);
  }
  t = now();
  const neighbours: Neighbour[][] = allNeighbours(index, K, 0);
  const allMs = now() - t;
  t = now();
  allNeighbours(index, K, 0.1);
  const allThreadsMs = now() - t;
  log(`ours: text index ${sec(median(buildMs))} s, all-pairs top-${K} ${sec(allMs)} s (minScore 0.1: ${sec(allThreadsMs)} s)`);
  const rng = mulberry32(11);
  const sample = [...new Set(Array.from({ length: 1000 }, () => Math.floor(rng() * ids.length)))];
  const single: number[] = [];
  for (const d of sample.slice(0, 300)) {
    const t1 = now();
    index.neighbours(d, K);
    single.push(now() - t1);
  }
  // Brute-force cosine for the sample: a single query accumulates over every posting of its terms.
  t = now();
  const exactLists = new Map(sample.map((d) => [d, index.neighbours(d, K)]));
  const exactTop = new Map([...exactLists].map(([d, l]) => [d, l.map((x) => x.doc)]));
  const identical = sample.filter((d) => JSON.stringify(exactLists.get(d)) === JSON.stringify(neighbours[d])).length;
  log(`brute force for ${sample.length} sampled papers: ${sec(now() - t)} s; all-pairs lists identical to it (docs and scores): ${identical}`);

  const titleTimes = 2; // DEFAULT_TEXT_INDEX_OPTIONS.titleWeight
  writeFileSync(join(work, 'texts.jsonl'), docs.map((d) => JSON.stringify([...Array(d.title ? titleTimes : 0).fill(d.title), d.abstract ?? ''].join('. '))).join('\n') + '\n');
  writeFileSync(join(work, 'ours-top.tsv'), neighbours.map((l) => l.map((x) => x.doc).join('\t')).join('\n') + '\n');
  writeFileSync(join(work, 'sample.txt'), sample.join('\n') + '\n');

  // --- paper–paper graph and Louvain, as detectThreads runs them
  const pg = resolvePaperGraphOptions(DEFAULT_THREAD_OPTIONS.paperGraph);
  t = now();
  const pgNeighbours = neighbours.map((l) => l.filter((x) => x.score >= Math.min(pg.minCosine, DEFAULT_THREAD_OPTIONS.minSimilarity)).slice(0, Math.max(pg.textK, DEFAULT_THREAD_OPTIONS.similarK)));
  const paperGraph = buildPaperGraph(signals, pgNeighbours, pg);
  log(`paper graph: ${paperGraph.order} nodes, ${paperGraph.size} edges in ${sec(now() - t)} s`);
  const louvainMs: number[] = [];
  let detailed = louvain.detailed(paperGraph, { getEdgeWeight: 'weight', resolution: DEFAULT_THREAD_OPTIONS.resolution, rng: mulberry32(DEFAULT_THREAD_OPTIONS.seed) });
  for (let r = 0; r < RUNS; r++) {
    t = now();
    detailed = louvain.detailed(paperGraph, { getEdgeWeight: 'weight', resolution: DEFAULT_THREAD_OPTIONS.resolution, rng: mulberry32(DEFAULT_THREAD_OPTIONS.seed) });
    louvainMs.push(now() - t);
  }
  log(`ours: louvain ${sec(median(louvainMs))} s, Q=${detailed.modularity.toFixed(4)}, ${detailed.count} communities`);
  const num = new Map<string, number>();
  ids.forEach((id, i) => num.set(id, i));
  const lines: string[] = [`# ${ids.length}`];
  paperGraph.forEachEdge((_, a, s, tt) => lines.push(`${num.get(s)}\t${num.get(tt)}\t${a.weight}`));
  const edgesPath = join(work, 'edges.tsv');
  writeFileSync(edgesPath, lines.join('\n') + '\n');
  writeFileSync(join(work, 'ours-partition.tsv'), ids.map((id) => detailed.communities[id]).join('\n') + '\n');

  const th = python(['threads', edgesPath, join(work, 'ours-partition.tsv'), String(RUNS)]);
  const ms = median(louvainMs);
  out.push(`### Threads: Louvain on the same paper–paper graph (${th.nodes.toLocaleString('en')} nodes, ${th.edges.toLocaleString('en')} weighted edges; ${edgesPath.replace(ROOT + '/', '')})\n`);
  out.push(
    table(
      ['tool', 'seconds (median)', 'communities', 'own modularity', 'networkx modularity', 'time vs igraph'],
      [
        [`litgraph: graphology-communities-louvain (seed ${DEFAULT_THREAD_OPTIONS.seed}, median of ${RUNS})`, sec(ms), detailed.count, detailed.modularity.toFixed(4), th.nx_modularity.ours.toFixed(4), `${(ms / 1000 / th.igraph.seconds).toFixed(1)}×`],
        [`python-igraph community_multilevel (median of ${RUNS})`, th.igraph.seconds.toFixed(2), th.igraph.communities, th.igraph.own_modularity.toFixed(4), th.nx_modularity.igraph.toFixed(4), '1.0×'],
        [`networkx louvain_communities (median of ${th.networkx.runs.length})`, th.networkx.seconds.toFixed(2), th.networkx.communities, th.networkx.own_modularity.toFixed(4), th.nx_modularity.networkx.toFixed(4), `${(th.networkx.seconds / th.igraph.seconds).toFixed(1)}×`],
      ],
    ),
  );
  out.push(`\n(igraph's modularity of our partition: ${th.igraph_modularity_of_ours.toFixed(4)}.)`);

  const tx = python(['text', join(work, 'texts.jsonl'), join(work, 'ours-top.tsv'), String(K), join(work, 'sample.txt')]);
  const withAbstract = sample.filter((d) => (docs[d].abstract ?? '').split(/\s+/).length >= 50);
  const overlapWith = (top: (d: number) => number[] | undefined, over = sample) => {
    let sum = 0;
    for (const d of over) {
      const a = new Set(neighbours[d].map((x) => x.doc));
      sum += (top(d) ?? []).filter((x) => a.has(x)).length / K;
    }
    return sum / over.length;
  };
  const ovExact = overlapWith((d) => exactTop.get(d));
  const ovSk = overlapWith((d) => tx.top[String(d)]);
  const ovExactAbs = overlapWith((d) => exactTop.get(d), withAbstract);
  const ovSkAbs = overlapWith((d) => tx.top[String(d)], withAbstract);
  let skVsExact = 0;
  for (const d of sample) {
    const a = new Set(exactTop.get(d));
    skVsExact += (tx.top[String(d)] as number[]).filter((x) => a.has(x)).length / K;
  }
  skVsExact /= sample.length;
  out.push(`\n### Text similarity: top-${K} neighbours over titles + abstracts (${ids.length.toLocaleString('en')} papers)\n`);
  out.push(
    table(
      ['tool', 'build s', 'all-pairs top-10 s', 'per paper ms (all-pairs)', 'single query p50 / p95 ms', 'vocabulary'],
      [
        [`litgraph text index (median of ${RUNS} builds; all-pairs at minScore 0.1: ${sec(allThreadsMs)} s)`, sec(median(buildMs)), sec(allMs), (allMs / ids.length).toFixed(3), `${median(single).toFixed(2)} / ${percentile(single, 95).toFixed(2)}`, index.vocabulary.size.toLocaleString('en')],
        ['scikit-learn TfidfVectorizer + sparse X·Xᵀ top-k (chunks of 500 rows)', tx.build_s.toFixed(2), tx.allpairs_s.toFixed(2), tx.per_doc_ms.toFixed(3), `${tx.single_query_ms_p50.toFixed(2)} / ${tx.single_query_ms_p95.toFixed(2)}`, tx.terms.toLocaleString('en')],
      ],
    ),
  );
  out.push(
    `\nmean overlap@${K} on ${sample.length} sampled papers: ours vs brute-force cosine over our vectors ${ovExact.toFixed(3)} (${identical} of ${sample.length} lists identical, scores included); ours vs scikit-learn ${ovSk.toFixed(3)}; scikit-learn vs our exact ${skVsExact.toFixed(3)}.` +
      ` On the ${withAbstract.length} sampled papers with an abstract of ≥ 50 words: ours vs our exact ${ovExactAbs.toFixed(3)}, ours vs scikit-learn ${ovSkAbs.toFixed(3)}.` +
      ` (sklearn's top-k is exact cosine over its own vectors: stop words 'english', sublinear tf, default token pattern, no stemming; ours stems and keeps every term; its all-pairs pass is exact.)`,
  );
}

/** `cmd args` under /usr/bin/time: wall, peak RSS and CPU (user + sys) — CPU shows the cost on a shared, loaded machine. */
function timedCpu(args: string[]): ReturnType<typeof timed> & { cpuSeconds: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '');
  if (!m) throw new Error(`/usr/bin/time gave no figures: ${run.stderr}`);
  return { wallSeconds: Number(m[1]), peakRssMiB: Number(m[2]) / 1024, cpuSeconds: Number(m[3]) + Number(m[4]), stdout: run.stdout ?? '', stderr: (run.stderr ?? '').replace(/__TIME__.*\n?/, ''), status: run.status };
}

/** Warm latency of QUERIES random papers (after 20 warm-up queries), in ms. */
function warmLatency(index: RelatedIndex, queries: string[]): number[] {
  for (const q of queries.slice(0, 20)) relatedWork(index, { paper: q }, { k: 10 });
  const lat: number[] = [];
  for (const q of queries) {
    const t1 = now();
    relatedWork(index, { paper: q }, { k: 10 });
    lat.push(now() - t1);
  }
  return lat;
}

const coldRow = (runs: ReturnType<typeof timedCpu>[]) => {
  const walls = runs.map((c) => c.wallSeconds);
  return `${median(walls).toFixed(2)} s wall (${walls.map((w) => w.toFixed(2)).join(', ')}), CPU ${median(runs.map((c) => c.cpuSeconds)).toFixed(2)} s, peak RSS ${Math.max(...runs.map((c) => c.peakRssMiB)).toFixed(0)} MiB`;
};

/**
 * Related work on a build folder: `litgraph related` end to end from its related.idx (the normal
 * path) and without it (the fallback: graph.json parsed, index rebuilt), the in-process parts of
 * each, and warm query latency on the stored index and on one built from the graph.
 */
function related(dir: string, n: number, out: string[]): void {
  const idxPath = join(dir, RELATED_INDEX_FILE);
  const idxMiB = statSync(idxPath).size / 2 ** 20;
  const loads: number[] = [];
  let stored: RelatedIndex | null = null;
  for (let r = 0; r < RUNS; r++) {
    const t = now();
    const s = readRelatedIndex(dir);
    loads.push(now() - t);
    if (s.status !== 'ok') throw new Error(`${idxPath}: ${s.status} ${'message' in s ? s.message : ''}`);
    stored = s.index;
  }
  log(`related: related.idx read in ${loads.map((l) => l.toFixed(0)).join(', ')} ms`);
  const rng = mulberry32(5);
  const queries = Array.from({ length: QUERIES }, () => stored!.papers[Math.floor(rng() * stored!.papers.length)]);
  const storedLat = warmLatency(stored!, queries);
  stored = null;

  // The cold starts before the in-process graph load below fills this process's heap.
  const cold: ReturnType<typeof timedCpu>[] = [];
  for (let r = 0; r < RUNS; r++) {
    const c = timedCpu([join(ROOT, 'bin', 'litgraph.js'), 'related', queries[r], '--graph', dir]);
    if (c.status !== 0) log(`cold start run exited ${c.status}: ${c.stderr.slice(-500)}`);
    if (c.stderr.includes('building the index from graph.json')) throw new Error(`cold start did not use related.idx: ${c.stderr}`);
    cold.push(c);
  }
  log(`related: cold start ${coldRow(cold)}`);
  // The fallback: a folder holding only (a link to) graph.json.
  const bare = join(OUT_DIR, `peers-related-bare-${n}`);
  mkdirSync(bare, { recursive: true });
  rmSync(join(bare, 'graph.json'), { force: true });
  symlinkSync(join(dir, 'graph.json'), join(bare, 'graph.json'));
  const fallback = timedCpu([join(ROOT, 'bin', 'litgraph.js'), 'related', queries[0], '--graph', bare]);
  if (fallback.status !== 0) log(`fallback run exited ${fallback.status}: ${fallback.stderr.slice(-500)}`);
  const sameAnswer = fallback.stdout === cold[0].stdout;
  log(`related: fallback ${coldRow([fallback])}, same answer: ${sameAnswer}`);

  let t = now();
  const graph = loadGraph(dir);
  const loadMs = now() - t;
  t = now();
  const built = buildRelatedIndex(graph);
  const indexMs = now() - t;
  log(`related: load ${sec(loadMs)} s, index ${sec(indexMs)} s`);
  const builtLat = warmLatency(built, queries);
  const mib = statSync(join(dir, 'graph.json')).size / 2 ** 20;
  const lat = (l: number[]) => `${median(l).toFixed(1)} / ${percentile(l, 95).toFixed(1)} / ${Math.max(...l).toFixed(1)} ms`;
  out.push(`\n### Related work on ${graph.order.toLocaleString('en')} nodes / ${graph.size.toLocaleString('en')} edges (${n.toLocaleString('en')} papers)\n`);
  out.push(
    table(
      ['measure', 'value'],
      [
        [`cold start: node bin/litgraph.js related <id> --graph DIR, end to end, reading related.idx (median of ${RUNS}; runs)`, coldRow(cold)],
        [`in-process: readRelatedIndex (related.idx ${idxMiB.toFixed(0)} MiB: read, sha1, checks, unpack; median of ${RUNS})`, `${median(loads).toFixed(0)} ms`],
        [`warm query latency p50 / p95 / max, index from related.idx (${QUERIES} random papers, k = 10, after 20 warm-up)`, lat(storedLat)],
        ['warm query latency p50 / p95 / max, index built from the graph (same queries)', lat(builtLat)],
        ['cold start without related.idx (fallback: graph.json parsed, index rebuilt; 1 run)', `${coldRow([fallback])}; same answer as from related.idx: ${sameAnswer ? 'yes' : 'NO'}`],
        [`in-process: loadGraph (graph.json ${mib.toFixed(0)} MiB → graphology)`, `${sec(loadMs)} s`],
        ['in-process: buildRelatedIndex', `${sec(indexMs)} s`],
      ],
    ),
  );
}

const args = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const threadsN = args[0] ?? 20_000;
const relatedN = args[1] ?? 100_000;
const child = process.env.PEERS_RELATED_CHILD === '1';
const out: string[] = [];
let records: PaperRecord[] | null = null;
let corpusNote = '';
const getRecords = (): PaperRecord[] => {
  if (records) return records;
  if (dataAvailable()) {
    const t = now();
    records = loadRealRecords().records;
    corpusNote = `corpus: ${records.length.toLocaleString('en')} real titled records from ../shared/data, resampled to N by bench/corpus.ts (loaded in ${sec(now() - t)} s)`;
  } else {
    records = syntheticRecords(Math.max(threadsN, relatedN));
    corpusNote = 'corpus: ../shared/data is absent — SYNTHETIC records (Zipfian words over 500 topics), written as hf-api JSON by bench/corpus.ts';
  }
  log(corpusNote);
  return records;
};
if (!child) {
  out.push(`machine: ${machine()} — shared with other engineers' work while measured`);
  out.push(`date: ${new Date().toISOString()}; at start: ${uptime()}`);
  out.push(`command: npx tsx bench/peers.ts ${threadsN} ${relatedN} (BENCH_RUNS=${RUNS}, BENCH_QUERIES=${QUERIES})`);
  out.push(`peers: ${ensureVenv()}`);
  out.push(dataAvailable() ? 'corpus: real titled records of ../shared/data (bench/corpus.ts), resampled past their count' : 'corpus: ../shared/data is absent — SYNTHETIC records (Zipfian words over 500 topics), written as hf-api JSON by bench/corpus.ts');
}
// The threads / text sections read graph.json only.
const small = threadsN > 0 ? buildGraphDir(threadsN, getRecords, false) : null;
if (small) {
  out.push(small.note);
  out.push('');
  try {
    threadsAndText(small.dir, threadsN, out);
  } catch (e) {
    out.push(`threads/similarity failed: ${(e as Error).stack}`);
  }
}
if (corpusNote) out.push(corpusNote);
process.stdout.write(out.join('\n') + '\n');
out.length = 0;
if (small && relatedN > 0) {
  // The related section runs in a fresh process: after the threads section the heap holds
  // gigabytes of garbage, and its GC pauses showed up as query latency (p95 23.5 vs 9.9 ms).
  log('related section in a fresh process…');
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '0', String(relatedN)], { cwd: ROOT, env: { ...process.env, PEERS_RELATED_CHILD: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  process.stdout.write(r.stdout);
  process.exit(r.status ?? 1);
}
if (relatedN > 0) {
  const given = process.env.BENCH_RELATED_DIR;
  const big = given ? { dir: given, note: `graph of ${relatedN.toLocaleString('en')} papers: the build in ${given} (BENCH_RELATED_DIR)` } : buildGraphDir(relatedN, getRecords);
  out.push(`\n${big.note}`);
  related(big.dir, relatedN, out);
  out.push(`\nat end: ${uptime()}`);
  process.stdout.write(out.join('\n') + '\n');
}
