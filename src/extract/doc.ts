/**
 * One analysed text: what every extractor reads
 * ==============================================
 *
 * Tokenising, tagging, the gazetteer scan and abbreviation finding run once per text; the
 * extractors (methods, datasets, tasks, metrics, orgs) read the result and return `Found`
 * spans, which index.ts turns into keyed mentions (resolve.ts).
 */
import type { EntityType, MentionRole } from '../types.js';
import { tokenize, type Token } from './text.js';
import { compact, gazetteer, isWordToken, type GazetteerMatch } from './gazetteer.js';
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

// Words after which a hyphenated suffix still leaves the name whole ("BERT-based").
const NAME_SUFFIXES = new Set(['based', 'style', 'like', 'driven', 'powered', 'guided', 'initialized', 'enhanced', 'augmented', 'large', 'base', 'small', 'only', 'free', 'level', 'specific', 'generated', 'pretrained', 'tuned', 'inspired']);

/**
 * Character occupancy of a text: which found span covers each character. Overlap checks cost the
 * span's length, never the number of spans (a 1 MB adversarial line stays linear).
 */
export class SpanMask {
  private readonly owner: Int32Array;
  constructor(length: number) {
    this.owner = new Int32Array(length + 1).fill(-1);
  }
  /** The owner of the first covered character in [start, end), or -1. */
  clash(start: number, end: number): number {
    for (let i = start; i < end; i++) if (this.owner[i] >= 0) return this.owner[i];
    return -1;
  }
  free(start: number, end: number): boolean {
    return this.clash(start, end) < 0;
  }
  mark(start: number, end: number, id = 0): void {
    this.owner.fill(id, start, end);
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
    let m = g.matchAt(text, tokens, i);
    if (!m && isWordToken(tokens[i])) m = hyphenPrefixMatch(text, tokens, i);
    if (m) {
      names.push(m);
      nameAt.set(i, m);
      i = m.to - 1;
    }
  }
  return { text, field, tokens, names, nameAt, abbreviations: findAbbreviations(text, tokens) };
}

/** "BERT-based" → BERT: a known name cut from a hyphenated word by a known suffix. */
function hyphenPrefixMatch(text: string, tokens: readonly Token[], i: number): GazetteerMatch | null {
  const t = tokens[i];
  const dash = t.text.lastIndexOf('-');
  if (dash <= 0) return null;
  const suffix = t.lower.slice(dash + 1);
  // "SemEval-2017": a series name and an edition.
  const edition = /^\d{2,4}$/.test(suffix);
  // "Llama-3.1", "GPT-4o": a version of a known model.
  const version = /^v?\d+(?:\.\d+)*[a-z]?$/.test(suffix);
  if (!NAME_SUFFIXES.has(suffix) && !edition && !version) return null;
  const head: Token = { ...t, text: t.text.slice(0, dash), lower: t.lower.slice(0, dash), compact: compact(t.text.slice(0, dash)), end: t.start + dash };
  const m = gazetteer().matchAt(text, [head], 0);
  if (!m || (edition && !m.entry.series && !(version && m.entry.type === 'method')) || (version && !edition && m.entry.type !== 'method')) return null;
  return { ...m, from: i, to: i + 1 };
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
