/**
 * Streamed large files give what reading them whole gives
 * =======================================================
 *
 * Files above the stream threshold are decoded chunk by chunk (ingest/decode.ts decodeChunks)
 * and parsed line by line by the formats with parseLines. Here the threshold is forced to 0 and
 * the chunk size down to a few bytes, so chunk boundaries fall inside multibyte characters,
 * UTF-16 code units and surrogate pairs, CRLF pairs, BOMs and records, and every streamed file
 * is compared with the same file read whole: the same text, the same records, rejects and line
 * numbers. The end-to-end test runs a generated listing of a few MB through `litgraph build`
 * with LITGRAPH_STREAM_ABOVE=0 and expects byte-identical outputs. (200 MB: bench/big-file.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { fileChunks, readInputWith, readOptionsFromEnv, DEFAULT_READ_OPTIONS, type ReadOptions } from '../../src/cli/read-inputs.js';
import { decode, isUtf8Chunks } from '../../src/ingest/decode.js';
import { FORMATS, parseInput } from '../../src/ingest/index.js';
import { pieceLines, textLines } from '../../src/ingest/lines.js';
import { ingestAll, DEFAULT_BUILD_OPTIONS, type InputText } from '../../src/pipeline.js';
import { ParseError } from '../../src/errors.js';
import { fixturesOf, SAMPLES_DIR } from './fixtures.js';
import { captureIO } from '../helpers/capture-io.js';

const WHOLE: ReadOptions = { streamAboveBytes: Number.MAX_SAFE_INTEGER, chunkBytes: DEFAULT_READ_OPTIONS.chunkBytes };
const streamed = (chunkBytes: number): ReadOptions => ({ streamAboveBytes: 0, chunkBytes });
/** Chunk sizes that cut 2-, 3- and 4-byte UTF-8 sequences, UTF-16 units and CRLF pairs. */
const CHUNK_SIZES = [1, 2, 3, 7, 64];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'litgraph-stream-'));
});
afterAll(() => (process.env.KEEP_TMP ? console.log(tmp) : rmSync(tmp, { recursive: true, force: true })));

let fileCount = 0;
function writeTmp(bytes: Uint8Array, name = 'input.txt'): string {
  const dir = join(tmp, String(fileCount++));
  mkdirSync(dir);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function piecesText(input: InputText): string {
  expect(input.error).toBeUndefined();
  expect(input.text).toBeUndefined();
  return [...input.pieces!()].join('');
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

/** Text with 2-, 3- and 4-byte characters (é, 東, 😀: a surrogate pair in UTF-16), CRLF and CR. */
const MIXED = 'Abstract:Café naïve 東京 😀 résumé\r\nAbstract:second\r\rAbstract:third 𝔘 line\n\r\nAbstract:end\r';

describe('decoding in chunks gives the text decode() gives', () => {
  const cases: Record<string, Uint8Array> = {
    'utf-8': Buffer.from(MIXED, 'utf8'),
    'utf-8 with BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MIXED, 'utf8')]),
    'utf-16le with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MIXED, 'utf16le')]),
    'utf-16be with BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(MIXED)]),
    'utf-16le without BOM': Buffer.from('Abstract:plain ascii text\r\nAbstract:more of it\r\n'.repeat(4), 'utf16le'),
    'latin-1': Buffer.from('Abstract:Caf\u00e9 na\u00efve\r\nAbstract:Stra\u00dfe\r', 'latin1'),
    // Valid UTF-8 for 20 kB, then one byte that is not: the whole file is Latin-1, as read whole.
    'invalid UTF-8 only near the end': Buffer.concat([Buffer.from(`Abstract:caf\u00e9 ${'x'.repeat(20_000)}\n`, 'utf8'), Buffer.from([0x41, 0xe9, 0x0a])]),
    // A sequence cut short at the very end of the file is not UTF-8 either.
    'truncated sequence at the end': Buffer.concat([Buffer.from('Abstract:ok 東\n', 'utf8'), Buffer.from([0xe6, 0x9d])]),
    'CR as the last byte of every chunk': Buffer.from('ab\r\ncd\r\nef\r\ngh\r', 'utf8'),
  };

  it.each(Object.keys(cases))('%s', (name) => {
    const bytes = cases[name];
    const expected = decode(bytes);
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    const file = writeTmp(bytes);
    expect(readInputWith(file, WHOLE).text).toBe(expected.text);
    for (const size of CHUNK_SIZES) expect([size, piecesText(readInputWith(file, streamed(size)))]).toEqual([size, expected.text]);
  });

  it('the Latin-1 cases really are decided Latin-1, the UTF-8 ones UTF-8', () => {
    expect(decode(cases['invalid UTF-8 only near the end'])).toMatchObject({ encoding: 'latin-1' });
    expect(decode(cases['truncated sequence at the end'])).toMatchObject({ encoding: 'latin-1' });
    expect(decode(cases['utf-8'])).toMatchObject({ encoding: 'utf-8' });
  });

  it('isUtf8Chunks agrees with a fatal decoder for every cut of every sequence', () => {
    const samples = [MIXED, 'é', '東', '😀', 'a😀b東c'].map((t) => Buffer.from(t, 'utf8'));
    samples.push(Buffer.from([0xc3]), Buffer.from([0xe6, 0x9d]), Buffer.from([0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]));
    for (const bytes of samples) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      for (let size = 1; size <= 5; size++) {
        const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
        expect([bytes.toString('hex'), size, isUtf8Chunks(chunks)]).toEqual([bytes.toString('hex'), size, valid]);
      }
    }
  });

  it('a binary file is refused from its head, before any streaming', () => {
    const file = writeTmp(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.alloc(100_000, 7)]));
    expect(readInputWith(file, streamed(7)).error).toMatch(/^binary file/);
  });
});

