/**
 * threads/gds — research threads computed inside Neo4j by the Graph Data Science library
 * ======================================================================================
 *
 * For graphs exported with `litgraph export neo4j` that outgrow one machine's memory, the thread
 * step can run where the data lives. `detectThreadsInNeo4j(driver, options)`:
 *
 * 1. projects the paper–paper graph into GDS with a Cypher aggregation projection: one undirected,
 *    weighted relationship per pair of :Paper nodes joined by :CITES, :BUILDS_ON or :SIMILAR_TO,
 *    weight = cites × (citations either way) + buildsOn × (builds_on either way) + similarTo ×
 *    (the SIMILAR_TO cosine), the same scales as the in-process paper graph (citation 1, text 2).
 *    An aggregation projection rather than a native one because a native projection fails when a
 *    relationship type is absent from the database (sample listings have no :CITES at all), and
 *    because it merges the parallel relationships of a pair into one weight. Papers without any
 *    paper–paper relationship are not projected and get no thread;
 * 2. runs Louvain (or Leiden) with `mutate` and concurrency 1: GDS Louvain has no random seed and
 *    is deterministic only single-threaded, so the same database always gives the same threads.
 *    GDS 2.13 Louvain takes neither a seed nor a resolution; Leiden takes both (`randomSeed`,
 *    `gamma`), so `--seed` / `--resolution` apply to Leiden only;
 * 3. adds each paper's weighted degree (gds.degree.mutate), streams community and degree per
 *    paper back with its id and year, and drops the projection (also on failure);
 * 4. groups the communities into threads the way the in-process engine does (pure functions
 *    below): communities under `minSize` papers fold into `gds:other`, threads are numbered
 *    `gds:1…` by size then first paper id, labelled with labels.ts over the titles and abstract
 *    openings of an evenly spaced sample of members (fetched by id), with the year span and the
 *    most connected papers (largest weighted degree in the paper graph) as central papers;
 * 5. with `write`, writes each projected paper's community id back as a property.
 *
 * Everything that names a label, type or procedure is fixed text; values travel as parameters.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { labelThreads } from './labels.js';

export type GdsAlgorithm = 'louvain' | 'leiden';
export const GDS_ALGORITHMS: readonly GdsAlgorithm[] = ['louvain', 'leiden'];

/** Multipliers of the projected pair weight per relationship type. */
export interface GdsPairWeights {
  /** Per :CITES relationship between the two papers (either direction). */
  cites: number;
  /** Per :BUILDS_ON relationship (a paper uses a method the other proposes). */
  buildsOn: number;
  /** Times the :SIMILAR_TO relationship's `weight` (tf-idf cosine). */
  similarTo: number;
}

export interface GdsThreadOptions {
  algorithm: GdsAlgorithm;
  /** Leiden's `randomSeed` (Louvain has none). */
  seed: number;
  /** Leiden's `gamma` (Louvain has none). */
  resolution: number;
  weights: GdsPairWeights;
  /** Communities with fewer papers fold into `gds:other`. */
  minSize: number;
  /** Most connected papers listed per thread. */
  central: number;
  /** Papers per thread whose text is fetched for its label (evenly spaced over its members). */
  labelDocsPerThread: number;
  /** Papers of the whole projection fetched as the label's background (evenly spaced). */
  labelBackgroundDocs: number;
  /** Write each projected paper's community id to this :Paper property; none when undefined. */
  writeProperty?: string;
  /** Target database [the server's default]. */
  database?: string;
}

export const DEFAULT_GDS_PAIR_WEIGHTS: GdsPairWeights = { cites: 1, buildsOn: 0.3, similarTo: 2 };

export const DEFAULT_GDS_THREAD_OPTIONS: GdsThreadOptions = {
  algorithm: 'louvain',
  seed: 42,
  resolution: 1,
  weights: DEFAULT_GDS_PAIR_WEIGHTS,
  minSize: 3,
  central: 5,
  labelDocsPerThread: 50,
  labelBackgroundDocs: 5000,
};

