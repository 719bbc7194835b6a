/**
 * acl-xml — ACL Anthology metadata XML
 * ====================================
 *
 * The Anthology's upstream format, one file per collection:
 *
 *   <collection id="2020.acl"> <volume id="main"> <meta><booktitle>…</booktitle><year>…</meta>
 *     <paper id="207"> <title>…<fixed-case>BERT</fixed-case>…</title>
 *       <author><first>…</first><last>…</last></author> <abstract>…<tex-math>n^2</tex-math>…</abstract>
 *       <url>2020.acl-main.207</url> <doi>…</doi>
 *       <pwccode url="https://github.com/…">owner/name</pwccode> <pwcdataset url="…">SQuAD</pwcdataset>
 *
 * The ACL id is the `<url>` text when it is an Anthology id; older papers without one get the id
 * built from the collection, volume and paper ids the way the Anthology does ("P19" + "1" + "1" →
 * "P19-1001", "W19" + "38" + "1" → "W19-3801", "2020.acl" + "main" + "207" → "2020.acl-main.207").
 * `<pwccode>` becomes codeUrls and `<pwcdataset>` datasetTags: both are the source's own tags.
 * Frontmatter is not a paper. Inline markup in titles and abstracts is flattened to its text.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { addDoi, clean, isoDate, joinName, newRecord, reject, uniq } from './biblio.js';
import { attr, child, children, offsetOf, parseXml, tagOf, textOf, type XmlDocument, type XmlElement } from './xml.js';

const FORMAT = 'acl-xml';

/**
 * The Anthology id the collection/volume/paper ids spell, following the Anthology's own rule:
 * workshops ("W…"), C69 and D19 volumes 5+ use two digits for the volume and two for the paper,
 * other old-style collections one and three; new-style ids are "<collection>-<volume>.<paper>".
 */
export function buildAclId(collection: string, volume: string, paper: string): string | null {
  if (/^\d{4}\./.test(collection)) return normaliseAclId(`${collection}-${volume}.${paper}`);
  if (!/^[A-Za-z]\d{2}$/.test(collection) || !/^\d{1,2}$/.test(volume) || !/^\d{1,3}$/.test(paper)) return null;
  const v = Number(volume);
  const p = Number(paper);
  const wide = /^W/i.test(collection) || collection === 'C69' || (collection === 'D19' && v >= 5);
  const id = wide ? `${collection}-${String(v).padStart(2, '0')}${String(p).padStart(2, '0')}` : `${collection}-${v}${String(p).padStart(3, '0')}`;
  return id.length === 8 ? normaliseAclId(id) : null;
}

function personName(el: XmlElement): string | null {
  return joinName(textOf(child(el, 'first')), textOf(child(el, 'last')));
}

function paperRecord(
  el: XmlElement,
  ctx: { collection: string; volume: string; venue: string | null; year: string | null; month: string | null; used: Set<string> },
  path: string,
  line: number,
): PaperRecord | Reject {
  const paperId = attr(el, 'id') ?? '';
  const url = textOf(child(el, 'url'));
  const built = buildAclId(ctx.collection, ctx.volume, paperId);
  let acl = normaliseAclId(url) ?? built;
  const comments: string[] = [];
  // A few real volumes repeat another volume's <url> ids (2006.amta panel2 reuses panel1's);
  // the id built from the volume's own ids is then the one that names this paper.
  if (acl && ctx.used.has(acl) && built && !ctx.used.has(built)) {
    comments.push(`<url> ${acl} repeats an earlier paper's id; using ${built}`);
    acl = built;
  }
  if (acl) ctx.used.add(acl);
  const title = clean(textOf(child(el, 'title')));
  if (!title && !acl) return reject(line, 'paper has neither a title nor an ACL id', `<paper id="${paperId}">`);
  const ids: PaperRecord['ids'] = {};
  if (acl) ids.acl = acl;
  addDoi(ids, textOf(child(el, 'doi')));
  const authors = children(el, 'author')
    .map(personName)
    .filter((n): n is string => n !== null);
  const pwccode = children(el, 'pwccode');
  // An empty url with additional="true" says Papers with Code knows of code but names no repo.
  const codeUrls = uniq(pwccode.map((c) => clean(attr(c, 'url') ?? '')));
  const datasetTags = children(el, 'pwcdataset')
    .map((d) => {
      const name = clean(textOf(d));
      const u = clean(attr(d, 'url') ?? '');
      return name ? (u ? { name, url: u } : { name }) : null;
    })
    .filter((d): d is { name: string; url?: string } => d !== null);
  const year = clean(textOf(child(el, 'year'))) ?? ctx.year;
  const month = clean(textOf(child(el, 'month'))) ?? ctx.month;
  for (const tag of ['retracted', 'removed']) {
    const c = child(el, tag);
    if (c) comments.push(`${tag}${textOf(c) ? `: ${textOf(c)}` : ''}`);
  }
  const note = clean(textOf(child(el, 'note')));
  if (note) comments.push(note);
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract: clean(textOf(child(el, 'abstract'))),
      authors,
      date: isoDate(year, month),
      venue: ctx.venue,
      codeUrls,
      hasCode: pwccode.length > 0 ? true : undefined,
      datasetTags: datasetTags.length > 0 ? datasetTags : undefined,
      comments: comments.length > 0 ? comments : undefined,
    },
  );
}

function collect(doc: XmlDocument, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const roots = doc.roots.filter((r) => tagOf(r) === 'collection');
  if (roots.length === 0) return { records, rejects: [reject(1, 'no <collection> root element: not ACL Anthology XML')] };
  const used = new Set<string>();
  for (const collection of roots) {
    const cid = attr(collection, 'id') ?? '';
    for (const volume of children(collection, 'volume')) {
      const vid = attr(volume, 'id') ?? '';
      const meta = child(volume, 'meta');
      const venue = meta ? clean(textOf(child(meta, 'booktitle'))) ?? clean(textOf(child(meta, 'journal-title'))) : null;
      const ctx = {
        collection: cid,
        volume: vid,
        venue,
        year: meta ? clean(textOf(child(meta, 'year'))) : null,
        month: meta ? clean(textOf(child(meta, 'month'))) : null,
        used,
      };
      for (const paper of children(volume, 'paper')) {
        const r = paperRecord(paper, ctx, path, doc.lineAt(offsetOf(paper)));
        if ('source' in r) records.push(r);
        else rejects.push(r);
      }
    }
    // Events and other top-level children carry no papers; a stray <paper> outside a volume does.
    for (const stray of children(collection, 'paper')) {
      rejects.push(reject(doc.lineAt(offsetOf(stray)), '<paper> outside a <volume>', `<paper id="${attr(stray, 'id') ?? ''}">`));
    }
  }
  return { records, rejects };
}

export function parseAclXml(text: string, path: string): ParseResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return { records: [], rejects: [reject(parsed.line, parsed.reason)] };
  return collect(parsed.doc, path);
}

function detectAclXml(sample: InputSample): number {
  const head = sample.head;
  if (!/<collection\b[^>]*\bid=/.test(head)) return 0;
  return /<volume\b/.test(head) || /<paper\b/.test(head) ? 0.98 : 0.6;
}

export const aclXml: InputFormat = {
  name: FORMAT,
  description: 'ACL Anthology metadata XML (<collection>/<volume>/<paper>, with <pwccode>/<pwcdataset> tags)',
  detection: 'root element <collection id=…> with <volume>/<paper> children',
  detect: detectAclXml,
  parse: parseAclXml,
};
