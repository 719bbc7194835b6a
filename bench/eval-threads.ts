/**
 * eval-threads — research threads and related work, measured on real data
 * =======================================================================
 *
 *   npx tsx bench/eval-threads.ts [--sample N] [--seed N] [--no-abstracts] [--json]
 *   npx tsx bench/eval-threads.ts --scale 100000     (timings on a synthetic corpus)
 *
 * 1. Citation recovery on ../shared/data/aan (AAN: acl.txt citation pairs + acl-metadata.txt),
 *    with abstracts from ../shared/data/acl-anthology-xml where the ACL XML parser
 *    (src/ingest/acl-xml.ts) is present. A seeded sample of ≥ 500 papers with ≥ 5 references
 *    inside the corpus has its own `cites` edges removed from the graph (all at once, before any
 *    index or thread is built, so nothing leaks), then related work is asked for each and the
 *    hidden references are scored: recall@20 and MRR, against a plain tf-idf cosine baseline
 *    (same index, no other signal, no year filter). litgraph must reach ≥ 2.5× the baseline's
 *    recall@20, else the process exits 1.
 * 2. Thread agreement on ../shared/data/arxiv-abs-markdown (parsed by the `arxiv-abs-md` format
 *    when it is registered): NMI and ARI between threads and each paper's primary arXiv subject,
 *    and the modularity of the partition.
 *
 * When ../shared/data is absent the script says so and exits 0. Nothing from the data is
 * written anywhere. `section` is what the eval runner (bench/eval.ts, `npm run eval -- threads`)
 * runs; `run()` returns both measurements for other callers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGraph, type LitGraph } from '../src/graph/build.js';
import { normaliseAclId } from '../src/graph/keys.js';
import { newPaper } from '../src/resolve/paper.js';
import type { CitationEdge, Paper, PaperRecord } from '../src/types.js';
import { threadStage } from '../src/threads/index.js';
import { mulberry32, shuffled } from '../src/threads/rng.js';
import { buildRelatedIndex, relatedWork } from '../src/query/related.js';

export const DATA_DIR = process.env.LITGRAPH_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data');

export interface EvalOptions {
  /** The shared data folder. */
  dataDir: string;
  sample: number;
  seed: number;
  minRefs: number;
  k: number;
  abstracts: boolean;
  /** Required recall@k ratio over the baseline. */
  minRatio: number;
  log: (line: string) => void;
}

export const DEFAULT_EVAL_OPTIONS: EvalOptions = { dataDir: DATA_DIR, sample: 500, seed: 42, minRefs: 5, k: 20, abstracts: true, minRatio: 2.5, log: (l) => process.stderr.write(`${l}\n`) };

export interface MeasureRow {
  metric: string;
  value: string;
}

export interface Measured {
  name: string;
  rows: MeasureRow[];
  /** False when a gate failed (citation recovery below minRatio × baseline). */
  passed: boolean;
  /** The headline figures, for the eval runner's table. */
  numbers?: Record<string, number>;
  skipped?: string;
}

/* ------------------------------------------------------------------ AAN reading -- */

interface AanPaper {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
}

/** acl-metadata.txt: blocks of `key = {value}` lines. */
export function readAanMetadata(text: string): AanPaper[] {
  const out: AanPaper[] = [];
  let cur: Partial<Record<string, string>> = {};
  const flush = () => {
    if (cur.id) {
      const year = Number(cur.year);
      out.push({
        id: cur.id,
        title: cur.title ?? '',
        authors: (cur.author ?? '')
          .split(';')
          .map((a) => a.trim())
          .filter(Boolean)
          .map((a) => (a.includes(',') ? `${a.slice(a.indexOf(',') + 1).trim()} ${a.slice(0, a.indexOf(',')).trim()}` : a)),
        year: Number.isFinite(year) && year > 0 ? year : null,
        venue: cur.venue ?? null,
      });
    }
    cur = {};
  };
  for (const line of text.split('\n')) {
    const m = /^(\w+)\s*=\s*\{(.*)\}\s*$/.exec(line.trim());
    if (m) cur[m[1]] = m[2];
    else if (!line.trim()) flush();
  }
  flush();
  return out;
}

