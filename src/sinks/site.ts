/**
 * site — the viewer's data files and the static site
 * ==================================================
 *
 * The viewer (viewer/) never reads graph.json: it reads a compact, columnar file written for it
 * here, `data/graph.js`, which assigns one global (`window.__LITGRAPH_DATA__`). A script file
 * rather than JSON because a page opened from disk (file://) cannot fetch JSON in Chromium, while
 * `<script src>` works from disk, from the `litgraph view` server and from any static host.
 *
 * What the first paint needs (positions, types, labels, threads, years, degree, PageRank, search
 * strings, the edge list as integer triples) is in graph.js; what only the side panel needs
 * (abstracts, authors, links, related work) is in `data/details/<shard>.js`, loaded on demand,
 * so the 65k-paper ACL corpus does not ship its abstracts before the first frame.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { LitGraph } from '../graph/build.js';
import { layoutGraph, type LayoutOptions } from '../graph/layout.js';
import type { EdgeType, NodeType, Paper, Thread } from '../types.js';
import { EDGE_TYPES, NODE_TYPES } from '../types.js';
import { AtomicBatch } from './atomic.js';
import { buildRelatedIndex, describeReasons, relatedWork } from '../query/related.js';

// A CommonJS package with `export default` types: under NodeNext the callable may sit on .default.
type Pagerank = typeof import('graphology-metrics/centrality/pagerank.js').default;
const pagerank = ((pagerankModule as unknown as { default?: Pagerank }).default ?? pagerankModule) as Pagerank;

export const SITE_SCHEMA = 1;
/** Bumped whenever what this module writes changes within a schema, so `litgraph view` drops older caches. */
export const SITE_REVISION = 3;
export const DATA_GLOBAL = '__LITGRAPH_DATA__';
export const DETAILS_GLOBAL = '__LITGRAPH_DETAILS__';

/* ------------------------------------------------------------------------ the format -- */

export interface SiteThread {
  id: string;
  label: string;
  terms: string[];
  size: number;
  /** Index of the thread's own node in `nodes`, or -1 when the graph has no thread node. */
  node: number;
  years: [number, number] | null;
  /** Indices in `nodes` of the thread's most typical methods, datasets and tasks (threads.json, best first). */
  methods: number[];
  datasets: number[];
  tasks: number[];
}

/** Columnar node table: entry i of every array describes node i. */
export interface SiteNodes {
  key: string[];
  label: string[];
  /** Index into SiteData.nodeTypes. */
  type: number[];
  x: number[];
  y: number[];
  /** Index into SiteData.threads, -1 for none. */
  thread: number[];
  /** Publication year, 0 when unknown. */
  year: number[];
  /** Number of distinct neighbours. */
  degree: number[];
  /** PageRank × n (1 = average), two decimals. */
  pagerank: number[];
  /** Further searchable text (title when it differs from the label, arXiv id, aliases), '' if none. */
  search: string[];
}

export interface SiteData {
  schema: number;
  title: string;
  nodeTypes: NodeType[];
  edgeTypes: EdgeType[];
  threads: SiteThread[];
  nodes: SiteNodes;
  /** Distinct node pairs as a flat list of [source, target, edge type index] triples. */
  edges: number[];
  /** Nodes per details shard; node i's details are entry i % shardSize of shard ⌊i / shardSize⌋. */
  shardSize: number;
  shards: number;
}

export interface RelatedRef {
  /** Node index of the related paper. */
  node: number;
  reasons: string[];
}

export interface PaperDetails {
  kind: 'paper';
  title: string | null;
  authors: string[];
  authorsTruncated: boolean;
  date: string | null;
  venue: string | null;
  abstract: string | null;
  arxivId: string | null;
  doi: string | null;
  aclId: string | null;
  codeUrls: string[];
  related: RelatedRef[];
}

export interface EntityDetails {
  kind: 'entity';
  aliases: string[];
  url: string | null;
}