/** The property --write uses. */
export const DEFAULT_GDS_WRITE_PROPERTY = 'gdsCommunity';

export const GDS_OTHER_THREAD = 'gds:other';

// Single-threaded: GDS Louvain and Leiden give the same partition on every run only then.
const CONCURRENCY = 1;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function resolveGdsThreadOptions(options: Partial<GdsThreadOptions> = {}): GdsThreadOptions {
  const o: GdsThreadOptions = { ...DEFAULT_GDS_THREAD_OPTIONS, ...options, weights: { ...DEFAULT_GDS_PAIR_WEIGHTS, ...options.weights } };
  if (!GDS_ALGORITHMS.includes(o.algorithm)) throw new RangeError(`gds threads: algorithm must be one of ${GDS_ALGORITHMS.join(', ')}, got "${o.algorithm}"`);
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`gds threads: seed must be an integer, got ${o.seed}`);
  if (!(Number.isFinite(o.resolution) && o.resolution > 0)) throw new RangeError(`gds threads: resolution must be a positive number, got ${o.resolution}`);
  for (const [k, v] of Object.entries(o.weights)) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`gds threads: weight ${k} must be a number ≥ 0, got ${v}`);
  for (const k of ['minSize', 'central', 'labelDocsPerThread', 'labelBackgroundDocs'] as const) {
    if (!(Number.isInteger(o[k]) && o[k] >= 1)) throw new RangeError(`gds threads: ${k} must be an integer ≥ 1, got ${o[k]}`);
  }
  if (o.writeProperty !== undefined && !PROPERTY_NAME.test(o.writeProperty)) {
    throw new RangeError(`gds threads: the write property must be a plain identifier, got "${o.writeProperty}"`);
  }
  return o;
}

/* ------------------------------------------------------------------------- types -- */

/** One projected paper as GDS returns it. */
export interface GdsMember {
  id: string;
  community: number;
  /** Weighted degree in the projected paper graph. */
  degree: number;
  year: number | null;
}

export interface GdsThread {
  /** `gds:1`, `gds:2`, … by size, then `gds:other`. */
  id: string;
  label: string;
  terms: string[];
  size: number;
  /** Member paper ids, sorted. */
  papers: string[];
  /** The GDS community ids gathered here (one, or several for `gds:other`). */
  communities: number[];
  years: [number, number] | null;
  /** Most connected members first (weighted degree), ties by id. */
  central: string[];
  /** Display labels of `central` (same order). */
  centralLabels: string[];
}

export interface GdsThreadsResult {
  engine: 'neo4j-gds';
  algorithm: GdsAlgorithm;
  gdsVersion: string;
  uri: string;
  database: string | null;
  concurrency: number;
  /** Leiden only: the seed and resolution used. */
  seed: number | null;
  resolution: number | null;
  /** Papers projected (those with at least one paper–paper relationship). */
  papers: number;
  /** Undirected weighted paper pairs projected. */
  pairs: number;
  /** Communities GDS found, before folding the small ones into `gds:other`. */
  communities: number;
  modularity: number;
  levels: number;
  /** Set when `writeProperty` was given: how many papers got it. */
  written: { property: string; papers: number } | null;
  threads: GdsThread[];
  /** Wall-clock seconds per step (projection, algorithm, the rest). */
  seconds: { project: number; algorithm: number; total: number };
}

/** A failure the user can act on (no GDS on the server, nothing to project). */
export class GdsThreadsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GdsThreadsError';
  }
}

/* ---------------------------------------------------------------- pure functions -- */

/** At most `max` items, evenly spaced (deterministic); all when there are fewer. */
export function evenlySpaced<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]);
  return out;
}

/** A thread before labelling: members sorted by id, GDS communities sorted. */
export interface GdsDraft {
  id: string;
  members: GdsMember[];
  communities: number[];
}

/**
 * Groups members by community: communities of at least `minSize` papers become `gds:1…` by
 * size (largest first, ties by first paper id), the rest fold into `gds:other` (last).
 */
