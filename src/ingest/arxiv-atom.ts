/**
 * arxiv-atom — arXiv API responses (Atom 1.0 XML)
 * ===============================================
 *
 *   <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
 *     <entry> <id>http://arxiv.org/abs/2310.14189v2</id> <published>2023-10-22T…</published>
 *       <title>…</title> <summary>…</summary> <author><name>…</name><arxiv:affiliation>…</author>
 *       <arxiv:doi>…</arxiv:doi> <arxiv:comment>…</arxiv:comment> <arxiv:journal_ref>…</arxiv:journal_ref>
 *       <arxiv:primary_category term="cs.IR"/> <category term="cs.IR"/> <link title="doi" href="…"/>
 *
 * The API reports a bad query as an entry whose id is http://arxiv.org/api/errors#…; that entry
 * becomes a reject with the API's message. Dates are the first version's submission date.
 */
import type { PaperIds, PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { addArxiv, addDoi, addFromUrl, clean, isoFromDateString, newRecord, reject, uniq } from './biblio.js';
import { attr, child, children, offsetOf, parseXml, tagOf, textOf, type XmlElement } from './xml.js';

const FORMAT = 'arxiv-atom';

function entryRecord(entry: XmlElement, path: string, line: number): PaperRecord | Reject {
  const id = textOf(child(entry, 'id'));
  if (/arxiv\.org\/api\/errors/i.test(id)) return reject(line, `arXiv API error: ${textOf(child(entry, 'summary')) || id}`, id);
  const ids: PaperIds = {};
  addArxiv(ids, id.replace(/^.*arxiv\.org\/abs\//i, ''));
  addDoi(ids, textOf(child(entry, 'doi')));
  for (const link of children(entry, 'link')) if (attr(link, 'title') === 'doi') addFromUrl(ids, attr(link, 'href'));
  const title = clean(textOf(child(entry, 'title')));
  if (!ids.arxiv && !title) return reject(line, 'entry has no arXiv id and no title', id);
  const authors = children(entry, 'author');
  const categories = uniq([
    attr(child(entry, 'primary_category') ?? {}, 'term'),
    ...children(entry, 'category').map((c) => attr(c, 'term')),
  ]);
  const comment = clean(textOf(child(entry, 'comment')));
  return newRecord(
    { path, line, format: FORMAT },
    {
      ids,
      title,
      abstract: clean(textOf(child(entry, 'summary'))),
      authors: authors.map((a) => clean(textOf(child(a, 'name')))).filter((n): n is string => n !== null),
      orgs: uniq(authors.flatMap((a) => children(a, 'affiliation').map((x) => clean(textOf(x))))),
      date: isoFromDateString(textOf(child(entry, 'published'))) ?? isoFromDateString(textOf(child(entry, 'updated'))),
      venue: clean(textOf(child(entry, 'journal_ref'))),
      comments: comment ? [comment] : undefined,
      categories,
    },
  );
}

export function parseArxivAtom(text: string, path: string): ParseResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return { records: [], rejects: [reject(parsed.line, parsed.reason)] };
  const feed = parsed.doc.roots.find((r) => tagOf(r) === 'feed');
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  // A single <entry> document (one paper saved from the API) is read too.
  const entries = feed ? children(feed, 'entry') : parsed.doc.roots.filter((r) => tagOf(r) === 'entry');
  if (!feed && entries.length === 0) return { records, rejects: [reject(1, 'no Atom <feed> or <entry> root element')] };
  for (const entry of entries) {
    const r = entryRecord(entry, path, parsed.doc.lineAt(offsetOf(entry)));
    if ('source' in r) records.push(r);
    else rejects.push(r);
  }
  return { records, rejects };
}

function detectArxivAtom(sample: InputSample): number {
  const head = sample.head;
  if (!/<(?:feed|entry)\b/.test(head)) return 0;
  if (/xmlns(?::\w+)?="http:\/\/arxiv\.org\/schemas\/atom"/.test(head) || /<id>https?:\/\/arxiv\.org\/(?:abs|api)\//.test(head)) return 0.98;
  return 0;
}

export const arxivAtom: InputFormat = {
  name: FORMAT,
  description: 'arXiv API responses (Atom XML feed of entries)',
  detection: 'root <feed> (or <entry>) with the arxiv.org/schemas/atom namespace or arxiv.org/abs ids',
  detect: detectArxivAtom,
  parse: parseArxivAtom,
};