export type NodeDetails = PaperDetails | EntityDetails | null;

export interface SiteFiles {
  /** Path relative to the site root (forward slashes) → file contents. */
  files: Map<string, string>;
  data: SiteData;
}

export interface SiteOptions {
  title: string;
  shardSize: number;
  /** Related papers kept per paper. */
  related: number;
  /** Entities linked to more papers than this are too common to count as a shared signal. */
  hubDegree: number;
  /**
   * Who ranks related work: `query` runs src/query/related.ts (the `litgraph related` ranking)
   * for every paper; `graph` scores direct links and shared entities (fast at any size); `auto`
   * uses `query` up to `queryLimit` papers.
   */
  relatedEngine: 'auto' | 'query' | 'graph';
  queryLimit: number;
  layout: Partial<LayoutOptions>;
}

export const DEFAULT_SITE_OPTIONS: SiteOptions = { title: 'litgraph', shardSize: 250, related: 6, hubDegree: 200, relatedEngine: 'auto', queryLimit: 5000, layout: {} };

export interface SiteInput {
  graph: LitGraph;
  papers?: readonly Paper[];
  threads?: readonly Thread[];
}

/* --------------------------------------------------------------------- computation -- */

const round2 = (v: number) => Math.round(v * 100) / 100;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** Edge types in order of how much they say when one node pair carries several. */
const EDGE_PRIORITY: EdgeType[] = ['in_thread', 'cites', 'builds_on', 'proposes', 'similar_to', 'uses', 'evaluates_on', 'addresses', 'reports', 'has_code', 'authored', 'affiliated', 'published_in', 'in_category'];

/** Reason text for a direct paper-to-paper edge seen from `from`. */
function directReason(type: EdgeType, outgoing: boolean, attrs: Record<string, unknown>): string | null {
  switch (type) {
    case 'cites':
      return outgoing ? 'cited by this paper' : 'cites this paper';
    case 'builds_on':
      return outgoing ? `builds on it${typeof attrs.evidence === 'string' ? ` (${attrs.evidence})` : ''}` : `builds on this paper${typeof attrs.evidence === 'string' ? ` (${attrs.evidence})` : ''}`;
    case 'similar_to': {
      const w = typeof attrs.weight === 'number' ? attrs.weight : typeof attrs.score === 'number' ? attrs.score : null;
      return w === null ? 'similar text' : `similar text (${w.toFixed(2)})`;
    }
    default:
      return null;
  }
}

const SHARED_TYPES: Partial<Record<NodeType, { weight: number; noun: string }>> = {
  method: { weight: 1.5, noun: 'method' },
  dataset: { weight: 1.2, noun: 'dataset' },
  task: { weight: 1, noun: 'task' },
  repo: { weight: 2, noun: 'code repository' },
  author: { weight: 1, noun: 'author' },
  metric: { weight: 0.3, noun: 'metric' },
};

/**
 * A few related papers per paper with the reasons: direct links (citations, builds-on, text
 * similarity) and shared methods, datasets, tasks, repositories and authors, plus the thread.
 * Each entity's distinct papers are listed once up front: asking the graph for them again from
 * every paper cost the ACL corpus over a minute (authors and methods are shared by many papers).
 */
