/**
 * biblio — helpers shared by the bibliographic and citation formats
 * =================================================================
 *
 * BibTeX, RIS, CSL-JSON, OpenAlex, Semantic Scholar, GROBID TEI, JATS, S2ORC, unarXive, ACL XML,
 * AAN and edge lists all end in the same few shapes: a PaperRecord, a ReferenceRecord, a set of
 * normalised PaperIds. Building them in one place keeps every format normalising ids the same
 * way (keys.ts), so the resolver can merge a BibTeX entry with an OpenAlex work by DOI or an AAN
 * pair with an ACL XML paper by ACL id without knowing where either came from.
 */
import type { PaperIds, PaperRecord, ReferenceRecord, Reject, SourceRef } from '../types.js';
import {
  aclIdFromDoi,
  arxivIdFromDoi,
  normaliseAclId,
  normaliseArxivId,
  normaliseDoi,
  normaliseOpenAlexId,
  normaliseS2Id,
} from '../graph/keys.js';
import { excerpt } from '../errors.js';
import { monthNumber } from './text.js';
import { tryJsonParse } from './json-positions.js';

/* ------------------------------------------------------------------------ records -- */

/** A PaperRecord with every required field defaulted; `fields` states what the source said. */
export function newRecord(source: SourceRef, fields: Partial<Omit<PaperRecord, 'source'>>): PaperRecord {
  return {
    source,
    ids: fields.ids ?? {},
    title: fields.title ?? null,
    abstract: fields.abstract ?? null,
    authors: fields.authors ?? [],
    authorsTruncated: fields.authorsTruncated ?? false,
    date: fields.date ?? null,
    categories: fields.categories ?? [],
    codeUrls: fields.codeUrls ?? [],
    orgs: fields.orgs ?? [],
    ...stripUndefined(fields),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A reject with a short one-line excerpt. */
export function reject(line: number, reason: string, text?: string): Reject {
  return text === undefined || text.trim() === '' ? { line, reason } : { line, reason, excerpt: excerpt(text, 120) };
}

/** True when a reference says anything a resolver could use. */
export function usefulReference(ref: ReferenceRecord): boolean {
  return hasIds(ref.ids) || !!ref.title || !!ref.raw;
}

export function hasIds(ids: PaperIds): boolean {
  return !!(ids.arxiv || ids.doi || ids.acl || ids.openalex || ids.s2 || ids.pmid || ids.pmcid);
}

/* ---------------------------------------------------------------------------- ids -- */

/**
 * Ids are short; a longer string is not one. The guard also keeps hostile input away from the
 * trailing-punctuation regexes of the normalisers, which are quadratic on very long runs.
 */
function short(raw: unknown, max = 400): raw is string {
  return typeof raw === 'string' && raw.length <= max;
}

/**
 * Adds a DOI to `ids`, normalised; an ACL Anthology DOI also gives the ACL id and an arXiv DOI
 * the arXiv id, because other sources name the same papers by those ids.
 */
export function addDoi(ids: PaperIds, raw: unknown): void {
  if (!short(raw)) return;
  const doi = normaliseDoi(raw);
  if (!doi) return;
  ids.doi ??= doi;
  const acl = aclIdFromDoi(doi);
  if (acl) ids.acl ??= acl;
  const arxiv = arxivIdFromDoi(doi);
  if (arxiv) ids.arxiv ??= arxiv;
}

export function addArxiv(ids: PaperIds, raw: unknown): void {
  if (!short(raw)) return;
  const id = normaliseArxivId(raw.replace(/^abs\//i, ''));
  if (id) ids.arxiv ??= id;
}

export function addAcl(ids: PaperIds, raw: unknown): void {
  if (!short(raw)) return;
  const id = normaliseAclId(raw);
  if (id) ids.acl ??= id;
}

export function addOpenAlex(ids: PaperIds, raw: unknown): void {
  if (!short(raw)) return;
  const id = normaliseOpenAlexId(raw);
  if (id) ids.openalex ??= id;
}

export function addS2(ids: PaperIds, raw: unknown): void {
  if (!short(raw)) return;
  const id = normaliseS2Id(raw);
  if (id) ids.s2 ??= id;
}

export function addPmid(ids: PaperIds, raw: unknown): void {
  const t = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  const m = /^(?:https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/|pmid:\s*)?(\d{1,9})\/?$/i.exec(t.trim());
  if (m) ids.pmid ??= m[1];
}

export function addPmcid(ids: PaperIds, raw: unknown): void {
  const t = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  const m = /(?:^|\/)(?:PMC)?(\d{1,9})\/?$/i.exec(t.trim());
  if (m && t.trim() !== '') ids.pmcid ??= `PMC${m[1]}`;
}

/**
 * Reads whatever ids a URL names: doi.org, arxiv.org, aclanthology.org, openalex.org,
 * semanticscholar.org, pubmed. Unknown URLs add nothing.
 */
export function addFromUrl(ids: PaperIds, raw: unknown): void {
  if (!short(raw, 2000)) return;
  const url = raw.trim();
  if (/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i.test(url)) addDoi(ids, url);
  else if (/arxiv\.org\/(?:abs|pdf)\//i.test(url)) addArxiv(ids, url.replace(/^.*arxiv\.org\/(?:abs|pdf)\//i, ''));
  else if (/(?:aclanthology\.org|aclweb\.org\/anthology)/i.test(url)) addAcl(ids, url);
  else if (/openalex\.org\//i.test(url)) addOpenAlex(ids, url);
  else if (/semanticscholar\.org\/(?:graph\/v1\/)?paper\//i.test(url)) addS2(ids, url);
  else if (/pubmed|ncbi\.nlm\.nih\.gov\/pubmed/i.test(url)) addPmid(ids, url);
}

/** The kinds of id a `paper:<kind>:<value>` key can carry. */
const KEY_KINDS: Record<string, (ids: PaperIds, v: string) => void> = {
  arxiv: addArxiv,
  doi: addDoi,
  acl: addAcl,
  openalex: addOpenAlex,
  s2: addS2,
  pmid: addPmid,
};

/**
 * Reads one paper id written in any common form: a litgraph key (`paper:arxiv:2310.14189`), a
 * prefixed id (`arXiv:…`, `doi:…`, `acl:…`, `pmid:…`), a URL, or a bare arXiv id, DOI, ACL id,
 * OpenAlex W-id or S2 sha. Returns the ids, or a reason when the value names no paper.
 */
export function parseAnyPaperId(raw: string): { ids: PaperIds } | { reason: string } {
  const value = raw.trim().replace(/^["']|["']$/g, '');
  if (value === '') return { reason: 'empty id' };
  const ids: PaperIds = {};
  const key = /^paper:([a-z0-9]+):(.+)$/i.exec(value);
  if (key) {
    const kind = key[1].toLowerCase();
    if (kind === 'h') return { reason: `hash key "${value}" names no external id` };
    const add = KEY_KINDS[kind];
    if (!add) return { reason: `unknown paper key kind "${kind}"` };
    add(ids, key[2]);
    return hasIds(ids) ? { ids } : { reason: `malformed ${kind} id in "${value}"` };
  }
  const prefixed = /^(arxiv|doi|acl|openalex|s2|pmid|pmcid)\s*:\s*(.+)$/i.exec(value);
  if (prefixed) {
    const kind = prefixed[1].toLowerCase();
    if (kind === 'pmcid') addPmcid(ids, prefixed[2]);
    else KEY_KINDS[kind](ids, kind === 'arxiv' ? value : prefixed[2]);
    return hasIds(ids) ? { ids } : { reason: `malformed ${kind} id "${value}"` };
  }
  if (/^https?:\/\//i.test(value)) {
    addFromUrl(ids, value);
    return hasIds(ids) ? { ids } : { reason: `URL names no known paper id: "${value}"` };
  }
  addDoi(ids, value);
  if (!ids.doi) addArxiv(ids, value);
  if (!hasIds(ids)) addAcl(ids, value);
  if (!hasIds(ids)) addOpenAlex(ids, value);
  if (!hasIds(ids)) addS2(ids, value);
  return hasIds(ids) ? { ids } : { reason: `not a recognised paper id: "${value}"` };
}

/* ------------------------------------------------------------------ names and text -- */

/** Collapses whitespace, trims, composes accents (NFC); empty → null. */
export function clean(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  let t = String(text);
  // A dotless i or j carrying an accent is how TeX's \'{\i} decodes; it means í.
  if (t.indexOf('ı') !== -1 || t.indexOf('ȷ') !== -1) t = t.replace(/ı(?=[\u0300-\u036f])/g, 'i').replace(/ȷ(?=[\u0300-\u036f])/g, 'j');
  t = t.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** "Given Family" from parts, skipping empty ones; null when nothing is left. */
export function joinName(...parts: (string | null | undefined)[]): string | null {
  return clean(parts.filter((p) => typeof p === 'string' && p.trim() !== '').join(' '));
}

/** "Family, Given" → "Given Family"; anything without a comma is kept as written. */
export function invertName(name: string): string | null {
  const i = name.indexOf(',');
  if (i === -1) return clean(name);
  const family = name.slice(0, i);
  const rest = name.slice(i + 1).split(',');
  // "Family, Jr., Given" (BibTeX/RIS order) → "Given Family Jr."
  if (rest.length >= 2) return joinName(rest.slice(1).join(' '), family, rest[0]);
  return joinName(rest[0], family);
}

/** "et al." / "others" as an author marks a cut-short list rather than a person. */
export function isEtAl(name: string): boolean {
  return /^(?:et\.?\s*al\.?|others|and others)$/i.test(name.trim());
}

/** Distinct, non-empty strings in first-seen order. */
export function uniq(values: (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!v || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/* -------------------------------------------------------------------------- dates -- */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A plausible publication year (1000–2999) from a number or string, else null. */
export function toYear(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v >= 1000 && v <= 2999 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /(?:^|\D)([12]\d{3})(?!\d)/.exec(v);
  return m ? Number(m[1]) : null;
}

/** Month number from 1–12, "03", "Mar", "March"; else undefined. */
export function toMonth(v: unknown): number | undefined {
  if (typeof v === 'number') return v >= 1 && v <= 12 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  return /^[A-Za-z]{3}/.test(t) ? monthNumber(t) : undefined;
}

/** ISO partial date "YYYY", "YYYY-MM" or "YYYY-MM-DD" from parts; null without a year. */
export function isoDate(year: unknown, month?: unknown, day?: unknown): string | null {
  const y = toYear(year);
  if (y === null) return null;
  const m = toMonth(month);
  if (m === undefined) return String(y);
  const d = typeof day === 'number' ? day : typeof day === 'string' && /^\d{1,2}$/.test(day.trim()) ? Number(day) : undefined;
  return d !== undefined && d >= 1 && d <= 31 ? `${y}-${pad2(m)}-${pad2(d)}` : `${y}-${pad2(m)}`;
}

/** Reads "2019-05-03", "2019/05/03/", "2019-05", "2019", "2019-05-03T10:00:00Z" as ISO; else null. */
export function isoFromDateString(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*([12]\d{3})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/.exec(v);
  return m ? isoDate(m[1], m[2], m[3]) : null;
}

/* --------------------------------------------------------------------------- JSON -- */

export type Json = unknown;
export type Obj = Record<string, Json>;

export function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: Json): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export function arr(v: Json): Json[] {
  return Array.isArray(v) ? v : [];
}

/** The non-blank lines of a JSON-lines text with their 1-based line numbers. */
export function jsonLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let start = 0;
  let n = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const t = text.slice(start, end);
    if (t.trim() !== '') out.push({ line: n, text: t });
    n++;
    start = end + 1;
  }
  return out;
}

/**
 * Parses each line of a JSON-lines file and hands the value and its line to `each`; a line that is
 * not JSON becomes a reject. Shared by every JSON format that also comes as JSON lines.
 */
export function forEachJsonLine(text: string, rejects: Reject[], each: (value: Json, line: number) => void): void {
  for (const { line, text: t } of jsonLines(text)) {
    const p = tryJsonParse(t);
    if (p.ok) each(p.value, line);
    else rejects.push(reject(line, `invalid JSON: ${p.error}`, t));
  }
}

/**
 * True when a JSON text holds more than one top-level value on separate lines (JSON lines):
 * its first non-blank line is a complete JSON value on its own and another line follows.
 */
export function looksLikeJsonLines(text: string): boolean {
  const lines = jsonLines(text.length > 1_000_000 ? text.slice(0, 1_000_000) : text);
  if (lines.length < 2) return false;
  const first = lines[0].text.trim();
  if (!first.startsWith('{') || !first.endsWith('}')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}