function makePaper(id: string, p: AanPaper, abstract: string | null): Paper {
  return newPaper({
    id,
    title: p.title || null,
    label: p.title || id,
    abstract,
    authors: p.authors,
    aclId: p.id,
    date: p.year ? String(p.year) : null,
    year: p.year,
    sources: [{ path: 'aan/acl-metadata.txt', line: 0, format: 'aan' }],
  });
}

/** ACL XML abstracts by ACL id (old-style collection files only: AAN ends in 2011). */
async function readAclAbstracts(dataDir: string, log: (l: string) => void): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const dir = join(dataDir, 'acl-anthology-xml');
  const parserPath = join(import.meta.dirname, '..', 'src', 'ingest', 'acl-xml.ts');
  if (!existsSync(dir) || !existsSync(parserPath)) {
    log(`  (no ACL XML abstracts: ${existsSync(dir) ? 'src/ingest/acl-xml.ts not written yet' : `${dir} absent`}; titles only)`);
    return out;
  }
  const { parseAclXml } = (await import(pathToFileURL(parserPath).href)) as { parseAclXml: (text: string, path: string) => { records: PaperRecord[] } };
  for (const f of readdirSync(dir).filter((f) => /^[A-Z]\d{2}\.xml$/.test(f)).sort()) {
    for (const r of parseAclXml(readFileSync(join(dir, f), 'utf8'), f).records) {
      const id = r.ids.acl ? normaliseAclId(r.ids.acl) : null;
      if (id && r.abstract) out.set(id, r.abstract);
    }
  }
  return out;
}

/* --------------------------------------------------------- citation recovery -- */

