/**
 * Tokens, sentences and part-of-speech tags for the extractors
 * ============================================================
 *
 * One linear pass over the text: word tokens keep their character offsets, sentence ends are
 * marked, and each word gets a tag from natural's English lexicon (the Brill tagger's lexicon,
 * first tag = most frequent) with a few contextual repairs. natural's own Brill tagger applies
 * its transformation rules token by token in JavaScript objects and runs far below the ingest
 * rate; a lexicon lookup with cached lower-cased forms keeps extraction at tens of MB/s.
 */
import { loadNaturalLexicon } from './lexicon.js';
import { WordTable } from './word-table.js';

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-cased text. */
  lower: string;
  /** Lower-case letters and digits only (the gazetteer's lookup form). */
  compact: string;
  start: number;
  end: number;
  /** Penn tag: NN, NNS, NNP, JJ, VB*, IN, DT, CC, CD, PUNCT for punctuation, SYM. */
  tag: string;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /** A word (it starts with a letter, a digit or a symbol from U+00C0 on), not punctuation. */
  isWord: boolean;
  /**
   * The number of the distinct word (as written, and whether at a sentence start) every token of
   * it shares, for answers the word alone decides (`WordMemo`); -1 for a token made by hand. A
   * word keeps its number for the life of the process.
   */
  word: number;
}

/** Word numbers handed out so far (the next one). */
let wordCount = 0;

/**
 * An answer about a word that the word alone decides (its head type, whether a name starts with
 * it …), worked out once per distinct word and then read by its number: a typed-array read per
 * token instead of a string lookup in a map of every word seen (whose cache misses were a tenth
 * of extraction). `compute` returns a small integer ≥ 0; a token with no number gets it worked
 * out each time. The table grows with the words numbered (4 bytes each: about 127k word numbers
 * for 100k papers).
 */
export class WordMemo {
  /** The answer + 1 per word number; 0 while not worked out. */
  private answers = new Int32Array(1024);

  constructor(private readonly compute: (token: Token) => number) {}

  of(token: Token): number {
    const id = token.word;
    if (id < 0) return this.compute(token);
    if (id >= this.answers.length) {
      const grown = new Int32Array(Math.max(id + 1, this.answers.length * 2));
      grown.set(this.answers);
      this.answers = grown;
    }
    const known = this.answers[id];
    if (known !== 0) return known - 1;
    const answer = this.compute(token);
    this.answers[id] = answer + 1;
    return answer;
  }

  /** Forgets every answer (when what they were worked out from changes). */
  clear(): void {
    this.answers.fill(0);
  }
}

// A word is a run of letters/digits, joined by inner hyphens, apostrophes, dots between digits
// or a "+" tail (C++, RefCOCO+); anything else but white space is one punctuation token. As a
// regex (the definition; tests/extract/tokenize.test.ts checks the scanner against it):
//   /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF]+(?:[-'’][A-Za-z0-9\u00C0-\u024F\u0370-\u03FF]+|\.[0-9]+)*\+*|[^\sA-Za-z0-9\u00C0-\u024F\u0370-\u03FF]/g
// tokenize reads it by character codes with one character of look-ahead, which saves the match
// array the regex allocated per token.

/** A character of the word class [A-Za-z0-9\u00C0-\u024F\u0370-\u03FF]. */
function isWordChar(c: number): boolean {
  return c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x3ff);
}

const SPACE = /\s/;
/** A character of the regex class \s (ASCII answered at once, the rest by the regex itself). */
export function isSpace(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(String.fromCharCode(c));
}

/** The end of the word starting at `start` (a word character): letters/digits, joined parts, a "+" tail. */
function wordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start + 1;
  while (i < n && isWordChar(text.charCodeAt(i))) i++;
  // "-", "'" or "’" before a letter or digit, "." before a digit (so "3.5a" is "3.5" and "a").
  while (i + 1 < n) {
    const joiner = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (joiner === 46) {
      if (!(next >= 48 && next <= 57)) break;
      i += 2;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    } else if ((joiner === 45 || joiner === 39 || joiner === 0x2019) && isWordChar(next)) {
      i += 2;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    } else break;
  }
  while (i < n && text.charCodeAt(i) === 43) i++;
  return i;
}

