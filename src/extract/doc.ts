/**
 * One analysed text: what every extractor reads
 * ==============================================
 *
 * Tokenising, tagging, the gazetteer scan and abbreviation finding run once per text; the
 * extractors (methods, datasets, tasks, metrics, orgs) read the result and return `Found`
 * spans, which index.ts turns into keyed mentions (resolve.ts).
 */
import type { EntityType, MentionRole } from '../types.js';
import { tokenize, WordMemo, type Token } from './text.js';
import { compact, gazetteer, isWordToken, type GazetteerEntry, type GazetteerMatch } from './gazetteer.js';
import { findAbbreviations, type Abbreviation } from './abbrev.js';

export interface Doc {
  text: string;
  field: 'abstract' | 'title';
  tokens: Token[];
  /** Gazetteer matches, longest first at each position, non-overlapping, in text order. */
  names: GazetteerMatch[];
  /** The gazetteer match starting at a token index. */
  nameAt: Map<number, GazetteerMatch>;
  abbreviations: Abbreviation[];
}

/** An extracted span before it gets its entity key. */
export interface Found {
  type: EntityType;
  role: MentionRole;
  start: number;
  end: number;
  rule: string;
  confidence: number;
  /** Gazetteer key when the name is a known entity. */
  key?: string;
  /** The name to key on when it differs from the span text (an acronym's long form keys on the acronym). */
  name?: string;
  /** The long form when the span is an acronym defined in the text, or vice versa. */
  alias?: string;
  /** For a variant ("ImageNet 64×64"): the parent's key; the span's name is the variant's label. */
  variantOf?: string;
  value?: string;
  dataset?: string;
  setting?: string;
}

/** What a found span may carry besides its place, rule and confidence. */
export type FoundDetails = Pick<Found, 'key' | 'name' | 'alias' | 'variantOf' | 'value' | 'dataset' | 'setting'>;

/**
 * A found span with every field present, undefined when unset. Spans made as object literals
 * with only the fields each rule sets came in a dozen shapes, and every pass over them (choosing
 * one span per region, keys, mentions) read their fields through megamorphic lookups.
 */
export function found(type: EntityType, role: MentionRole, start: number, end: number, rule: string, confidence: number, details?: FoundDetails): Found {
  return {
    type,
    role,
    start,
    end,
    rule,
    confidence,
    key: details?.key,
    name: details?.name,
    alias: details?.alias,
    variantOf: details?.variantOf,
    value: details?.value,
    dataset: details?.dataset,
    setting: details?.setting,
  };
}

// Words after which a hyphenated suffix still leaves the name whole ("BERT-based").
const NAME_SUFFIXES = new Set(['based', 'style', 'like', 'driven', 'powered', 'guided', 'initialized', 'enhanced', 'augmented', 'large', 'base', 'small', 'only', 'free', 'level', 'specific', 'generated', 'pretrained', 'tuned', 'inspired']);

/**
 * Character occupancy of a text: which found span covers each character. Overlap checks cost the
 * span's length, never the number of spans (a 1 MB adversarial line stays linear).
 *
 * One mask serves text after text: `reset` starts a new text by bumping a generation number
 * instead of allocating and filling a fresh array (four masks a text: a few per cent of
 * extraction time in the profile). A character is covered when its stamp is the current generation.
 */
export class SpanMask {
  private owner = new Int32Array(0);
  private stamp = new Int32Array(0);
  private generation = 0;
  /** One past the last character of the current text (the original length + 1). */
  private limit = 0;

  constructor(length = 0) {
    this.reset(length);
  }

  /** Clears the mask for a text of `length` characters. */
  reset(length: number): this {
    this.limit = length + 1;
    if (this.stamp.length < this.limit) {
      const size = Math.max(this.limit, this.stamp.length * 2);
      this.owner = new Int32Array(size);
      this.stamp = new Int32Array(size);
      this.generation = 0;
    } else if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    this.generation++;
    return this;
  }

  /** The owner of the first covered character in [start, end), or -1. */
  clash(start: number, end: number): number {
    const stop = Math.min(end, this.limit);
    for (let i = Math.max(start, 0); i < stop; i++) if (this.stamp[i] === this.generation) return this.owner[i];
    return -1;
  }
  free(start: number, end: number): boolean {
    return this.clash(start, end) < 0;
  }
  mark(start: number, end: number, id = 0): void {
    const stop = Math.min(end, this.limit);
    for (let i = Math.max(start, 0); i < stop; i++) {
      this.stamp[i] = this.generation;
      this.owner[i] = id;
    }
  }
}

/** Texts longer than this are analysed up to here: abstracts and titles are far shorter. */
export const MAX_TEXT = 100_000;