const ms = (t0: number) => Math.round(performance.now() - t0);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function citationRecovery(o: EvalOptions): Promise<Measured> {
  const name = 'citation recovery (AAN)';
  const aanDir = join(o.dataDir, 'aan');
  if (!existsSync(join(aanDir, 'acl.txt')) || !existsSync(join(aanDir, 'acl-metadata.txt'))) return { name, rows: [], passed: true, skipped: `${aanDir} absent` };
  let t0 = performance.now();
  const meta = readAanMetadata(readFileSync(join(aanDir, 'acl-metadata.txt'), 'utf8'));
  const abstracts = o.abstracts ? await readAclAbstracts(o.dataDir, o.log) : new Map<string, string>();
  const key = (aclId: string) => `paper:acl:${aclId}`;
  const known = new Set(meta.map((p) => p.id));
  const pairs: [string, string][] = [];
  for (const line of readFileSync(join(aanDir, 'acl.txt'), 'utf8').split('\n')) {
    const m = /^\s*(\S+)\s*,\s*(\S+)\s*$/.exec(line);
    if (m && m[1] !== m[2] && known.has(m[1]) && known.has(m[2])) pairs.push([m[1], m[2]]);
  }
  const refs = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    let s = refs.get(a);
    if (!s) refs.set(a, (s = new Set()));
    s.add(b);
  }
  const eligible = [...refs.entries()].filter(([, s]) => s.size >= o.minRefs).map(([id]) => id).sort();
  const sample = shuffled(eligible, mulberry32(o.seed)).slice(0, o.sample).sort();
  const hidden = new Set(sample);
  const withAbstract = meta.filter((p) => abstracts.has(p.id)).length;
  o.log(`  AAN: ${meta.length} papers (${withAbstract} with ACL XML abstracts), ${pairs.length} in-corpus citations; ${eligible.length} papers with ≥ ${o.minRefs} references, sampled ${sample.length} (seed ${o.seed}) — read in ${ms(t0)} ms`);

  // The graph without the sampled papers' own references.
  t0 = performance.now();
  const citations: CitationEdge[] = pairs.filter(([a]) => !hidden.has(a)).map(([a, b], i) => ({ citing: key(a), cited: key(b), source: { path: 'aan/acl.txt', line: i + 1, format: 'aan' } }));
  const graph: LitGraph = buildGraph({ papers: meta.map((p) => makePaper(key(p.id), p, abstracts.get(p.id) ?? null)), extraction: { entities: [], mentions: [] }, citations });
  const graphMs = ms(t0);
  t0 = performance.now();
  const { threads, modularity } = threadStage(graph, { seed: o.seed });
  const threadsMs = ms(t0);
  t0 = performance.now();
  const index = buildRelatedIndex(graph);
  const indexMs = ms(t0);
  o.log(`  graph ${graphMs} ms, threads ${threadsMs} ms (${threads.length} threads, modularity ${modularity}), related index ${indexMs} ms`);

  let recall = 0;
  let mrr = 0;
  let baseRecall = 0;
  let baseMrr = 0;
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  for (const q of sample) {
    const truth = new Set([...refs.get(q)!].map(key));
    const t = performance.now();
    const c = process.cpuUsage();
    const answer = relatedWork(index, key(q), { k: o.k });
    latencies.push(performance.now() - t);
    const dc = process.cpuUsage(c);
    cpuLatencies.push((dc.user + dc.system) / 1000);
    if (answer.status !== 'ok') throw new Error(`eval: ${q} → ${answer.status}`);
    const got = answer.suggestions.map((s) => s.id);
    recall += got.filter((id) => truth.has(id)).length / truth.size;
    const first = got.findIndex((id) => truth.has(id));
    mrr += first >= 0 ? 1 / (first + 1) : 0;
    const n = index.number.get(key(q))!;
    const base = index.text.neighbours(n, o.k).map((x) => index.papers[x.doc]);
    baseRecall += base.filter((id) => truth.has(id)).length / truth.size;
    const bf = base.findIndex((id) => truth.has(id));
    baseMrr += bf >= 0 ? 1 / (bf + 1) : 0;
  }
  const n = sample.length;
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);
  const ratio = baseRecall > 0 ? recall / baseRecall : Infinity;
  const passed = ratio >= o.minRatio;
  return {
    name,
    passed,
    numbers: { recall: recall / n, mrr: mrr / n, baseRecall: baseRecall / n, baseMrr: baseMrr / n, queries: n },
    rows: [
      { metric: 'queries (papers with ≥ 5 in-corpus refs, own cites hidden)', value: String(n) },
      { metric: `litgraph recall@${o.k}`, value: (recall / n).toFixed(3) },
      { metric: 'litgraph MRR', value: (mrr / n).toFixed(3) },
      { metric: `tf-idf baseline recall@${o.k}`, value: (baseRecall / n).toFixed(3) },
      { metric: 'tf-idf baseline MRR', value: (baseMrr / n).toFixed(3) },
      { metric: `recall@${o.k} ratio (gate ≥ ${o.minRatio}×)`, value: `${ratio.toFixed(2)}× ${passed ? 'PASS' : 'FAIL'}` },
      { metric: 'papers / with abstracts', value: `${meta.length} / ${withAbstract}` },
      { metric: 'threads stage (text index, paper graph, Louvain, labels)', value: `${threadsMs} ms` },
      { metric: 'related index build', value: `${indexMs} ms` },
      { metric: 'query latency p50 / p95 / max (wall)', value: `${pct(latencies, 0.5).toFixed(1)} / ${pct(latencies, 0.95).toFixed(1)} / ${latencies.at(-1)!.toFixed(1)} ms` },
      { metric: 'query latency p50 / p95 (cpu)', value: `${pct(cpuLatencies, 0.5).toFixed(1)} / ${pct(cpuLatencies, 0.95).toFixed(1)} ms` },
      { metric: 'AAN threads / modularity', value: `${threads.length} / ${modularity}` },
    ],
  };
}

/* ---------------------------------------------------------------- agreement -- */

