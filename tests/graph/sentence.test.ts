/**
 * sentenceAround, the evidence sentence of an extracted edge (graph/build.ts), against its
 * definition by regular expressions: the same sentence for every span of seeded random texts
 * over stops, digits, letters and every kind of space.
 */
import { describe, expect, it } from 'vitest';
import { sentenceAround } from '../../src/graph/build.js';
import { mulberry32 } from '../../src/threads/rng.js';

/** The definition: a sentence ends at ".", "!" or "?" before white space or the end of the text. */
function byRegex(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !(/[.!?]/.test(text[from - 1]) && /\s/.test(text[from] ?? ' '))) from--;
  let to = end;
  while (to < text.length && !(/[.!?]/.test(text[to]) && (to + 1 >= text.length || /\s/.test(text[to + 1])))) to++;
  return text.slice(from, Math.min(text.length, to + 1)).trim();
}

describe('sentenceAround', () => {
  it('cuts the sentence around a span as the regex definition does', () => {
    const alphabet = ['a', 'B', '7', '.', '.', '!', '?', ' ', ' ', '\n', '\t', '\u00a0', '\u2009', '\u3000', 'é', ',', '2', '.'];
    const rng = mulberry32(5);
    for (let n = 0; n < 2000; n++) {
      const length = 1 + Math.floor(rng() * 40);
      let text = '';
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(rng() * alphabet.length)];
      const start = Math.floor(rng() * length);
      const end = Math.min(length, start + Math.floor(rng() * 5));
      expect(sentenceAround(text, start, end), JSON.stringify([text, start, end])).toBe(byRegex(text, start, end));
    }
  });

  it('keeps a decimal point inside its sentence and ends one at "!" before a no-break space', () => {
    const text = 'We train BERT. It reaches 92.5 F1 on SQuAD!\u00a0Then we stop? Yes.';
    expect(sentenceAround(text, text.indexOf('SQuAD'), text.indexOf('SQuAD') + 5)).toBe('It reaches 92.5 F1 on SQuAD!');
    expect(sentenceAround(text, 9, 13)).toBe('We train BERT.');
    expect(sentenceAround(text, text.indexOf('stop'), text.indexOf('stop') + 4)).toBe('Then we stop?');
  });
});
