/**
 * A real Neo4j 5.26 Community server for tests and benchmarks: tools/neo4j/Launcher.java run with
 * the classpath tools/neo4j/setup.sh resolves (Maven, cached in ~/.m2), on a free 127.0.0.1 port
 * in a temp folder, auth off unless a password is given, Graph Data Science procedures only when
 * asked (`gds: true`). Startup takes 15–40 s on a busy 2-core machine, so the ready timeout is
 * generous; the JVM is killed if the test process exits first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NEO4J_TOOLS_DIR = join(import.meta.dirname, '..', '..', 'tools', 'neo4j');

export interface Neo4jServerOptions {
  /** Turn auth on with this password for user `neo4j`. */
  password?: string;
  /** Start on a copy of an earlier server's home (its store survives a kill). */
  from?: string;
  /** JVM options [-Xmx2g -XX:+UseParallelGC]. */
  javaOptions?: string[];
  /** How long to wait for the ready line [240 s]. */
  timeoutMs?: number;
  /** Register the Graph Data Science 2.13 procedures (Launcher.java --gds) [false]. */
  gds?: boolean;
}

export interface Neo4jServer {
  uri: string;
  port: number;
  /** The server's home folder (data/, logs/). */
  home: string;
  process: ChildProcess;
  /** SIGTERM, wait for a clean exit (SIGKILL after 60 s), remove the temp folder. */
  stop(): Promise<void>;
  /** SIGKILL without cleanup: a server dying mid-export. The home folder stays for `from`. */
  kill(): Promise<void>;
}

/** Resolves tools/neo4j/cp.txt, running setup.sh (Maven) when it is missing or older than pom.xml. */
export function neo4jClasspath(): string {
  const cpFile = join(NEO4J_TOOLS_DIR, 'cp.txt');
  const stampFile = join(NEO4J_TOOLS_DIR, 'cp.txt.stamp');
  // setup.sh stamps cp.txt with the sha1 of the pom.xml it resolved (a pom change adds jars, e.g. GDS).
  const pomSha1 = createHash('sha1').update(readFileSync(join(NEO4J_TOOLS_DIR, 'pom.xml'))).digest('hex');
  const current = existsSync(cpFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === pomSha1;
  if (!current) {
    const result = spawnSync('bash', [join(NEO4J_TOOLS_DIR, 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
    if (result.status !== 0) throw new Error(`tools/neo4j/setup.sh failed (exit ${result.status}); run it by hand to see why`);
  }
  return readFileSync(cpFile, 'utf8').trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startNeo4j(options: Neo4jServerOptions = {}): Promise<Neo4jServer> {
  const classpath = neo4jClasspath();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'litgraph-neo4j-'));
  const args = [
    ...(options.javaOptions ?? ['-Xmx2g', '-XX:+UseParallelGC']),
    '-cp',
    classpath,
    join(NEO4J_TOOLS_DIR, 'Launcher.java'),
    String(port),
    dir,
    ...(options.password !== undefined ? ['--auth', options.password] : []),
    ...(options.from !== undefined ? ['--from', options.from] : []),
    ...(options.gds ? ['--gds'] : []),
  ];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timeoutMs = options.timeoutMs ?? 240_000;
  let settled = false;
  const ready = await new Promise<{ uri: string; home: string }>((resolve, reject) => {
    child.once('exit', () => {
      // A server that never became ready leaves nothing behind.
      if (!settled) rmSync(dir, { recursive: true, force: true });
    });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${timeoutMs / 1000} s\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /litgraph-neo4j ready (\S+) (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        settled = true;
        resolve({ uri: match[1].replace(/\/$/, ''), home: match[2] });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited before it was ready (code ${code}, signal ${signal})\n${stderr}`));
    });
  });

  return {
    uri: ready.uri,
    port,
    home: ready.home,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited(child);
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
