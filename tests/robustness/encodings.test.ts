/**
 * Encodings and file shapes through the real CLI path
 * ===================================================
 *
 * `main(['build', …])` in-process, with files written here:
 *   - the same listings as UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM, UTF-16 LE without BOM,
 *     Latin-1 (é as 0xE9), CRLF and CR line endings: each decodes to the LF original and parses
 *     to the same records; in one build the copies of each titled or identified paper merge with
 *     no conflicts (untitled id-less abstracts are not merged by design: resolve keys on ids and
 *     titles);
 *   - NUL bytes (at the start: refused as binary; after the first 8 KB: parsed), an empty file,
 *     binary files, a file over MAX_INPUT_BYTES (sparse, so the test stays fast): each reported
 *     with a clear message while the rest of the batch goes on;
 *   - a folder of 3,000 small files.
 * The 200 MB file is measured by bench/big-file.ts, not here (too slow for npm test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { MAX_INPUT_BYTES, readInput } from '../../src/cli/read-inputs.js';
import { parseInput } from '../../src/ingest/index.js';
import type { PaperRecord } from '../../src/types.js';
import { captureIO } from '../helpers/capture-io.js';

/** Three listings with Latin-1-encodable non-ASCII text (é, ü, ñ, ß, ·, ×), LF endings. */
const LISTINGS: Record<string, string> = {
  'arxiv-listing': [
    'Nous étudions la récupération clairsemée pour les documents longs; the model, Café-Net, is 3× faster.',
    '',
    "Accepted by SIGIR'24",
    '',
    'arXiv:2404.01234 - doi: 10.1145/3626772.3657999',
    'Created: 2024-04-02',
    '',
    'Über-large retrieval with naïve baselines and señor-level tuning (Straße benchmark).',
    '',
    'arXiv:2311.00042',
    'Created: 2023-11-01',
    '',
  ].join('\n'),
  'author-profile': [
    'CVJul 1, 2021Code',
    'Déjà Vu: Learning Café ScenesJoão Carreira, Zoë Müller · université-de-montréal',
    'We learn scenes from café photographs; résumé of results follows.',
    'CLJan 26',
    'Señor Models for Straße NamesÅsa Björk, Ñico Peña et al.',
    'Names with diacritics are hard.',
    '',
  ].join('\n'),
  'abstract-lines': [
    'Abstract:Über-efficient naïve Bayes for café reviews.',
    'Abstract:Señor et al. study Straße names; accuracy ±2%.',
    'a continuation line with é',
    '',
  ].join('\n'),
};

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

/** The byte encodings every listing is written in. */
const ENCODINGS: Record<string, (text: string) => Buffer> = {
  'utf8': (t) => Buffer.from(t, 'utf8'),
  'utf8-bom': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  'utf16le-bom': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  'utf16be-bom': (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]),
  'utf16le-no-bom': (t) => Buffer.from(t, 'utf16le'),
  'latin1': (t) => Buffer.from(t, 'latin1'),
  'crlf': (t) => Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8'),
  'cr': (t) => Buffer.from(t.replace(/\n/g, '\r'), 'utf8'),
  'crlf-latin1': (t) => Buffer.from(t.replace(/\n/g, '\r\n'), 'latin1'),
};

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-enc-'));
});
afterAll(() => (process.env.KEEP_TMP ? console.log(tmp) : rmSync(tmp, { recursive: true, force: true })));

