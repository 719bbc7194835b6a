/**
 * openalex — OpenAlex works
 * =========================
 *
 * Three shapes: one work (`GET /works/W…`), an API list response (`{"meta": …, "results": […]}`),
 * an array of works, and JSON lines (snapshot files). A work:
 *
 *   {"id": "https://openalex.org/W…", "doi": "https://doi.org/10…", "title": …,
 *    "publication_date": "2021-07-05", "authorships": [{"author": {"display_name": …},
 *    "institutions": [{"display_name": …}]}], "abstract_inverted_index": {"word": [0, 7], …},
 *    "primary_location": {"source": {"display_name": …}}, "referenced_works": ["https://openalex.org/W…"]}
 *
 * OpenAlex ships abstracts only as an inverted index (word → positions); the text is rebuilt by
 * placing each word at its positions. `referenced_works` become references known by OpenAlex id,
 * which the resolver matches against works in the corpus or keeps as external papers.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { lineLocator, scanJsonArrays, tryJsonParse } from './json-positions.js';
import { forEachStreamedJsonLine } from './json-lines.js';
import {
  addDoi,
  addFromUrl,
  addOpenAlex,
  addPmcid,
  addPmid,
  arr,
  clean,
  isObj,
  isoDate,
  isoFromDateString,
  forEachJsonLine,
  looksLikeJsonLines,
  newRecord,
  reject,
  str,
  uniq,
  type Json,
} from './biblio.js';

const FORMAT = 'openalex';

/**
 * Rebuilds an abstract from OpenAlex's inverted index. Positions are sorted rather than used as
 * array indices, so a corrupt index with a huge position cannot allocate a huge array.
 */
export function abstractFromInvertedIndex(index: Json): string | null {
  if (!isObj(index)) return null;
  const placed: [number, string][] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const p of arr(positions)) if (typeof p === 'number' && Number.isInteger(p) && p >= 0) placed.push([p, word]);
  }
  if (placed.length === 0) return null;
  placed.sort((a, b) => a[0] - b[0]);
  return clean(placed.map(([, w]) => w).join(' '));
}

export function openAlexWorkToRecord(work: Json, path: string, line: number): PaperRecord | Reject {
  if (!isObj(work)) return reject(line, 'OpenAlex work is not an object', String(work).slice(0, 80));
  const ids: PaperIds = {};
  addOpenAlex(ids, work.id);
  if (!ids.openalex) return reject(line, 'not an OpenAlex work: no "id" of the form https://openalex.org/W…', JSON.stringify(work).slice(0, 120));
  addDoi(ids, work.doi);
  const extra = isObj(work.ids) ? work.ids : {};
  addDoi(ids, extra.doi);
  addPmid(ids, extra.pmid);
  addPmcid(ids, extra.pmcid);
  // arXiv preprints appear as a location whose landing page is arxiv.org/abs/….
  for (const loc of [work.primary_location, ...arr(work.locations), work.best_oa_location]) {
    if (isObj(loc)) addFromUrl(ids, loc.landing_page_url);
  }
  const authorships = arr(work.authorships).filter(isObj);
  const authors = authorships
    .map((a) => clean(isObj(a.author) ? a.author.display_name : null) ?? clean(a.raw_author_name))
    .filter((n): n is string => n !== null);
  const orgs = uniq(authorships.flatMap((a) => arr(a.institutions).map((i) => (isObj(i) ? clean(i.display_name) : null))));
  const source = isObj(work.primary_location) && isObj(work.primary_location.source) ? work.primary_location.source : null;
  const hostVenue = isObj(work.host_venue) ? work.host_venue : null;
  const references: ReferenceRecord[] = arr(work.referenced_works)
    .map((r) => {
      const rid: PaperIds = {};
      addOpenAlex(rid, r);
      return rid.openalex ? { ids: rid } : null;
    })
    .filter((r): r is ReferenceRecord => r !== null);
  const keywords = uniq([
    ...arr(work.keywords).map((k) => (isObj(k) ? clean(k.display_name) ?? clean(k.keyword) : clean(k))),
  ]);
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title: clean(work.title) ?? clean(work.display_name),
      abstract: abstractFromInvertedIndex(work.abstract_inverted_index) ?? clean(work.abstract),
      authors,
      orgs,
      date: isoFromDateString(str(work.publication_date) ?? '') ?? isoDate(work.publication_year),
      venue: clean(source?.display_name) ?? clean(hostVenue?.display_name) ?? null,
      keywords: keywords.length > 0 ? keywords : undefined,
      references,
    },
  );
}

export function parseOpenAlex(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  if (looksLikeJsonLines(text)) {
    forEachJsonLine(text, rejects, (value, line) => {
      if (isObj(value) && Array.isArray(value.results)) value.results.forEach((w) => push(openAlexWorkToRecord(w, path, line)));
      else push(openAlexWorkToRecord(value, path, line));
    });
    return { records, rejects };
  }
  const lineAt = lineLocator(text);
  const parsed = tryJsonParse(text);
  if (!parsed.ok) return { records, rejects: [reject(parsed.offset === null ? 1 : lineAt(parsed.offset), `invalid JSON: ${parsed.error}`)] };
  const value = parsed.value;
  const list = Array.isArray(value) ? { items: value, pointer: '' } : isObj(value) && Array.isArray(value.results) ? { items: value.results, pointer: '/results' } : null;
  if (list) {
    const spans = scanJsonArrays(text).arrays.get(list.pointer)?.elements ?? [];
    list.items.forEach((w, i) => push(openAlexWorkToRecord(w, path, spans[i] ? lineAt(spans[i].start) : 1)));
  } else push(openAlexWorkToRecord(value, path, 1));
  return { records, rejects };
}

/** Streamed: JSON lines one at a time; one JSON document is joined and parsed whole. */
export function parseOpenAlexLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  const whole = forEachStreamedJsonLine(lines, rejects, (value, line) => {
    if (isObj(value) && Array.isArray(value.results)) value.results.forEach((w) => push(openAlexWorkToRecord(w, path, line)));
    else push(openAlexWorkToRecord(value, path, line));
  });
  return whole === null ? { records, rejects } : parseOpenAlex(whole, path);
}

function detectOpenAlex(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return 0;
  const work = /"id"\s*:\s*"https:\/\/openalex\.org\/W\d+"/.test(head);
  const keys = /"(?:abstract_inverted_index|referenced_works|authorships|publication_year)"\s*:/.test(head);
  if (work && keys) return 0.97;
  if (work || (keys && /"(?:authorships|abstract_inverted_index)"\s*:/.test(head))) return 0.85;
  return 0;
}

export const openalex: InputFormat = {
  name: FORMAT,
  description: 'OpenAlex works: one work, an API list response {meta, results}, an array, or JSON lines',
  detection: 'JSON with "id": "https://openalex.org/W…" and work keys (authorships, abstract_inverted_index, referenced_works)',
  detect: detectOpenAlex,
  parse: parseOpenAlex,
  parseLines: parseOpenAlexLines,
};
