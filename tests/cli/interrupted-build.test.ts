/**
 * A build killed while writing its outputs leaves the previous graph-data intact: the outputs
 * are written to temp files and renamed only when all are complete. This kills a real build
 * process (SIGKILL, which no handler can intercept) once its temp files appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { bigListing, earlierBuild, tempFilesAppear } from '../helpers/interrupted-build.js';

const ROOT = join(import.meta.dirname, '..', '..');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-kill-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('an interrupted build', () => {
  it('leaves the previous outputs byte-for-byte intact', { timeout: 240_000 }, async () => {
    const out = join(tmp, 'out');
    const before = await earlierBuild(tmp, out);

    const big = join(tmp, 'big.txt');
    writeFileSync(big, bigListing(3_000));
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'build', big, '-o', out], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const sawTemp = await tempFilesAppear(out, () => child.exitCode !== null);
    if (sawTemp) child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(sawTemp).toBe(true);
    for (const [file, text] of Object.entries(before.files)) expect(readFileSync(join(out, file), 'utf8')).toBe(text);

    // The next build cleans the stale temp files and replaces the outputs.
    expect(await main(['build', before.listing, '-o', out], captureIO())).toBe(0);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('warns when the output folder holds a corrupt report and replaces it', async () => {
    const out = join(tmp, 'corrupt');
    const small = join(tmp, 'small2.txt');
    writeFileSync(small, 'Abstract:We propose TinyNet, a small model for testing.\n');
    expect(await main(['build', small, '-o', out], captureIO())).toBe(0);
    writeFileSync(join(out, 'report.json'), '{"inputs": [');
    const io = captureIO();
    expect(await main(['build', small, '-o', out], io)).toBe(0);
    expect(io.err).toMatch(/report\.json from an earlier run is corrupt/);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).totals.papers).toBe(1);
  });
});
