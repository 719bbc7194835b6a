/**
 * `litgraph threads [--graph DIR] [--json]` — the research threads of a build, as a table:
 * id, size, years, label, top methods / datasets / tasks and the most central papers.
 * `litgraph threads --engine neo4j-gds --uri …` computes threads inside Neo4j instead, with the
 * Graph Data Science library over the papers `litgraph export neo4j` wrote (src/threads/gds.ts);
 * this module parses options, opens the driver and prints.
 */
import neo4j from 'neo4j-driver';
import { UsageError } from '../../errors.js';
import { loadGraph, loadThreads } from '../../sinks/json.js';
import { describeNeo4jError, NEO4J_DEFAULTS } from '../../sinks/neo4j.js';
import { DEFAULT_GDS_THREAD_OPTIONS, DEFAULT_GDS_WRITE_PROPERTY, detectThreadsInNeo4j, GDS_ALGORITHMS, GdsThreadsError, type GdsAlgorithm, type GdsThreadsResult } from '../../threads/gds.js';
import type { Thread } from '../../types.js';
import { parseNumber, parseOptions, type CliIO } from '../io.js';
import { DEFAULT_OUT_DIR } from './build.js';

export const ENGINES = ['in-process', 'neo4j-gds'] as const;
export type ThreadEngine = (typeof ENGINES)[number];

export const USAGE = `usage: litgraph threads [--graph DIR] [--json]
       litgraph threads --engine neo4j-gds [--uri URI] [--user NAME] [--password PW] [--database NAME]
                        [--algorithm louvain|leiden] [--seed N] [--resolution R] [--write] [--json]
  --engine E       in-process: list the threads of a build (threads.json) [in-process]
                   neo4j-gds: compute threads in Neo4j with Graph Data Science 2.13 over the
                   papers that \`litgraph export neo4j\` wrote (CITES, BUILDS_ON, SIMILAR_TO)
  --graph DIR      a build's output folder (in-process) [graph-data/out]
  --json           print the threads as JSON (in-process: with labels of their entities and
                   central papers; neo4j-gds: with the run's modularity, counts and timings)

  neo4j-gds:
    --uri URI         Bolt URI [$NEO4J_URI or bolt://localhost:7687]
    --user NAME       user [$NEO4J_USER or neo4j]
    --password PW     password [$NEO4J_PASSWORD; none for a server without auth]
    --database NAME   database [the server's default]
    --algorithm A     louvain or leiden, run with concurrency 1 (deterministic) [louvain]
    --seed N          Leiden's random seed [42]; GDS Louvain has none
    --resolution R    Leiden's resolution (gamma) [1]; GDS Louvain has none
    --write           also write each paper's community id to :Paper.${DEFAULT_GDS_WRITE_PROPERTY}`;

export interface ThreadRow extends Thread {
  /** Display labels of `central`, `topMethods`, `topDatasets`, `topTasks` (same order). */
  labels: { central: string[]; methods: string[]; datasets: string[]; tasks: string[] };
  /** Per top method, dataset and task (same order): how many of the thread's papers link to it. */
  papersWith: { methods: number[]; datasets: number[]; tasks: number[] };
}

