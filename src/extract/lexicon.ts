/**
 * The English lexicon the tagger reads: word → most frequent Penn tag
 * ===================================================================
 *
 * natural's Brill-tagger lexicon (`lexicon_from_posjs.json`, 92,661 words, 4 MB) maps each word to
 * its tags, most frequent first: `{"word": ["NN", "VB|VBP", …], …}`. The tagger keeps the first tag
 * of each word, and the repairs in text.ts want to know which words can also be base-form verbs.
 *
 * Loading it with JSON.parse builds an object of 92k keys and as many arrays, then walks them:
 * about 0.2 s, a fifth of a small build's whole time and most of `litgraph related --text`'s
 * extra start-up. `readLexicon` reads the same text in one pass straight into the map, in under
 * half of that (80 ms against 174 on this project's VM); strings with escapes go through JSON.parse, and anything that is not the shape
 * above falls back to JSON.parse of the whole file (tests/extract/lexicon.test.ts checks both ways
 * agree on the installed file).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Lexicon {
  /** Word → its most frequent tag (the part of natural's first tag before any "|"). */
  tags: Map<string, string>;
  /** Words the lexicon also knows as base-form verbs (VB or VBP: "conduct", "exhibit"). */
  verbish: Set<string>;
  /** Words the lexicon knows as common nouns among their tags (NN or NNS: "tense", not "medical"). */
  nounish: Set<string>;
  /** Words the lexicon also knows as adjectives (JJ: "underlying", "existing"). */
  adjectivish: Set<string>;
}

/** Whether a lexicon tag (parts joined by "|") says common noun. */
function nounTag(tag: string): boolean {
  return tag === 'NN' || tag === 'NNS' || (tag.includes('|') && tag.split('|').some((part) => part === 'NN' || part === 'NNS'));
}

/** The tag a lexicon entry gives: the first tag, up to a "|". */
function firstTag(tag: string): string {
  const bar = tag.indexOf('|');
  return bar < 0 ? tag : tag.slice(0, bar);
}

/** The lexicon from natural's file as JSON.parse reads it (the reference `readLexicon` must agree with). */
export function lexiconFromParsed(raw: Record<string, unknown>): Lexicon {
  const tags = new Map<string, string>();
  const verbish = new Set<string>();
  const nounish = new Set<string>();
  const adjectivish = new Set<string>();
  for (const word in raw) {
    const list = raw[word];
    if (Array.isArray(list) && list.length > 0 && list.every((t) => typeof t === 'string')) {
      tags.set(word, firstTag(list[0] as string));
      if (list.includes('VB') || list.includes('VBP')) verbish.add(word);
      if ((list as string[]).some(nounTag)) nounish.add(word);
      if (list.includes('JJ')) adjectivish.add(word);
    }
  }
  return { tags, verbish, nounish, adjectivish };
}

/**
 * The tags the lexicon uses, as string literals. V8 keeps a literal as one internalized string, and
 * `tag === 'NN'` between two internalized strings compares addresses, where a tag cut out of the
 * file would be a fresh string compared by its characters. (Alternating A/B of extraction against
 * the JSON.parse loader: 0.97–1.04×, inside the noise, with or without this.)
 */
const PENN_TAGS = ['NN', 'NNS', 'NNP', 'NNPS', 'JJ', 'JJR', 'JJS', 'VB', 'VBD', 'VBG', 'VBN', 'VBP', 'VBZ', 'IN', 'DT', 'CC', 'CD', 'RB', 'RBR', 'RBS', 'PRP', 'PRP$', 'WDT', 'WP', 'WP$', 'WRB', 'TO', 'MD', 'EX', 'FW', 'LS', 'PDT', 'POS', 'RP', 'SYM', 'UH', ',', '.', ':', '(', ')', '"', '``', "''", '$', '#'];

class NotTheShape extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * natural's lexicon file read in one pass: an object whose values are arrays of strings. Throws
 * NotTheShape at anything else (then the caller parses it as JSON).
 */
function scanLexicon(json: string): Lexicon {
  const tags = new Map<string, string>();
  const verbish = new Set<string>();
  const nounish = new Set<string>();
  const adjectivish = new Set<string>();
  // Tags are a few dozen strings: one copy of each, shared by every word, the literal where there is one.
  const tagStrings = new Map<string, string>(PENN_TAGS.map((t) => [t, t]));
  let at = 0;
  const n = json.length;
  const skipSpace = (): void => {
    while (at < n && (json.charCodeAt(at) === 32 || json.charCodeAt(at) === 10 || json.charCodeAt(at) === 13 || json.charCodeAt(at) === 9)) at++;
  };
  const expect = (c: number): void => {
    skipSpace();
    if (json.charCodeAt(at) !== c) throw new NotTheShape();
    at++;
  };
  /** The JSON string starting at `at` (a quote), with `at` moved past it. */
  const string = (): string => {
    skipSpace();
    if (json.charCodeAt(at) !== QUOTE) throw new NotTheShape();
    const start = at;
    let escaped = false;
    at++;
    for (;;) {
      if (at >= n) throw new NotTheShape();
      const c = json.charCodeAt(at);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        at += 2;
      } else at++;
    }
    at++;
    return escaped ? (JSON.parse(json.slice(start, at)) as string) : json.slice(start + 1, at - 1);
  };

  expect(123); // {
  skipSpace();
  if (json.charCodeAt(at) === 125) return { tags, verbish, nounish, adjectivish };
  for (;;) {
    const word = string();
    expect(58); // :
    expect(91); // [
    let first: string | null = null;
    let verb = false;
    let noun = false;
    let adjective = false;
    skipSpace();
    if (json.charCodeAt(at) !== 93) {
      for (;;) {
        const tag = string();
        if (first === null) first = tag;
        if (tag === 'VB' || tag === 'VBP') verb = true;
        if (nounTag(tag)) noun = true;
        if (tag === 'JJ') adjective = true;
        skipSpace();
        if (json.charCodeAt(at) === 44) at++;
        else break;
      }
    }
    expect(93); // ]
    // A repeated key keeps its last value, as JSON.parse does.
    if (first === null) tags.delete(word);
    else {
      const tag = firstTag(first);
      let shared = tagStrings.get(tag);
      if (shared === undefined) tagStrings.set(tag, (shared = tag));
      tags.set(word, shared);
    }
    if (verb) verbish.add(word);
    else verbish.delete(word);
    if (noun) nounish.add(word);
    else nounish.delete(word);
    if (adjective) adjectivish.add(word);
    else adjectivish.delete(word);
    skipSpace();
    const c = json.charCodeAt(at++);
    if (c === 125) break;
    if (c !== 44) throw new NotTheShape();
  }
  skipSpace();
  if (at < n) throw new NotTheShape();
  return { tags, verbish, nounish, adjectivish };
}

/** The lexicon in the text of natural's file (one pass, or JSON.parse when the text is not of the expected shape). */
export function readLexicon(json: string): Lexicon {
  try {
    return scanLexicon(json);
  } catch (error) {
    if (!(error instanceof NotTheShape)) throw error;
    return lexiconFromParsed(JSON.parse(json) as Record<string, unknown>);
  }
}

/** Where natural keeps the lexicon file. */
export function lexiconPath(): string {
  return createRequire(import.meta.url).resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');
}

/** natural's English lexicon, read from its file (text.ts reads it once and keeps it). */
export function loadNaturalLexicon(): Lexicon {
  return readLexicon(readFileSync(lexiconPath(), 'utf8'));
}
