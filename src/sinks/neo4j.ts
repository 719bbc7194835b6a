/**
 * sinks/neo4j — the typed graph into a Neo4j 5 database over Bolt
 * ================================================================
 *
 * One label per node type and one relationship type per edge type, from the fixed whitelists of
 * properties.ts (input text never reaches a query string: every value travels as a parameter).
 * The order is: uniqueness constraints on `id` per label (so MERGE looks nodes up by index),
 * optionally a batched wipe of litgraph's labels, then nodes per label and relationships per
 * (type, source label, target label) in `UNWIND $rows … MERGE … SET += row.props` batches, each
 * batch one managed transaction (`session.executeWrite`), which the driver retries on transient
 * errors. MERGE on `id` / relationship `key` makes the export idempotent: a re-run, or the run
 * after an interrupted one, converges on the same graph without duplicates.
 */
import neo4j, { type Driver, type Integer, type QueryResult, type Session } from 'neo4j-driver';
import type { LitGraph } from '../graph/build.js';
import { graphSchemas, labelOf, NODE_LABELS, relationshipTypeOf, toProperties } from './properties.js';

export interface Neo4jExportOptions {
  /** Bolt URI [bolt://localhost:7687]. */
  uri: string;
  /** User name; no credentials are sent when both user and password are absent [neo4j]. */
  user?: string;
  password?: string;
  /** Target database [the server's default]. */
  database?: string;
  /** Rows per transaction [10000]. */
  batchSize: number;
  /**
   * Transactions in flight at once, each on its own session [1]. MERGE locks both endpoints of
   * a relationship, so parallel batches sharing popular nodes (a much-used method) mostly wait
   * on each other or deadlock and retry: measured no faster on 2 cores.
   */
  concurrency: number;
  /** Delete every node with a litgraph label (and its relationships) first [false]. */
  wipe: boolean;
  /** How long the driver retries a transaction through transient errors, in ms [30000]. */
  maxRetryTimeMs: number;
  onProgress?: (progress: Neo4jProgress) => void;
}

export const NEO4J_DEFAULTS = {
  uri: 'bolt://localhost:7687',
  user: 'neo4j',
  batchSize: 10_000,
  concurrency: 1,
  wipe: false,
  maxRetryTimeMs: 30_000,
} as const;

export type Neo4jPhase = 'constraints' | 'wipe' | 'nodes' | 'relationships';

export interface Neo4jProgress {
  phase: Neo4jPhase;
  done: number;
  total: number;
}

export interface Neo4jExportSummary {
  uri: string;
  database: string | null;
  /** Nodes and relationships written (merged) by this run. */
  nodes: number;
  relationships: number;
  /** Of those, how many did not exist before (0 on an idempotent re-run). */
  nodesCreated: number;
  relationshipsCreated: number;
  /** Nodes deleted by --wipe. */
  deleted: number;
  /** Elements left out because their type is not in the whitelist. */
  skipped: { nodes: number; relationships: number };
  seconds: number;
  nodesPerSecond: number;
  relsPerSecond: number;
}

/** A failure the user can act on: the message names the server and what to do. */
export class Neo4jExportError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'Neo4jExportError';
  }
}

export function resolveNeo4jOptions(options: Partial<Neo4jExportOptions>): Neo4jExportOptions {
  const resolved: Neo4jExportOptions = {
    uri: options.uri ?? NEO4J_DEFAULTS.uri,
    user: options.user,
    password: options.password,
    database: options.database,
    batchSize: options.batchSize ?? NEO4J_DEFAULTS.batchSize,
    concurrency: options.concurrency ?? NEO4J_DEFAULTS.concurrency,
    wipe: options.wipe ?? NEO4J_DEFAULTS.wipe,
    maxRetryTimeMs: options.maxRetryTimeMs ?? NEO4J_DEFAULTS.maxRetryTimeMs,
    onProgress: options.onProgress,
  };
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${resolved.batchSize}`);
  }
  if (!Number.isInteger(resolved.concurrency) || resolved.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${resolved.concurrency}`);
  }
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(resolved.uri)) {
    throw new RangeError(`uri must be a bolt:// or neo4j:// URI, got "${resolved.uri}"`);
  }
  return resolved;
}

/* ------------------------------------------------------------------------ queries -- */

// Labels and types come only from the whitelists; this check guards the template itself.
const IDENTIFIER = /^[A-Z][A-Za-z_]*$/;
function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a whitelisted identifier: ${name}`);
  return name;
}

const constraintName = (label: string) => `litgraph_${identifier(label).toLowerCase()}_id`;

const constraintQuery = (label: string) => `CREATE CONSTRAINT ${constraintName(label)} IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`;

const nodeQuery = (label: string) => `UNWIND $rows AS row MERGE (n:${identifier(label)} {id: row.id}) SET n += row.props`;

const relationshipQuery = (type: string, from: string, to: string) =>
  `UNWIND $rows AS row
