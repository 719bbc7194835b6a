/**
 * unarxive — unarXive full-text JSON lines
 * ========================================
 *
 * One arXiv paper per line: `paper_id`, `metadata` (the arXiv OAI record: id, title, authors,
 * authors_parsed [[last, first, suffix]], abstract, categories, doi, journal-ref, comments,
 * versions [{version, created}], update_date), `abstract`, `body_text`, and `bib_entries`:
 *
 *   {"<hash>": {"bib_entry_raw": "…", "contained_arXiv_ids": [{"id": …}], "contained_links": [{"url"}],
 *               "ids": {"open_alex_id": "https://openalex.org/W…", "doi": …, "arxiv_id": …,
 *                       "pubmed_id": …, "pmc_id": …}}}
 *
 * unarXive links references to OpenAlex, DOIs and arXiv ids; those ids go on each reference
 * with the raw string (the entries have no parsed title). The paper's date is its first version.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { tryJsonParse } from './json-positions.js';
import {
  addArxiv,
  addDoi,
  addFromUrl,
  addOpenAlex,
  addPmcid,
  addPmid,
  arr,
  clean,
  isObj,
  isoFromDateString,
  joinName,
  newRecord,
  reject,
  str,
  uniq,
  usefulReference,
  type Json,
  type Obj,
} from './biblio.js';
import { parseEnglishDate } from './text.js';
import { textLines } from './lines.js';

const FORMAT = 'unarxive';

function bibEntry(key: string, e: Json): ReferenceRecord | null {
  if (!isObj(e)) return null;
  const ids: PaperIds = {};
  const linked: Obj = isObj(e.ids) ? e.ids : {};
  addOpenAlex(ids, linked.open_alex_id);
  addDoi(ids, linked.doi);
  addArxiv(ids, linked.arxiv_id);
  addPmid(ids, linked.pubmed_id);
  addPmcid(ids, str(linked.pmc_id));
  for (const a of arr(e.contained_arXiv_ids)) if (isObj(a)) addArxiv(ids, a.id);
  for (const l of arr(e.contained_links)) if (isObj(l)) addFromUrl(ids, l.url);
  ids.local = key;
  const ref: ReferenceRecord = { ids };
  const raw = clean(e.bib_entry_raw);
  if (raw) ref.raw = raw;
  return usefulReference(ref) ? ref : null;
}

/** "Thu, 22 Dec 2022 17:01:56 GMT" → "2022-12-22". */
function rfcDate(v: Json): string | null {
  const m = typeof v === 'string' ? /(\d{1,2}) ([A-Za-z]{3}) (\d{4})/.exec(v) : null;
  return m ? parseEnglishDate(`${m[1]} ${m[2]} ${m[3]}`) : null;
}

export function unarxiveDocToRecord(doc: Json, path: string, line: number, rejects: Reject[]): PaperRecord | Reject {
  if (!isObj(doc)) return reject(line, 'unarXive line is not a JSON object');
  const meta: Obj = isObj(doc.metadata) ? doc.metadata : {};
  const ids: PaperIds = {};
  addArxiv(ids, meta.id);
  addArxiv(ids, doc.paper_id);
  addDoi(ids, meta.doi);
  const title = clean(meta.title);
  if (!ids.arxiv && !title) return reject(line, 'unarXive document has neither an arXiv id nor a title', str(doc.paper_id) ?? '');
  const parsedNames = arr(meta.authors_parsed)
    .map((p) => (Array.isArray(p) ? joinName(str(p[1]), str(p[0]), str(p[2])) : null))
    .filter((n): n is string => n !== null);
  const authors = parsedNames.length > 0 ? parsedNames : uniq((str(meta.authors) ?? '').split(/,\s*|\s+and\s+/).map(clean));
  const references: ReferenceRecord[] = [];
  for (const [key, e] of Object.entries(isObj(doc.bib_entries) ? doc.bib_entries : {})) {
    const ref = bibEntry(key, e);
    if (ref) references.push(ref);
    else rejects.push(reject(line, `bib entry ${key} of ${ids.arxiv ?? 'document'} has no raw text or ids`));
  }
  const abstract = clean(meta.abstract) ?? (isObj(doc.abstract) ? clean(doc.abstract.text) : clean(doc.abstract));
  const versions = arr(meta.versions);
  const comment = clean(meta.comments);
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract,
      authors,
      date: rfcDate(isObj(versions[0]) ? versions[0].created : null) ?? isoFromDateString(meta.update_date),
      venue: clean(meta['journal-ref']),
      comments: comment ? [comment] : undefined,
      categories: uniq((str(meta.categories) ?? '').split(/\s+/)),
      references,
    },
  );
}

export function parseUnarxive(text: string, path: string): ParseResult {
  return parseUnarxiveLines(textLines(text), path);
}

/** The non-blank lines with their 1-based numbers, as biblio.jsonLines() gives them of a text. */
function* numberedNonBlank(lines: Iterable<string>): Generator<{ line: number; text: string }> {
  let line = 0;
  for (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

export function parseUnarxiveLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  for (const { line, text: t } of numberedNonBlank(lines)) {
    // A cheap test first: JSON.parse throwing costs ~15 µs a line, seconds on 200k lines of prose.
    if (t.trimStart()[0] !== '{') {
      rejects.push(reject(line, 'not a JSON object: every unarXive line is one {...} document', t));
      continue;
    }
    const p = tryJsonParse(t);
    if (!p.ok) {
      rejects.push(reject(line, `invalid JSON: ${p.error}`, t));
      continue;
    }
    const r = unarxiveDocToRecord(p.value, path, line, rejects);
    if ('source' in r) records.push(r);
    else rejects.push(r);
  }
  return { records, rejects };
}

function detectUnarxive(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{')) return 0;
  if (/"(?:bib_entry_raw|contained_arXiv_ids)"\s*:/.test(head)) return 0.97;
  if (/"_source_name"\s*:/.test(head) && /"metadata"\s*:\s*\{\s*"id"/.test(head)) return 0.95;
  return 0;
}

export const unarxive: InputFormat = {
  name: FORMAT,
  description: 'unarXive full-text JSON lines (arXiv OAI metadata + bib_entries linked to OpenAlex/DOI/arXiv)',
  detection: 'JSON lines with "bib_entry_raw"/"contained_arXiv_ids" (or "_source_name" + arXiv "metadata")',
  detect: detectUnarxive,
  parse: parseUnarxive,
  parseLines: parseUnarxiveLines,
};
