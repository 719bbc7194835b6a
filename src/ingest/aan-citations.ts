/**
 * aan-citations — ACL Anthology Network `acl.txt`
 * ===============================================
 *
 * One citation per line between two ACL ids, citing first: `P10-1001 ==> J93-2004` in the AAN
 * release notes, `P10-1001 , J93-2004` in the distributed file; both are read. The file names no
 * papers beyond their ids, so it yields citation pairs only (ParseResult.citations) and no
 * records; the metadata comes from acl-metadata.txt or the ACL Anthology XML, merged by ACL id.
 * Streamable: parseLines reads one line at a time.
 */
import type { CitationPair, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { reject } from './biblio.js';
import { textLines } from './lines.js';

const FORMAT = 'aan-citations';

/**
 * Splits "citing ==> cited", "citing , cited" or "citing<TAB>cited" into its two ids, or null.
 * Plain string scans, not a regex: the former /^(\S+)\s*(?:==>|,|\t)\s*(\S+)$/ let a run of
 * tabs (or commas) split many ways and took quadratic time on a 100k-character line (found by
 * tests/robustness/fuzz.test.ts).
 */
function splitPair(line: string): [string, string] | null {
  const t = line.trim();
  let a: string;
  let b: string;
  const arrow = t.indexOf('==>');
  const comma = t.indexOf(',');
  if (arrow >= 0) [a, b] = [t.slice(0, arrow), t.slice(arrow + 3)];
  else if (comma >= 0) [a, b] = [t.slice(0, comma), t.slice(comma + 1)];
  else if (t.includes('\t')) {
    const parts = t.split(/\s+/);
    if (parts.length !== 2) return null;
    [a, b] = parts;
  } else return null;
  a = a.trim();
  b = b.trim();
  if (a === '' || b === '' || /\s/.test(a) || /\s/.test(b)) return null;
  return [a, b];
}

export function parseAanCitations(text: string, path: string): ParseResult {
  return parseAanCitationLines(textLines(text), path);
}

export function parseAanCitationLines(lines: Iterable<string>, path: string): ParseResult {
  const citations: CitationPair[] = [];
  const rejects: Reject[] = [];
  let n = 0;
  for (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const m = splitPair(line);
    if (!m) {
      rejects.push(reject(n, 'expected "citing ==> cited" or "citing , cited"', line));
      continue;
    }
    const [rawCiting, rawCited] = m;
    const citing = normaliseAclId(rawCiting);
    const cited = normaliseAclId(rawCited);
    if (!citing || !cited) {
      const bad = !citing ? rawCiting : rawCited;
      rejects.push(reject(n, `not an ACL Anthology id: "${bad.length > 80 ? `${bad.slice(0, 77)}...` : bad}"`, line));
      continue;
    }
    citations.push({ citing: { acl: citing }, cited: { acl: cited }, source: { path, line: n, format: FORMAT } });
  }
  return { records: [], rejects, citations };
}

const ACL_ID = String.raw`(?:[A-Za-z]\d{2}-\d{4}[a-z]?|\d{4}\.[A-Za-z0-9]+-[A-Za-z0-9]+\.\d+)`;
const PAIR_LINE = new RegExp(String.raw`^${ACL_ID}\s*(?:==>|,)\s*${ACL_ID}$`);

function detectAanCitations(sample: InputSample): number {
  const lines = sample.head.replace(/^\uFEFF/, '').split('\n').slice(0, 50).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  // The last line of the head may be cut short.
  const whole = lines.length > 1 ? lines.slice(0, -1) : lines;
  const hits = whole.filter((l) => PAIR_LINE.test(l.trim())).length;
  return hits / whole.length >= 0.9 ? 0.95 : 0;
}

export const aanCitations: InputFormat = {
  name: FORMAT,
  description: 'ACL Anthology Network acl.txt citation pairs (citing ==> cited, or citing , cited)',
  detection: 'lines of two ACL ids joined by "==>" or " , "',
  detect: detectAanCitations,
  parse: parseAanCitations,
  parseLines: parseAanCitationLines,
};