export function relatedPapers(graph: LitGraph, index: Map<string, number>, threadOf: (key: string) => string | null, options: Pick<SiteOptions, 'related' | 'hubDegree'>): Map<string, RelatedRef[]> {
  const out = new Map<string, RelatedRef[]>();
  const papersOf = new Map<string, string[]>();
  const paperSet = new Map<string, Set<string>>();
  graph.forEachEdge((_, e, source, target, sa, ta) => {
    const pairs: [string, NodeType, string, NodeType][] = [[source, sa.type, target, ta.type], [target, ta.type, source, sa.type]];
    for (const [entity, entityType, paper, paperType] of pairs) {
      if (paperType !== 'paper' || !SHARED_TYPES[entityType]) continue;
      let set = paperSet.get(entity);
      if (!set) paperSet.set(entity, (set = new Set()));
      set.add(paper);
    }
  });
  for (const [entity, set] of paperSet) papersOf.set(entity, [...set]);
  graph.forEachNode((paper, attrs) => {
    if (attrs.type !== 'paper') return;
    const score = new Map<string, { score: number; reasons: string[] }>();
    const add = (other: string, weight: number, reason: string) => {
      if (other === paper) return;
      let entry = score.get(other);
      if (!entry) score.set(other, (entry = { score: 0, reasons: [] }));
      entry.score += weight;
      if (entry.reasons.length < 4 && !entry.reasons.includes(reason)) entry.reasons.push(reason);
    };
    graph.forEachEdge(paper, (_, e, source, target, sa, ta) => {
      const other = source === paper ? target : source;
      const otherAttrs = source === paper ? ta : sa;
      if (otherAttrs.type === 'paper') {
        const reason = directReason(e.type, source === paper, e);
        if (reason) add(other, e.type === 'cites' ? 3 : 2, reason);
        return;
      }
      const shared = SHARED_TYPES[otherAttrs.type];
      if (!shared) return;
      const papers = papersOf.get(other) ?? [];
      if (papers.length > options.hubDegree) return;
      // Rarer entities say more: weight by inverse log frequency.
      const weight = shared.weight / Math.log2(1 + papers.length);
      const label = String(otherAttrs.label);
      for (const p of papers) add(p, weight, `shared ${shared.noun}: ${label}`);
    });
    const thread = threadOf(paper);
    if (thread) for (const [other, entry] of score) if (threadOf(other) === thread) {
      entry.score += 0.5;
      if (entry.reasons.length < 4) entry.reasons.push('same thread');
    }
    const ranked = [...score.entries()]
      .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.related)
      .map(([key, entry]) => ({ node: index.get(key)!, reasons: entry.reasons }));
    if (ranked.length) out.set(paper, ranked);
  });
  return out;
}

/** Related work by the `litgraph related` ranking (src/query/related.ts), with its reasons in words. */
export function relatedByQuery(graph: LitGraph, index: Map<string, number>, k: number): Map<string, RelatedRef[]> {
  const related = buildRelatedIndex(graph);
  const out = new Map<string, RelatedRef[]>();
  for (const paper of related.papers) {
    const answer = relatedWork(related, { paper }, { k });
    if (answer.status !== 'ok') continue;
    const refs = answer.suggestions.filter((s) => index.has(s.id)).map((s) => ({ node: index.get(s.id)!, reasons: describeReasons(s.reasons) }));
    if (refs.length) out.set(paper, refs);
  }
  return out;
}

