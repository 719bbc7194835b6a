/**
 * jats — JATS / NLM XML (PubMed Central .nxml, publisher XML)
 * ===========================================================
 *
 *   <article> <front> <journal-meta><journal-title-group><journal-title>…
 *     <article-meta> <article-id pub-id-type="doi|pmid|pmc">…</article-id>
 *       <title-group><article-title>…</article-title></title-group>
 *       <contrib-group><contrib contrib-type="author"><name><surname/><given-names/></name>
 *       <aff>…</aff> <pub-date pub-type="epub"><year/><month/><day/></pub-date> <abstract>…
 *       <kwd-group><kwd>…</kwd>
 *   <back> <ref-list> <ref id="R1"> <element-citation | mixed-citation | citation>
 *     <person-group person-group-type="author"><name>…</name></person-group>
 *     <article-title/> <source/> <year/> <pub-id pub-id-type="doi|pmid|pmcid|arxiv"/>
 *
 * `<article-meta>` becomes the paper and each `<ref>` a reference; a book reference has no
 * article-title, so its `<source>` is the title. Inline markup (<italic>, <sup>) is flattened.
 */
import type { PaperIds, PaperRecord, ParseResult, ReferenceRecord, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { addArxiv, addDoi, addFromUrl, addPmcid, addPmid, clean, isoDate, joinName, newRecord, reject, toYear, uniq, usefulReference } from './biblio.js';
import { attr, child, children, descendant, descendants, offsetOf, parseXml, path as xpath, tagOf, textOf, type XmlElement } from './xml.js';

const FORMAT = 'jats';

const SKIP_LABELS = new Set(['label', 'sup', 'xref', 'title', 'institution-id']);

function nameOf(n: XmlElement): string | null {
  if (tagOf(n) === 'string-name' && !child(n, 'surname')) return clean(textOf(n));
  return joinName(textOf(child(n, 'given-names')), textOf(child(n, 'surname')), textOf(child(n, 'suffix')));
}

function addPubIds(ids: PaperIds, scope: XmlElement, tag: string): void {
  for (const el of descendants(scope, tag)) {
    const type = (attr(el, 'pub-id-type') ?? '').toLowerCase();
    const v = textOf(el);
    if (type === 'doi') addDoi(ids, v);
    else if (type === 'pmid') addPmid(ids, v);
    else if (type === 'pmc' || type === 'pmcid') addPmcid(ids, v);
    else if (type === 'arxiv') addArxiv(ids, v);
  }
}

function jatsReference(ref: XmlElement): ReferenceRecord | null {
  const cit = child(ref, 'element-citation') ?? child(ref, 'mixed-citation') ?? child(ref, 'citation') ?? child(ref, 'nlm-citation');
  if (!cit) return null;
  const ids: PaperIds = {};
  addPubIds(ids, cit, 'pub-id');
  for (const link of descendants(cit, 'ext-link')) addFromUrl(ids, attr(link, 'href') ?? textOf(link));
  const local = attr(ref, 'id');
  if (local) ids.local = local;
  const groups = children(cit, 'person-group');
  const authorGroup = groups.find((g) => (attr(g, 'person-group-type') ?? 'author') === 'author');
  const people = authorGroup ? [...children(authorGroup, 'name'), ...children(authorGroup, 'string-name')] : [...children(cit, 'name'), ...children(cit, 'string-name')];
  const articleTitle = clean(textOf(child(cit, 'article-title')));
  const source = clean(textOf(child(cit, 'source')));
  const out: ReferenceRecord = {
    ids,
    title: articleTitle ?? source,
    authors: people.map(nameOf).filter((n): n is string => n !== null),
    year: toYear(textOf(child(cit, 'year'))),
    venue: articleTitle ? source : null,
  };
  if (tagOf(cit) === 'mixed-citation') out.raw = clean(textOf(cit)) ?? undefined;
  return out;
}

function pubDate(meta: XmlElement): string | null {
  const dates = children(meta, 'pub-date');
  const rank = (d: XmlElement): number => {
    const t = attr(d, 'pub-type') ?? attr(d, 'date-type') ?? '';
    return t === 'epub' || t === 'pub' ? 0 : t === 'ppub' ? 1 : t === 'collection' ? 3 : 2;
  };
  const best = [...dates].sort((a, b) => rank(a) - rank(b))[0];
  return best ? isoDate(textOf(child(best, 'year')), textOf(child(best, 'month')), textOf(child(best, 'day'))) : null;
}

export function parseJats(text: string, path: string): ParseResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return { records: [], rejects: [reject(parsed.line, parsed.reason)] };
  const article = parsed.doc.roots.find((r) => tagOf(r) === 'article');
  if (!article) return { records: [], rejects: [reject(1, 'no <article> root element')] };
  const front = child(article, 'front');
  const meta = front ? child(front, 'article-meta') : null;
  if (!meta) return { records: [], rejects: [reject(1, 'no <front>/<article-meta>: not a JATS article')] };
  const rejects: Reject[] = [];
  const ids: PaperIds = {};
  addPubIds(ids, meta, 'article-id');
  const contribs = descendants(meta, 'contrib').filter((c) => (attr(c, 'contrib-type') ?? 'author') === 'author');
  const authors = contribs
    .map((c) => {
      const n = child(c, 'name') ?? child(c, 'string-name');
      return n ? nameOf(n) : clean(textOf(child(c, 'collab')));
    })
    .filter((n): n is string => n !== null);
  const abstracts = children(meta, 'abstract');
  const abstract = abstracts.find((a) => !attr(a, 'abstract-type')) ?? abstracts[0] ?? null;
  const references: ReferenceRecord[] = [];
  const back = child(article, 'back');
  for (const ref of back ? descendants(back, 'ref') : []) {
    const r = jatsReference(ref);
    if (r && usefulReference(r)) references.push(r);
    else rejects.push(reject(parsed.doc.lineAt(offsetOf(ref)), 'reference has no citation element, title or id', attr(ref, 'id') ?? ''));
  }
  const keywords = uniq(descendants(meta, 'kwd').map((k) => clean(textOf(k))));
  const record = newRecord(
    { path, line: parsed.doc.lineAt(offsetOf(meta)), format: FORMAT },
    {
      ids,
      title: clean(textOf(xpath(meta, 'title-group', 'article-title'))),
      abstract: abstract ? clean(textOf(abstract, SKIP_LABELS)) : null,
      authors,
      orgs: uniq(descendants(meta, 'aff').map((a) => clean(textOf(a, SKIP_LABELS)))),
      date: pubDate(meta),
      venue: front ? clean(textOf(descendant(child(front, 'journal-meta') ?? front, 'journal-title'))) : null,
      keywords: keywords.length > 0 ? keywords : undefined,
      references,
    },
  );
  return { records: [record], rejects };
}

function detectJats(sample: InputSample): number {
  const head = sample.head;
  if (!/<article\b/.test(head)) return 0;
  if (/<!DOCTYPE article[^>]*(?:JATS|NLM|Journal Archiving|Journal Publishing)/i.test(head)) return 0.97;
  if (/<article-meta\b/.test(head) || /jats\.nlm\.nih\.gov/.test(head)) return 0.95;
  return /<front>/.test(head) ? 0.7 : 0;
}

export const jats: InputFormat = {
  name: FORMAT,
  description: 'JATS / NLM article XML (PubMed Central .nxml): <article-meta> and the <ref-list>',
  detection: 'root <article> with a JATS/NLM DOCTYPE or an <article-meta> element',
  detect: detectJats,
  parse: parseJats,
};
