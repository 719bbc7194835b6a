/**
 * ris — RIS reference files (Zotero, Mendeley, EndNote, publisher "export citation")
 * ==================================================================================
 *
 *   TY  - JOUR
 *   TI  - A Title
 *   AU  - Family, Given
 *   PY  - 2021/07/05/
 *   DO  - 10.1145/…
 *   ER  -
 *
 * Tag lines are two characters, two spaces, a hyphen; a record runs from TY to ER. The format
 * is simple enough that a hand-rolled line reader is clearer than a dependency (citation-js's
 * RIS plugin is the same idea). A line that is not a tag continues the previous tag's value
 * (exporters wrap long abstracts). Text outside any TY…ER record is a reject.
 * Streamable: parseLines holds one record at a time.
 */
import type { PaperIds, PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { addArxiv, addDoi, addFromUrl, addPmid, clean, hasIds, invertName, isEtAl, isoFromDateString, newRecord, reject, uniq } from './biblio.js';
import { textLines } from './lines.js';

const FORMAT = 'ris';

const TAG = /^([A-Z][A-Z0-9])  -(?: (.*))?$/;

interface RisEntry {
  line: number;
  tags: Map<string, string[]>;
  text: string[];
}

function toRecord(e: RisEntry, path: string): PaperRecord | Reject {
  const all = (...tags: string[]): string[] => tags.flatMap((t) => e.tags.get(t) ?? []);
  const first = (...tags: string[]): string | null => clean(all(...tags)[0] ?? '');
  const ids: PaperIds = {};
  for (const d of all('DO')) addDoi(ids, d);
  for (const u of all('UR', 'L1', 'L2', 'LK')) addFromUrl(ids, u);
  for (const an of all('AN', 'M1', 'C7')) {
    if (/arxiv/i.test(an)) addArxiv(ids, an.replace(/^.*arxiv:\s*/i, ''));
  }
  const pmid = all('AN').find((v) => /^\d{1,9}$/.test(v.trim()));
  if (pmid) addPmid(ids, pmid);
  const id = first('ID');
  if (id) ids.local = id;
  const title = first('TI', 'T1', 'CT', 'BT');
  if (!title && !hasIds({ ...ids, local: undefined })) return reject(e.line, 'RIS record has no title (TI/T1) and no identifier', e.text.join(' '));
  const names = all('AU', 'A1').map((n) => n.trim()).filter((n) => n !== '');
  const truncated = names.some(isEtAl);
  const venue = first('T2', 'JO', 'JF', 'JA', 'J2', 'BT');
  const date = isoFromDateString(first('DA') ?? '') ?? isoFromDateString(first('PY', 'Y1') ?? '');
  const keywords = uniq(all('KW').map(clean));
  return newRecord(
    { path, line: e.line, format: FORMAT },
    {
      ids,
      title,
      abstract: clean(all('AB', 'N2').join(' ')),
      authors: uniq(names.filter((n) => !isEtAl(n)).map(invertName)),
      authorsTruncated: truncated,
      date,
      venue: venue === title ? null : venue,
      keywords: keywords.length > 0 ? keywords : undefined,
      comments: all('N1').length > 0 ? uniq(all('N1').map(clean)) : undefined,
    },
  );
}

export function parseRis(text: string, path: string): ParseResult {
  return parseRisLines(textLines(text), path);
}

export function parseRisLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  let cur: RisEntry | null = null;
  let lastTag: string | null = null;
  let stray: { line: number; text: string } | null = null;
  const close = () => {
    if (!cur) return;
    const r = toRecord(cur, path);
    if ('source' in r) records.push(r);
    else rejects.push(r);
    cur = null;
    lastTag = null;
  };
  let i = -1;
  for (const line of lines) {
    i++;
    const raw = line.replace(/^\uFEFF/, '');
    if (raw.trim() === '') continue;
    // trimEnd, not /\s+$/: that regex is quadratic on long runs of inner spaces.
    const trimmed = raw.trimEnd();
    const m = TAG.exec(/^[A-Z][A-Z0-9]  -$/.test(trimmed) ? `${trimmed} ` : trimmed);
    if (m && m[1] === 'TY') {
      // A record not closed by ER before the next TY is still a record (lenient, habit 6).
      close();
      stray = null;
      cur = { line: i + 1, tags: new Map([['TY', [m[2] ?? '']]]), text: [raw] };
      lastTag = 'TY';
      continue;
    }
    if (!cur) {
      // One reject per run of stray lines, not one per line.
      if (!stray) {
        stray = { line: i + 1, text: raw };
        rejects.push(reject(i + 1, 'text outside a TY … ER record', raw));
      }
      continue;
    }
    const c: RisEntry = cur;
    c.text.push(raw);
    if (m) {
      if (m[1] === 'ER') {
        close();
        continue;
      }
      const list = c.tags.get(m[1]);
      if (list) list.push(m[2] ?? '');
      else c.tags.set(m[1], [m[2] ?? '']);
      lastTag = m[1];
    } else if (lastTag) {
      const list = c.tags.get(lastTag) as string[];
      list[list.length - 1] = `${list[list.length - 1]} ${raw.trim()}`;
    }
  }
  close();
  return { records, rejects };
}

function detectRis(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (/^TY  - \S/.test(head)) return 0.97;
  return /\.ris$/i.test(sample.path) && /^TY  -/m.test(head) ? 0.9 : 0;
}

export const ris: InputFormat = {
  name: FORMAT,
  description: 'RIS reference files (TY … ER tag blocks) from Zotero, Mendeley, EndNote or publishers',
  detection: 'text starting with a "TY  - " tag line',
  detect: detectRis,
  parse: parseRis,
  parseLines: parseRisLines,
};