describe('lines', () => {
  it('pieceLines over any cut of a text gives text.split("\\n")', () => {
    for (const text of ['', '\n', 'a', 'a\n', '\n\nb\n', 'one\ntwo\nthree', MIXED.replace(/\r\n?/g, '\n')]) {
      for (let size = 1; size <= 4; size++) {
        const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
        expect([text, size, [...pieceLines(pieces)]]).toEqual([text, size, text.split('\n')]);
      }
      expect([...textLines(text)]).toEqual(text.split('\n'));
    }
  });
});

/**
 * Inputs for one format: its fixtures as written, with CRLF endings and a BOM, and with a line
 * that belongs to no record (and a blank line) spliced in, so that rejects and shifted line
 * numbers are compared too.
 */
function variantsOf(format: string): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const fixture of fixturesOf(format)) {
    const name = basename(fixture.path);
    const lines = fixture.text.split('\n');
    const at = Math.min(3, lines.length);
    const spliced = [...lines.slice(0, at), '', 'stray ✗ line with 東京 that is no record', ...lines.slice(at)].join('\n');
    out.push({ name, bytes: Buffer.from(fixture.text, 'utf8') });
    out.push({ name: `${name} crlf+bom`, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture.text.replace(/\n/g, '\r\n'), 'utf8')]) });
    out.push({ name: `${name} utf-16le`, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture.text, 'utf16le')]) });
    out.push({ name: `${name} stray line`, bytes: Buffer.from(spliced, 'utf8') });
    // Latin-1 only where the text fits in it; é makes it invalid UTF-8.
    const latin = `${fixture.text}\n`.replace(/[^\u0000-\u00ff]/g, '?');
    out.push({ name: `${name} latin-1`, bytes: Buffer.concat([Buffer.from(latin, 'latin1'), Buffer.from('\u00e9\n', 'latin1')]) });
  }
  return out;
}

const STREAMING_FORMATS = Object.values(FORMATS).filter((f) => f.parseLines).map((f) => f.name);

