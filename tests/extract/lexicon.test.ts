/**
 * The tagger's lexicon read in one pass (src/extract/lexicon.ts) is the lexicon JSON.parse reads:
 * on natural's installed file, and on small texts with escapes, repeated keys, empty arrays and
 * values of other shapes (which fall back to JSON.parse).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lexiconFromParsed, lexiconPath, readLexicon, type Lexicon } from '../../src/extract/lexicon.js';
import { posLexicon } from '../../src/extract/text.js';

const asPlain = (l: Lexicon) => ({ tags: Object.fromEntries([...l.tags].sort()), verbish: [...l.verbish].sort(), nounish: [...l.nounish].sort(), adjectivish: [...l.adjectivish].sort() });
const viaJsonParse = (text: string) => asPlain(lexiconFromParsed(JSON.parse(text) as Record<string, unknown>));

describe('the lexicon', () => {
  it("reads natural's file exactly as JSON.parse does", () => {
    const text = readFileSync(lexiconPath(), 'utf8');
    const read = readLexicon(text);
    expect(read.tags.size).toBeGreaterThan(90_000);
    expect(read.verbish.size).toBeGreaterThan(4_000);
    expect(asPlain(read)).toEqual(viaJsonParse(text));
    // Spot checks: the first tag, cut at "|"; words that can be base-form verbs.
    expect(read.tags.get('fawn')).toBe('NN');
    expect(read.tags.get('waste-disposal')).toBe('JJ');
    expect(read.verbish.has('conduct')).toBe(true);
    expect(read.verbish.has('fawn')).toBe(false);
    // Words that can be common nouns, whatever their first tag ("tense": JJ, then NN).
    expect(read.nounish.has('tense')).toBe(true);
    expect(read.nounish.has('medical')).toBe(false);
    expect(read.nounish.has('fawn')).toBe(true);
    // Words that can be adjectives ("underlying": VBG, then JJ).
    expect(read.adjectivish.has('underlying')).toBe(true);
    expect(read.adjectivish.has('fawn')).toBe(false);
  });

  it('gives the tagger its lexicon with our fixes on top', () => {
    const lex = posLexicon();
    expect(lex.get('model')).toBe('NN');
    expect(lex.get('data')).toBe('NNS');
    expect(lex.get('fawn')).toBe('NN');
  });

  it('agrees with JSON.parse on escapes, repeated keys, empty arrays and spacing', () => {
    const texts = [
      '{}',
      ' { } ',
      '{"a\\"b": ["NN|VB", "VB"], "c\\u00e9": ["JJ"], "back\\\\slash": ["VBP"]}',
      '{"x": [], "x": ["JJ", "VB"], "y": ["NN", "VBP"], "y": [], "z": ["VB"], "z": ["NN"]}',
      '{\n  "\'": ["\\""],\n  "\\"": ["\\""],\n  "w": [\n    "NN",\n    "VBP"\n  ]\n}\n',
      '{"__proto__": ["NN"], "constructor": ["VB"]}',
    ];
    for (const text of texts) expect(asPlain(readLexicon(text)), text).toEqual(viaJsonParse(text));
    expect(readLexicon('{"a\\"b": ["NN|VB", "VB"]}').tags.get('a"b')).toBe('NN');
    expect(readLexicon('{"x": ["JJ"], "x": []}').tags.has('x')).toBe(false);
  });

  it('falls back to JSON.parse for values of another shape, and fails on text that is not JSON', () => {
    for (const text of ['{"a": "NN", "b": ["JJ"]}', '{"a": ["NN", 3], "b": ["VB"]}', '{"a": ["NN"]} ', '{"a": {"b": 1}}']) {
      expect(asPlain(readLexicon(text)), text).toEqual(viaJsonParse(text));
    }
    expect(readLexicon('{"a": "NN", "b": ["JJ"]}').tags.get('b')).toBe('JJ');
    expect(() => readLexicon('{"a": ["NN"]')).toThrow(SyntaxError);
    expect(() => readLexicon('{"a": ["NN"]} trailing')).toThrow(SyntaxError);
  });
});