/** A record without its file path, for comparing the same listing read from different files. */
const withoutPath = (r: PaperRecord) => ({ ...r, source: { ...r.source, path: '' } });

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('encodings and line endings', () => {
  it('the Latin-1 listings really contain bytes that are not UTF-8', () => {
    for (const text of Object.values(LISTINGS)) {
      expect([...text].every((c) => c.charCodeAt(0) < 256)).toBe(true);
      expect(ENCODINGS.latin1(text).includes(0xe9) || ENCODINGS.latin1(text).includes(0xfc)).toBe(true);
    }
  });

  it.each(Object.keys(LISTINGS))('%s: every encoding decodes to the LF text and parses to the same records', (format) => {
    const original = LISTINGS[format];
    const dir = join(tmp, `read-${format}`);
    mkdirSync(dir);
    const expected = parseInput(original, 'x')!;
    expect(expected.format).toBe(format);
    expect(expected.records.length).toBeGreaterThan(0);
    for (const [encoding, encode] of Object.entries(ENCODINGS)) {
      const file = join(dir, `${encoding}.txt`);
      writeFileSync(file, encode(original));
      const input = readInput(file);
      expect([encoding, input.error]).toEqual([encoding, undefined]);
      expect([encoding, input.text]).toEqual([encoding, original]);
      const parsed = parseInput(input.text!, 'x')!;
      expect([encoding, parsed.format]).toEqual([encoding, format]);
      expect(parsed.records.map(withoutPath)).toEqual(expected.records.map(withoutPath));
      expect(parsed.rejects).toEqual(expected.rejects);
    }
  });

  it('one build over every encoding: same records per file, all merged, no conflicts', async () => {
    const dir = join(tmp, 'all-encodings');
    mkdirSync(dir);
    for (const [format, text] of Object.entries(LISTINGS)) {
      for (const [encoding, encode] of Object.entries(ENCODINGS)) writeFileSync(join(dir, `${format}.${encoding}.txt`), encode(text));
    }
    const out = join(tmp, 'all-encodings-out');
    const io = captureIO();
    expect(await main(['build', dir, '-o', out], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const perFormat = new Map<string, { records: number; rejected: string }[]>();
    for (const input of report.inputs) {
      const format = basename(input.path).split('.')[0];
      expect([input.path, input.error, input.format]).toEqual([input.path, undefined, format]);
      perFormat.set(format, [...(perFormat.get(format) ?? []), { records: input.records, rejected: JSON.stringify(input.rejected) }]);
    }
    for (const [, variants] of perFormat) expect(new Set(variants.map((v) => JSON.stringify(v))).size).toBe(1);
    const papers = readJsonl(join(out, 'papers.jsonl')).filter((p) => !p.external);
    const n = Object.keys(ENCODINGS).length;
    // Papers with an id or a title merge across the files; untitled, id-less abstracts are never
    // merged by the resolver (it keys on ids and titles only), so each copy stays its own paper.
    const keyed = papers.filter((p) => p.arxivId || p.title);
    expect(keyed.length).toBeGreaterThan(0);
    for (const paper of keyed) {
      expect([paper.id, (paper.sources as unknown[]).length]).toEqual([paper.id, n]);
      expect([paper.id, paper.conflicts]).toEqual([paper.id, []]);
    }
    const unkeyed = papers.filter((p) => !p.arxivId && !p.title);
    const abstracts = new Map<string, number>();
    for (const p of unkeyed) abstracts.set(p.abstract as string, (abstracts.get(p.abstract as string) ?? 0) + 1);
    for (const [abstract, copies] of abstracts) expect([abstract, copies]).toEqual([abstract, n]);
    const records = Object.values(LISTINGS).reduce((sum, text) => sum + parseInput(text, 'x')!.records.length, 0);
    expect(papers.reduce((sum, p) => sum + (p.sources as unknown[]).length, 0)).toBe(records * n);
    expect(report.totals.records).toBe(records * n);
  });
});

describe('bad files are reported with a clear message and the batch goes on', () => {
  it('NUL bytes, empty, binary, too large and a good file in one build', async () => {
    const dir = join(tmp, 'shapes');
    mkdirSync(dir);
    const good = LISTINGS['abstract-lines'];
    writeFileSync(join(dir, 'a-good.txt'), good);
    writeFileSync(join(dir, 'b-empty.txt'), '');
    writeFileSync(join(dir, 'c-blank.txt'), '\n  \n\t\n');
    writeFileSync(join(dir, 'd-nul-first.txt'), Buffer.concat([Buffer.from([0]), Buffer.from(good)]));
    // A stray NUL far into a text file: not binary; the text is parsed, the NUL kept as a character.
    const padding = Array.from({ length: 200 }, (_, i) => `Abstract:Padding abstract number ${i} about graphs.`).join('\n');
    writeFileSync(join(dir, 'e-nul-late.txt'), `${padding}\nAbstract:Has a NUL\u0000inside.\n`);
    writeFileSync(join(dir, 'f-png.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(dir, 'g-gzip.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8]));
    writeFileSync(join(dir, 'h-random.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    // Sparse: MAX_INPUT_BYTES + 1 bytes on paper, nothing on disk, never read.
    const fd = openSync(join(dir, 'i-huge.txt'), 'w');
    ftruncateSync(fd, MAX_INPUT_BYTES + 1);
    closeSync(fd);
    const out = join(tmp, 'shapes-out');
    const io = captureIO();
    expect(await main(['build', dir, '-o', out], io)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const by = Object.fromEntries(report.inputs.map((i: { path: string }) => [basename(i.path), i]));
    expect(by['a-good.txt']).toMatchObject({ format: 'abstract-lines', records: 2 });
    expect(by['b-empty.txt'].error).toMatch(/^empty file/);
    expect(by['c-blank.txt'].error).toMatch(/^empty file/);
    expect(by['d-nul-first.txt'].error).toMatch(/^binary file/);
    expect(by['e-nul-late.txt']).toMatchObject({ format: 'abstract-lines', records: 201 });
    expect(by['f-png.png'].error).toMatch(/^binary file/);
    expect(by['g-gzip.gz'].error).toMatch(/^binary file/);
    expect(by['h-random.bin'].error).toMatch(/^binary file/);
    expect(by['i-huge.txt'].error).toMatch(/^file too large \(\d+ bytes; the limit is \d+\)/);
    // The summary points at the problems.
    expect(io.out).toMatch(/7 unreadable files/);
    expect(io.out).toMatch(/! binary file/);
  });

  it('a folder of 3,000 small files', async () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const topics = ['graphs', 'speech', 'proteins', 'retrieval', 'robots', 'vision'];
    for (let i = 0; i < 3000; i++) {
      const sub = join(dir, `batch-${Math.floor(i / 500)}`);
      if (i % 500 === 0) mkdirSync(sub);
      writeFileSync(join(sub, `file-${String(i).padStart(4, '0')}.txt`), `Abstract:Paper ${i} studies ${topics[i % topics.length]} with method M${i}.\n`);
    }
    const out = join(tmp, 'many-out');
    const t0 = performance.now();
    expect(await main(['build', dir, '-o', out], captureIO())).toBe(0);
    const ms = performance.now() - t0;
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.inputs).toHaveLength(3000);
    expect(report.inputs.every((i: { records: number; error?: string }) => i.records === 1 && !i.error)).toBe(true);
    expect(report.totals.records).toBe(3000);
    expect(report.totals.papers).toBe(3000);
    // Inputs are listed in a stable (sorted) order.
    const paths = report.inputs.map((i: { path: string }) => i.path);
    expect(paths).toEqual([...paths].sort());
    console.log(`3,000-file build: ${Math.round(ms)} ms`);
  });
});