describe('every streaming format: streamed = read whole (records, rejects, line numbers)', () => {
  it('the line-oriented formats stream', () => {
    expect(STREAMING_FORMATS.sort()).toEqual(
      ['aan-citations', 'aan-metadata', 'abstract-lines', 'csl-json', 'edge-list', 'openalex', 'ris', 's2-json', 's2orc', 'unarxive'].sort(),
    );
  });

  it.each(STREAMING_FORMATS)('%s', (format) => {
    const variants = variantsOf(format);
    expect(variants.length).toBeGreaterThan(0);
    let records = 0;
    let rejects = 0;
    for (const { name, bytes } of variants) {
      const file = writeTmp(bytes, 'input');
      const whole = readInputWith(file, WHOLE);
      expect(whole.text).toBeDefined();
      const expected = ingestAll([whole], { ...DEFAULT_BUILD_OPTIONS, format });
      // The whole-text path is the pure parser on the decoded text.
      const direct = parseInput(whole.text!, whole.path, format)!;
      expect(expected.records).toEqual(direct.records);
      for (const size of [7, 64, 4096]) {
        const input = readInputWith(file, streamed(size));
        expect(input.pieces).toBeDefined();
        const got = ingestAll([input], { ...DEFAULT_BUILD_OPTIONS, format });
        expect([name, size, got.reports]).toEqual([name, size, expected.reports]);
        expect([name, size, got.records]).toEqual([name, size, expected.records]);
        expect([name, size, got.citations]).toEqual([name, size, expected.citations]);
      }
      // Detection from the streamed head picks the same format.
      const detected = ingestAll([readInputWith(file, streamed(7))], DEFAULT_BUILD_OPTIONS);
      const detectedWhole = ingestAll([whole], DEFAULT_BUILD_OPTIONS);
      expect([name, detected.reports]).toEqual([name, detectedWhole.reports]);
      records += expected.records.length + expected.citations.length;
      rejects += expected.reports[0].rejected.length;
    }
    // Not vacuous: the variants produce records (or citations) and rejects.
    expect(records).toBeGreaterThan(0);
    expect(rejects).toBeGreaterThan(0);
  });
});

describe('formats without parseLines, streamed', () => {
  it('the bundled samples (pasted-page formats) are joined and parsed whole: same reports and records', () => {
    const files = readdirSync(SAMPLES_DIR).sort().map((n) => join(SAMPLES_DIR, n));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const expected = ingestAll([readInputWith(file, WHOLE)], DEFAULT_BUILD_OPTIONS);
      const got = ingestAll([readInputWith(file, streamed(7))], DEFAULT_BUILD_OPTIONS);
      expect(got.reports).toEqual(expected.reports);
      expect(got.records).toEqual(expected.records);
    }
  });

  it('a JSON document (not JSON lines) in a streaming format is parsed whole', () => {
    for (const fixture of [...fixturesOf('openalex'), ...fixturesOf('s2-json'), ...fixturesOf('csl-json')].filter((f) => f.path.endsWith('.json'))) {
      const file = writeTmp(Buffer.from(fixture.text, 'utf8'), 'doc.json');
      const expected = ingestAll([readInputWith(file, WHOLE)], DEFAULT_BUILD_OPTIONS);
      expect(expected.records.length).toBeGreaterThan(0);
      expect(ingestAll([readInputWith(file, streamed(7))], DEFAULT_BUILD_OPTIONS).records).toEqual(expected.records);
    }
  });
});

