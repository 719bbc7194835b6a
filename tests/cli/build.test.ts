/**
 * `litgraph build` through the CLI entry, in-process: outputs, determinism, exit codes, bad
 * files reported while the batch goes on, and --strict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { SAMPLES_DIR } from '../helpers/seeds.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OUTPUTS = ['graph.json', 'papers.jsonl', 'mentions.jsonl', 'threads.json', 'report.json'];

describe('litgraph build', () => {
  it('writes every output file and prints a summary', async () => {
    const io = captureIO();
    const out = join(tmp, 'a');
    expect(await main(['build', SAMPLES_DIR, '-o', out], io)).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(join(out, f), 'utf8').length).toBeGreaterThan(0);
    expect(io.out).toMatch(/records 128, rejected 0, unique papers 126 \(2 merged\)/);
    expect(io.out).toMatch(/arxiv-listing\s+10/);
    const papers = readFileSync(join(out, 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(papers.filter((p) => !p.external)).toHaveLength(126);
    for (const key of ['id', 'title', 'label', 'abstract', 'authors', 'authorsTruncated', 'arxivId', 'doi', 'date', 'venue', 'categories', 'codeUrls', 'sources']) {
      expect(papers[0]).toHaveProperty(key);
    }
    const graph = JSON.parse(readFileSync(join(out, 'graph.json'), 'utf8'));
    expect(graph.options.multi).toBe(true);
    const keys = graph.nodes.map((n: { key: string }) => n.key);
    expect(keys).toEqual([...keys].sort());
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.totals.papers).toBe(126);
    expect(report.inputs).toHaveLength(5);
  });

  it("prints the summary README.md shows for the bundled samples", async () => {
    // README's "On the five bundled sample listings `npx litgraph build` prints" block, from the
    // records line to the threads line, is what a build of the samples prints.
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /\n(records \d+[^\n]*\nnodes: [^\n]*\nedges: [^\n]*\nthreads: [^\n]*)\n/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const io = captureIO();
    expect(await main(['build', SAMPLES_DIR, '-o', join(tmp, 'readme')], io)).toBe(0);
    expect(io.out).toContain(shown);
  });

  it('gives byte-identical files for the same inputs', async () => {
    const first = join(tmp, 'det1');
    const second = join(tmp, 'det2');
    expect(await main(['build', SAMPLES_DIR, '-o', first], captureIO())).toBe(0);
    expect(await main(['build', SAMPLES_DIR, '-o', second], captureIO())).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(join(second, f), 'utf8')).toBe(readFileSync(join(first, f), 'utf8'));
    expect(readdirSync(second).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('reports unreadable, empty, binary and unknown files and goes on with the rest', async () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(dir);
    copyFileSync(join(SAMPLES_DIR, readdirSync(SAMPLES_DIR).find((f) => f.startsWith('004'))!), join(dir, 'b-abstracts.txt'));
    writeFileSync(join(dir, 'a-empty.txt'), '');
    writeFileSync(join(dir, 'c-binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    writeFileSync(join(dir, 'd-notes.txt'), 'Shopping list\n\nmilk, eggs and bread\n');
    const io = captureIO();
    const out = join(tmp, 'mixed-out');
    expect(await main(['build', dir, join(tmp, 'missing.txt'), '-o', out], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const byName = Object.fromEntries(report.inputs.map((i: { path: string }) => [i.path.replace(/.*\//, ''), i]));
    expect(byName['a-empty.txt'].error).toMatch(/empty/);
    expect(byName['c-binary.bin'].error).toMatch(/binary/);
    expect(byName['d-notes.txt'].error).toMatch(/unknown format/);
    expect(byName['missing.txt'].error).toMatch(/ENOENT/);
    expect(byName['b-abstracts.txt'].records).toBe(9);
    expect(report.totals.papers).toBe(9);
  });

  it('stops at the first problem with --strict, naming the file', async () => {
    const dir = join(tmp, 'strict');
    mkdirSync(dir);
    writeFileSync(join(dir, 'empty.txt'), '');
    const io = captureIO();
    expect(await main(['build', dir, '--strict', '-o', join(tmp, 'strict-out')], io)).toBe(1);
    expect(io.err).toMatch(/empty\.txt:1: empty file/);
  });

  it('exits 2 on usage errors', async () => {
    const io = captureIO();
    expect(await main(['build', '--no-such-flag'], io)).toBe(2);
    expect(io.err).toMatch(/usage: litgraph build/);
    expect(await main(['build', SAMPLES_DIR, '--format', 'nonsense'], captureIO())).toBe(2);
    expect(await main(['frobnicate'], captureIO())).toBe(2);
    expect(await main(['build', SAMPLES_DIR, '--seed', 'abc'], captureIO())).toBe(2);
  });

  it('honours --format over detection', async () => {
    const io = captureIO();
    const out = join(tmp, 'forced');
    const file = join(SAMPLES_DIR, readdirSync(SAMPLES_DIR).find((f) => f.startsWith('004'))!);
    expect(await main(['build', file, '--format', 'abstract-lines', '-o', out, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out).inputs[0].format).toBe('abstract-lines');
  });

  it('lists the formats with how each is detected', async () => {
    const io = captureIO();
    expect(await main(['formats', '--json'], io)).toBe(0);
    const formats = JSON.parse(io.out);
    expect(formats.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['arxiv-listing', 'hf-page', 'author-profile', 'abstract-lines']));
    for (const f of formats) expect(f.detection.length).toBeGreaterThan(10);
  });
});