/** Builds the viewer's data and detail shards from a built graph (laying it out if needed). */
export function buildSiteFiles(input: SiteInput, options: Partial<SiteOptions> = {}): SiteFiles {
  const o = { ...DEFAULT_SITE_OPTIONS, ...options };
  if (!Number.isInteger(o.shardSize) || o.shardSize < 1) throw new Error(`site: shardSize must be a positive integer, got ${o.shardSize}`);
  const { graph } = input;
  // An output folder from before the layout stage: lay it out now (on a copy, the input stays as it was).
  let laidOut = graph;
  let missing = false;
  graph.forEachNode((_, a) => {
    if (typeof a.x !== 'number' || typeof a.y !== 'number') missing = true;
  });
  if (missing) {
    laidOut = graph.copy() as LitGraph;
    layoutGraph(laidOut, o.layout);
  }

  const keys = laidOut.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  const papersById = new Map((input.papers ?? []).map((p) => [p.id, p]));

  // Threads: threads.json when there is one, else the thread nodes themselves.
  const threadList: SiteThread[] = [];
  const threadIndex = new Map<string, number>();
  const present = (keys: readonly string[]) => keys.map((k) => index.get(k) ?? -1).filter((n) => n >= 0);
  for (const t of input.threads ?? []) {
    threadIndex.set(t.id, threadList.length);
    threadList.push({ id: t.id, label: t.label, terms: t.terms.slice(0, 8), size: t.size, node: index.get(t.id) ?? -1, years: t.years, methods: present(t.topMethods), datasets: present(t.topDatasets), tasks: present(t.topTasks) });
  }
  laidOut.forEachNode((key, a) => {
    if (a.type !== 'thread' || threadIndex.has(key)) return;
    threadIndex.set(key, threadList.length);
    threadList.push({ id: key, label: String(a.label), terms: strings(a.terms).slice(0, 8), size: 0, node: index.get(key)!, years: null, methods: [], datasets: [], tasks: [] });
  });
  const paperThread = new Map<string, string>();
  for (const t of input.threads ?? []) for (const p of t.papers) paperThread.set(p, t.id);
  laidOut.forEachEdge((_, e, source, target) => {
    if (e.type === 'in_thread' && !paperThread.has(source)) paperThread.set(source, target);
  });
  const threadSizes = new Map<string, number>();
  for (const id of paperThread.values()) threadSizes.set(id, (threadSizes.get(id) ?? 0) + 1);
  for (const t of threadList) if (t.size === 0) t.size = threadSizes.get(t.id) ?? 0;

  // Distinct node pairs (the viewer draws one line per pair), keeping the most telling type.
  // Pairs are numbers (s·n + t, below 2^53 for any graph that fits in memory), not strings.
  const n = keys.length;
  const pairAt = new Map<number, number>();
  const degree = new Uint32Array(n);
  const priority = (t: EdgeType) => {
    const p = EDGE_PRIORITY.indexOf(t);
    return p < 0 ? EDGE_PRIORITY.length : p;
  };
  const edges: number[] = [];
  laidOut.forEachEdge((_, e, source, target) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    if (s === t) return;
    const pair = s < t ? s * n + t : t * n + s;
    const previous = pairAt.get(pair);
    if (previous === undefined) {
      pairAt.set(pair, edges.length);
      edges.push(s, t, EDGE_TYPES.indexOf(e.type));
      degree[s]++;
      degree[t]++;
    } else if (priority(e.type) < priority(EDGE_TYPES[edges[previous + 2]])) edges[previous + 2] = EDGE_TYPES.indexOf(e.type);
  });

  let ranks: Record<string, number> = {};
  try {
    ranks = pagerank(laidOut, { getEdgeWeight: null, maxIterations: 200, tolerance: 1e-7 });
  } catch {
    ranks = {}; // did not converge: the viewer falls back to degree
  }

  const nodes: SiteNodes = { key: [], label: [], type: [], x: [], y: [], thread: [], year: [], degree: [], pagerank: [], search: [] };
  for (const key of keys) {
    const a = laidOut.getNodeAttributes(key);
    nodes.key.push(key);
    nodes.label.push(String(a.label ?? key));
    nodes.type.push(Math.max(0, NODE_TYPES.indexOf(a.type)));
    nodes.x.push(typeof a.x === 'number' ? a.x : 0);
    nodes.y.push(typeof a.y === 'number' ? a.y : 0);
    const thread = a.type === 'thread' ? key : paperThread.get(key);
    nodes.thread.push(thread !== undefined ? (threadIndex.get(thread) ?? -1) : -1);
    nodes.year.push(typeof a.year === 'number' ? a.year : 0);
    nodes.degree.push(degree[index.get(key)!]);
    nodes.pagerank.push(ranks[key] !== undefined ? round2(ranks[key] * n) : 0);
    const search = new Set<string>();
    const title = str(a.title);
    if (title && title !== a.label) search.add(title);
    for (const id of [a.arxivId, a.doi, a.aclId]) if (str(id)) search.add(String(id));
    for (const alias of strings(a.aliases)) if (alias !== a.label) search.add(alias);
    nodes.search.push([...search].join(' | '));
  }

  const paperCount = nodes.type.filter((t) => NODE_TYPES[t] === 'paper').length;
  const useQuery = o.relatedEngine === 'query' || (o.relatedEngine === 'auto' && paperCount <= o.queryLimit);
  let related: Map<string, RelatedRef[]> | null = null;
  if (useQuery) {
    try {
      related = relatedByQuery(laidOut, index, o.related);
    } catch {
      related = null; // a graph the ranking cannot read (e.g. no text at all): fall back to graph links
    }
  }
  related ??= relatedPapers(laidOut, index, (k) => paperThread.get(k) ?? null, o);
  const details: NodeDetails[] = keys.map((key) => {
    const a = laidOut.getNodeAttributes(key);
    if (a.type === 'paper') {
      const p = papersById.get(key);
      return {
        kind: 'paper',
        title: str(a.title),
        authors: p?.authors ?? strings(a.authors),
        authorsTruncated: Boolean(p?.authorsTruncated ?? a.authorsTruncated),
        date: str(a.date) ?? p?.dateText ?? null,
        venue: str(a.venue),
        abstract: str(a.abstract) ?? p?.abstract ?? null,
        arxivId: str(a.arxivId),
        doi: str(a.doi),
        aclId: str(a.aclId),
        codeUrls: p?.codeUrls ?? [],
        related: related.get(key) ?? [],
      } satisfies PaperDetails;
    }
    const aliases = strings(a.aliases);
    const url = str(a.url);
    return aliases.length || url ? ({ kind: 'entity', aliases, url } satisfies EntityDetails) : null;
  });

  const shards = Math.ceil(n / o.shardSize);
  const data: SiteData = { schema: SITE_SCHEMA, title: o.title, nodeTypes: [...NODE_TYPES], edgeTypes: [...EDGE_TYPES], threads: threadList, nodes, edges, shardSize: o.shardSize, shards };
  const files = new Map<string, string>();
  files.set('data/graph.js', `window.${DATA_GLOBAL}=${JSON.stringify(data)};\n`);
  for (let s = 0; s < shards; s++) {
    const slice = details.slice(s * o.shardSize, (s + 1) * o.shardSize);
    files.set(`data/details/${s}.js`, `(window.${DETAILS_GLOBAL}=window.${DETAILS_GLOBAL}||{})[${s}]=${JSON.stringify(slice)};\n`);
  }
  return { files, data };
}