/** Normalised mutual information (arithmetic mean normalisation) of two labelings. */
export function nmi(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  const cab = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
    const k = `${a[i]}\u0000${b[i]}`;
    cab.set(k, (cab.get(k) ?? 0) + 1);
  }
  const h = (m: Map<string, number>) => -[...m.values()].reduce((s, c) => s + (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [k, c] of cab) {
    const [x, y] = k.split('\u0000');
    mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
  }
  const denom = (h(ca) + h(cb)) / 2;
  return denom > 0 ? mi / denom : 1;
}

/** Adjusted Rand index of two labelings. */
export function ari(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const c2 = (x: number) => (x * (x - 1)) / 2;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  const cab = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
    const k = `${a[i]}\u0000${b[i]}`;
    cab.set(k, (cab.get(k) ?? 0) + 1);
  }
  const index = [...cab.values()].reduce((s, c) => s + c2(c), 0);
  const sa = [...ca.values()].reduce((s, c) => s + c2(c), 0);
  const sb = [...cb.values()].reduce((s, c) => s + c2(c), 0);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export async function threadAgreement(o: EvalOptions): Promise<Measured> {
  const name = 'thread agreement (arXiv abstracts)';
  const dir = join(o.dataDir, 'arxiv-abs-markdown');
  if (!existsSync(dir)) return { name, rows: [], passed: true, skipped: `${dir} absent` };
  const { FORMATS } = await import('../src/ingest/index.js');
  if (!FORMATS['arxiv-abs-md']) return { name, rows: [], passed: true, skipped: 'the arxiv-abs-md format is not registered yet' };
  const { runPipeline, DEFAULT_BUILD_OPTIONS } = await import('../src/pipeline.js');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const t0 = performance.now();
  const result = runPipeline(
    files.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })),
    { ...DEFAULT_BUILD_OPTIONS, seed: o.seed, format: 'arxiv-abs-md' },
  );
  const buildMs = ms(t0);
  const membership = new Map<string, string>();
  for (const t of result.threads) for (const p of t.papers) membership.set(p, t.id);
  const threadsOf: string[] = [];
  const subjects: string[] = [];
  for (const p of result.papers) {
    if (p.external || !p.categories.length || !membership.has(p.id)) continue;
    threadsOf.push(membership.get(p.id)!);
    subjects.push(p.categories[0]);
  }
  const subjectCounts = new Map<string, number>();
  for (const s of subjects) subjectCounts.set(s, (subjectCounts.get(s) ?? 0) + 1);
  const topSubjects = [...subjectCounts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([s, c]) => `${s} ${c}`).join(', ');
  return {
    name,
    passed: true,
    rows: [
      { metric: 'papers with a primary subject', value: String(subjects.length) },
      { metric: 'primary subjects (top)', value: `${subjectCounts.size} (${topSubjects})` },
      { metric: 'threads (incl. other)', value: String(result.threads.length) },
      { metric: 'NMI threads vs primary subject', value: nmi(threadsOf, subjects).toFixed(3) },
      { metric: 'ARI threads vs primary subject', value: ari(threadsOf, subjects).toFixed(3) },
      { metric: 'modularity', value: String(result.report.totals.modularity) },
      { metric: 'build time (whole pipeline) / threads stage', value: `${buildMs} ms / ${result.timings.threads ?? '?'} ms` },
      { metric: 'thread labels', value: result.threads.slice(0, 6).map((t) => t.label).join(' | ') },
    ],
  };
}

/* --------------------------------------------------------------------- scale -- */

/**
 * A synthetic corpus of `n` papers with real-sized titles + abstracts (Zipfian words from 500
 * topics), ten citations each to earlier papers (mostly of the same topic) and three authors:
 * the shape of a large listing, to time the threads stage and related-work queries at scale.
 * Nothing about quality is measured here.
 */