export function analyse(fullText: string, field: 'abstract' | 'title' = 'abstract'): Doc {
  const text = fullText.length > MAX_TEXT ? fullText.slice(0, MAX_TEXT) : fullText;
  const tokens = tokenize(text);
  const g = gazetteer();
  const names: GazetteerMatch[] = [];
  const nameAt = new Map<number, GazetteerMatch>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isWordToken(t)) continue;
    // Most words start no name: one read of a per-word answer says so before any matching.
    let m = g.startsName(t) ? g.matchAt(text, tokens, i) : null;
    if (!m) m = hyphenPrefixMatch(tokens, i);
    if (m) {
      names.push(m);
      nameAt.set(i, m);
      i = m.to - 1;
    }
  }
  return { text, field, tokens, names, nameAt, abbreviations: findAbbreviations(text, tokens) };
}

/** "BERT-based" → BERT: a known name cut from a hyphenated word by a known suffix. */
function hyphenPrefixMatch(tokens: readonly Token[], i: number): GazetteerMatch | null {
  const t = tokens[i];
  const n = HYPHEN_PREFIX.of(t);
  if (n === 0) return null;
  const prefix = hyphenPrefixes[n - 1];
  return { entry: prefix.entry, from: i, to: i + 1, start: t.start, end: t.start + prefix.length };
}

/** The distinct answers of hyphenPrefixEntry, numbered for HYPHEN_PREFIX. */
const hyphenPrefixes: Array<{ entry: GazetteerEntry; length: number }> = [];
/** Per word: 1 + the number of its known-name prefix in hyphenPrefixes, or 0 when it has none. */
const HYPHEN_PREFIX = new WordMemo((t) => {
  // A word of letters and digits only has its compact form equal to its lower case: no hyphen.
  if (t.compact === t.lower) return 0;
  const prefix = hyphenPrefixEntry(t.text);
  if (!prefix) return 0;
  let n = hyphenPrefixes.findIndex((p) => p.entry === prefix.entry && p.length === prefix.length);
  if (n < 0) n = hyphenPrefixes.push(prefix) - 1;
  return n + 1;
});

/** The known name a hyphenated word opens with, and its length (HYPHEN_PREFIX keeps it per word). */
function hyphenPrefixEntry(word: string): { entry: GazetteerEntry; length: number } | null {
  const dash = word.lastIndexOf('-');
  return dash > 0 ? hyphenPrefixUncached(word, dash) : null;
}

function hyphenPrefixUncached(word: string, dash: number): { entry: GazetteerEntry; length: number } | null {
  const lower = word.toLowerCase();
  const suffix = lower.slice(dash + 1);
  // "SemEval-2017": a series name and an edition.
  const edition = /^\d{2,4}$/.test(suffix);
  // "Llama-3.1", "GPT-4o": a version of a known model.
  const version = /^v?\d+(?:\.\d+)*[a-z]?$/.test(suffix);
  if (!NAME_SUFFIXES.has(suffix) && !edition && !version) return null;
  const headText = word.slice(0, dash);
  // The head as a token of its own at offset 0 of its own text (a token's text has no spaces).
  const head: Token = { text: headText, lower: lower.slice(0, dash), compact: compact(headText), start: 0, end: dash, tag: '', sentence: 0, isWord: true, word: -1 };
  const m = gazetteer().matchAt(headText, [head], 0);
  if (!m || (edition && !m.entry.series && !(version && m.entry.type === 'method')) || (version && !edition && m.entry.type !== 'method')) return null;
  return { entry: m.entry, length: dash };
}

const nameLikeCache = new Map<string, boolean>();

/** A name-like token: two capitals ("SEATER", "CETNet", "GZS-TV"), or letters with digits ("ESM-1b"). */
export function isNameLike(word: string): boolean {
  const c = word.charCodeAt(0);
  // Lower-case words without capitals and digits are never names: the common case, answered at once.
  if (c >= 97 && c <= 122 && !/[A-Z0-9]/.test(word)) return false;
  let v = nameLikeCache.get(word);
  if (v === undefined) {
    v = nameLikeUncached(word);
    if (nameLikeCache.size > 100_000) nameLikeCache.clear();
    nameLikeCache.set(word, v);
  }
  return v;
}

function nameLikeUncached(word: string): boolean {
  // "Task-to-Task", "Short-Video": title-cased hyphenated words are not names ("U-Fold", "GZS-TV" are).
  if (word.includes('-') && word.split('-').every((p) => p.length >= 3 && /^[A-Z]?[a-z]+$/.test(p)) && !/[0-9]/.test(word)) return false;
  let capitals = 0;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 65 && c <= 90) capitals++;
  }
  if (capitals >= 2 && /^[A-Z]|^[a-z]+[A-Z]/.test(word)) return true;
  return capitals >= 1 && /^[A-Z]/.test(word) && /[0-9]/.test(word) && /[a-z]/i.test(word);
}
