/**
 * Regression tests for the robustness bugs found by this suite (see the report of issue 7):
 * each reproduces the failing input in its smallest useful form.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../src/ingest/index.js';
import { decode } from '../../src/ingest/decode.js';
import { ingestAll, DEFAULT_BUILD_OPTIONS } from '../../src/pipeline.js';
import { FIXTURES_DIR } from './fixtures.js';

describe('arxiv-listing: a hostile DOI', () => {
  const fixture = readFileSync(join(FIXTURES_DIR, 'arxiv-listing', 'long-doi.txt'), 'utf8');

  it('keeps the record, rejects the DOI with a short reason (tests/fixtures/arxiv-listing/long-doi.txt)', () => {
    const result = FORMATS['arxiv-listing'].parse(fixture, 'long-doi.txt');
    expect(result.records.map((r) => [r.source.line, r.ids])).toEqual([
      [1, { arxiv: '2404.01234' }],
      [6, { arxiv: '2311.00042', doi: '10.1145/3583780.3615482' }],
    ]);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/^DOI ".{1,80}" is not a valid DOI; record kept without it$/) });
  });

  it('stays linear when the run of colons is 1 MB (normaliseDoi used to rescan it from every position)', () => {
    const huge = fixture.replace(/:{100,}/, ':'.repeat(1 << 20));
    const t0 = performance.now();
    const result = FORMATS['arxiv-listing'].parse(huge, 'huge-doi.txt');
    const ms = performance.now() - t0;
    expect(result.records).toHaveLength(2);
    expect(ms).toBeLessThan(2000);
  });
});

describe('ingestAll: one file with 200,000 records', () => {
  it('collects every record (push(...records) used to overflow the call stack)', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `Abstract:Record ${i}.`).join('\n');
    const { records, reports } = ingestAll([{ path: 'many.txt', text }], DEFAULT_BUILD_OPTIONS);
    expect(records).toHaveLength(200_000);
    expect(reports[0]).toMatchObject({ format: 'abstract-lines', records: 200_000 });
  });
});

describe('decode: UTF-16 without a byte-order mark', () => {
  it('is read as UTF-16 (it used to be refused as binary because of its zero bytes)', () => {
    const text = 'Abstract:Café au lait.\r\nAbstract:Zoë.\r\n';
    expect(decode(new Uint8Array(Buffer.from(text, 'utf16le')))).toEqual({ ok: true, text: text.replace(/\r\n/g, '\n'), encoding: 'utf-16le' });
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(decode(new Uint8Array(be))).toEqual({ ok: true, text: text.replace(/\r\n/g, '\n'), encoding: 'utf-16be' });
  });

  it('still refuses binary data with zeros on both sides', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i % 3 === 0 ? 0 : (i * 37) % 256));
    expect(decode(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/^binary file/) });
    expect(decode(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ ok: false });
  });
});

describe('open: builds_on grows with the square of the papers sharing a method', () => {
  // graph/build.ts addBuildsOn links every paper that uses a method to every paper that proposes
  // it: n/2 proposers × n/2 users edges. 800 lines alternating "we propose FooNet" and "uses
  // FooNet as a backbone" give 160,000 builds_on edges; about 8,200 such lines (a 1 MB file)
  // exceed JavaScript's Set size limit and the build fails with "Set maximum size exceeded".
  // Owner of graph/build.ts: cap it (e.g. skip methods proposed by more than a few papers).
  it.todo('a 1 MB file of papers all proposing and using one method builds with a bounded number of builds_on edges');
});
