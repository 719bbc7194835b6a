/**
 * aan-citations — ACL Anthology Network `acl.txt`
 * ===============================================
 *
 * One citation per line between two ACL ids, citing first: `P10-1001 ==> J93-2004` in the AAN
 * release notes, `P10-1001 , J93-2004` in the distributed file; both are read. The file names no
 * papers beyond their ids, so it yields citation pairs only (ParseResult.citations) and no
 * records; the metadata comes from acl-metadata.txt or the ACL Anthology XML, merged by ACL id.
 */
import type { CitationPair, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { reject } from './biblio.js';

const FORMAT = 'aan-citations';

const PAIR = /^(\S+)\s*(?:==>|,|\t)\s*(\S+)$/;

export function parseAanCitations(text: string, path: string): ParseResult {
  const citations: CitationPair[] = [];
  const rejects: Reject[] = [];
  let start = 0;
  let n = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    n++;
    start = end + 1;
    if (line.trim() === '') continue;
    const m = PAIR.exec(line.trim());
    if (!m) {
      rejects.push(reject(n, 'expected "citing ==> cited" or "citing , cited"', line));
      continue;
    }
    const citing = normaliseAclId(m[1]);
    const cited = normaliseAclId(m[2]);
    if (!citing || !cited) {
      rejects.push(reject(n, `not an ACL Anthology id: "${!citing ? m[1] : m[2]}"`, line));
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
};
