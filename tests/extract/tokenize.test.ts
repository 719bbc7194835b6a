/**
 * The tokenizer's character scanner against its definition, the word regex it replaced: same
 * tokens, same offsets, on the team's abstracts, the seed listings and seeded random strings
 * over the characters where the two could part (joiners, dots, digits, "+", symbols, spaces).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/extract/text.js';
import { mulberry32 } from '../../src/threads/rng.js';

const TOKEN = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF]+(?:[-'’][A-Za-z0-9\u00C0-\u024F\u0370-\u03FF]+|\.[0-9]+)*\+*|[^\sA-Za-z0-9\u00C0-\u024F\u0370-\u03FF]/g;

const byRegex = (text: string): Array<[string, number, number]> => [...text.matchAll(TOKEN)].map((m) => [m[0], m.index, m.index + m[0].length]);
const byScanner = (text: string): Array<[string, number, number]> => tokenize(text).map((t) => [t.text, t.start, t.end]);

const rng = mulberry32;

const ALPHABET = ['a', 'Z', 'é', 'λ', 'ж', '7', '0', '-', "'", '’', '.', '+', ' ', ' ', '\u00a0', '\n', '\t', '(', ')', ',', '×', '—', '≥', '😀', '$', '\\', '\u2009', 'Ā', 'ɏ', 'ɐ'];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

describe('tokenize', () => {
  it('cuts the team fixtures and the seed listings exactly as the word regex', () => {
    const fixtures = Object.values(JSON.parse(readFileSync(new URL('../fixtures/extract/abstracts.json', import.meta.url), 'utf8')) as Record<string, string>);
    const samples = join(import.meta.dirname, '..', '..', 'graph-data', 'samples');
    const listings = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(samples, f), 'utf8'));
    for (const text of [...fixtures, ...listings]) expect(byScanner(text)).toEqual(byRegex(text));
  });

  it('cuts random strings of joiners, digits, dots, symbols and spaces exactly as the word regex', () => {
    const next = rng(6);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      expect(byScanner(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });

  it('gives every word its own text, case and tag when far more words than cache slots share them', () => {
    // 200,000 distinct words, more than the 65,536 slots of the word cache in front of the lexicon,
    // so many words land in a slot another word holds; each at and off a sentence start.
    const next = rng(11);
    const words: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      let w = LETTERS[Math.floor(next() * 26)].toUpperCase();
      const length = 2 + Math.floor(next() * 8);
      for (let k = 0; k < length; k++) w += LETTERS[Math.floor(next() * 26)];
      words.push(n % 3 === 0 ? w : w.toLowerCase());
    }
    const text = words.map((w, n) => (n % 5 === 0 ? `${w}.` : w)).join(' ');
    const first = tokenize(text).map((t) => [t.text, t.lower, t.compact, t.tag, t.sentence].join('|'));
    expect(tokenize(text).filter((t) => t.text !== text.slice(t.start, t.end))).toEqual([]);
    // In another order (other words now hold the slots), each word gets what it got before.
    const reversed = [...words].reverse().join(' ');
    tokenize(reversed);
    expect(tokenize(text).map((t) => [t.text, t.lower, t.compact, t.tag, t.sentence].join('|'))).toEqual(first);
    expect(tokenize(text).filter((t) => t.lower !== t.text.toLowerCase())).toEqual([]);
  });

  it('reads the cases at the edges of the word pattern', () => {
    expect(byScanner('3.5a v1.2.3 C++ x- -y it’s 1.5-fold e.g. GPT-4o.').map(([t]) => t)).toEqual(['3.5', 'a', 'v1.2.3', 'C++', 'x', '-', '-', 'y', 'it’s', '1.5-fold', 'e', '.', 'g', '.', 'GPT-4o', '.']);
  });
});
