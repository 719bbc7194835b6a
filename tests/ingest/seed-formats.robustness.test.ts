/**
 * The four pasted-listing parsers never throw and never hang: 1 MB hostile lines (the shapes
 * that make backtracking regexes explode) and seeded random mixes of the formats' own lines.
 */
import { describe, expect, it } from 'vitest';
import type { InputFormat } from '../../src/ingest/format.js';
import { arxivListing } from '../../src/ingest/arxiv-listing.js';
import { hfPage } from '../../src/ingest/hf-page.js';
import { authorProfile } from '../../src/ingest/author-profile.js';
import { abstractLines } from '../../src/ingest/abstract-lines.js';
import { mulberry32 as rng } from '../../src/threads/rng.js';

const PARSERS: InputFormat[] = [arxivListing, hfPage, authorProfile, abstractLines];
const MB = 1 << 20;

const HOSTILE: [string, string][] = [
  ['spaces', ' '.repeat(MB)],
  ['capitals', 'A'.repeat(MB)],
  ['capitals and spaces', 'A '.repeat(MB / 2)],
  ['camel-case run', 'Ab'.repeat(MB / 2)],
  ['arXiv line of spaces', `arXiv:${' - doi: '.repeat(MB / 8)}x`],
  ['header then capitals', `IRJun 15, 2021Code\n${'Ab, '.repeat(MB / 4)}\n`],
  ['bullets and dots', `${'  • 9 authors\n·\n'.repeat(MB / 16)}`],
  ['venue-like comment', `Long abstract.\n\n${"CIKM'".repeat(MB / 5)}\n\narXiv:2310.14189\nCreated: 2023-10-22\n`],
  ['abstract prefix repeated', 'Abstract:'.repeat(MB / 9)],
  ['newlines only', '\n'.repeat(MB)],
  ['carriage returns only', '\r'.repeat(MB)],
];

describe.each(PARSERS)('$name on hostile input', (format) => {
  it.each(HOSTILE)('%s: returns quickly without throwing', (_name, text) => {
    const started = performance.now();
    expect(() => format.detect({ path: 'hostile.txt', head: text.slice(0, 64 * 1024) })).not.toThrow();
    const result = format.parse(text, 'hostile.txt');
    expect(Array.isArray(result.records)).toBe(true);
    expect(Array.isArray(result.rejects)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});


const PIECES = [
  '', '', '', 'new', 'Daily Papers', 'Aug 6', '  • 3 authors', '·', 'May 23, 2024', 'Feb 14, 2025 2', 'netflix Netflix',
  'arXiv:2310.14189', 'arXiv:2308.13249 - doi: 10.1145/3583780.3615482', 'arXiv:bogus', 'Created: 2023-10-22', 'Created: soon',
  "Accepted by CIKM'23", 'QMJun 14, 2022Code', 'CLJan 26', 'LeanVAE: A Title ModelsYu Cheng, Fajie Yuan et al. · microsoft-research',
  'A Short Title', 'An abstract sentence that ends with a period.', 'Abstract:Something.', 'Abstract:', '\r', '\t', '\uFEFF',
];

describe('seeded random mixes of format lines', () => {
  const next = rng(20231022);
  const inputs = Array.from({ length: 200 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 40) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(next() < 0.2 ? '\r\n' : '\n'),
  );

  it.each(PARSERS)('$name never throws and keeps every line number inside the file', (format) => {
    for (const text of inputs) {
      const lineCount = text.split(/\r\n|\r|\n/).length;
      const result = format.parse(text, 'fuzz.txt');
      for (const r of result.records) {
        expect(r.source.line).toBeGreaterThanOrEqual(1);
        expect(r.source.line).toBeLessThanOrEqual(lineCount);
        expect(r.source.format).toBe(format.name);
      }
      for (const r of result.rejects) {
        expect(r.line).toBeGreaterThanOrEqual(1);
        expect(r.line).toBeLessThanOrEqual(lineCount);
        expect(r.reason.length).toBeGreaterThan(0);
      }
      const score = format.detect({ path: 'fuzz.txt', head: text });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
