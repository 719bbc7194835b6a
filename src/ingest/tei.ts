/**
 * tei — GROBID TEI XML (full-text extraction of a PDF)
 * ====================================================
 *
 *   <TEI xmlns="http://www.tei-c.org/ns/1.0"> <teiHeader> <fileDesc> <titleStmt><title>…</title>
 *     <sourceDesc><biblStruct><analytic><author><persName><forename/><surname/></persName>
 *       <affiliation><orgName type="institution">…</orgName></affiliation></author> <idno type="DOI">…
 *     <profileDesc><abstract><p>…</p></abstract> <textClass><keywords><term>…</term>
 *   <text> … <back> <div type="references"> <listBibl> <biblStruct xml:id="b0"> …
 *
 * The header becomes the paper, each `<biblStruct>` of the `<listBibl>` a reference: title
 * (analytic title, else the monograph title), authors, year (`<date when>`), venue (the
 * monograph title when there is an analytic one), DOI / arXiv / PMID `<idno>`s, and the raw
 * string GROBID keeps in `<note type="raw_reference">`. GROBID writes arXiv ids as
 * `<idno>abs/1806.01620</idno>` under a monograph titled "ArXiv"/"CoRR"; those are read too.
 * A file named like an ACL id (2020.acl-main.207.tei.xml) names its paper: ids.acl comes from it.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseAclId } from '../graph/keys.js';
import { addArxiv, addDoi, addFromUrl, addPmcid, addPmid, clean, isoFromDateString, joinName, newRecord, reject, toYear, uniq, usefulReference } from './biblio.js';
import { attr, child, children, descendant, descendants, offsetOf, parseXml, path as xpath, tagOf, textOf, type XmlElement } from './xml.js';

const FORMAT = 'tei';

function persName(author: XmlElement): string | null {
  const p = child(author, 'persName');
  if (!p) return null;
  const fore = children(p, 'forename').map((f) => textOf(f));
  return joinName(...fore, textOf(child(p, 'surname')));
}

function authorsOf(el: XmlElement | null): string[] {
  if (!el) return [];
  return children(el, 'author')
    .map(persName)
    .filter((n): n is string => n !== null);
}

function addIdnos(ids: PaperIds, scope: XmlElement, arxivVenue: boolean): void {
  for (const idno of descendants(scope, 'idno')) {
    const type = (attr(idno, 'type') ?? '').toLowerCase();
    const value = textOf(idno);
    if (type === 'doi') addDoi(ids, value);
    else if (type === 'arxiv') addArxiv(ids, value.replace(/^arxiv:\s*/i, ''));
    else if (type === 'pmid') addPmid(ids, value);
    else if (type === 'pmcid') addPmcid(ids, value);
    else if (/^arxiv:/i.test(value) || (arxivVenue && /^abs\//i.test(value))) addArxiv(ids, value.replace(/^arxiv:\s*/i, ''));
    else if (/^10\.\d{4,9}\//.test(value)) addDoi(ids, value);
  }
  for (const ptr of descendants(scope, 'ptr')) addFromUrl(ids, attr(ptr, 'target'));
}

function dateOf(scope: XmlElement | null): string | null {
  if (!scope) return null;
  for (const d of descendants(scope, 'date')) {
    const iso = isoFromDateString(attr(d, 'when') ?? '') ?? isoFromDateString(textOf(d));
    if (iso) return iso;
  }
  return null;
}

export function teiBiblStruct(b: XmlElement): ReferenceRecord {
  const analytic = child(b, 'analytic');
  const monogr = child(b, 'monogr');
  const aTitle = analytic ? clean(textOf(child(analytic, 'title'))) : null;
  const mTitle = monogr ? clean(textOf(child(monogr, 'title'))) : null;
  const arxivVenue = /^(?:arxiv|corr)\b/i.test(mTitle ?? '');
  const ids: PaperIds = {};
  addIdnos(ids, b, arxivVenue);
  const local = attr(b, 'id');
  if (local) ids.local = local;
  const authors = authorsOf(analytic);
  const ref: ReferenceRecord = {
    ids,
    title: aTitle ?? mTitle,
    authors: authors.length > 0 ? authors : authorsOf(monogr),
    year: toYear(dateOf(monogr) ?? ''),
    venue: aTitle ? mTitle : null,
  };
  const raw = clean(textOf(descendants(b, 'note').find((n) => attr(n, 'type') === 'raw_reference') ?? null));
  if (raw) ref.raw = raw;
  return ref;
}

export function parseTei(text: string, path: string): ParseResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return { records: [], rejects: [reject(parsed.line, parsed.reason)] };
  const tei = parsed.doc.roots.find((r) => tagOf(r) === 'TEI' || tagOf(r) === 'teiCorpus');
  if (!tei) return { records: [], rejects: [reject(1, 'no <TEI> root element')] };
  const rejects: Reject[] = [];
  const header = child(tei, 'teiHeader');
  const fileDesc = header ? child(header, 'fileDesc') : null;
  const source = xpath(fileDesc, 'sourceDesc', 'biblStruct');
  const analytic = source ? child(source, 'analytic') : null;
  const ids: PaperIds = {};
  if (source) addIdnos(ids, source, false);
  const base = path.replace(/^.*[\\/]/, '').replace(/(?:\.tei)?\.xml$/i, '');
  const acl = normaliseAclId(base);
  if (acl) ids.acl ??= acl;
  const title = clean(textOf(xpath(fileDesc, 'titleStmt', 'title'))) ?? (analytic ? clean(textOf(child(analytic, 'title'))) : null);
  const abstract = header ? clean(textOf(xpath(header, 'profileDesc', 'abstract'))) : null;
  const orgs = uniq(
    (analytic ? children(analytic, 'author') : []).flatMap((a) =>
      children(a, 'affiliation').flatMap((af) => children(af, 'orgName').filter((o) => attr(o, 'type') === 'institution').map((o) => clean(textOf(o)))),
    ),
  );
  const keywords = header ? uniq(descendants(header, 'term').map((t) => clean(textOf(t)))) : [];
  const back = descendant(tei, 'back');
  const references: ReferenceRecord[] = [];
  for (const list of back ? descendants(back, 'listBibl') : []) {
    for (const b of children(list, 'biblStruct')) {
      const ref = teiBiblStruct(b);
      if (usefulReference(ref)) references.push(ref);
      else rejects.push(reject(parsed.doc.lineAt(offsetOf(b)), 'reference has no title, id or raw text', attr(b, 'id') ?? ''));
    }
  }
  if (!title && !abstract && references.length === 0) return { records: [], rejects: [...rejects, reject(1, 'TEI document has no title, abstract or references')] };
  const record = newRecord(
    { path, line: header ? parsed.doc.lineAt(offsetOf(header)) : 1, format: FORMAT },
    {
      ids,
      title,
      abstract,
      authors: authorsOf(analytic),
      orgs,
      date: dateOf(xpath(fileDesc, 'publicationStmt')) ?? dateOf(source ? child(source, 'monogr') : null),
      keywords: keywords.length > 0 ? keywords : undefined,
      references,
    },
  );
  return { records: [record], rejects };
}

function detectTei(sample: InputSample): number {
  const head = sample.head;
  if (/<TEI\b[^>]*tei-c\.org\/ns/.test(head) || /<teiCorpus\b/.test(head)) return 0.98;
  return /<TEI\b/.test(head) && /<teiHeader\b/.test(head) ? 0.95 : 0;
}

export const tei: InputFormat = {
  name: FORMAT,
  description: 'GROBID TEI XML: the paper header and its <listBibl> reference list',
  detection: 'root element <TEI> in the tei-c.org namespace (or with a <teiHeader>)',
  detect: detectTei,
  parse: parseTei,
};