let lexicon: Map<string, string> | null = null;
/** Words the lexicon also knows as base-form verbs ("conduct", "exhibit"). */
let verbish: ReadonlySet<string> = new Set<string>();
/** Words the lexicon knows as common nouns among their tags ("tense"; not "medical"). */
let nounish: ReadonlySet<string> = new Set<string>();
/** Words the lexicon also knows as adjectives ("underlying"). */
let adjectivish: ReadonlySet<string> = new Set<string>();

/** natural's English lexicon as word → most frequent tag, with our fixes (loaded once, lazily; lexicon.ts). */
export function posLexicon(): Map<string, string> {
  if (lexicon) return lexicon;
  const natural = loadNaturalLexicon();
  lexicon = natural.tags;
  verbish = natural.verbish;
  nounish = natural.nounish;
  adjectivish = natural.adjectivish;
  // Words of the scientific register the newswire lexicon tags poorly.
  const fixes: Record<string, string> = {
    model: 'NN', models: 'NNS', learning: 'NN', training: 'NN', parsing: 'NN', tagging: 'NN', labeling: 'NN',
    labelling: 'NN', clustering: 'NN', ranking: 'NN', modeling: 'NN', modelling: 'NN', processing: 'NN',
    reasoning: 'NN', matching: 'NN', answering: 'NN', understanding: 'NN', filtering: 'NN', planning: 'NN',
    sampling: 'NN', decoding: 'NN', encoding: 'NN', embedding: 'NN', embeddings: 'NNS', indexing: 'NN', mining: 'NN',
    chunking: 'NN', forecasting: 'NN', captioning: 'NN', smoothing: 'NN', spotting: 'NN', linking: 'NN',
    inpainting: 'NN', denoising: 'NN', tracking: 'NN', mapping: 'NN', mosaicing: 'NN', grounding: 'NN', reranking: 'NN',
    stemming: 'NN', paraphrasing: 'NN', editing: 'NN', segmenting: 'NN', programming: 'NN', computing: 'NN', scheduling: 'NN', fine: 'JJ', data: 'NNS', present: 'VB', based: 'VBN', novel: 'JJ', deep: 'JJ',
    neural: 'JJ', semantic: 'JJ', syntactic: 'JJ', statistical: 'JJ', lexical: 'JJ', generative: 'JJ',
    discriminative: 'JJ', unsupervised: 'JJ', supervised: 'JJ', multi: 'JJ', dataset: 'NN', datasets: 'NNS',
    corpus: 'NN', corpora: 'NNS', benchmark: 'NN', benchmarks: 'NNS', framework: 'NN', frameworks: 'NNS',
    outperforms: 'VBZ', outperform: 'VBP', achieves: 'VBZ', show: 'VBP', shows: 'VBZ', use: 'VBP', uses: 'VBZ',
    propose: 'VBP', proposes: 'VBZ', introduce: 'VBP', introduces: 'VBZ', presents: 'VBZ', that: 'WDT',
    state: 'NN', art: 'NN', pre: 'JJ', trained: 'VBN', pretrained: 'JJ', 'pre-trained': 'JJ', via: 'IN',
    'state-of-the-art': 'JJ', input: 'NN', output: 'NN', set: 'NN', sets: 'NNS', can: 'MD', may: 'MD', will: 'MD',
    'fine-tuning': 'NN', 'fine-tuned': 'JJ', text: 'NN', speech: 'NN', task: 'NN', tasks: 'NNS', graph: 'NN',
    'real-world': 'JJ', large: 'JJ', 'large-scale': 'JJ', multilingual: 'JJ', cross: 'JJ', 'cross-lingual': 'JJ',
    'zero-shot': 'JJ', 'few-shot': 'JJ', 'end-to-end': 'JJ', 'k-ary': 'JJ', rather: 'RB', i: 'PRP', we: 'PRP',
  };
  for (const [w, t] of Object.entries(fixes)) lexicon.set(w, t);
  return lexicon;
}

