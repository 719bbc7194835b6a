/**
 * csl-json — CSL-JSON (Zotero, Pandoc, citation-js, Crossref's citeproc output)
 * =============================================================================
 *
 *   [{"id": "key", "type": "paper-conference", "title": …, "author": [{"family": …, "given": …}],
 *     "issued": {"date-parts": [[2021, 7, 5]]}, "container-title": …, "DOI": …, "URL": …}, …]
 *
 * A single item, an array of items, or JSON lines. Each item's line is where its object starts
 * (json-positions.ts). Ids from DOI, URL, PMID, PMCID and arXiv numbers (`"number": "arXiv:…"`,
 * the way Zotero exports preprints).
 */
import type { PaperIds, PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { lineLocator, scanJsonArrays, tryJsonParse } from './json-positions.js';
import { forEachStreamedJsonLine } from './json-lines.js';
import {
  addArxiv,
  addDoi,
  addFromUrl,
  addPmcid,
  addPmid,
  arr,
  clean,
  hasIds,
  isEtAl,
  isObj,
  isoDate,
  isoFromDateString,
  joinName,
  forEachJsonLine,
  looksLikeJsonLines,
  newRecord,
  reject,
  str,
  uniq,
  type Json,
} from './biblio.js';

const FORMAT = 'csl-json';

function cslName(v: Json): string | null {
  if (!isObj(v)) return null;
  if (str(v.literal)) return clean(v.literal);
  return joinName(str(v.given), str(v['non-dropping-particle']), str(v.family), str(v.suffix));
}

function cslDate(v: Json): string | null {
  if (!isObj(v)) return null;
  const parts = arr(v['date-parts'])[0];
  if (Array.isArray(parts) && parts.length > 0) return isoDate(parts[0], parts[1], parts[2]);
  return isoFromDateString(str(v.raw) ?? str(v.literal) ?? '');
}

export function cslItemToRecord(item: Json, path: string, line: number): PaperRecord | Reject {
  if (!isObj(item)) return reject(line, 'CSL item is not an object', JSON.stringify(item)?.slice(0, 120));
  const ids: PaperIds = {};
  addDoi(ids, item.DOI);
  addFromUrl(ids, item.URL);
  addPmid(ids, item.PMID);
  addPmcid(ids, item.PMCID);
  for (const k of ['number', 'archive_location', 'note']) {
    const v = str(item[k]);
    const m = v ? /arxiv[:\s]+(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+\/\d{7})/i.exec(v) : null;
    if (m) addArxiv(ids, m[1]);
  }
  const id = str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : null);
  if (id) ids.local = id;
  const title = clean(item.title);
  if (!title && !hasIds({ ...ids, local: undefined })) return reject(line, 'CSL item has no title and no identifier', JSON.stringify(item).slice(0, 120));
  const names = arr(item.author).map(cslName).filter((n): n is string => n !== null);
  const keywords = uniq((str(item.keyword) ?? '').split(/[,;]/).map(clean));
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract: clean(item.abstract),
      authors: names.filter((n) => !isEtAl(n)),
      authorsTruncated: names.some(isEtAl),
      date: cslDate(item.issued) ?? cslDate(item['published-print']) ?? cslDate(item['published-online']),
      venue: clean(item['container-title']) ?? clean(item['event-title']) ?? clean(item.event) ?? null,
      keywords: keywords.length > 0 ? keywords : undefined,
    },
  );
}

export function parseCslJson(text: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const push = (r: PaperRecord | Reject) => ('source' in r ? records.push(r) : rejects.push(r));
  if (looksLikeJsonLines(text)) {
    forEachJsonLine(text, rejects, (value, line) => push(cslItemToRecord(value, path, line)));
    return { records, rejects };
  }
  const parsed = tryJsonParse(text);
  const lineAt = lineLocator(text);
  if (!parsed.ok) return { records, rejects: [reject(parsed.offset === null ? 1 : lineAt(parsed.offset), `invalid JSON: ${parsed.error}`)] };
  const value = parsed.value;
  if (Array.isArray(value)) {
    const spans = scanJsonArrays(text).arrays.get('')?.elements ?? [];
    value.forEach((item, i) => push(cslItemToRecord(item, path, spans[i] ? lineAt(spans[i].start) : 1)));
  } else if (isObj(value) && Array.isArray(value.items)) {
    const spans = scanJsonArrays(text).arrays.get('/items')?.elements ?? [];
    value.items.forEach((item, i) => push(cslItemToRecord(item, path, spans[i] ? lineAt(spans[i].start) : 1)));
  } else push(cslItemToRecord(value, path, 1));
  return { records, rejects };
}

/** Streamed: JSON lines one at a time; one JSON document is joined and parsed whole. */
export function parseCslJsonLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const whole = forEachStreamedJsonLine(lines, rejects, (value, line) => {
    const r = cslItemToRecord(value, path, line);
    if ('source' in r) records.push(r);
    else rejects.push(r);
  });
  return whole === null ? { records, rejects } : parseCslJson(whole, path);
}

function detectCslJson(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('[') && !head.startsWith('{')) return 0;
  const dateParts = /"date-parts"\s*:/.test(head);
  const cslKeys = /"container-title"\s*:|"issued"\s*:|"family"\s*:\s*"/.test(head);
  const type = /"type"\s*:\s*"(?:article-journal|paper-conference|article|book|chapter|report|thesis|manuscript|webpage|dataset|article-magazine|article-newspaper|entry-encyclopedia|post-weblog|speech|software)"/.test(head);
  if (dateParts && (type || cslKeys)) return 0.93;
  if (type && cslKeys) return 0.85;
  return 0;
}

export const cslJson: InputFormat = {
  name: FORMAT,
  description: 'CSL-JSON items (Zotero, Pandoc, citation-js), one item, an array or JSON lines',
  detection: 'JSON with CSL keys: "issued": {"date-parts": …} plus a CSL "type" or "container-title"/"family"',
  detect: detectCslJson,
  parse: parseCslJson,
  parseLines: parseCslJsonLines,
};
