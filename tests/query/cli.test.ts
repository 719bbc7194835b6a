/**
 * `litgraph threads` and `litgraph related` through the CLI entry, in-process: tables, --json,
 * --batch (one JSON line per query), --text, ambiguous input, -k, --include-later, usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { SAMPLES_DIR } from '../helpers/seeds.js';

let tmp: string;
let out: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-related-'));
  out = join(tmp, 'out');
  expect(await main(['build', SAMPLES_DIR, '-o', out], captureIO())).toBe(0);
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('litgraph threads', () => {
  it('prints a table of threads with labels, sizes and central papers', async () => {
    const io = captureIO();
    expect(await main(['threads', '--graph', out], io)).toBe(0);
    expect(io.out).toMatch(/^thread\s+size\s+years\s+label/);
    expect(io.out).toMatch(/thread:1\s+\d+/);
    expect(io.out).toMatch(/central: /);
  });

  it("counts the thread's papers that link to each top entity", async () => {
    const json = captureIO();
    expect(await main(['threads', '--graph', out, '--json'], json)).toBe(0);
    const rows = JSON.parse(json.out) as { papers: string[]; topMethods: string[]; labels: { methods: string[] }; papersWith: { methods: number[] } }[];
    const mentions = readFileSync(join(out, 'mentions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { paper: string; entity: string });
    const row = rows[0];
    expect(row.papersWith.methods).toHaveLength(row.topMethods.length);
    // The count is the papers of the thread whose mentions name the method (one edge per paper and role).
    for (const [i, method] of row.topMethods.entries()) {
      const papers = new Set(mentions.filter((m) => m.entity === method && row.papers.includes(m.paper)).map((m) => m.paper));
      expect(row.papersWith.methods[i], method).toBe(papers.size);
    }
    const io = captureIO();
    expect(await main(['threads', '--graph', out], io)).toBe(0);
    expect(io.out).toContain(`methods: ${row.labels.methods[0]} (${row.papersWith.methods[0]})`);
  });

  it('prints threads.json with display labels under --json', async () => {
    const io = captureIO();
    expect(await main(['threads', '--graph', out, '--json'], io)).toBe(0);
    const rows = JSON.parse(io.out);
    const file = JSON.parse(readFileSync(join(out, 'threads.json'), 'utf8'));
    expect(rows.map((r: { id: string }) => r.id)).toEqual(file.map((t: { id: string }) => t.id));
    expect(rows[0].labels.central).toHaveLength(rows[0].central.length);
  });

  it('says when there is no build', async () => {
    const io = captureIO();
    expect(await main(['threads', '--graph', join(tmp, 'missing')], io)).toBe(1);
    expect(io.err).toMatch(/litgraph build/);
  });
});

describe('litgraph related', () => {
  it('prints a ranked table with reasons', async () => {
    const io = captureIO();
    expect(await main(['related', '2309.13375', '--graph', out, '-k', '5'], io)).toBe(0);
    expect(io.out).toMatch(/^related to SEATER \(paper:arxiv:2309\.13375, 2023\)/);
    expect(io.out.match(/^\s+\d+\s+\d\.\d\d\s/gm)).toHaveLength(5);
    expect(io.out).toMatch(/· text similarity 0\.\d\d/);
  });

  it('prints the same answer with its breakdown under --json', async () => {
    const io = captureIO();
    expect(await main(['related', 'paper:arxiv:2309.13375', '--graph', out, '-k', '3', '--json'], io)).toBe(0);
    const answer = JSON.parse(io.out);
    expect(answer.status).toBe('ok');
    expect(answer.suggestions).toHaveLength(3);
    expect(answer.suggestions[0].breakdown.text).toBeGreaterThan(0);
    expect(answer.suggestions[0].reasons).toBeDefined();
  });

  it('takes a pasted abstract with --text', async () => {
    const io = captureIO();
    const text = 'We study click-through rate prediction for recommender systems with long user behaviour sequences and multi-interest modelling.';
    expect(await main(['related', '--text', text, '--graph', out, '-k', '3', '--json'], io)).toBe(0);
    const answer = JSON.parse(io.out);
    expect(answer.query.kind).toBe('text');
    expect(answer.suggestions).toHaveLength(3);
  });

  it('says which of the corpus entities a pasted text names', async () => {
    const io = captureIO();
    const text = 'We evaluate a new click-through rate prediction model on the Criteo and Avazu datasets.';
    expect(await main(['related', '--text', text, '--graph', out, '-k', '3'], io)).toBe(0);
    expect(io.out).toMatch(/^names datasets: Avazu; Criteo$/m);
    expect(io.out).toMatch(/shared datasets?: .*(Avazu|Criteo)/);
  });

  it('lists the candidates of ambiguous title words and exits 1', async () => {
    const io = captureIO();
    expect(await main(['related', 'diffusion', 'models', '--graph', out], io)).toBe(1);
    expect(io.out).toMatch(/"diffusion models" matches \d+ papers/);
    expect(io.out).toMatch(/paper:/);
  });

  it('answers a batch file with one JSON line per query', async () => {
    const file = join(tmp, 'queries.txt');
    writeFileSync(file, ['2309.13375', '# a comment', '', 'diffusion models', '{"text": "influence functions for training data attribution"}', 'nothing matches xyzzy'].join('\n'));
    const io = captureIO();
    expect(await main(['related', '--batch', file, '--graph', out, '-k', '4'], io)).toBe(0);
    const lines = io.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status)).toEqual(['ok', 'ambiguous', 'ok', 'not-found']);
    expect(lines[0].suggestions).toHaveLength(4);
    expect(lines[2].query.kind).toBe('text');
  });

  it('reports usage errors with exit 2', async () => {
    for (const args of [['related', '--graph', out], ['related', 'x', '--text', 'y', '--graph', out], ['related', 'x', '-k', '0', '--graph', out], ['related', '--batch', join(tmp, 'nope.txt'), '--graph', out]]) {
      const io = captureIO();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.err).toMatch(/litgraph: /);
    }
  });

  it('is listed in the top-level usage', async () => {
    const io = captureIO();
    await main(['--help'], io);
    expect(io.out).toMatch(/related\s/);
    expect(io.out).toMatch(/threads\s/);
  });
});
