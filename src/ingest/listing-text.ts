/**
 * Small text helpers shared by the structured listing parsers (arxiv-digest, arxiv-abs-md)
 * ======================================================================================
 *
 * Each is linear on any input. Trailing-character trims are loops, not `/[…]+$/` regexes: a
 * regex of that shape rescans the whole run from every start position, so a hostile line of
 * 100,000 commas followed by one letter would take quadratic time.
 */
import { normaliseRepoUrl } from '../graph/keys.js';

/** Longest URL considered; real links are far shorter. */
const MAX_URL = 2048;

/** `text` without trailing characters from `chars`. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Code-repository URLs stated in a metadata field (a Comments line), in order, without
 * duplicates or trailing punctuation: "Code: https://github.com/o/n." → ["https://github.com/o/n"].
 */
export function repoUrlsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[^\s<>()[\]]+/g)) {
    if (m[0].length > MAX_URL) continue;
    const url = trimEndChars(m[0], `.,;:!?'"\`*}`);
    if (!seen.has(url) && normaliseRepoUrl(url)) seen.add(url);
  }
  return [...seen];
}