/* ------------------------------------------------------------------- the built app -- */

/** Where `vite build viewer` puts the app (the same path from src/ under tsx and from dist/). */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../viewer/dist/', import.meta.url));

export class ViewerNotBuiltError extends Error {
  constructor(dir: string) {
    super(`the viewer is not built (no ${join(dir, 'index.html')}); run \`npm run build\` in the litgraph folder`);
    this.name = 'ViewerNotBuiltError';
  }
}

/** The built viewer's files, relative path → absolute path; the data folder is never taken from here. */
export function listAssets(dir: string = DEFAULT_ASSETS_DIR): Map<string, string> {
  if (!existsSync(join(dir, 'index.html'))) throw new ViewerNotBuiltError(dir);
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).split(sep).join('/');
        if (!rel.startsWith('data/')) out.set(rel, path);
      }
    }
  };
  walk(dir);
  return out;
}

/** Writes a self-contained static site (the viewer + its data) into `dir`; opens from disk. */
export function writeSite(dir: string, input: SiteInput, options: Partial<SiteOptions> & { assetsDir?: string } = {}): SiteFiles {
  const assets = listAssets(options.assetsDir);
  const site = buildSiteFiles(input, options);
  const batch = new AtomicBatch();
  try {
    for (const [rel, path] of assets) batch.write(join(dir, rel), readFileSync(path, 'utf8')); // vite emits text files only (html, js, css)
    for (const [rel, text] of site.files) batch.write(join(dir, rel), text);
    batch.commit();
  } catch (error) {
    batch.abort();
    throw error;
  }
  return site;
}