MATCH (a:${identifier(from)} {id: row.source})
MATCH (b:${identifier(to)} {id: row.target})
MERGE (a)-[r:${identifier(type)} {key: row.key}]->(b)
SET r += row.props`;

const wipeQuery = (label: string) => `MATCH (n:${identifier(label)}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`;

/* -------------------------------------------------------------------------- rows -- */

interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}
interface RelationshipRow {
  key: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

interface ExportPlan {
  nodes: Map<string, NodeRow[]>;
  /** "TYPE\u0000FromLabel\u0000ToLabel" → rows. */
  relationships: Map<string, RelationshipRow[]>;
  nodeCount: number;
  relationshipCount: number;
  skipped: { nodes: number; relationships: number };
}

const toInt = (n: number): Integer => neo4j.int(n);

/** Groups the graph into rows per label and per (type, endpoint labels), properties converted. */
export function planExport(graph: LitGraph): ExportPlan {
  const schemas = graphSchemas(graph);
  const nodes = new Map<string, NodeRow[]>();
  const relationships = new Map<string, RelationshipRow[]>();
  const plan: ExportPlan = { nodes, relationships, nodeCount: 0, relationshipCount: 0, skipped: { nodes: 0, relationships: 0 } };
  graph.forEachNode((id, attributes) => {
    const label = labelOf(attributes.type);
    if (!label) {
      plan.skipped.nodes++;
      return;
    }
    let rows = nodes.get(label);
    if (!rows) nodes.set(label, (rows = []));
    rows.push({ id, props: toProperties(attributes, schemas.nodes.get(label)!, 'id', toInt) });
    plan.nodeCount++;
  });
  graph.forEachEdge((key, attributes, source, target, sourceAttributes, targetAttributes) => {
    const type = relationshipTypeOf(attributes.type);
    const from = labelOf(sourceAttributes.type);
    const to = labelOf(targetAttributes.type);
    if (!type || !from || !to) {
      plan.skipped.relationships++;
      return;
    }
    const group = `${type}\u0000${from}\u0000${to}`;
    let rows = relationships.get(group);
    if (!rows) relationships.set(group, (rows = []));
    rows.push({ key, source, target, props: toProperties(attributes, schemas.relationships.get(type)!, 'key', toInt) });
    plan.relationshipCount++;
  });
  return plan;
}

/* ------------------------------------------------------------------------ errors -- */

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Turns a driver error into a message naming the server and the way out. */
export function describeNeo4jError(error: unknown, options: Pick<Neo4jExportOptions, 'uri' | 'user' | 'database'>, progress?: string): Neo4jExportError {
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : String(error);
  const where = `Neo4j at ${options.uri}`;
  const after = progress ? ` after ${progress}` : '';
  const rerun = progress ? '; the export is idempotent: run the same command again to complete it' : '';
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new Neo4jExportError(
      `${where} rejected the credentials of user "${options.user ?? NEO4J_DEFAULTS.user}": wrong user or password (--user/--password, or NEO4J_USER/NEO4J_PASSWORD)`,
      code,
    );
  }
  if (code === 'Neo.ClientError.Security.CredentialsExpired') {
    return new Neo4jExportError(`${where}: the password of user "${options.user ?? NEO4J_DEFAULTS.user}" must be changed first (log in once with cypher-shell or Neo4j Browser)`, code);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new Neo4jExportError(`${where} has no database "${options.database}" (Community edition has only "neo4j"; drop --database or create it)`, code);
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ECONNRESET|connection.*(closed|refused|lost)/i.test(raw)) {
    if (progress) return new Neo4jExportError(`lost the connection to ${where}${after} (${raw})${rerun}`, code);
    return new Neo4jExportError(`cannot connect to ${where}: ${/ECONNREFUSED/.test(raw) ? 'connection refused' : raw} — is the server running and listening for Bolt there? (--uri or NEO4J_URI)`, code);
  }
  return new Neo4jExportError(`${where}${after}: ${raw}${code ? ` [${code}]` : ''}${rerun}`, code);
}

/* ------------------------------------------------------------------------ export -- */

async function write(session: Session, query: string, params: Record<string, unknown>) {
  return session.executeWrite((tx) => tx.run(query, params));
}

/** Writes `graph` into Neo4j: constraints, optional wipe, nodes, relationships. */
export async function exportToNeo4j(graph: LitGraph, options: Partial<Neo4jExportOptions> & { uri: string }): Promise<Neo4jExportSummary> {
  const o = resolveNeo4jOptions(options);
  const started = performance.now();
  const plan = planExport(graph);
  const auth = o.user !== undefined || o.password !== undefined ? neo4j.auth.basic(o.user ?? NEO4J_DEFAULTS.user, o.password ?? '') : undefined;
  const driver: Driver = neo4j.driver(o.uri, auth, {
    maxTransactionRetryTime: o.maxRetryTimeMs,
    connectionTimeout: 30_000,
    // Quiet by default: progress goes through onProgress, failures through the thrown error.
    logging: { level: 'error', logger: () => {} },
  });
  const summary: Neo4jExportSummary = {
    uri: o.uri,
    database: o.database ?? null,
    nodes: 0,
    relationships: 0,
    nodesCreated: 0,
    relationshipsCreated: 0,
    deleted: 0,
    skipped: plan.skipped,
    seconds: 0,
    nodesPerSecond: 0,
    relsPerSecond: 0,
  };
  let stage = '';
  interface Task {
    stage: string;
    query: string;
    rows: unknown[];
  }
  /**
   * Runs the batches on `concurrency` sessions at once (each batch one managed transaction). A
   * deadlock between two batches is a transient error that executeWrite retries.
   */
  const runTasks = async (tasks: Task[], concurrency: number, done: (result: QueryResult, task: Task) => void): Promise<void> => {
    let next = 0;
    let failed = false;
    const worker = async () => {
      const session = driver.session({ database: o.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        while (!failed && next < tasks.length) {
          const task = tasks[next++];
          stage = task.stage;
          try {
            done(await write(session, task.query, { rows: task.rows }), task);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      } finally {
        await session.close().catch(() => {});
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  };
  const progressText = () => `${stage}; ${summary.nodes}/${plan.nodeCount} nodes and ${summary.relationships}/${plan.relationshipCount} relationships written`;
  try {
    try {
      await driver.verifyConnectivity({ database: o.database });
    } catch (error) {
      throw describeNeo4jError(error, o);
    }
    const session = driver.session({ database: o.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      const labels = Object.values(NODE_LABELS);
      stage = 'creating constraints';
      const existing = await session.executeRead((tx) => tx.run('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names'));
      const names = new Set<string>(existing.records[0]?.get('names') ?? []);
      const missing = labels.filter((label) => !names.has(constraintName(label)));
      for (const [i, label] of missing.entries()) {
        o.onProgress?.({ phase: 'constraints', done: i, total: missing.length });
        // Schema changes cannot share a transaction with writes; each runs on its own.
        await session.executeWrite((tx) => tx.run(constraintQuery(label)));
      }
      // Constraints come online asynchronously; MERGE must not race a populating index.
      if (missing.length) await session.run('CALL db.awaitIndexes(300)');

      if (o.wipe) {
        stage = 'wiping litgraph labels';
        for (const label of labels) {
          for (;;) {
            const result = await write(session, wipeQuery(label), { limit: neo4j.int(o.batchSize) });
            const deleted = result.records[0]?.get('deleted');
            const n = typeof deleted === 'number' ? deleted : neo4j.integer.toNumber(deleted ?? 0);
            summary.deleted += n;
            o.onProgress?.({ phase: 'wipe', done: summary.deleted, total: summary.deleted });
            if (n < o.batchSize) break;
          }
        }
      }

      const nodeTasks: Task[] = [];
      for (const [label, rows] of plan.nodes) {
        for (let i = 0; i < rows.length; i += o.batchSize) nodeTasks.push({ stage: `writing :${label} nodes`, query: nodeQuery(label), rows: rows.slice(i, i + o.batchSize) });
      }
      const nodeStart = performance.now();
      await runTasks(nodeTasks, o.concurrency, (result, task) => {
        summary.nodesCreated += result.summary.counters.updates().nodesCreated;
        summary.nodes += task.rows.length;
        o.onProgress?.({ phase: 'nodes', done: summary.nodes, total: plan.nodeCount });
      });
      const nodeSeconds = (performance.now() - nodeStart) / 1000;

      const relTasks: Task[] = [];
      for (const [group, rows] of plan.relationships) {
        const [type, from, to] = group.split('\u0000');
        const query = relationshipQuery(type, from, to);
        for (let i = 0; i < rows.length; i += o.batchSize) relTasks.push({ stage: `writing :${type} relationships`, query, rows: rows.slice(i, i + o.batchSize) });
      }
      const relStart = performance.now();
      await runTasks(relTasks, o.concurrency, (result, task) => {
        summary.relationshipsCreated += result.summary.counters.updates().relationshipsCreated;
        summary.relationships += task.rows.length;
        o.onProgress?.({ phase: 'relationships', done: summary.relationships, total: plan.relationshipCount });
      });
      const relSeconds = (performance.now() - relStart) / 1000;
      summary.nodesPerSecond = nodeSeconds > 0 ? Math.round(summary.nodes / nodeSeconds) : 0;
      summary.relsPerSecond = relSeconds > 0 ? Math.round(summary.relationships / relSeconds) : 0;
    } catch (error) {
      if (error instanceof Neo4jExportError) throw error;
      throw describeNeo4jError(error, o, progressText());
    } finally {
      await session.close().catch(() => {});
    }
  } finally {
    await driver.close().catch(() => {});
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