describe('streamed files in the pipeline', () => {
  it('a blank streamed file is an empty file; --strict names the first reject of a streamed file', () => {
    const blank = writeTmp(Buffer.from(' \r\n\t\n'.repeat(1000)));
    expect(ingestAll([readInputWith(blank, streamed(7))], DEFAULT_BUILD_OPTIONS).reports[0].error).toMatch(/^empty file/);
    const bad = writeTmp(Buffer.from('Abstract:one\n\nnot an abstract\nAbstract:two\n'));
    const strict = () => ingestAll([readInputWith(bad, streamed(3))], { ...DEFAULT_BUILD_OPTIONS, strict: true });
    expect(strict).toThrow(ParseError);
    expect(strict).toThrow(/:3\b/);
  });

  it('a file gone between reading and parsing is reported, and the batch goes on', () => {
    const gone = writeTmp(Buffer.from('Abstract:soon deleted\n'));
    const kept = writeTmp(Buffer.from('Abstract:kept\n'));
    const inputs = [readInputWith(gone, streamed(7)), readInputWith(kept, streamed(7))];
    rmSync(gone);
    const { reports, records } = ingestAll(inputs, DEFAULT_BUILD_OPTIONS);
    expect(reports[0].error).toMatch(/^cannot read: ENOENT/);
    expect(records.map((r) => r.abstract)).toEqual(['kept']);
  });

  it('fileChunks reads the bytes in order from an offset, in chunks of at most the size', () => {
    const file = writeTmp(Buffer.from('0123456789'));
    // Each chunk is read before the next is pulled: the buffer is reused.
    const seen: string[] = [];
    for (const chunk of fileChunks(file, 3, 2)) seen.push(Buffer.from(chunk).toString());
    expect(seen).toEqual(['234', '567', '89']);
  });

  it('LITGRAPH_STREAM_ABOVE and LITGRAPH_CHUNK_BYTES set the read options; bad values keep the defaults', () => {
    expect(readOptionsFromEnv({ LITGRAPH_STREAM_ABOVE: '0', LITGRAPH_CHUNK_BYTES: '4096' })).toEqual({ streamAboveBytes: 0, chunkBytes: 4096 });
    expect(readOptionsFromEnv({ LITGRAPH_STREAM_ABOVE: 'x', LITGRAPH_CHUNK_BYTES: '0' })).toEqual(DEFAULT_READ_OPTIONS);
    const file = writeTmp(Buffer.from('Abstract:x\n'));
    expect(readInputWith(file, readOptionsFromEnv({ LITGRAPH_STREAM_ABOVE: '0' })).pieces).toBeDefined();
    expect(readInputWith(file, readOptionsFromEnv({})).text).toBe('Abstract:x\n');
  });
});

/** CRLF lines up to `bytes` bytes: `line(i)` for each i, every 97th replaced by a stray line. */
function generated(bytes: number, line: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = i % 97 === 50 ? `\r\nstray line ${i} ✗ that belongs to no record\r\n` : `${line(i)}\r\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join('');
}

/** One of 3,000 ACL ids, spread over venues and years. */
const aclId = (n: number): string => `${'PJNDEW'[n % 6]}${90 + (n % 10)}-${String(1000 + (Math.imul(n, 2654435761) >>> 0) % 500).padStart(4, '0')}`;

describe('end to end through `litgraph build`', () => {
  // The citation file carries the megabytes (cheap to build); the abstracts make real papers,
  // entities and threads (the later stages cost about 4 s per 100 kB of abstracts).
  it('a few MB of listings give byte-identical outputs streamed and read whole', { timeout: 600_000 }, async () => {
    const dir = join(tmp, 'big');
    mkdirSync(dir);
    writeFileSync(join(dir, 'acl.txt'), generated(3 * 1024 * 1024, (i) => `${aclId(i)} ==> ${aclId(i * 7 + 3)}`));
    writeFileSync(
      join(dir, 'abstracts.txt'),
      generated(100 * 1024, (i) => `Abstract:Record ${i}: we propose Net${i % 400}, a café-grade naïve model for task ${i % 37} on 東京-${i % 11} data, improving accuracy by ${i % 9}.${i % 7} points over Base${i % 13}.`),
    );
    const outputs: Record<string, Record<string, string>> = {};
    for (const [mode, env] of Object.entries({ whole: {}, streamed: { LITGRAPH_STREAM_ABOVE: '0', LITGRAPH_CHUNK_BYTES: '65537' } })) {
      const out = join(tmp, `big-out-${mode}`);
      const io = captureIO(env);
      expect(await main(['build', dir, '-o', out], io)).toBe(0);
      outputs[mode] = Object.fromEntries(['report.json', 'papers.jsonl', 'graph.json', 'mentions.jsonl', 'threads.json'].map((n) => [n, readFileSync(join(out, n), 'utf8')]));
    }
    const report = JSON.parse(outputs.whole['report.json']);
    const [abstracts, acl] = report.inputs;
    expect(abstracts).toMatchObject({ format: 'abstract-lines' });
    expect(abstracts.records).toBeGreaterThan(500);
    expect(abstracts.rejected.length).toBeGreaterThan(5);
    expect(acl).toMatchObject({ format: 'aan-citations', records: 0 });
    expect(acl.citations).toBeGreaterThan(100_000);
    expect(acl.rejected.length).toBeGreaterThan(1000);
    for (const name of Object.keys(outputs.whole)) expect([name, outputs.streamed[name] === outputs.whole[name]]).toEqual([name, true]);
  });
});
