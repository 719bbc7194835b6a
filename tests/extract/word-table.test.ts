/**
 * The word table tokenize numbers distinct words by: exact (every word, however many, keeps one
 * entry and never shares it), read in place from any text, and the sentence-start bit keeps a
 * word's two kinds apart.
 */
import { describe, expect, it } from 'vitest';
import { WordTable } from '../../src/extract/word-table.js';
import { mulberry32 } from '../../src/threads/rng.js';

/** The entry of a word in `text` at `start`, added when new. */
function entryOf(table: WordTable, text: string, start: number, end: number, bit = false): number {
  const found = table.find(text, start, end, bit);
  return found >= 0 ? found : table.add(text, start, end, bit);
}

describe('WordTable', () => {
  it('numbers words in the order first seen, finds them again wherever they stand, and keeps the bit apart', () => {
    const table = new WordTable();
    const text = 'graph neural graph Graph neural';
    expect(entryOf(table, text, 0, 5)).toBe(0);
    expect(entryOf(table, text, 6, 12)).toBe(1);
    expect(entryOf(table, text, 13, 18)).toBe(0);
    expect(entryOf(table, text, 19, 24)).toBe(2);
    expect(entryOf(table, text, 0, 5, true)).toBe(3);
    expect(table.find('a neural net', 2, 8, false)).toBe(1);
    expect(table.find('a neural net', 2, 8, true)).toBe(-1);
    expect(table.find('grap', 0, 4, false)).toBe(-1);
    expect(table.size).toBe(4);
  });

  it('keeps 300,000 distinct words exact through its growth, prefixes and equal-length words included', () => {
    const next = mulberry32(3);
    const words: string[] = [];
    const seen = new Set<string>();
    while (words.length < 300_000) {
      let w = '';
      const length = 1 + Math.floor(next() * (words.length % 7 === 0 ? 40 : 6));
      for (let k = 0; k < length; k++) w += 'abcxyzé-'[Math.floor(next() * 8)];
      if (!seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
    const table = new WordTable();
    const text = words.join(' ');
    const spans: Array<[number, number]> = [];
    for (let at = 0, n = 0; n < words.length; n++) {
      spans.push([at, at + words[n].length]);
      at += words[n].length + 1;
    }
    spans.forEach(([start, end], n) => expect(entryOf(table, text, start, end)).toBe(n));
    expect(table.size).toBe(words.length);
    // Every word again, from a text of its own, in another order: the same numbers, nothing added.
    for (let n = words.length - 1; n >= 0; n -= 7) expect(table.find(` ${words[n]}.`, 1, 1 + words[n].length, false)).toBe(n);
    expect(table.size).toBe(words.length);
  });
});