export function syntheticGraph(n: number, seed: number): LitGraph {
  const rng = mulberry32(seed);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'de', 'pa', 'qu', 'ber', 'con', 'tion', 'ing', 'al', 'ment', 'ive', 'ure', 'ness'];
  const vocab = Array.from({ length: 40000 }, (_, i) => {
    let w = '';
    let x = i + 7;
    do {
      w += syllables[x % syllables.length];
      x = Math.floor(x / syllables.length);
    } while (x > 0);
    return w;
  });
  const zipf = (max: number) => Math.min(max - 1, Math.floor(Math.exp(rng() * Math.log(max))) - 1);
  const topics = 500;
  const topicWords = Array.from({ length: topics }, () => Array.from({ length: 60 }, () => vocab[Math.floor(rng() * vocab.length)]));
  const papers: Paper[] = [];
  const citations: CitationEdge[] = [];
  const byTopic: number[][] = Array.from({ length: topics }, () => []);
  for (let i = 0; i < n; i++) {
    const topic = Math.floor(rng() * topics);
    const word = () => (rng() < 0.3 ? topicWords[topic][zipf(60)] : vocab[zipf(vocab.length)]);
    const title = Array.from({ length: 8 }, word).join(' ');
    const abstract = Array.from({ length: 150 }, word).join(' ');
    const id = `paper:h:s${i}`;
    const p = makePaper(id, { id: `S${i}`, title, authors: [0, 1, 2].map(() => `Author ${Math.floor(rng() * n * 0.3)}`), year: 1990 + Math.floor((i / n) * 35), venue: null }, abstract);
    p.aclId = null;
    papers.push(p);
    const earlier = byTopic[topic];
    for (let c = 0; c < 10 && i > 0; c++) {
      const j = earlier.length && rng() < 0.7 ? earlier[Math.floor(rng() * earlier.length)] : Math.floor(rng() * i);
      citations.push({ citing: id, cited: `paper:h:s${j}`, source: { path: 'synthetic', line: i, format: 'synthetic' } });
    }
    earlier.push(i);
  }
  return buildGraph({ papers, extraction: { entities: [], mentions: [] }, citations });
}

export async function scale(n: number, o: EvalOptions): Promise<Measured> {
  const cpu = () => process.cpuUsage();
  const cpuMs = (from: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(from);
    return Math.round((d.user + d.system) / 1000);
  };
  let t0 = performance.now();
  const graph = syntheticGraph(n, o.seed);
  o.log(`  synthetic graph: ${graph.order} nodes, ${graph.size} edges in ${ms(t0)} ms`);
  const { readSignals } = await import('../src/threads/signals.js');
  const { buildTextIndex } = await import('../src/threads/text-index.js');
  const signals = readSignals(graph);
  t0 = performance.now();
  let c0 = cpu();
  const text = buildTextIndex(signals.papers.map((id) => ({ id, title: signals.title.get(id), abstract: signals.abstract.get(id) })));
  const textMs = [ms(t0), cpuMs(c0)];
  t0 = performance.now();
  c0 = cpu();
  const { threads, modularity } = threadStage(graph, { seed: o.seed });
  const threadMs = [ms(t0), cpuMs(c0)];
  t0 = performance.now();
  c0 = cpu();
  const index = buildRelatedIndex(graph);
  const indexMs = [ms(t0), cpuMs(c0)];
  const rng = mulberry32(o.seed + 1);
  const queries = Array.from({ length: 300 }, () => index.papers[Math.floor(rng() * index.papers.length)]);
  for (const q of queries.slice(0, 20)) relatedWork(index, q, { k: 20 }); // warm up
  const lat: number[] = [];
  const cpuLat: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const c = cpu();
    relatedWork(index, q, { k: 20 });
    lat.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpuLat.push((d.user + d.system) / 1000);
  }
  lat.sort((a, b) => a - b);
  cpuLat.sort((a, b) => a - b);
  return {
    name: `scale (synthetic, ${n} papers)`,
    passed: true,
    rows: [
      { metric: 'text index build (wall / cpu)', value: `${textMs[0]} / ${textMs[1]} ms (${text.vocabulary.size} terms)` },
      { metric: 'threads stage (wall / cpu)', value: `${threadMs[0]} / ${threadMs[1]} ms (${threads.length} threads, modularity ${modularity})` },
      { metric: 'related index build (wall / cpu)', value: `${indexMs[0]} / ${indexMs[1]} ms` },
      { metric: 'query p50 / p95 (wall)', value: `${pct(lat, 0.5).toFixed(1)} / ${pct(lat, 0.95).toFixed(1)} ms` },
      { metric: 'query p50 / p95 (cpu)', value: `${pct(cpuLat, 0.5).toFixed(1)} / ${pct(cpuLat, 0.95).toFixed(1)} ms` },
    ],
  };
}

