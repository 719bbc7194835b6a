/**
 * foldText, the comparison form of titles and names behind every slug key: its ASCII fast path
 * gives what the Unicode definition (foldUnicode) gives, on seeded random ASCII and on names with
 * accents, ligatures and non-Latin letters.
 */
import { describe, expect, it } from 'vitest';
import { foldText, foldUnicode, slug } from '../../src/graph/keys.js';
import { mulberry32 } from '../../src/threads/rng.js';

describe('foldText', () => {
  it('folds random ASCII exactly as the Unicode definition does', () => {
    const rng = mulberry32(11);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = Math.floor(rng() * 24);
      for (let k = 0; k < length; k++) text += String.fromCharCode(Math.floor(rng() * 128));
      expect(foldText(text), JSON.stringify(text)).toBe(foldUnicode(text));
    }
  });

  it('folds accents, ligatures and other scripts by the definition, and slugs with hyphens', () => {
    expect(foldText('Émile Zola — Œuvres')).toBe('emile zola œuvres');
    expect(foldText('Ångström\u00a0ﬁne-tuning')).toBe('angstrom fine tuning');
    expect(foldText('  GPT-4o  ')).toBe('gpt 4o');
    expect(slug('Yu Cheng')).toBe('yu-cheng');
    expect(slug('CIFAR 10\t(v2)')).toBe('cifar-10-v2');
    expect(slug('Jürgen Schmidhuber')).toBe('jurgen-schmidhuber');
    expect(slug('长文本 理解')).toBe('长文本-理解');
  });
});
