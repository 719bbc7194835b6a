/**
 * Code repositories named in a paper's text: GitHub, GitLab, Bitbucket, Hugging Face and Codeberg
 * links, with or without scheme, normalised to `host/owner/name` (keys.ts normaliseRepoUrl).
 */
import type { Mention } from '../types.js';
import { normaliseRepoUrl, repoKey, trimTrailing } from '../graph/keys.js';
import { makeMention } from './mention.js';

// Linear: one bounded scheme, one host alternation, then a run of URL characters.
// PDF-extracted abstracts sometimes break a link after the host ("https://github.com/ owner/name"):
// one space is allowed after the host and after the owner when the scheme is written.
const REPO_LINK = /\b(?:https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)\/ ?[A-Za-z0-9_.-]+\/ ?|(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)\/[A-Za-z0-9_.-]+\/)[A-Za-z0-9_.-]+[^\s)\]}>"',;]*/gi;

export interface RepoMention {
  url: string;
  key: string;
  start: number;
  end: number;
  text: string;
}

/** Every repository link in `text`, in order, with character offsets of the matched link. */
export function findRepoLinks(text: string): RepoMention[] {
  const out: RepoMention[] = [];
  // Every link has a "/" after its host: most abstracts have none, and skip the scan.
  if (!text.includes('/')) return out;
  for (const m of text.matchAll(REPO_LINK)) {
    const raw = trimTrailing(m[0], '.,;:!?');
    const url = normaliseRepoUrl(raw.replace(/\/ /g, '/'));
    if (!url) continue;
    out.push({ url, key: repoKey(url), start: m.index, end: m.index + raw.length, text: raw });
  }
  return out;
}

/** `has_code` mentions for one paper's abstract. */
export function repoMentions(paperId: string, abstract: string): Mention[] {
  return findRepoLinks(abstract).map((link) => makeMention(paperId, link.key, 'repo', 'has_code', link.start, link.end, link.text, 'abstract', 'repo-url', 1));
}
