/**
 * s2-json — Semantic Scholar Academic Graph API responses
 * =======================================================
 *
 * Shapes read:
 *   a paper            {"paperId": …, "externalIds": {"DOI", "ArXiv", "ACL", "PubMed", …}, "title", "abstract",
 *                       "year", "publicationDate", "venue", "authors": [{"name"}], "references": […], "citations": […]}
 *   a batch            [paper | null, …]                         (POST /paper/batch; null = id not found)
 *   a search / bulk    {"total": n, "offset"?, "next"?, "data": [paper, …]}
 *   references/citations of one paper   {"data": [{"citedPaper": paper} | {"citingPaper": paper}, …]}
 *   an author          {"authorId": …, "papers": [paper, …]}
 *   JSON lines of papers (dataset dumps).
 *
 * `references` become ReferenceRecords and `citations` become citedBy, each with its S2 id and
 * external ids. References without a paperId (S2 could not link them) are kept by title: the
 * resolver can still match them by title, or they become external papers.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { lineLocator, scanJsonArrays, tryJsonParse } from './json-positions.js';
import { forEachStreamedJsonLine } from './json-lines.js';
import {
  addAcl,
  addArxiv,
  addDoi,
  addPmcid,
  addPmid,
  addS2,
  arr,
  clean,
  isObj,
  isoDate,
  isoFromDateString,
  forEachJsonLine,
  looksLikeJsonLines,
  newRecord,
  reject,
  toYear,
  uniq,
  usefulReference,
  type Json,
  type Obj,
} from './biblio.js';

const FORMAT = 's2-json';

function s2Ids(p: Obj): PaperIds {
  const ids: PaperIds = {};
  addS2(ids, p.paperId);
  const ext = isObj(p.externalIds) ? p.externalIds : {};
  addDoi(ids, ext.DOI);
  addArxiv(ids, ext.ArXiv);
  addAcl(ids, ext.ACL);
  addPmid(ids, ext.PubMed);
  addPmcid(ids, ext.PubMedCentral);
  return ids;
}

function authorNames(p: Obj): string[] {
  return arr(p.authors)
    .map((a) => (isObj(a) ? clean(a.name) : null))
    .filter((n): n is string => n !== null);
}

function venueOf(p: Obj): string | null {
  return clean(p.venue) ?? (isObj(p.journal) ? clean(p.journal.name) : null) ?? (isObj(p.publicationVenue) ? clean(p.publicationVenue.name) : null);
}

/** A reference or citing paper; the `citedPaper`/`citingPaper` wrappers of the edge endpoints unwrapped. */
function s2Reference(v: Json): ReferenceRecord | null {
  const p = isObj(v) && isObj(v.citedPaper) ? v.citedPaper : isObj(v) && isObj(v.citingPaper) ? v.citingPaper : v;
  if (!isObj(p)) return null;
  const authors = authorNames(p);
  const ref: ReferenceRecord = { ids: s2Ids(p), title: clean(p.title), year: toYear(p.year), venue: venueOf(p) };
  if (authors.length > 0) ref.authors = authors;
  return usefulReference(ref) ? ref : null;
}

export function s2PaperToRecord(v: Json, path: string, line: number, rejects: Reject[]): PaperRecord | Reject {
  if (v === null) return reject(line, 'null entry: the batch request named a paper Semantic Scholar does not know');
  if (!isObj(v)) return reject(line, 'Semantic Scholar paper is not an object', String(v).slice(0, 80));
  const p = isObj(v.citedPaper) ? v.citedPaper : isObj(v.citingPaper) ? v.citingPaper : v;
  const ids = s2Ids(p);
  const title = clean(p.title);
  if (!ids.s2 && !title) return reject(line, 'paper has neither a paperId nor a title', JSON.stringify(p).slice(0, 120));
  const edges = (list: Json, what: string): ReferenceRecord[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const out: ReferenceRecord[] = [];
    list.forEach((x, i) => {
      const r = s2Reference(x);
      if (r) out.push(r);
      else rejects.push(reject(line, `${what} ${i + 1} of ${ids.s2 ?? title} has no id and no title`));
    });
    return out;
  };
  const date = isoFromDateString(p.publicationDate) ?? isoDate(p.year);
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract: clean(p.abstract),
      authors: authorNames(p),
      orgs: uniq(arr(p.authors).flatMap((a) => (isObj(a) ? arr(a.affiliations).map(clean) : []))),
      date,
      venue: venueOf(p),
      references: edges(p.references, 'reference'),
      citedBy: edges(p.citations, 'citation'),
    },
  );
}

export function parseS2Json(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  if (looksLikeJsonLines(text)) {
    forEachJsonLine(text, rejects, (value, line) => push(s2PaperToRecord(value, path, line, rejects)));
    return { records, rejects };
  }
  const lineAt = lineLocator(text);
  const parsed = tryJsonParse(text);
  if (!parsed.ok) return { records, rejects: [reject(parsed.offset === null ? 1 : lineAt(parsed.offset), `invalid JSON: ${parsed.error}`)] };
  const value = parsed.value;
  let list: { items: Json[]; pointer: string } | null = null;
  if (Array.isArray(value)) list = { items: value, pointer: '' };
  else if (isObj(value) && Array.isArray(value.data)) list = { items: value.data, pointer: '/data' };
  else if (isObj(value) && Array.isArray(value.papers) && !('paperId' in value)) list = { items: value.papers, pointer: '/papers' };
  if (list) {
    const spans = scanJsonArrays(text).arrays.get(list.pointer)?.elements ?? [];
    list.items.forEach((p, i) => push(s2PaperToRecord(p, path, spans[i] ? lineAt(spans[i].start) : 1, rejects)));
  } else push(s2PaperToRecord(value, path, 1, rejects));
  return { records, rejects };
}

/** Streamed: JSON lines one at a time; one JSON document is joined and parsed whole. */
export function parseS2JsonLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  const whole = forEachStreamedJsonLine(lines, rejects, (value, line) => push(s2PaperToRecord(value, path, line, rejects)));
  return whole === null ? { records, rejects } : parseS2Json(whole, path);
}

function detectS2Json(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return 0;
  if (/"paperId"\s*:\s*(?:"[0-9a-f]{40}"|null)/.test(head)) return 0.95;
  if (/"(?:citedPaper|citingPaper)"\s*:\s*\{/.test(head)) return 0.9;
  return 0;
}

export const s2Json: InputFormat = {
  name: FORMAT,
  description: 'Semantic Scholar Graph API JSON: a paper with references/citations, batch, search, references/citations or author responses',
  detection: 'JSON with "paperId": "<40 hex>" (or "citedPaper"/"citingPaper" objects)',
  detect: detectS2Json,
  parse: parseS2Json,
  parseLines: parseS2JsonLines,
};