/* ------------------------------------------------------------ eval runner -- */

/**
 * The section bench/eval.ts runs: recall@20 of litgraph and of the tf-idf baseline as rows (the
 * litgraph row's floor is 2.5 × the baseline's recall), MRR, timings and the thread agreement
 * figures as notes.
 */
export const section = {
  name: 'threads & related work (AAN citation recovery, arXiv thread agreement)',
  async run(ctx: { dataDir: string }) {
    const o: EvalOptions = { ...DEFAULT_EVAL_OPTIONS, dataDir: ctx.dataDir, log: () => {} };
    const recovery = await citationRecovery(o);
    const agreement = await threadAgreement(o);
    const notes: string[] = [];
    for (const m of [recovery, agreement]) {
      if (m.skipped) notes.push(`${m.name}: skipped — ${m.skipped}`);
      else for (const r of m.rows) notes.push(`${m.name} · ${r.metric}: ${r.value}`);
    }
    if (recovery.skipped || !recovery.numbers) return { rows: [], notes, skipped: recovery.skipped ?? 'no figures' };
    const x = recovery.numbers;
    return {
      rows: [
        { name: `AAN citation recovery · litgraph · recall@${o.k}`, precision: null, recall: x.recall, f1: null, gold: x.queries, floors: { recall: Math.round(o.minRatio * x.baseRecall * 1000) / 1000 } },
        { name: `AAN citation recovery · tf-idf baseline · recall@${o.k}`, precision: null, recall: x.baseRecall, f1: null, gold: x.queries },
      ],
      notes,
    };
  },
};

/* ---------------------------------------------------------------------- main -- */

/** Both sections, for the eval runner. */
export async function run(options: Partial<EvalOptions> = {}): Promise<Measured[]> {
  const o = { ...DEFAULT_EVAL_OPTIONS, ...options };
  if (!existsSync(o.dataDir)) {
    return [{ name: 'threads and related work', rows: [], passed: true, skipped: `${o.dataDir} is absent: nothing to measure (CI has it beside the clone)` }];
  }
  return [await citationRecovery(o), await threadAgreement(o)];
}

export function formatSections(sections: readonly Measured[]): string {
  const lines: string[] = [];
  for (const s of sections) {
    lines.push(`\n## ${s.name}`);
    if (s.skipped) {
      lines.push(`skipped: ${s.skipped}`);
      continue;
    }
    const width = Math.max(...s.rows.map((r) => r.metric.length));
    for (const r of s.rows) lines.push(`${r.metric.padEnd(width)}  ${r.value}`);
  }
  return `${lines.join('\n')}\n`;
}

async function cli(argv: string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const options: Partial<EvalOptions> = {};
  if (arg('--sample')) options.sample = Number(arg('--sample'));
  if (arg('--seed')) options.seed = Number(arg('--seed'));
  if (argv.includes('--no-abstracts')) options.abstracts = false;
  const sections = arg('--scale') ? [await scale(Number(arg('--scale')), { ...DEFAULT_EVAL_OPTIONS, ...options })] : await run(options);
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(sections, null, 2)}\n` : formatSections(sections));
  return sections.every((s) => s.passed) ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).then((code) => process.exit(code));
}
