/**
 * aan-metadata — ACL Anthology Network `acl-metadata.txt`
 * =======================================================
 *
 * Blocks of `key = {value}` lines separated by blank lines:
 *
 *   id = {P10-1001}
 *   author = {Family, Given; Family, Given}
 *   title = {A Title with S\'ami and Pl&uuml;ss}
 *   venue = {ACL}
 *   year = {2010}
 *
 * Authors are "Family, Given" separated by ";". Titles and names carry TeX accents and HTML
 * entities as the AAN builders typed them; both are decoded so names fold to the same author key
 * as in other sources. Each block becomes a record keyed by its ACL id, which is what the
 * `acl.txt` citation pairs (aan-citations) and the ACL Anthology XML name papers by.
 * Streamable: parseLines holds one block at a time.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { texToUnicode } from './tex-accents.js';
import { clean, invertName, isEtAl, isoDate, newRecord, reject } from './biblio.js';
import { textLines } from './lines.js';

const FORMAT = 'aan-metadata';

/** `key = {value}`: the key from a bounded prefix match, the value up to the line's last brace. */
function field(line: string): [string, string] | null {
  const t = line.trimEnd();
  const m = /^\s*([A-Za-z_]{1,40})\s*=\s*\{/.exec(t);
  return m && t.endsWith('}') ? [m[1], t.slice(m[0].length, -1)] : null;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
  eacute: 'é', egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í', oacute: 'ó',
  uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É', atilde: 'ã', otilde: 'õ', oslash: 'ø', aring: 'å',
};

/** Decodes the TeX accents, TeX escapes and HTML entities AAN text carries. */
export function decodeAanText(text: string): string {
  let t = texToUnicode(text);
  t = t.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[A-Za-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return HTML_ENTITIES[e] ?? m;
  });
  // TeX escapes of special characters: \& \_ \# \% \$
  t = t.replace(/\\([&_#%$])/g, '$1');
  return t.normalize('NFC');
}

interface Block {
  line: number;
  fields: Map<string, string>;
  lines: string[];
}

export function parseAanMetadata(text: string, path: string): ParseResult {
  return parseAanMetadataLines(textLines(text), path);
}

export function parseAanMetadataLines(lines: Iterable<string>, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  let block: Block | null = null;
  let lastKey: string | null = null;

  const flush = () => {
    if (!block) return;
    const b = block;
    block = null;
    lastKey = null;
    const rawId = b.fields.get('id');
    const acl = rawId ? normaliseAclId(rawId) : null;
    if (!acl) {
      rejects.push(reject(b.line, rawId ? `id "${rawId}" is not an ACL Anthology id` : 'block has no id = {…} line', b.lines.join(' ')));
      return;
    }
    // Entities (&uuml;) end in ";", so decode before splitting the list at ";".
    const names = decodeAanText(b.fields.get('author') ?? '').split(';').map((n) => n.trim()).filter((n) => n !== '');
    const truncated = names.some(isEtAl);
    const year = b.fields.get('year');
    records.push(
      newRecord(
        { path, line: b.line, format: FORMAT },
        {
          ids: { acl },
          title: clean(decodeAanText(b.fields.get('title') ?? '')),
          authors: names.filter((n) => !isEtAl(n)).map(invertName).filter((n): n is string => n !== null),
          authorsTruncated: truncated,
          date: isoDate(year),
          venue: clean(decodeAanText(b.fields.get('venue') ?? '')),
        },
      ),
    );
  };

  let i = -1;
  for (const line of lines) {
    i++;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const m = field(line);
    if (!block) block = { line: i + 1, fields: new Map(), lines: [] };
    const b: Block = block;
    b.lines.push(line);
    if (m) {
      const key = m[0].toLowerCase();
      if (key === 'id' && b.fields.has('id')) {
        // Two records without a blank line between them: close the first.
        b.lines.pop();
        flush();
        block = { line: i + 1, fields: new Map([[key, m[1]]]), lines: [line] };
        lastKey = key;
        continue;
      }
      b.fields.set(key, m[1]);
      lastKey = key;
    } else if (lastKey !== null) {
      // A wrapped value: the line continues the previous field.
      b.fields.set(lastKey, `${b.fields.get(lastKey) ?? ''} ${line.trim().replace(/\}$/, '')}`);
    } else {
      rejects.push(reject(i + 1, 'expected a `key = {value}` line', line));
    }
  }
  flush();
  return { records, rejects };
}

function detectAanMetadata(sample: InputSample): number {
  const head = sample.head.replace(/^\uFEFF/, '').trimStart();
  if (!/^id\s*=\s*\{[^}\n]*\}\s*$/m.test(head.slice(0, 200))) return 0;
  return /^title\s*=\s*\{/m.test(head) ? 0.95 : 0.6;
}

export const aanMetadata: InputFormat = {
  name: FORMAT,
  description: 'ACL Anthology Network acl-metadata.txt (id/author/title/venue/year blocks)',
  detection: 'text starting with an `id = {…}` line, with `title = {…}` lines in blocks',
  detect: detectAanMetadata,
  parse: parseAanMetadata,
  parseLines: parseAanMetadataLines,
};
