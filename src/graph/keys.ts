/**
 * Stable ids and the normalisers behind them (DESIGN.md "Stable ids"). Every output shares these
 * keys, so they depend only on what a record says, never on input order.
 *
 *   paper:arxiv:2310.14189   paper:doi:10.1145/…   paper:acl:2020.acl-main.207
 *   paper:openalex:W…        paper:s2:<sha>        paper:h:<hash of normalised title or abstract>
 *   author:<normalised name> repo:github.com/owner/name   venue:cikm-2023   dataset:cifar-10 …
 */
import { createHash } from 'node:crypto';
import type { PaperIds } from '../types.js';

/**
 * Removes trailing characters in `chars`. A loop rather than /[…]+$/: that regex retries at every
 * position of a long punctuation run that is not at the end, which is quadratic.
 */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** arXiv id without version or prefix: "arXiv:2310.14189v2" → "2310.14189", "cs/0112017v1" → "cs/0112017". */
export function normaliseArxivId(raw: string): string | null {
  const t = raw.trim().replace(/^(?:https?:\/\/)?(?:www\.)?arxiv\.org\/(?:abs|pdf)\//i, '').replace(/^arxiv:\s*/i, '').replace(/\.pdf$/i, '');
  let m = /^(\d{4}\.\d{4,5})(?:v\d+)?$/.exec(t);
  if (m) return m[1];
  m = /^([a-z][a-z.-]*\/\d{7})(?:v\d+)?$/i.exec(t);
  if (m) return m[1].toLowerCase();
  return null;
}

/** DOI lower-cased without resolver prefix or trailing punctuation: "https://doi.org/10.1145/X." → "10.1145/x". */
export function normaliseDoi(raw: string): string | null {
  const bare = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  const t = trimTrailing(bare, `.,;:)]}>'"`);
  return /^10\.\d{4,9}\/\S+$/.test(t) ? t.toLowerCase() : null;
}

/**
 * A code-host URL as `host/owner/name`, lower-cased, without scheme, `www.`, `.git`, trailing
 * punctuation or deeper path ("https://github.com/HKUDS/LLMRec.git" → "github.com/hkuds/llmrec").
 * Returns null for anything that is not an owner/name repository link.
 */
export function normaliseRepoUrl(raw: string): string | null {
  const t = trimTrailing(raw.trim(), `.,;:!?)]}>'"\``);
  const m = /^(?:https?:\/\/)?(?:www\.)?(github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)/i.exec(t);
  if (!m) return null;
  const owner = m[2].toLowerCase();
  const name = trimTrailing(m[3].toLowerCase().replace(/\.git$/, ''), '.');
  if (!owner || !name) return null;
  // github.com/features/…, github.com/orgs/… and similar are site pages, not repositories.
  if (m[1].toLowerCase() === 'github.com' && ['features', 'orgs', 'topics', 'settings', 'marketplace', 'sponsors'].includes(owner)) return null;
  return `${m[1].toLowerCase()}/${owner}/${name}`;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Folds accents, case and punctuation: the comparison form of titles and names. */
export function foldText(text: string): string {
  // ASCII has no accents to fold, and its letters and digits are [a-z0-9] once lower-cased: the
  // same result without the Unicode normalisation and property classes (most names and titles).
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldUnicode(text);
}

/** foldText by its definition, for any text. */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name or phrase as an id slug: "CIFAR 10" → "cifar-10", "Yu Cheng" → "yu-cheng". */
export function slug(text: string): string {
  // Folded text separates its words by single spaces.
  return foldText(text).replaceAll(' ', '-');
}

/**
 * `parts` joined into one flat string, for strings the graph keeps: node and edge keys, evidence.
 * V8 makes a template literal or `+` whose result has 13 characters or more into a cons string,
 * a rope of its parts. A rope kept to the end of the build is several heap objects for every
 * garbage collection to trace, and is flattened (copied) the first time it is hashed, compared or
 * written. `Array.prototype.join` allocates the flat string at once. At 100k papers (1.3M edges)
 * this took serialising graph.json's edges from 6.2 to 4.8 s (mean of 7 alternating builds;
 * bench/flat-strings.ts for the strings alone).
 */
export function joined(...parts: ReadonlyArray<string | number>): string {
  return parts.join('');
}

export function shortHash(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The paper id for a set of identifiers, by priority: arXiv, DOI, ACL, OpenAlex, S2. */
export function paperKeyFromIds(ids: PaperIds): string | null {
  if (ids.arxiv) return joined('paper:arxiv:', ids.arxiv);
  if (ids.doi) return joined('paper:doi:', ids.doi);
  if (ids.acl) return joined('paper:acl:', ids.acl);
  if (ids.openalex) return joined('paper:openalex:', ids.openalex);
  if (ids.s2) return joined('paper:s2:', ids.s2);
  if (ids.pmid) return joined('paper:pmid:', ids.pmid);
  if (ids.pmcid) return joined('paper:pmc:', ids.pmcid);
  return null;
}

/** The fallback paper id: a hash of the normalised title, or of the abstract when untitled. */
export function paperKeyFromText(title: string | null, abstract: string | null): string {
  const basis = title ? `t:${foldText(title)}` : `a:${foldText(abstract ?? '')}`;
  return joined('paper:h:', shortHash(basis));
}

export const authorKey = (name: string): string => joined('author:', slug(name));
export const repoKey = (normalisedUrl: string): string => joined('repo:', normalisedUrl);
export const venueKey = (venue: string): string => joined('venue:', slug(venue));
export const categoryKey = (code: string): string => joined('category:', code.trim());
export const orgKey = (name: string): string => joined('org:', slug(name));
export const threadKey = (n: number | string): string => `thread:${n}`;

/* ------------------------------------------------- bibliographic ids (issue 3, additive) -- */

/**
 * ACL Anthology id in its canonical case: old style "P19-1001" (letter upper-cased, AAN suffixes
 * like "J79-1032f" kept), new style "2020.acl-main.207" (lower-cased). Accepts Anthology URLs
 * ("https://aclanthology.org/P19-1001.pdf", "https://www.aclweb.org/anthology/2020.acl-main.207/")
 * and ACL DOIs ("10.18653/v1/P19-1001"). Returns null for anything else.
 */
export function normaliseAclId(raw: string): string | null {
  const t = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?(?:aclanthology\.org|aclweb\.org\/anthology(?:-new)?)\/(?:[A-Za-z]\/[A-Za-z]\d{2}\/)?/i, '')
    .replace(/^(?:https?:\/\/)?(?:dx\.)?(?:doi\.org\/)?10\.18653\/v1\//i, '')
    .replace(/\.pdf$/i, '')
    .replace(/\/+$/, '');
  let m = /^([A-Za-z])(\d{2})-(\d{4})([a-z]?)$/.exec(t);
  if (m) return `${m[1].toUpperCase()}${m[2]}-${m[3]}${m[4]}`;
  m = /^(\d{4})\.([A-Za-z0-9]+)-([A-Za-z0-9]+)\.(\d+)$/.exec(t);
  if (m) return `${m[1]}.${m[2].toLowerCase()}-${m[3].toLowerCase()}.${Number(m[4])}`;
  return null;
}

/** The ACL id an ACL Anthology DOI names ("10.18653/v1/2020.acl-main.207" → "2020.acl-main.207"), else null. */
export function aclIdFromDoi(doi: string): string | null {
  const m = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.18653\/v1\/(.+)$/i.exec(doi.trim());
  return m ? normaliseAclId(m[1]) : null;
}

/** The arXiv id an arXiv DOI names ("10.48550/arXiv.2310.14189" → "2310.14189"), else null. */
export function arxivIdFromDoi(doi: string): string | null {
  const m = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i.exec(doi.trim());
  return m ? normaliseArxivId(m[1]) : null;
}

/** OpenAlex work id "W…" from "https://openalex.org/W2741809807", "openalex:W27…" or "w27…"; else null. */
export function normaliseOpenAlexId(raw: string): string | null {
  const t = raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:api\.)?(?:openalex\.org|semopenalex\.org)\/(?:works\/|work\/)?/i, '')
    .replace(/^openalex:\s*/i, '');
  const m = /^[Ww](\d{1,12})$/.exec(t);
  return m ? `W${m[1]}` : null;
}

/** Semantic Scholar paper id: the 40-hex sha, lower-cased, also out of a semanticscholar.org URL; else null. */
export function normaliseS2Id(raw: string): string | null {
  const t = raw.trim().replace(/^(?:https?:\/\/)?(?:www\.|api\.)?semanticscholar\.org\/(?:graph\/v1\/)?paper\/(?:[^/]*\/)?/i, '');
  return /^[0-9a-fA-F]{40}$/.test(t) ? t.toLowerCase() : null;
}