/** The threads of the build in `dir`, with display labels: the importable form of the command. */
export function listThreads(dir: string): ThreadRow[] {
  const threads = loadThreads(dir);
  const graph = loadGraph(dir);
  const label = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id);
  return threads.map((t) => {
    const members = new Set(t.papers);
    const papersWith = (id: string): number => {
      if (!graph.hasNode(id)) return 0;
      let n = 0;
      graph.forEachNeighbor(id, (neighbour) => {
        if (members.has(neighbour)) n++;
      });
      return n;
    };
    return {
      ...t,
      labels: { central: t.central.map(label), methods: t.topMethods.map(label), datasets: t.topDatasets.map(label), tasks: t.topTasks.map(label) },
      papersWith: { methods: t.topMethods.map(papersWith), datasets: t.topDatasets.map(papersWith), tasks: t.topTasks.map(papersWith) },
    };
  });
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatThreads(rows: readonly ThreadRow[]): string {
  if (!rows.length) return 'no threads (run `litgraph build` on more papers)\n';
  const lines: string[] = [];
  lines.push(`${'thread'.padEnd(14)} ${'size'.padStart(5)}  ${'years'.padEnd(9)}  label`);
  for (const t of rows) {
    const years = t.years ? (t.years[0] === t.years[1] ? String(t.years[0]) : `${t.years[0]}–${t.years[1]}`) : '-';
    lines.push(`${t.id.padEnd(14)} ${String(t.size).padStart(5)}  ${years.padEnd(9)}  ${t.label}`);
    if (t.terms.length) lines.push(`${' '.repeat(32)}terms: ${t.terms.join(', ')}`);
    // Each with the number of the thread's papers that link to it: "DPO (31)".
    const counted = (labels: string[], counts: number[]) => labels.map((l, i) => `${l} (${counts[i]})`).join(', ');
    const entities = [
      t.labels.methods.length ? `methods: ${counted(t.labels.methods, t.papersWith.methods)}` : '',
      t.labels.datasets.length ? `datasets: ${counted(t.labels.datasets, t.papersWith.datasets)}` : '',
      t.labels.tasks.length ? `tasks: ${counted(t.labels.tasks, t.papersWith.tasks)}` : '',
    ].filter(Boolean);
    for (const e of entities) lines.push(`${' '.repeat(32)}${e}`);
    if (t.labels.central.length) lines.push(`${' '.repeat(32)}central: ${t.labels.central.slice(0, 3).map((l) => clip(l, 60)).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface GdsCommandOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  algorithm: GdsAlgorithm;
  seed?: number;
  resolution?: number;
  write: boolean;
}

/** Runs the neo4j-gds engine: the importable form of `threads --engine neo4j-gds`. */
export async function gdsThreads(options: GdsCommandOptions): Promise<GdsThreadsResult> {
  const auth = options.user !== undefined || options.password !== undefined ? neo4j.auth.basic(options.user ?? NEO4J_DEFAULTS.user, options.password ?? '') : undefined;
  const driver = neo4j.driver(options.uri, auth, { connectionTimeout: 30_000, logging: { level: 'error', logger: () => {} } });
  try {
    try {
      await driver.verifyConnectivity({ database: options.database });
    } catch (error) {
      throw describeNeo4jError(error, options);
    }
    return await detectThreadsInNeo4j(driver, {
      uri: options.uri,
      database: options.database,
      algorithm: options.algorithm,
      seed: options.seed,
      resolution: options.resolution,
      writeProperty: options.write ? DEFAULT_GDS_WRITE_PROPERTY : undefined,
    }).catch((error: unknown) => {
      throw error instanceof GdsThreadsError ? error : describeNeo4jError(error, options);
    });
  } finally {
    await driver.close().catch(() => {});
  }
}

export function formatGdsThreads(result: GdsThreadsResult): string {
  const algorithm = result.algorithm === 'leiden' ? `Leiden (seed ${result.seed}, resolution ${result.resolution})` : 'Louvain';
  const lines = [
    `neo4j-gds: GDS ${result.gdsVersion} ${algorithm}, concurrency ${result.concurrency}, on ${result.uri}${result.database ? ` (database ${result.database})` : ''}`,
    `${result.papers} papers with paper–paper links, ${result.pairs} linked pairs; ${result.communities} communities, modularity ${result.modularity.toFixed(3)}, ${result.levels} levels; ` +
      `${result.seconds.total.toFixed(1)} s (projection ${result.seconds.project.toFixed(1)} s, ${result.algorithm} ${result.seconds.algorithm.toFixed(1)} s)`,
  ];
  if (result.written) lines.push(`wrote :Paper.${result.written.property} on ${result.written.papers} papers`);
  lines.push('', `${'thread'.padEnd(14)} ${'size'.padStart(5)}  ${'years'.padEnd(9)}  label`);
  for (const t of result.threads) {
    const years = t.years ? (t.years[0] === t.years[1] ? String(t.years[0]) : `${t.years[0]}–${t.years[1]}`) : '-';
    lines.push(`${t.id.padEnd(14)} ${String(t.size).padStart(5)}  ${years.padEnd(9)}  ${t.label}`);
    if (t.terms.length) lines.push(`${' '.repeat(32)}terms: ${t.terms.join(', ')}`);
    if (t.centralLabels.length) lines.push(`${' '.repeat(32)}central: ${t.centralLabels.slice(0, 3).map((l) => clip(l, 60)).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}

const NEO4J_ONLY = ['uri', 'user', 'password', 'database', 'algorithm', 'seed', 'resolution', 'write'] as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      engine: { type: 'string' },
      graph: { type: 'string' },
      json: { type: 'boolean' },
      uri: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string' },
      algorithm: { type: 'string' },
      seed: { type: 'string' },
      resolution: { type: 'string' },
      write: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${USAGE}`);
  const engine = values.engine ?? 'in-process';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`unknown engine "${engine}"; known: ${ENGINES.join(', ')}`);

  if (engine === 'in-process') {
    const misplaced = NEO4J_ONLY.find((name) => values[name] !== undefined);
    if (misplaced === 'seed' || misplaced === 'resolution') {
      throw new UsageError(`--${misplaced} applies to --engine neo4j-gds; the in-process threads come from \`litgraph build --${misplaced}\``);
    }
    if (misplaced) throw new UsageError(`--${misplaced} applies to --engine neo4j-gds only`);
    const rows = listThreads(values.graph ?? DEFAULT_OUT_DIR);
    io.stdout(values.json ? `${JSON.stringify(rows, null, 2)}\n` : formatThreads(rows));
    return 0;
  }

  if (values.graph !== undefined) throw new UsageError('--graph does not apply to --engine neo4j-gds: it reads the papers in Neo4j (litgraph export neo4j)');
  const algorithm = values.algorithm ?? DEFAULT_GDS_THREAD_OPTIONS.algorithm;
  if (!(GDS_ALGORITHMS as readonly string[]).includes(algorithm)) throw new UsageError(`unknown algorithm "${algorithm}"; known: ${GDS_ALGORITHMS.join(', ')}`);
  if (algorithm === 'louvain') {
    // Verified on GDS 2.13.9: Louvain rejects randomSeed, gamma and resolution as unknown keys.
    const leidenOnly = (['seed', 'resolution'] as const).find((name) => values[name] !== undefined);
    if (leidenOnly) throw new UsageError(`--${leidenOnly} applies to --algorithm leiden: GDS Louvain has no ${leidenOnly === 'seed' ? 'random seed (it is deterministic at concurrency 1)' : 'resolution parameter'}`);
  }
  const seed = parseNumber(values.seed, '--seed', DEFAULT_GDS_THREAD_OPTIONS.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed expects an integer, got "${values.seed}"`);
  const resolution = parseNumber(values.resolution, '--resolution', DEFAULT_GDS_THREAD_OPTIONS.resolution);
  if (!(resolution > 0)) throw new UsageError(`--resolution expects a positive number, got "${values.resolution}"`);
  const uri = values.uri ?? io.env.NEO4J_URI ?? NEO4J_DEFAULTS.uri;
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/.test(uri)) throw new UsageError(`--uri expects a bolt:// or neo4j:// URI (e.g. bolt://localhost:7687), got "${uri}"`);

  const result = await gdsThreads({
    uri,
    user: values.user ?? io.env.NEO4J_USER,
    password: values.password ?? io.env.NEO4J_PASSWORD,
    database: values.database ?? io.env.NEO4J_DATABASE,
    algorithm: algorithm as GdsAlgorithm,
    seed,
    resolution,
    write: values.write ?? false,
  });
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatGdsThreads(result));
  return 0;
}
