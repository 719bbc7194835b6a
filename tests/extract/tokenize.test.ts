/**
 * The tokenizer's character scanner against its definition, the word regex it replaced: same
 * tokens, same offsets, on the team's abstracts, the seed listings and seeded random strings
 * over the characters where the two could part (joiners, dots, digits, "+", symbols, spaces);
 * and the word numbers the extractors keep per-word answers by (WordMemo).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize, WordMemo, type Token } from '../../src/extract/text.js';
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

  it('gives every word its own text, case and tag when hundreds of thousands of words share the word table', () => {
    // 200,000 distinct words, each at and off a sentence start, some of 30 characters: the word
    // table (word-table.ts) grows several times on the way.
    const next = rng(11);
    const words: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      let w = LETTERS[Math.floor(next() * 26)].toUpperCase();
      const length = 2 + Math.floor(next() * (n % 4 === 0 ? 28 : 8));
      for (let k = 0; k < length; k++) w += LETTERS[Math.floor(next() * 26)];
      words.push(n % 3 === 0 ? w : w.toLowerCase());
    }
    const text = words.map((w, n) => (n % 5 === 0 ? `${w}.` : w)).join(' ');
    const first = tokenize(text).map((t) => [t.text, t.lower, t.compact, t.tag, t.sentence, t.word].join('|'));
    expect(tokenize(text).filter((t) => t.text !== text.slice(t.start, t.end))).toEqual([]);
    // In another order, each word gets what it got before.
    const reversed = [...words].reverse().join(' ');
    tokenize(reversed);
    expect(tokenize(text).map((t) => [t.text, t.lower, t.compact, t.tag, t.sentence, t.word].join('|'))).toEqual(first);
    expect(tokenize(text).filter((t) => t.lower !== t.text.toLowerCase())).toEqual([]);
  });

  it('reads the cases at the edges of the word pattern', () => {
    expect(byScanner('3.5a v1.2.3 C++ x- -y it’s 1.5-fold e.g. GPT-4o.').map(([t]) => t)).toEqual(['3.5', 'a', 'v1.2.3', 'C++', 'x', '-', '-', 'y', 'it’s', '1.5-fold', 'e', '.', 'g', '.', 'GPT-4o', '.']);
  });

  it('numbers words so that tokens of one word share a number and a WordMemo answers once per word', () => {
    const text = 'Models use data. Models, models and data (data) use models.';
    const tokens = tokenize(text);
    const numberOf = new Map<string, Set<number>>();
    for (const t of tokens) {
      // The same word at a sentence start is tagged on its own, so it may have its own number.
      const as = `${t.text}${t.start === 0 || text[t.start - 2] === '.' ? '^' : ''}`;
      let set = numberOf.get(as);
      if (!set) numberOf.set(as, (set = new Set()));
      set.add(t.word);
    }
    for (const [word, numbers] of numberOf) expect(numbers.size, word).toBe(1);
    const all = [...numberOf.values()].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((n) => n >= 0)).toBe(true);

    const asked: string[] = [];
    const length = new WordMemo((t) => {
      asked.push(t.text);
      return t.text.length;
    });
    expect(tokens.map((t) => length.of(t))).toEqual(tokens.map((t) => t.text.length));
    expect(asked.length).toBe(numberOf.size);
    length.clear();
    const handMade: Token = { ...tokens[0], word: -1 };
    expect([length.of(tokens[0]), length.of(handMade), length.of(handMade)]).toEqual([6, 6, 6]);
    expect(asked.length).toBe(numberOf.size + 3);
  });

  it('tags a gerund between a determiner and a noun as a noun, or as an adjective where the lexicon knows one', () => {
    const tagOf = (text: string, word: string) => tokenize(text).find((t) => t.text === word)?.tag;
    expect(tagOf('We solve the tracking problem.', 'tracking')).toBe('NN');
    expect(tagOf('We learn the underlying structure.', 'underlying')).toBe('JJ');
    expect(tagOf('See the following section.', 'following')).toBe('JJ');
  });
});