export function groupCommunities(members: readonly GdsMember[], minSize: number): GdsDraft[] {
  const byCommunity = new Map<number, GdsMember[]>();
  for (const m of members) {
    const list = byCommunity.get(m.community);
    if (list) list.push(m);
    else byCommunity.set(m.community, [m]);
  }
  const byId = (a: GdsMember, b: GdsMember) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const big: { members: GdsMember[]; community: number }[] = [];
  const other: GdsMember[] = [];
  const otherCommunities: number[] = [];
  for (const [community, list] of byCommunity) {
    list.sort(byId);
    if (list.length >= minSize) big.push({ members: list, community });
    else {
      other.push(...list);
      otherCommunities.push(community);
    }
  }
  big.sort((a, b) => b.members.length - a.members.length || byId(a.members[0], b.members[0]));
  const drafts: GdsDraft[] = big.map((g, i) => ({ id: `gds:${i + 1}`, members: g.members, communities: [g.community] }));
  if (other.length) drafts.push({ id: GDS_OTHER_THREAD, members: other.sort(byId), communities: otherCommunities.sort((a, b) => a - b) });
  return drafts;
}

/** The paper ids whose text labels the drafts: a sample per thread plus a background sample. */
export function labelSample(drafts: readonly GdsDraft[], o: Pick<GdsThreadOptions, 'labelDocsPerThread' | 'labelBackgroundDocs'>): string[] {
  const ids = new Set<string>();
  const all: string[] = [];
  for (const d of drafts) {
    for (const m of d.members) all.push(m.id);
    if (d.id !== GDS_OTHER_THREAD) for (const m of evenlySpaced(d.members, o.labelDocsPerThread)) ids.add(m.id);
  }
  all.sort();
  for (const id of evenlySpaced(all, o.labelBackgroundDocs)) ids.add(id);
  return [...ids].sort();
}

/** Title and the opening of the abstract, as the in-process engine joins them for labels. */
export type PaperText = string;

/** The `central` most connected members of a draft (weighted degree, ties by id). */
export function centralMembers(draft: GdsDraft, central: number): string[] {
  return [...draft.members]
    .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, central)
    .map((m) => m.id);
}

/**
 * Labels, year spans and central papers: drafts → threads. `texts` holds the label sample
 * (labelSample's ids) and nothing else, so the labels do not depend on which papers are
 * central; `names` the display labels of at least the central papers.
 */
export function describeThreads(
  drafts: readonly GdsDraft[],
  texts: ReadonlyMap<string, PaperText>,
  names: ReadonlyMap<string, string>,
  o: Pick<GdsThreadOptions, 'central'>,
): GdsThread[] {
  const docIds = [...texts.keys()].sort();
  const docNumber = new Map(docIds.map((id, i) => [id, i]));
  const labelled = drafts.filter((d) => d.id !== GDS_OTHER_THREAD);
  const labels = labelThreads(
    docIds.map((id) => texts.get(id)!),
    labelled.map((d) => d.members.flatMap((m) => (docNumber.has(m.id) ? [docNumber.get(m.id)!] : []))),
    // The sample is already bounded: let labels.ts read all of it.
    { docsPerThread: Number.MAX_SAFE_INTEGER, backgroundDocs: Number.MAX_SAFE_INTEGER },
  );
  return drafts.map((d) => {
    const i = labelled.indexOf(d);
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of d.members) {
      if (m.year == null) continue;
      lo = Math.min(lo, m.year);
      hi = Math.max(hi, m.year);
    }
    const central = centralMembers(d, o.central);
    return {
      id: d.id,
      label: i >= 0 ? labels[i].label : 'other',
      terms: i >= 0 ? labels[i].terms : [],
      size: d.members.length,
      papers: d.members.map((m) => m.id),
      communities: d.communities,
      years: Number.isFinite(lo) ? [lo, hi] : null,
      central,
      centralLabels: central.map((id) => names.get(id) ?? id),
    };
  });
}

/* ------------------------------------------------------------------------ Cypher -- */

