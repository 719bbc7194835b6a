/**
 * xml — a small reading layer over fast-xml-parser for the XML formats
 * ====================================================================
 *
 * arXiv Atom, GROBID TEI, JATS and ACL Anthology XML all mix text and inline markup
 * (`<fixed-case>`, `<tex-math>`, `<italic>`, `<ref>`), so elements are parsed in document order
 * (`preserveOrder`) and flattened to text here; attribute values are strings, never numbers
 * ("0001" must stay "0001"). Namespace prefixes are dropped (`arxiv:doi` → `doi`, `xml:id` →
 * `id`), which is safe for these vocabularies. Each element keeps its start offset, so records get
 * the line they start on (STYLE.md habit 5). Parsing never throws: a malformed file comes back
 * as an error with the line the validator names.
 */
import { createRequire } from 'node:module';
import { lineLocator } from './json-positions.js';

/** One element as fast-xml-parser's preserveOrder mode gives it: `{tag: children, ':@': attrs}`. */
export type XmlElement = Record<string, unknown>;

type FastXmlParser = typeof import('fast-xml-parser');

/**
 * fast-xml-parser, its parser for these formats and the symbol its elements keep their offsets
 * under, made on the first XML file. Loaded then, and as the package's one-file CommonJS build
 * (5–8 ms, against 35–55 ms for its ES modules): a build without XML input does not load it.
 */
let loaded: { XMLValidator: FastXmlParser['XMLValidator']; parser: InstanceType<FastXmlParser['XMLParser']>; META: symbol } | null = null;

function xmlParser(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as FastXmlParser;
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    captureMetaData: true,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // JATS nests deeply (tables in figures in sections); the default cap of 100 is kept generous.
    maxNestedTags: 500,
  });
  return (loaded = { XMLValidator, parser, META: XMLParser.getMetaDataSymbol() as unknown as symbol });
}

export interface XmlDocument {
  /** Top-level elements (normally one root). */
  roots: XmlElement[];
  /** 1-based line of a character offset. */
  lineAt(offset: number): number;
}

export type XmlParseResult = { ok: true; doc: XmlDocument } | { ok: false; line: number; reason: string };

/** Parses XML text; never throws. */
export function parseXml(text: string): XmlParseResult {
  const lineAt = lineLocator(text);
  const { parser, XMLValidator } = xmlParser();
  try {
    const roots = (parser.parse(text) as XmlElement[]).filter((e) => tagOf(e) !== null);
    if (roots.length === 0) return { ok: false, line: 1, reason: 'no XML element found' };
    return { ok: true, doc: { roots, lineAt } };
  } catch (error) {
    // The validator names the line; the parser's own message often does not.
    let line = 1;
    let reason = error instanceof Error ? error.message : String(error);
    try {
      const v = XMLValidator.validate(text);
      if (v !== true) {
        line = v.err.line;
        reason = v.err.msg;
      }
    } catch {
      /* keep the parser's message */
    }
    return { ok: false, line, reason: `malformed XML: ${reason}` };
  }
}

/** The element's tag name, or null for a text/comment node. */
export function tagOf(el: XmlElement): string | null {
  // for…in rather than Object.keys: this runs for every node of a 56 MB corpus.
  for (const k in el) if (k !== ':@' && k !== '#text' && k !== '#comment' && k !== '__cdata') return k;
  return null;
}

export function attr(el: XmlElement, name: string): string | null {
  const attrs = el[':@'] as Record<string, unknown> | undefined;
  const v = attrs?.[name];
  return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
}

/** Child nodes (elements and text nodes) in order. */
export function childNodes(el: XmlElement): XmlElement[] {
  const tag = tagOf(el);
  const kids = tag ? el[tag] : undefined;
  return Array.isArray(kids) ? (kids as XmlElement[]) : [];
}

