/**
 * tokenize — titles and abstracts → terms
 * =======================================
 *
 * One tokeniser for the similarity index, the thread labels and related-work queries, so a term
 * means the same thing everywhere. Words are lower-cased, English stop words (natural's list)
 * and numbers dropped, and the rest Porter-stemmed (natural's stemmer). natural stems at about
 * 2 MB/s (DESIGN.md), so stems are cached per surface token: a corpus has far fewer distinct
 * tokens than token occurrences. Only the stemmer and the stop-word list are loaded, not all of
 * natural (whose index takes over a second to import).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };
const natStopwords = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;

/** Words that carry no topic in paper abstracts, on top of natural's English stop words. */
const PAPER_STOPWORDS = [
  'paper', 'propose', 'proposed', 'proposes', 'approach', 'method', 'methods', 'show', 'shows', 'shown', 'results',
  'result', 'based', 'using', 'use', 'used', 'uses', 'new', 'novel', 'also', 'however', 'can', 'may', 'well', 'work',
  'works', 'present', 'presents', 'study', 'existing', 'recent', 'recently', 'demonstrate', 'demonstrates', 'achieve',
  'achieves', 'significantly', 'experiments', 'experimental', 'extensive', 'effectiveness', 'effective', 'state',
  'art', 'performance', 'improve', 'improves', 'improved', 'via', 'two', 'three', 'one', 'first', 'many', 'various',
  'different', 'further', 'thus', 'often', 'while', 'without', 'within', 'however', 'et', 'al', 'e.g', 'i.e', 'eg',
  'ie', 'code', 'available', 'publicly', 'github', 'com', 'https', 'http', 'www', 'org', 'abs', 'arxiv', 'introduce',
  'introduces', 'task', 'tasks', 'problem', 'problems', 'challenge', 'challenges', 'significant', 'large', 'high',
  'existing', 'address', 'addresses', 'including', 'across', 'make', 'makes', 'way', 'given', 'specifically',
  'key', 'framework', 'model', 'models', 'algorithm', 'algorithms', 'full', 'issue', 'issues', 'identify', 'identifies',
  'leverage', 'leverages', 'enable', 'enables', 'provide', 'provides', 'outperforms', 'outperform', 'superior',
];

export const STOPWORDS: ReadonlySet<string> = new Set([...natStopwords, ...PAPER_STOPWORDS]);
/** Stop words for labels: the paper stop words minus "model(s)", which labels need ("consistency models"). */
const LABEL_STOPWORDS: ReadonlySet<string> = new Set([...natStopwords, ...PAPER_STOPWORDS.filter((w) => w !== 'model' && w !== 'models' && w !== 'framework')]);

const stemCache = new Map<string, string>();

/** Porter stem of a lower-case token, cached. */
export function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = porter.stem(token);
    if (stemCache.size > 500_000) stemCache.clear(); // bounded: a long-lived process never grows without limit
    stemCache.set(token, s);
  }
  return s;
}

// Words: letters and digits, with inner hyphens / dots / apostrophes kept together ("CIFAR-10", "t-SNE").
const WORD = /[\p{L}\p{N}]+(?:[-'.][\p{L}\p{N}]+)*/gu;

/** The surface words of `text` in order (original case), LaTeX commands and URLs removed. */
export function words(text: string): string[] {
  const clean = text.replace(/https?:\/\/\S+/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').replace(/\$[^$]*\$/g, ' ');
  return clean.match(WORD) ?? [];
}

function keepToken(lower: string, stop: ReadonlySet<string>): boolean {
  return lower.length >= 2 && !stop.has(lower) && !/^[\d.,'-]+$/.test(lower);
}

const termCache = new Map<string, readonly string[]>();
const NO_TERMS: readonly string[] = [];

/** The index terms of one surface word (cached: a corpus repeats its words endlessly). */
export function wordTerms(word: string): readonly string[] {
  let out = termCache.get(word);
  if (out === undefined) {
    const lower = word.toLowerCase();
    const list: string[] = [];
    for (const part of lower.includes('-') ? lower.split('-') : [lower]) {
      const t = part.replace(/'s$/, '').replace(/[.']/g, '');
      if (keepToken(t, STOPWORDS)) list.push(stem(t));
    }
    out = list.length ? list : NO_TERMS;
    if (termCache.size > 500_000) termCache.clear();
    termCache.set(word, out);
  }
  return out;
}

/** Stemmed index terms of `text`: lower-cased, stop words and numbers dropped. Hyphenated words give their parts. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const list = wordTerms(word);
    for (let i = 0; i < list.length; i++) out.push(list[i]);
  }
  return out;
}

/** A candidate label phrase: its stemmed key and the surface form it was written in. */
export interface Phrase {
  key: string;
  surface: string;
}

/**
 * Unigram, bigram and trigram phrases for labels. A phrase never spans a stop word or a sentence break,
 * so "consistency models" and "CTR prediction" come out whole. Keys are stemmed (plurals merge);
 * surfaces keep their case, so acronyms stay acronyms (capitalised words are lower-cased:
 * "Consistency models" at a sentence start reads "consistency models").
 */
interface PhraseWord {
  key: string;
  surface: string;
  /** May start or continue a phrase. */
  ok: boolean;
  /** May stand alone as a one-word label term. */
  alone: boolean;
}
const phraseCache = new Map<string, PhraseWord>();

/** A surface word as labels see it (cached). Capitalised words are shown lower-case; acronyms stay. */
function phraseWord(word: string): PhraseWord {
  let w = phraseCache.get(word);
  if (!w) {
    const lower = word.toLowerCase().replace(/'s$/, '');
    const ok = keepToken(lower, LABEL_STOPWORDS) && lower.length <= 30;
    const surface = word.replace(/'s$/, '');
    w = { key: ok ? lower.split('-').map(stem).join('-') : '', surface: /^[A-Z][a-z]+$/.test(surface) ? surface.toLowerCase() : surface, ok, alone: ok && !STOPWORDS.has(lower) };
    if (phraseCache.size > 500_000) phraseCache.clear();
    phraseCache.set(word, w);
  }
  return w;
}

export function phrases(text: string): Phrase[] {
  const out: Phrase[] = [];
  for (const sentence of text.split(/[.;:!?]\s|[()[\]{}"]|\n/)) {
    let prev: PhraseWord | null = null;
    let prev2: PhraseWord | null = null;
    for (const word of words(sentence)) {
      const cur = phraseWord(word);
      if (!cur.ok) {
        prev = prev2 = null;
        continue;
      }
      // "model" may end a phrase ("consistency models") but is no label on its own.
      if (cur.alone) out.push({ key: cur.key, surface: cur.surface });
      if (prev) out.push({ key: `${prev.key} ${cur.key}`, surface: `${prev.surface} ${cur.surface}` });
      if (prev2 && prev) out.push({ key: `${prev2.key} ${prev.key} ${cur.key}`, surface: `${prev2.surface} ${prev.surface} ${cur.surface}` });
      prev2 = prev;
      prev = cur;
    }
  }
  return out;
}
