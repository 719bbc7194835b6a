/**
 * edge-list — a plain citation edge list (CSV or TSV)
 * ===================================================
 *
 *   citing,cited                    source<TAB>target
 *   2310.14189,10.1145/3583780      paper:arxiv:2310.14189<TAB>W2741809807
 *
 * A header names the two columns (`citing`/`cited`, `source`/`target`, `from`/`to`; any order,
 * extra columns ignored). Values are paper ids in any common form — arXiv id, DOI, ACL id,
 * OpenAlex W-id, Semantic Scholar sha, a URL or a litgraph key — read by biblio.parseAnyPaperId.
 * The list adds citations to papers that other inputs describe; it yields no records itself.
 * Streamable: parseLines reads one line at a time.
 */
import type { CitationPair, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { parseAnyPaperId, reject } from './biblio.js';
import { textLines } from './lines.js';

const FORMAT = 'edge-list';

const CITING = new Set(['citing', 'source', 'from', 'citing_id', 'citingid', 'citing_paper', 'src']);
const CITED = new Set(['cited', 'target', 'to', 'cited_id', 'citedid', 'cited_paper', 'dst']);

/** Splits one delimited line, honouring double-quoted fields ("a,b" stays one field). */
export function splitDelimited(line: string, delimiter: string): string[] {
  if (line.indexOf('"') === -1) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function headerOf(line: string): { delimiter: string; citing: number; cited: number } | null {
  for (const delimiter of ['\t', ',', ';']) {
    if (line.indexOf(delimiter) === -1) continue;
    const cols = splitDelimited(line, delimiter).map((c) => c.toLowerCase().replace(/^\uFEFF/, ''));
    const citing = cols.findIndex((c) => CITING.has(c));
    const cited = cols.findIndex((c) => CITED.has(c));
    if (citing !== -1 && cited !== -1) return { delimiter, citing, cited };
  }
  return null;
}

export function parseEdgeList(text: string, path: string): ParseResult {
  return parseEdgeListLines(textLines(text), path);
}

export function parseEdgeListLines(lines: Iterable<string>, path: string): ParseResult {
  const citations: CitationPair[] = [];
  const rejects: Reject[] = [];
  let header: ReturnType<typeof headerOf> = null;
  let i = -1;
  for (const line of lines) {
    i++;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    if (!header) {
      header = headerOf(line);
      if (!header) return { records: [], rejects: [reject(i + 1, 'expected a header naming the citing and cited columns (citing,cited or source,target)', line)], citations };
      continue;
    }
    const fields = splitDelimited(line, header.delimiter);
    const a = fields[header.citing];
    const b = fields[header.cited];
    if (a === undefined || b === undefined) {
      rejects.push(reject(i + 1, `expected at least ${Math.max(header.citing, header.cited) + 1} columns`, line));
      continue;
    }
    const citing = parseAnyPaperId(a);
    const cited = parseAnyPaperId(b);
    if ('reason' in citing || 'reason' in cited) {
      rejects.push(reject(i + 1, 'reason' in citing ? `citing: ${citing.reason}` : `cited: ${(cited as { reason: string }).reason}`, line));
      continue;
    }
    citations.push({ citing: citing.ids, cited: cited.ids, source: { path, line: i + 1, format: FORMAT } });
  }
  return { records: [], rejects, citations };
}

function detectEdgeList(sample: InputSample): number {
  const first = sample.head.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '' && !/^\s*#/.test(l));
  if (!first || first.length > 300) return 0;
  return headerOf(first) ? 0.95 : 0;
}

export const edgeList: InputFormat = {
  name: FORMAT,
  description: 'citation edge list, CSV or TSV with a citing,cited (or source,target) header; ids in any form',
  detection: 'first line is a CSV/TSV header with citing+cited (or source+target, from+to) columns',
  detect: detectEdgeList,
  parse: parseEdgeList,
  parseLines: parseEdgeListLines,
};