/** Whether the lexicon (or our fixes) knows the lower-case word `lower` as a common noun. */
export function canBeNoun(lower: string): boolean {
  const tag = posLexicon().get(lower);
  return tag === 'NN' || tag === 'NNS' || nounish.has(lower);
}

interface WordInfo {
  /** The word as written (tokens share this string). */
  word: string;
  /** Its number (Token.word). */
  id: number;
  lower: string;
  compact: string;
  tag: string;
}

/*
 * Every distinct word read so far (and whether at a sentence start), found by its characters in
 * the text (word-table.ts), with what tokens take from it kept in columns by entry number: a
 * token reads a few strings and a number from arrays that stay in the CPU's cache, never a
 * WordInfo object scattered over the heap (that cost a memory round trip per token, session 8).
 */
const words = new WordTable();
const entryWord: string[] = [];
const entryLower: string[] = [];
const entryCompact: string[] = [];
const entryTag: string[] = [];
let entryId = new Int32Array(1 << 14);

/** The entry of the word text[start, end) (never empty), added with its forms and tag when new. */
function wordEntry(text: string, start: number, end: number, sentenceStart: boolean): number {
  const found = words.find(text, start, end, sentenceStart);
  if (found >= 0) return found;
  const entry = words.add(text, start, end, sentenceStart);
  const word = text.slice(start, end);
  const lower = word.toLowerCase();
  if (entry === entryId.length) {
    const ids = new Int32Array(entry * 2);
    ids.set(entryId);
    entryId = ids;
  }
  entryWord.push(word);
  entryLower.push(lower);
  entryCompact.push(/^[a-z0-9]+$/.test(lower) ? lower : lower.replace(/[^\p{L}\p{N}]+/gu, ''));
  entryTag.push(lexicalTag(word, lower, sentenceStart));
  entryId[entry] = wordCount++;
  return entry;
}

const punctuation = new Map<number, WordInfo>();

/** The one-character token of a character that is neither a word character nor space, with its tag. */
function punctuationInfo(c: number): WordInfo {
  let info = punctuation.get(c);
  if (info === undefined) {
    const word = String.fromCharCode(c);
    const tag = word === ',' ? ',' : word === '.' || word === '!' || word === '?' ? '.' : word === ';' || word === ':' ? ':' : word === '(' || word === '[' || word === '{' ? '(' : word === ')' || word === ']' || word === '}' ? ')' : 'SYM';
    info = { word, id: wordCount++, lower: word, compact: '', tag };
    punctuation.set(c, info);
  }
  return info;
}

/** The tag the word `lower` would have written in lower case, before context ("variational": JJ by its ending). */
export function lowerCaseTag(lower: string): string {
  return lexicalTag(lower, lower, false);
}

/**
 * A token's tag with capitals read as style, not as a name: a capitalised word the tagger took
 * for a name (NNP) only because it is capitalised ("A Portable Natural Language Interface":
 * titles capitalise every word; "Auxiliary tasks" at a sentence start) gets the tag of its
 * lower-case form when that form can never be a noun ("Medical", "Persuasive", and "Variational"
 * by its ending); one that can be ("Tense") stays a noun.
 */
export function tagBeyondCapitals(token: Token): string {
  if (token.tag !== 'NNP' && token.tag !== 'NNPS') return token.tag;
  const n = LOWER_CASE_TAG.of(token);
  return n === 0 ? token.tag : lowerCaseTags[n - 1];
}