// Each undirected pair once (a.id < b.id), its relationships summed into one weight. GDS numbers
// the projected nodes in the order it meets them, and single-threaded Louvain visits them in that
// order, so the rows arrive sorted by paper id and the id map is built on one thread
// (readConcurrency 1): with the default 4 the numbering could differ between two runs over the
// same database, and so could the threads (seen once in CI: modularity 0.530 instead of 0.535).
const PROJECT_QUERY = `MATCH (a:Paper)-[r:CITES|BUILDS_ON|SIMILAR_TO]-(b:Paper)
WHERE a.id < b.id
WITH a, b, sum(CASE type(r)
  WHEN 'CITES' THEN $weights.cites
  WHEN 'BUILDS_ON' THEN $weights.buildsOn
  ELSE $weights.similarTo * coalesce(toFloat(r.weight), 0.0) END) AS weight
WHERE weight > 0
WITH a, b, weight ORDER BY a.id, b.id
WITH gds.graph.project($graph, a, b, {relationshipProperties: {weight: weight}}, {undirectedRelationshipTypes: ['*'], readConcurrency: 1}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships`;

const ALGORITHM_QUERY: Record<GdsAlgorithm, string> = {
  louvain: `CALL gds.louvain.mutate($graph, $config) YIELD communityCount, modularity, ranLevels
RETURN communityCount, modularity, ranLevels`,
  leiden: `CALL gds.leiden.mutate($graph, $config) YIELD communityCount, modularity, ranLevels
RETURN communityCount, modularity, ranLevels`,
};

const DEGREE_QUERY = `CALL gds.degree.mutate($graph, {mutateProperty: 'litgraphDegree', relationshipWeightProperty: 'weight', concurrency: $concurrency})
YIELD nodePropertiesWritten RETURN nodePropertiesWritten`;

const MEMBERS_QUERY = `CALL gds.graph.nodeProperties.stream($graph, ['litgraphCommunity', 'litgraphDegree'])
YIELD nodeId, nodeProperty, propertyValue
WITH nodeId, collect([nodeProperty, propertyValue]) AS values
WITH gds.util.asNode(nodeId) AS p, values
RETURN p.id AS id, p.year AS year,
  [v IN values WHERE v[0] = 'litgraphCommunity' | v[1]][0] AS community,
  [v IN values WHERE v[0] = 'litgraphDegree' | v[1]][0] AS degree`;

const TEXT_QUERY = `UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, coalesce(p.label, p.title, p.id) AS label, p.title AS title, left(coalesce(p.abstract, ''), $chars) AS abstract`;

const WRITE_QUERY = `CALL gds.graph.nodeProperties.write($graph, $properties) YIELD propertiesWritten RETURN propertiesWritten`;

// labels.ts reads 700 characters of title + abstract; the abstract's opening is all it needs.
const ABSTRACT_CHARS = 700;
const TEXT_BATCH = 10_000;

const toNumber = (value: unknown): number => (neo4j.isInt(value) ? (value as { toNumber(): number }).toNumber() : Number(value));
const toYear = (value: unknown): number | null => (value == null ? null : toNumber(value));

