/**
 * s2orc — S2ORC / doc2json full-text JSON
 * =======================================
 *
 * The releases differ in where things sit; all of these are read:
 *   2019 release    {paper_id, metadata: {title, authors, abstract, year, doi, arxiv_id, acl_id,
 *                    pmc_id, pubmed_id, venue, journal}, grobid_parse: {abstract, bib_entries}, latex_parse}
 *   2020 pdf_parse  {paper_id, _pdf_hash, abstract: [{text}], body_text, bib_entries, ref_entries}
 *   doc2json        {paper_id, metadata|header, title, authors, year, abstract, pdf_parse: {bib_entries}}
 * as one document per file or JSON lines. `bib_entries` ({BIBREF0: {title, authors: [{first,
 * middle, last}], year, venue, other_ids: {DOI: […], arXiv: […]}, raw_text}}) become references.
 *
 * S2ORC's numeric paper_id (and a bib entry's `link`) is a Semantic Scholar *corpus* id, which
 * PaperIds has no slot for; it is not put in ids.s2 (the 40-hex paper sha). A 40-hex paper_id is.
 * A paper_id or file name shaped like an ACL id (doc2json names documents after their PDF) gives ids.acl.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { tryJsonParse, lineLocator } from './json-positions.js';
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
  isoFromDateString,
  joinName,
  forEachJsonLine,
  looksLikeJsonLines,
  newRecord,
  reject,
  str,
  toYear,
  usefulReference,
  type Json,
  type Obj,
} from './biblio.js';

const FORMAT = 's2orc';

function s2orcName(a: Json): string | null {
  if (typeof a === 'string') return clean(a);
  if (!isObj(a)) return null;
  return joinName(str(a.first), ...arr(a.middle).map((m) => (typeof m === 'string' ? m : null)), str(a.last), str(a.suffix));
}

/** A bib entry's ids: `other_ids` lists per kind ({"DOI": ["10…"], "arXiv": […]}). */
function otherIds(v: Json): PaperIds {
  const ids: PaperIds = {};
  if (!isObj(v)) return ids;
  for (const [k, list] of Object.entries(v)) {
    for (const x of Array.isArray(list) ? list : [list]) {
      const key = k.toLowerCase();
      if (key === 'doi') addDoi(ids, x);
      else if (key === 'arxiv') addArxiv(ids, x);
      else if (key === 'pmid' || key === 'pubmed') addPmid(ids, x);
      else if (key === 'pmcid' || key === 'pmc') addPmcid(ids, x);
      else if (key === 'acl') addAcl(ids, x);
    }
  }
  return ids;
}

function bibEntry(key: string, e: Json): ReferenceRecord | null {
  if (!isObj(e)) return null;
  const ids = otherIds(e.other_ids);
  ids.local = str(e.ref_id) ?? key;
  const authors = arr(e.authors).map(s2orcName).filter((n): n is string => n !== null);
  const ref: ReferenceRecord = { ids, title: clean(e.title), authors, year: toYear(e.year), venue: clean(e.venue) };
  const raw = clean(e.raw_text);
  if (raw) ref.raw = raw;
  return usefulReference(ref) ? ref : null;
}

function abstractOf(v: Json): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return clean(v.map((p) => (isObj(p) ? str(p.text) ?? '' : typeof p === 'string' ? p : '')).join('\n\n'));
  return null;
}