/** Child elements, optionally only those with the given tag. */
export function children(el: XmlElement, tag?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of childNodes(el)) {
    const t = tagOf(c);
    if (t !== null && (tag === undefined || t === tag)) out.push(c);
  }
  return out;
}

export function child(el: XmlElement, tag: string): XmlElement | null {
  for (const c of childNodes(el)) if (tagOf(c) === tag) return c;
  return null;
}

/** Follows a path of child tags ("teiHeader", "fileDesc", …); null when a step is missing. */
export function path(el: XmlElement | null, ...tags: string[]): XmlElement | null {
  let cur = el;
  for (const t of tags) {
    if (!cur) return null;
    cur = child(cur, t);
  }
  return cur;
}

/** Every descendant element with the tag, in document order (not descending into matches). */
export function descendants(el: XmlElement, tag: string, into = false): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [...childNodes(el)].reverse();
  while (stack.length > 0) {
    const c = stack.pop() as XmlElement;
    const t = tagOf(c);
    if (t === null) continue;
    if (t === tag) {
      out.push(c);
      if (!into) continue;
    }
    const kids = childNodes(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** The first descendant with the tag, or null. */
export function descendant(el: XmlElement, tag: string): XmlElement | null {
  return descendants(el, tag)[0] ?? null;
}

/**
 * Elements that separate words: their text never runs into the next element's ("<p>a</p><p>b</p>"
 * is "a b", "<surname>Albert</surname><given-names>DM</given-names>" is "Albert DM"). Inline
 * markup (<fixed-case>, <i>, <tex-math>, <italic>, <sup>) is not listed, so "B<fixed-case>ERT</…>"
 * stays one word.
 */
const BLOCKS = new Set([
  'p', 'div', 'head', 'title', 'sec', 'list-item', 'item', 'label', 'caption', 'abstract', 'br',
  'surname', 'given-names', 'forename', 'first', 'last', 'name', 'string-name', 'pub-id', 'article-title',
  'source', 'year', 'volume', 'fpage', 'lpage', 'person-group', 'institution', 'addr-line', 'country',
]);

/**
 * All the text inside an element, inline markup flattened (`<fixed-case>B</fixed-case>ERT` →
 * "BERT"), whitespace collapsed. Tags listed in `skip` are left out with their content.
 */
export function textOf(el: XmlElement | null, skip?: ReadonlySet<string>): string {
  if (!el) return '';
  // The common case, an element holding one text node, skips the walk.
  const only = childNodes(el);
  if (only.length === 1 && only[0]['#text'] !== undefined) return String(only[0]['#text']).replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  // Stack of nodes to visit; the string ' ' marks the end of a block element.
  const stack: (XmlElement | ' ')[] = [el];
  while (stack.length > 0) {
    const c = stack.pop() as XmlElement | ' ';
    if (c === ' ') {
      parts.push(' ');
      continue;
    }
    const t = c['#text'];
    if (t !== undefined) {
      parts.push(String(t));
      continue;
    }
    const cdata = c.__cdata;
    if (Array.isArray(cdata)) {
      for (const x of cdata as XmlElement[]) if (x['#text'] !== undefined) parts.push(String(x['#text']));
      continue;
    }
    const tag = tagOf(c);
    if (tag === null || (skip && skip.has(tag) && c !== el)) continue;
    if (c !== el && BLOCKS.has(tag)) {
      parts.push(' ');
      stack.push(' ');
    }
    const kids = childNodes(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return parts
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)\]])/g, '$1')
    .trim();
}

/** Start offset of an element in the text (0 when unknown). */
export function offsetOf(el: XmlElement): number {
  const meta = (el as Record<symbol, unknown>)[xmlParser().META] as { startIndex?: number } | undefined;
  return typeof meta?.startIndex === 'number' ? meta.startIndex : 0;
}

/** The root element with the tag, or null. */
export function rootElement(doc: XmlDocument, tag: string): XmlElement | null {
  return doc.roots.find((r) => tagOf(r) === tag) ?? null;
}