/** A word capitalised as a sentence start or a title writes it: an ASCII capital first, none after ("Medical", not "BERT"). */
export function capitalisedWord(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

/** The distinct tags LOWER_CASE_TAG answers with. */
const lowerCaseTags: string[] = [];
/** Per word: 0 when its capital may make it a name, else 1 + the number of the tag its lower case has. */
const LOWER_CASE_TAG = new WordMemo((token) => {
  if (!capitalisedWord(token.text) || canBeNoun(token.lower)) return 0;
  const tag = lowerCaseTag(token.lower);
  let n = lowerCaseTags.indexOf(tag);
  if (n < 0) n = lowerCaseTags.push(tag) - 1;
  return n + 1;
});

/** The lexical tag of one word, before context. */
function lexicalTag(word: string, lower: string, sentenceStart: boolean): string {
  const lex = posLexicon();
  const direct = lex.get(word);
  // Capitalised words not at a sentence start are names unless the lexicon says otherwise.
  if (direct) return direct;
  const lowered = lex.get(lower);
  const upper = word.charCodeAt(0) >= 65 && word.charCodeAt(0) <= 90;
  if (lowered && (sentenceStart || !upper)) return lowered;
  if (upper || /[A-Z]/.test(word.slice(1))) return 'NNP';
  if (/^[0-9]/.test(word)) return /[a-z]/i.test(word) ? 'NNP' : 'CD';
  if (lowered) return lowered;
  // Hyphenated compounds take the tag of their last part ("tree-structured" → VBN → JJ).
  const dash = lower.lastIndexOf('-');
  if (dash > 0 && dash < lower.length - 1) {
    const last = lower.slice(dash + 1);
    const t = lex.get(last);
    if (t === 'VBN' || t === 'VBD' || t === 'JJ') return 'JJ';
    if (t === 'NNS') return 'NNS';
    if (t && t.startsWith('NN')) return 'NN';
    if (/(?:ed|ive|al|ic|ous|able|ible|less|ful|ary|like|free|aware|wise|specific|based)$/.test(last)) return 'JJ';
    if (/s$/.test(last) && !/ss$/.test(last)) return 'NNS';
    return 'NN';
  }
  if (/(?:ing)$/.test(lower)) return 'VBG';
  if (/(?:ed)$/.test(lower)) return 'VBN';
  if (/(?:ly)$/.test(lower)) return 'RB';
  if (/(?:ous|ive|ical|able|ible|ful|less|istic|ary|al|ic)$/.test(lower)) return 'JJ';
  if (/(?:s)$/.test(lower) && !/(?:ss|us|is)$/.test(lower)) return 'NNS';
  return 'NN';
}

const REPORTING_VERBS = new Set(['report', 'show', 'use', 'present', 'propose', 'achieve', 'obtain', 'evaluate', 'conduct', 'introduce', 'describe', 'demonstrate', 'provide', 'develop', 'compare', 'release', 'study', 'analyze', 'analyse', 'train', 'test', 'apply', 'discuss', 'design', 'build', 'learn', 'improve', 'outperform', 'reach', 'yield']);

const isNoun = (t: string): boolean => t === 'NN' || t === 'NNS' || t === 'NNP' || t === 'NNPS';

/** Tokenises and tags `text`; offsets are UTF-16 indices into it. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let sentenceStart = true;
  const n = text.length;
  for (let start = 0; start < n; ) {
    const c = text.charCodeAt(start);
    if (isSpace(c)) {
      start++;
      continue;
    }
    const end = isWordChar(c) ? wordEnd(text, start) : start + 1;
    // Symbols from U+00C0 on ("—", "≥") count as words (Token.isWord).
    const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
    if (!isWord) {
      const info = punctuationInfo(c);
      const tag = info.tag;
      tokens.push({ text: info.word, lower: info.word, compact: '', start, end, tag, sentence, isWord: false, word: info.id });
      // A full stop ends a sentence when followed by space and not inside "e.g." / "i.e." / "et al.".
      if (tag === '.' && (end >= n || isSpace(text.charCodeAt(end)))) {
        const prev = tokens.length >= 2 ? tokens[tokens.length - 2].lower : '';
        if (prev !== 'e.g' && prev !== 'i.e' && prev !== 'al' && prev !== 'vs' && prev !== 'etc' && prev !== 'fig' && prev !== 'eq' && prev.length !== 1) {
          sentence++;
          sentenceStart = true;
        }
      }
      start = end;
      continue;
    }
    const entry = wordEntry(text, start, end, sentenceStart);
    tokens.push({ text: entryWord[entry], lower: entryLower[entry], compact: entryCompact[entry], start, end, tag: entryTag[entry], sentence, isWord: true, word: entryId[entry] });
    sentenceStart = false;
    start = end;
  }
  repairTags(tokens);
  return tokens;
}

/** Contextual repairs of lexical tags (a few Brill-style rules). */
function repairTags(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Every rule repairs a noun or verb tag: the other half of the tokens (DT, IN, JJ, punctuation …) is passed at once.
    const first = t.tag.charCodeAt(0);
    if (first !== 78 && first !== 86) continue;
    const prev = i > 0 ? tokens[i - 1] : null;
    const next = i + 1 < tokens.length ? tokens[i + 1] : null;
    // After a pronoun, modal or "to", a word that can be a verb is one ("we conduct", "to exhibit");
    // so is a reporting verb after "and" ("… and report word error rate").
    if (t.tag.startsWith('NN') && prev && (prev.tag === 'PRP' || prev.tag === 'MD' || prev.tag === 'TO' || (prev.tag === 'CC' && REPORTING_VERBS.has(t.lower))) && verbish.has(t.lower)) {
      t.tag = 'VB';
      continue;
    }
    // A verb after a plural noun or a name, before an object ("methods lack principled …", "AlphaFold produce representations").
    // (The lexicon lookup comes last: the tag tests are cheaper and rule out most tokens.)
    if ((t.tag === 'NN' || t.tag === 'VB') && prev && (prev.tag === 'NNS' || prev.tag === 'NNP' || prev.tag === 'NNPS') && next && (next.tag === 'DT' || next.tag === 'JJ' || next.tag === 'NNS' || next.tag === 'PRP$' || next.tag === 'CD') && !t.lower.endsWith('s') && verbish.has(t.lower)) {
      t.tag = 'VBP';
      continue;
    }
    // A verb form right after a determiner, adjective or possessive is a noun ("the present", "a model").
    if ((t.tag === 'VB' || t.tag === 'VBP') && prev && (prev.tag === 'DT' || prev.tag === 'JJ' || prev.tag === 'PRP$' || prev.tag === 'POS')) t.tag = 'NN';
    else if (t.tag === 'VBZ' && prev && (prev.tag === 'DT' || prev.tag === 'JJ') && next && (next.tag === 'VBP' || next.tag === 'VBZ' || next.tag === 'VBD' || next.tag === 'MD' || next.tag === 'IN')) t.tag = 'NNS';
    // A participle between a determiner/adjective and a noun modifies it ("the proposed method").
    else if ((t.tag === 'VBN' || t.tag === 'VBD') && next && isNoun(next.tag) && (!prev || prev.tag === 'DT' || prev.tag === 'JJ' || prev.tag === 'PRP$' || prev.tag === 'IN' || prev.tag === ',' || prev.tag === 'CC' || isNoun(prev.tag))) t.tag = 'JJ';
    // A gerund inside a noun group is a noun ("dependency parsing", "machine learning"), and so is
    // one between a determiner or adjective and a noun ("the tracking problem").
    else if (t.tag === 'VBG' && prev && (isNoun(prev.tag) || prev.tag === 'JJ') && !(next && (next.tag === 'DT' || next.tag === 'PRP' || next.tag === 'PRP$'))) t.tag = 'NN';
    // (One the lexicon also knows as an adjective modifies the noun instead: "the underlying structure".)
    else if (t.tag === 'VBG' && next && (next.tag === 'NN' || next.tag === 'NNS') && (!prev || prev.tag === 'DT' || prev.tag === 'PRP$' || prev.tag === ',' || prev.tag === 'CC' || prev.tag === '(')) t.tag = adjectivish.has(t.lower) ? 'JJ' : 'NN';
    // A verb right after "to" stays a verb; a VB after a noun group and before a noun is a noun compound part.
    else if (t.tag === 'VB' && prev && isNoun(prev.tag) && next && isNoun(next.tag) && prev.tag !== 'TO') t.tag = 'NN';
  }
}

/** Whether a tag is a noun tag. */
export { isNoun };