/** GDS's version, or a GdsThreadsError when the server has no GDS. */
async function gdsVersion(session: Session, uri: string): Promise<string> {
  try {
    const result = await session.run('RETURN gds.version() AS version');
    return String(result.records[0].get('version'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/gds\.version|Unknown function/i.test(message)) {
      throw new GdsThreadsError(
        `Neo4j at ${uri} has no Graph Data Science library (gds.version() is unknown): install GDS 2.13 for Neo4j 5.26 in its plugins folder and allow dbms.security.procedures.unrestricted=gds.*`,
      );
    }
    throw error;
  }
}

/**
 * Detects threads in the papers of a Neo4j database (exported by `litgraph export neo4j`) with
 * GDS. `driver` is the caller's; the projection is always dropped before returning.
 */
export async function detectThreadsInNeo4j(driver: Driver, options: Partial<GdsThreadOptions> & { uri: string }): Promise<GdsThreadsResult> {
  const o = resolveGdsThreadOptions(options);
  const started = performance.now();
  const graph = `litgraph-threads-${randomUUID()}`;
  const session = driver.session({ database: o.database, defaultAccessMode: neo4j.session.WRITE });
  let projected = false;
  try {
    const version = await gdsVersion(session, options.uri);
    const projection = await session.run(PROJECT_QUERY, { graph, weights: o.weights });
    projected = true;
    const papers = toNumber(projection.records[0]?.get('nodes') ?? 0);
    // An undirected projection stores each pair in both directions.
    const pairs = toNumber(projection.records[0]?.get('relationships') ?? 0) / 2;
    if (papers === 0) {
      throw new GdsThreadsError(`Neo4j at ${options.uri} has no :Paper nodes joined by :CITES, :BUILDS_ON or :SIMILAR_TO: export a build first (litgraph export neo4j)`);
    }
    const projectedAt = performance.now();

    // JavaScript numbers reach Cypher as floats; GDS wants integers where it counts.
    const config: Record<string, unknown> = { mutateProperty: 'litgraphCommunity', relationshipWeightProperty: 'weight', concurrency: neo4j.int(CONCURRENCY) };
    if (o.algorithm === 'leiden') Object.assign(config, { randomSeed: neo4j.int(o.seed), gamma: o.resolution });
    const run = (await session.run(ALGORITHM_QUERY[o.algorithm], { graph, config })).records[0];
    const algorithmAt = performance.now();
    await session.run(DEGREE_QUERY, { graph, concurrency: neo4j.int(CONCURRENCY) });

    const members: GdsMember[] = (await session.run(MEMBERS_QUERY, { graph })).records.map((r) => ({
      id: String(r.get('id')),
      community: toNumber(r.get('community')),
      degree: toNumber(r.get('degree')),
      year: toYear(r.get('year')),
    }));
    const drafts = groupCommunities(members, o.minSize);
    const sample = new Set(labelSample(drafts, o));
    const wanted = new Set(sample);
    for (const d of drafts) for (const id of centralMembers(d, o.central)) wanted.add(id);
    const texts = new Map<string, PaperText>();
    const names = new Map<string, string>();
    const ids = [...wanted].sort();
    for (let i = 0; i < ids.length; i += TEXT_BATCH) {
      const rows = await session.run(TEXT_QUERY, { ids: ids.slice(i, i + TEXT_BATCH), chars: neo4j.int(ABSTRACT_CHARS) });
      for (const r of rows.records) {
        const id = String(r.get('id'));
        names.set(id, String(r.get('label')));
        if (sample.has(id)) texts.set(id, [r.get('title') as string | null, r.get('abstract') as string].filter(Boolean).join('. '));
      }
    }
    const threads = describeThreads(drafts, texts, names, o);

    let written: GdsThreadsResult['written'] = null;
    if (o.writeProperty !== undefined) {
      const result = await session.run(WRITE_QUERY, { graph, properties: { litgraphCommunity: o.writeProperty } });
      written = { property: o.writeProperty, papers: toNumber(result.records[0]?.get('propertiesWritten') ?? 0) };
    }
    return {
      engine: 'neo4j-gds',
      algorithm: o.algorithm,
      gdsVersion: version,
      uri: options.uri,
      database: o.database ?? null,
      concurrency: CONCURRENCY,
      seed: o.algorithm === 'leiden' ? o.seed : null,
      resolution: o.algorithm === 'leiden' ? o.resolution : null,
      papers,
      pairs,
      communities: toNumber(run.get('communityCount')),
      modularity: Math.round(toNumber(run.get('modularity')) * 1e6) / 1e6,
      levels: toNumber(run.get('ranLevels')),
      written,
      threads,
      seconds: {
        project: (projectedAt - started) / 1000,
        algorithm: (algorithmAt - projectedAt) / 1000,
        total: (performance.now() - started) / 1000,
      },
    };
  } finally {
    if (projected) await session.run('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph }).catch(() => {});
    await session.close().catch(() => {});
  }
}
