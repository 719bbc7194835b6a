/**
 * A large build runs in a second Node process with V8's heap limit raised (heap.ts, rerun.ts). These tests force that on small inputs with
 * LITGRAPH_LARGE_BUILD_BYTES and run the real CLI process: the child gets the flags the notice
 * names, writes the same files as a build in one process, passes its exit code back, and is
 * stopped (temp files removed, previous outputs intact) when the parent gets SIGTERM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeBuildNodeFlags, LARGE_BUILD_INPUT_BYTES } from '../../src/cli/heap.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { SAMPLES_DIR } from '../helpers/seeds.js';
import { bigListing, earlierBuild, tempFilesAppear } from '../helpers/interrupted-build.js';

const ROOT = join(import.meta.dirname, '..', '..');
const GiB = 2 ** 30;
const runtime = { execArgv: [], nodeOptions: '', heapLimit: 4 * GiB, totalMemory: 24 * GiB };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-rerun-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('largeBuildNodeFlags', () => {
  it('leaves builds below the threshold as they are', () => {
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES - 1, runtime)).toEqual([]);
    expect(largeBuildNodeFlags(10, runtime, 11)).toEqual([]);
  });

  it('raises the heap limit to three quarters of the memory', () => {
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, runtime)).toEqual(['--max-old-space-size=18432']);
    // 0.75 × 10 GiB = 7,680 MiB, a multiple of 256.
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, { ...runtime, totalMemory: 10 * GiB })).toEqual(['--max-old-space-size=7680']);
  });

  it('keeps a limit that is already as high, and one the user set', () => {
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, { ...runtime, heapLimit: 17 * GiB })).toEqual([]);
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, { ...runtime, totalMemory: 4 * GiB })).toEqual([]);
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, { ...runtime, nodeOptions: '--max-old-space-size=2048' })).toEqual([]);
    expect(largeBuildNodeFlags(LARGE_BUILD_INPUT_BYTES, { ...runtime, execArgv: ['--max_old_space_size=2048'] })).toEqual([]);
  });
});

/** Runs `litgraph …args` as a real process (the CLI's entry, through tsx); resolves with its exit code and stderr. */
function runCli(args: string[], env: NodeJS.ProcessEnv): { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { done, kill: (s) => child.kill(s) };
}

/** A preload that records, for each Node process's main thread, its flags and heap limit. */
function probe(): { nodeOptions: string; read: () => Array<{ pid: number; execArgv: string[]; heapLimit: number }> } {
  const out = join(tmp, `probe-${Date.now()}.jsonl`);
  const file = join(tmp, 'probe.cjs');
  writeFileSync(
    file,
    `const { isMainThread } = require('node:worker_threads');
if (isMainThread) require('node:fs').appendFileSync(${JSON.stringify(out)}, JSON.stringify({ pid: process.pid, execArgv: process.execArgv, heapLimit: require('node:v8').getHeapStatistics().heap_size_limit }) + '\\n');\n`,
  );
  return { nodeOptions: `--require ${file}`, read: () => readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) };
}

const OUTPUTS = ['graph.json', 'papers.jsonl', 'mentions.jsonl', 'threads.json'];

describe('a large build', () => {
  it('runs in a child Node with the flags it names, and writes what a build in one process writes', { timeout: 120_000 }, async () => {
    const here = join(tmp, 'in-process');
    expect(await main(['build', SAMPLES_DIR, '-o', here], captureIO())).toBe(0);

    const rerun = join(tmp, 'rerun');
    const seen = probe();
    const { code, stderr } = await runCli(['build', SAMPLES_DIR, '-o', rerun], { LITGRAPH_LARGE_BUILD_BYTES: '1', NODE_OPTIONS: seen.nodeOptions }).done;
    expect(code).toBe(0);
    const notice = /building in a new Node process with (.+) \(set LITGRAPH_KEEP_NODE_FLAGS=1/.exec(stderr);
    expect(notice).not.toBeNull();
    const flags = notice![1].split(' ');
    expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/)]);

    // Two processes: the CLI, then its child with the flags added to Node's own.
    const [parent, child, ...more] = seen.read();
    expect(more).toEqual([]);
    expect(child.execArgv).toEqual([...parent.execArgv, ...flags]);
    expect(child.heapLimit).toBeGreaterThan(parent.heapLimit);
    expect(child.heapLimit).toBeGreaterThanOrEqual(Number(flags[0].split('=')[1]) * 2 ** 20);
    for (const file of OUTPUTS) expect(readFileSync(join(rerun, file), 'utf8')).toBe(readFileSync(join(here, file), 'utf8'));
  });

  it('exits with the child’s code and message, said once', { timeout: 120_000 }, async () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'broken.json'), '{"papers": [\n  {"title": "A"},\n');
    const { code, stderr } = await runCli(['build', bad, '--strict', '-o', join(tmp, 'bad-out')], { LITGRAPH_LARGE_BUILD_BYTES: '1' }).done;
    expect(code).toBe(1);
    expect(stderr).toContain('broken.json');
    expect(stderr.match(/building in a new Node process/g)).toHaveLength(1);
  });

  it('passes SIGTERM on: the child removes its temp files and the previous outputs stay', { timeout: 240_000 }, async () => {
    const out = join(tmp, 'term-out');
    const before = await earlierBuild(tmp, out);

    const big = join(tmp, 'big.txt');
    writeFileSync(big, bigListing(3_000));
    const run = runCli(['build', big, '-o', out], { LITGRAPH_LARGE_BUILD_BYTES: '1' });
    // The child has started writing once its temp files appear: stop the parent then.
    let settled = false;
    void run.done.then(() => (settled = true));
    const sawTemp = await tempFilesAppear(out, () => settled);
    if (sawTemp) run.kill('SIGTERM');
    const { code, stderr } = await run.done;
    expect(sawTemp).toBe(true);
    expect(code).toBe(143);
    expect(stderr).toContain('interrupted (SIGTERM)');
    // The parent waited for its child: no process of this build is left, nothing more is written.
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(big);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    for (const [file, text] of Object.entries(before.files)) expect(readFileSync(join(out, file), 'utf8')).toBe(text);
    expect(existsSync(join(out, 'graph.json'))).toBe(true);
  });
});
