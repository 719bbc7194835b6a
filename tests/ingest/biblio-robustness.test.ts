/**
 * Bibliographic formats never throw and never hang: every parser gets empty, garbage, truncated
 * and foreign inputs (each other's fixtures) and pathological strings that would make a
 * backtracking regex explode. Whatever comes in, a ParseResult comes out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/ingest/index.js';

const BIBLIO = ['bibtex', 'ris', 'csl-json', 'arxiv-atom', 'openalex', 's2-json', 'tei', 'jats', 's2orc', 'unarxive', 'acl-xml', 'aan-metadata', 'aan-citations', 'edge-list'];
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const fixtureTexts = BIBLIO.flatMap((dir) => {
  try {
    return readdirSync(join(FIXTURES, dir)).map((f) => readFileSync(join(FIXTURES, dir, f), 'utf8'));
  } catch {
    return [];
  }
});

const HOSTILE: string[] = [
  '',
  '   \n\n  ',
  '\u0000\u0001binary-ish',
  '{',
  '[',
  '[null, 1, "x", [], {}]',
  '{"results": "not a list", "data": 5}',
  '<',
  '<?xml version="1.0"?><feed><entry>',
  '<collection id="X"><volume id="1"><paper id="1"><title>t</title></paper>',
  '@article{',
  '@article{key, title = {' + '{'.repeat(5000),
  'TY  - JOUR\n' + 'AU  - ' + 'a, '.repeat(20000),
  'id = {' + 'x'.repeat(100000),
  'citing,cited\n' + '"'.repeat(50000),
  'a ==> ' + ' '.repeat(100000) + 'b',
  ('P10-1001 , ' + '-'.repeat(50000) + '\n').repeat(3),
  '{"paperId": "' + 'a'.repeat(40) + '", "references": [' + '{"paperId":null},'.repeat(2000) + '{}]}',
  '{"id": "https://openalex.org/W1", "abstract_inverted_index": {"x": [1e15, -1, "a", 2.5]}}',
  ...fixtureTexts.map((t) => t.slice(0, Math.floor(t.length / 2))),
  ...fixtureTexts,
];

describe.each(BIBLIO)('%s never throws', (name) => {
  it('returns a ParseResult for hostile and foreign input, quickly', () => {
    const format = FORMATS[name];
    expect(format).toBeDefined();
    for (const text of HOSTILE) {
      const start = performance.now();
      const r = format.parse(text, 'hostile.txt');
      expect(Array.isArray(r.records)).toBe(true);
      expect(Array.isArray(r.rejects)).toBe(true);
      expect(performance.now() - start).toBeLessThan(2000);
      // Detection must not throw either.
      const score = format.detect({ path: 'hostile.txt', head: text.slice(0, 65536) });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
