/**
 * Abbreviation definitions: "long form (ACRONYM)"
 * ===============================================
 *
 * Finds a parenthesised short form after a phrase and the long form it abbreviates, with the
 * algorithm of Schwartz & Hearst (2003, "A simple algorithm for identifying abbreviation
 * definitions in biomedical text"): match the short form's characters right to left against
 * the candidate words, the first character at a word start. "Collaborative Ensemble Training
 * Network (CETNet)", "a syntax-infused variational autoencoder (SIVAE)", "Graph neural
 * networks (GNNs)". The long form and the acronym become one entity with both as aliases.
 */
import type { Token } from './text.js';
import { isWordToken } from './gazetteer.js';

export interface Abbreviation {
  /** Token index of the short form (inside the parentheses). */
  short: number;
  shortText: string;
  /** Token range [from, to) of the long form. */
  from: number;
  to: number;
  longText: string;
  /** Character span of "long (SHORT)". */
  start: number;
  end: number;
}

const STOP_FIRST = new Set(['the', 'a', 'an', 'of', 'for', 'and', 'or', 'in', 'on', 'to', 'we', 'our', 'this', 'that', 'with', 'by', 'is', 'are', 'as', 'from', 'its', 'their', 'which']);

/** Whether a token can be a short form: 2–12 characters, starting with a letter, with a capital. */
function isShortForm(text: string): boolean {
  if (text.length < 2 || text.length > 15) return false;
  if (!/^[A-Za-z]/.test(text)) return false;
  return /[A-Z]/.test(text);
}

/** Schwartz–Hearst: the start index (in `long`) of the best long form for `short`, or -1. */
export function longFormStart(short: string, long: string): number {
  let s = short.length - 1;
  let l = long.length - 1;
  const alnum = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);
  while (s >= 0) {
    const c = short[s].toLowerCase();
    if (!alnum(c)) {
      s--;
      continue;
    }
    while ((l >= 0 && long[l].toLowerCase() !== c) || (s === 0 && l > 0 && alnum(long[l - 1]))) l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return long.lastIndexOf(' ', l) + 1;
}

/** Every abbreviation definition in a tokenised text. */
export function findAbbreviations(text: string, tokens: readonly Token[]): Abbreviation[] {
  const out: Abbreviation[] = [];
  for (let i = 1; i + 2 < tokens.length; i++) {
    // The flag first: a word is never "(", and its text need not be read.
    if (tokens[i].isWord || tokens[i].text !== '(' || tokens[i + 2].isWord || tokens[i + 2].text !== ')') continue;
    const shortTok = tokens[i + 1];
    if (!isWordToken(shortTok) || !isShortForm(shortTok.text)) continue;
    // The acronym without a plural "s" ("GNNs" → "GNN").
    const bare = /[A-Z]s$/.test(shortTok.text) ? shortTok.text.slice(0, -1) : shortTok.text;
    const letters = bare.replace(/[^A-Za-z0-9]/g, '').length;
    const maxWords = Math.min(letters + 5, letters * 2);
    // Candidate long form: up to maxWords word tokens before "(", same sentence, no punctuation but hyphens.
    let k = i - 1;
    let words = 0;
    while (k >= 0 && tokens[k].sentence === tokens[i].sentence && words < maxWords) {
      const t = tokens[k];
      if (isWordToken(t)) words++;
      else if (t.text !== '-' && t.text !== '/') break;
      k--;
    }
    const firstIdx = k + 1;
    if (firstIdx >= i) continue;
    const candStart = tokens[firstIdx].start;
    const candidate = text.slice(candStart, tokens[i - 1].end);
    const at = longFormStart(bare, candidate);
    if (at < 0) continue;
    const longStart = candStart + at;
    let from = firstIdx;
    while (from < i && tokens[from].end <= longStart) from++;
    // Drop leading function words the matcher may have crossed.
    while (from < i - 1 && STOP_FIRST.has(tokens[from].lower)) from++;
    if (from >= i) continue;
    const longText = text.slice(tokens[from].start, tokens[i - 1].end);
    // A long form must be longer than its short form and not the short form itself.
    if (longText.replace(/[^A-Za-z]/g, '').length <= bare.length) continue;
    out.push({ short: i + 1, shortText: shortTok.text, from, to: i, longText, start: tokens[from].start, end: tokens[i + 2].end });
  }
  return out;
}
