/**
 * tokenize — titles and abstracts → terms
 * =======================================
 *
 * One tokeniser for the similarity index and related-work queries, so a term means the same
 * thing everywhere (thread labels read tagged noun phrases with the same stop words and stems:
 * phrases.ts). Words are lower-cased, English stop words (natural's list)
 * and numbers dropped, and the rest Porter-stemmed (natural's stemmer). natural stems at about
 * 2 MB/s (DESIGN.md), so stems are cached per surface token: a corpus has far fewer distinct
 * tokens than token occurrences. Only the stemmer and the stop-word list are loaded, not all of
 * natural (whose index takes over a second to import).
 */
import { createRequire } from 'node:module';
import { FOREIGN_FUNCTION_WORDS } from '../extract/languages.js';

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
/** What French abstracts say of themselves, as PAPER_STOPWORDS for English ones. */
const FRENCH_PAPER_STOPWORDS = ['présentons', 'proposons', 'décrivons', 'partir', 'article', 'cet', 'cette', 'méthode', 'méthodes', 'approche', 'tâche', 'tâches', 'système', 'systèmes', 'résultats', 'travail', 'permet', 'afin', 'ainsi'];

/** Words labels need inside a phrase though they say nothing alone ("consistency models", "state space models", "large language models"). */
const LABEL_PHRASE_WORDS = new Set(['model', 'models', 'framework', 'state', 'large']);

/**
 * Words of the sentence that opens an abstract rather than of its topic: "with the rapid
 * advancement of …", "vast amounts of data", "the current …". A thread of 250 Hugging Face papers
 * on preference optimisation was labelled "preference optimization, rapid advancement".
 */
const LABEL_FRAMING_WORDS = ['current', 'previous', 'rapid', 'advancement', 'advancements', 'vast', 'amount', 'amounts'];

/**
 * Stop words inside label phrases: the paper stop words minus LABEL_PHRASE_WORDS, the framing
 * words above, and the function words of the other languages papers are written in
 * (languages.ts). They still never stand alone (phrases.ts).
 */
export const LABEL_STOPWORDS: ReadonlySet<string> = new Set([...natStopwords, ...PAPER_STOPWORDS.filter((w) => !LABEL_PHRASE_WORDS.has(w)), ...LABEL_FRAMING_WORDS, ...FOREIGN_FUNCTION_WORDS, ...FRENCH_PAPER_STOPWORDS]);

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

/** `text` with URLs, LaTeX commands and inline math blanked: none of them names a topic. */
export function withoutMarkup(text: string): string {
  return text.replace(/https?:\/\/\S+/g, ' ').replace(/\\[a-zA-Z]+/g, ' ').replace(/\$[^$]*\$/g, ' ');
}

/** The surface words of `text` in order (original case), LaTeX commands and URLs removed. */
export function words(text: string): string[] {
  return withoutMarkup(text).match(WORD) ?? [];
}

/** A word worth indexing: two characters or more, no stop word, not a number. */
export function keepToken(lower: string, stop: ReadonlySet<string>): boolean {
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