export function s2orcDocToRecord(doc: Json, path: string, line: number, rejects: Reject[]): PaperRecord | Reject {
  if (!isObj(doc)) return reject(line, 'S2ORC document is not an object');
  const meta: Obj = isObj(doc.metadata) ? doc.metadata : {};
  const parse: Obj = isObj(doc.pdf_parse) ? doc.pdf_parse : isObj(doc.grobid_parse) ? doc.grobid_parse : isObj(doc.latex_parse) ? doc.latex_parse : {};
  const ids: PaperIds = {};
  addDoi(ids, meta.doi ?? doc.doi);
  addArxiv(ids, meta.arxiv_id ?? doc.arxiv_id);
  addAcl(ids, meta.acl_id ?? doc.acl_id);
  addPmid(ids, meta.pubmed_id ?? doc.pubmed_id);
  addPmcid(ids, meta.pmc_id ?? doc.pmc_id);
  const paperId = typeof doc.paper_id === 'number' ? String(doc.paper_id) : str(doc.paper_id);
  if (paperId) {
    addS2(ids, paperId);
    addAcl(ids, paperId);
  }
  const base = path.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/i, '');
  const acl = normaliseAclId(base);
  if (acl && !ids.acl) ids.acl = acl;
  const entries = isObj(doc.bib_entries) ? doc.bib_entries : isObj(parse.bib_entries) ? parse.bib_entries : {};
  const references: ReferenceRecord[] = [];
  for (const [key, e] of Object.entries(entries)) {
    const ref = bibEntry(key, e);
    if (ref) references.push(ref);
    else rejects.push(reject(line, `bib entry ${key} of ${paperId ?? 'document'} has no title, id or raw text`));
  }
  const title = clean(doc.title) ?? clean(meta.title);
  const abstract = abstractOf(doc.abstract) ?? abstractOf(meta.abstract) ?? abstractOf(parse.abstract);
  if (!title && !abstract && references.length === 0) return reject(line, 'S2ORC document has no title, abstract or bib_entries', paperId ?? '');
  const authors = arr(doc.authors ?? meta.authors).map(s2orcName).filter((n): n is string => n !== null && /\p{L}{2}|\p{L}\s\p{L}/u.test(n));
  const year = doc.year ?? meta.year;
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract,
      authors,
      date: isoFromDateString(typeof year === 'number' ? String(year) : str(year) ?? ''),
      venue: clean(meta.venue) ?? clean(meta.journal) ?? null,
      references,
    },
  );
}

export function parseS2orc(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  if (looksLikeJsonLines(text)) {
    forEachJsonLine(text, rejects, (value, line) => push(s2orcDocToRecord(value, path, line, rejects)));
    return { records, rejects };
  }
  const parsed = tryJsonParse(text);
  if (!parsed.ok) return { records, rejects: [reject(parsed.offset === null ? 1 : lineLocator(text)(parsed.offset), `invalid JSON: ${parsed.error}`)] };
  if (Array.isArray(parsed.value)) parsed.value.forEach((d) => push(s2orcDocToRecord(d, path, 1, rejects)));
  else push(s2orcDocToRecord(parsed.value, path, 1, rejects));
  return { records, rejects };
}

/** Streamed: JSON lines one at a time; one JSON document is joined and parsed whole. */
export function parseS2orcLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  const whole = forEachStreamedJsonLine(lines, rejects, (value, line) => push(s2orcDocToRecord(value, path, line, rejects)));
  return whole === null ? { records, rejects } : parseS2orc(whole, path);
}

function detectS2orc(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return 0;
  // unarXive documents share bib_entries but carry arXiv OAI metadata; they are unarxive's.
  if (/"(?:bib_entry_raw|_source_name|contained_arXiv_ids)"\s*:/.test(head)) return 0;
  const paperId = /"paper_id"\s*:/.test(head);
  const parse = /"(?:bib_entries|pdf_parse|grobid_parse|latex_parse|body_text)"\s*:/.test(head);
  if (paperId && parse) return 0.93;
  // 2019 release: the metadata comes first and can fill the head before any parse key.
  if (paperId && /"metadata"\s*:\s*\{[^{}]*"(?:arxiv_id|acl_id|pmc_id|pubmed_id)"\s*:/.test(head)) return 0.9;
  return 0;
}

export const s2orc: InputFormat = {
  name: FORMAT,
  description: 'S2ORC / doc2json full-text JSON (2019, 2020 and doc2json layouts), one document or JSON lines; bib_entries → references',
  detection: 'JSON with "paper_id" and bib_entries/pdf_parse/grobid_parse/body_text keys (not unarXive)',
  detect: detectS2orc,
  parse: parseS2orc,
  parseLines: parseS2orcLines,
};
