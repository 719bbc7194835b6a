/**
 * packed-index — the related-work index as flat arrays, and back
 * ===============================================================
 *
 * `buildRelatedIndex` reads a whole graph (at 100k papers: 15 s to parse graph.json, 10 s to index
 * it). `packRelatedIndex` turns its result into string tables and typed arrays that a file can hold
 * as raw bytes (sinks/related-index.ts), and `unpackRelatedIndex` serves the same `RelatedIndex`
 * from them without rebuilding anything but the text index's postings: lookups answer from the
 * arrays on demand (binary search over sorted keys, slices of CSR rows), so a query asks the same
 * questions of the same data and gets the same answer, while start-up costs no more than reading
 * the arrays.
 *
 * Nodes are numbered once for every table: the corpus papers first, in `papers` order (so a node
 * number below `corpusSize` is also the paper's number in the text index), then every other id
 * the index mentions — external papers, entities, threads — sorted, so that they can be found by
 * binary search. Lists keep the order the built index gives them (sorted ids), not node order.
 */
import { SHARED_KINDS, type SharedKind } from '../threads/signals.js';
import { TextIndex } from '../threads/text-index.js';
import type { BuiltRelatedIndex, Lookup, RelatedIndex, RelatedSignals } from './related.js';

/**
 * Strings as one encoded text and the end offset (in bytes) of each: string i is
 * bytes[ends[i-1] ?? 0, ends[i]). UTF-8, or UTF-16LE when a string is not well-formed Unicode
 * (a lone surrogate, which UTF-8 cannot keep). Decoded one string at a time, when asked for.
 */
export interface StringTable {
  encoding: 'utf8' | 'utf16le';
  bytes: Buffer;
  ends: Int32Array;
}

export const STRING_TABLES = ['ids', 'labels', 'foldedTitles', 'terms', 'arxivKeys', 'doiKeys', 'aclKeys', 'titleWordKeys'] as const;
export type StringTableName = (typeof STRING_TABLES)[number];

/** Element type of each typed array (the file stores each as raw little-endian bytes). */
export const ARRAY_TYPES = {
  /** Per node: NodeKind, | NO_LABEL when the node has no label. */
  kinds: 'u8',
  /** Per node: the paper's year, NaN for none. */
  years: 'f64',
  /** CSR per node: the papers it cites / that cite it (node numbers, in id order). */
  refStart: 'i32',
  refTo: 'i32',
  citerStart: 'i32',
  citerFrom: 'i32',
  /** CSR per node: its shared entities (node numbers) and their SHARED_KINDS index, grouped by kind. */
  entityStart: 'i32',
  entityIds: 'i32',
  entityKinds: 'u8',
  /** CSR per node: the corpus papers an entity is linked to. */
  linkStart: 'i32',
  linkPapers: 'i32',
  /** Per node: its thread's node number, or -1. */
  threadOf: 'i32',
  popular: 'i32',
  /** Corpus paper of each key in arxivKeys / doiKeys / aclKeys. */
  arxivPaper: 'i32',
  doiPaper: 'i32',
  aclPaper: 'i32',
  /** CSR per key of titleWordKeys: corpus papers. */
  wordStart: 'i32',
  wordPapers: 'i32',
  /** The text index (threads/text-index.ts `TextIndex` constructor parts). */
  idf: 'f32',
  df: 'i32',
  docStart: 'i32',
  docTerms: 'i32',
  docWeights: 'f32',
} as const;
export type ArrayName = keyof typeof ARRAY_TYPES;
export type ElementType = (typeof ARRAY_TYPES)[ArrayName];
export type ArrayOf<T extends ElementType> = T extends 'u8' ? Uint8Array : T extends 'i32' ? Int32Array : T extends 'f32' ? Float32Array : Float64Array;
export type PackedArrays = { [K in ArrayName]: ArrayOf<(typeof ARRAY_TYPES)[K]> };

export interface PackedRelatedIndex {
  corpusSize: number;
  maxCited: number;
  strings: Record<StringTableName, StringTable>;
  arrays: PackedArrays;
}

/** What a node is, per node in `kinds`. */
export const NodeKind = {
  Corpus: 0,
  External: 1,
  Entity: 2,
  Thread: 3,
  /** An id the signals mention that is no node of the graph. */
  Unknown: 4,
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];
const NO_LABEL = 0x80;

/* -------------------------------------------------------------------------- tables -- */

/** String.prototype.isWellFormed (Node 20; TypeScript's lib has it from ES2024, which we do not target). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

export function stringTable(list: readonly string[]): StringTable {
  const text = list.join('');
  const ends = new Int32Array(list.length);
  let end = 0;
  // UTF-8 round-trips only well-formed text (no lone surrogates), and the per-string byte lengths
  // add up only if no surrogate pair is split between two strings; else UTF-16 keeps any string.
  if (isWellFormed(text)) {
    const utf8 = Buffer.from(text, 'utf8');
    // All ASCII (one byte per code unit, the usual case): no per-string encoding needed.
    if (utf8.byteLength === text.length) for (let i = 0; i < list.length; i++) ends[i] = end += list[i].length;
    else for (let i = 0; i < list.length; i++) ends[i] = end += Buffer.byteLength(list[i], 'utf8');
    if (end === utf8.byteLength) return { encoding: 'utf8', bytes: utf8, ends };
    end = 0;
  }
  for (let i = 0; i < list.length; i++) ends[i] = end += 2 * list[i].length;
  return { encoding: 'utf16le', bytes: Buffer.from(text, 'utf16le'), ends };
}

export function stringAt(table: StringTable, i: number): string {
  return table.bytes.toString(table.encoding, i > 0 ? table.ends[i - 1] : 0, table.ends[i]);
}

/** `stringAt` remembered per position, for tables asked for the same strings again and again. */
function cachedStrings(table: StringTable): (i: number) => string {
  const cache = new Array<string | undefined>(table.ends.length);
  return (i) => (cache[i] ??= stringAt(table, i));
}

/** Position of `key` in the sorted strings lo..hi-1 of a table, or -1. */
function findString(at: (i: number) => string, key: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = at(mid);
    if (s === key) return mid;
    if (s < key) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * Node numbers for every id the index mentions, one Map lookup per mention (the build's index
 * has millions: entity papers, references, shared entities). Corpus papers keep their numbers;
 * any other id gets a provisional one (corpusSize + order first seen), and `finish` numbers those
 * in sorted order after the papers, which is the order of the `ids` table.
 */
class NodeNumbering {
  private readonly num: Map<string, number>;
  private readonly others: string[] = [];
  /** Provisional number → final number (after `finish`). */
  private final: Int32Array | null = null;

  constructor(
    papers: ReadonlyMap<string, number>,
    private readonly corpusSize: number,
  ) {
    this.num = new Map(papers);
  }

  /** The provisional number of `id`, numbering it if it is new. */
  of(id: string): number {
    let n = this.num.get(id);
    if (n === undefined) {
      n = this.corpusSize + this.others.length;
      this.num.set(id, n);
      this.others.push(id);
    }
    return n;
  }

  /** The provisional number of an id already numbered, or undefined. */
  get(id: string): number | undefined {
    return this.num.get(id);
  }

  /** Sorts the other ids; returns every id in final order. */
  finish(papers: readonly string[]): string[] {
    const { others, corpusSize } = this;
    const order = Array.from(others.keys()).sort((a, b) => byCodeUnits(others[a], others[b]));
    const final = new Int32Array(corpusSize + others.length);
    for (let i = 0; i < corpusSize; i++) final[i] = i;
    order.forEach((j, rank) => (final[corpusSize + j] = corpusSize + rank));
    this.final = final;
    return [...papers, ...order.map((j) => others[j])];
  }

  /** Final number of a provisional one. */
  at(n: number): number {
    return this.final![n];
  }
}

/**
 * Lists of ids per row, numbered as they are read and laid out as CSR by final row number once
 * the numbering is done (no list per row allocated: the build's heap is large). An optional tag
 * per element (the shared-entity kind) travels with it.
 */
class RowLists {
  private readonly rows: number[] = [];
  private readonly from: number[] = [0];
  private readonly values: number[] = [];
  private readonly tags: number[] = [];

  add(row: number, list: readonly string[], numbering: NodeNumbering, tag = 0): void {
    for (let i = 0; i < list.length; i++) {
      this.values.push(numbering.of(list[i]));
      this.tags.push(tag);
    }
    this.close(row);
  }

  /** A row of corpus papers by number (their final numbers: no lookup). */
  addNumbers(row: number, papers: readonly number[]): void {
    for (let i = 0; i < papers.length; i++) {
      this.values.push(papers[i]);
      this.tags.push(0);
    }
    this.close(row);
  }

  /** Ends the row's elements (several `push`es per row, as `add` does for one list). */
  close(row: number): void {
    this.rows.push(row);
    this.from.push(this.values.length);
  }

  push(value: number, tag: number): void {
    this.values.push(value);
    this.tags.push(tag);
  }

  csr(numbering: NodeNumbering, rowCount: number): { start: Int32Array; values: Int32Array; tags: Uint8Array } {
    const { rows, from } = this;
    const start = new Int32Array(rowCount + 1);
    for (let r = 0; r < rows.length; r++) start[numbering.at(rows[r]) + 1] += from[r + 1] - from[r];
    for (let i = 0; i < rowCount; i++) start[i + 1] += start[i];
    const values = new Int32Array(start[rowCount]);
    const tags = new Uint8Array(values.length);
    for (let r = 0; r < rows.length; r++) {
      let at = start[numbering.at(rows[r])];
      for (let i = from[r]; i < from[r + 1]; i++) {
        values[at] = numbering.at(this.values[i]);
        tags[at++] = this.tags[i];
      }
    }
    return { start, values, tags };
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/* ---------------------------------------------------------------------------- pack -- */

/** The built index as tables and arrays. */
export function packRelatedIndex(index: BuiltRelatedIndex): PackedRelatedIndex {
  const { papers, signals } = index;
  const corpusSize = papers.length;
  const numbering = new NodeNumbering(index.number, corpusSize);
  // Every id the index mentions is a node of the table, numbered in one pass that also reads the lists.
  for (const map of [index.label, index.entityLabel, index.threadLabel]) for (const id of map.keys()) numbering.of(id);
  const [refLists, citerLists, linkLists, entityLists] = [new RowLists(), new RowLists(), new RowLists(), new RowLists()];
  for (const [id, list] of signals.refs) refLists.add(numbering.of(id), list, numbering);
  for (const [id, list] of signals.citers) citerLists.add(numbering.of(id), list, numbering);
  // Corpus papers keep their numbers, so these lists need no lookups.
  for (const [id, list] of index.entityPapers.numbers) linkLists.addNumbers(numbering.of(id), list);
  // Shared entities grouped by kind, in SHARED_KINDS order; ids of other kinds are nodes too.
  for (const [id, byKind] of signals.entities) {
    const row = numbering.of(id);
    for (const list of byKind.values()) for (const e of list) numbering.of(e);
    SHARED_KINDS.forEach((kind, k) => {
      for (const e of byKind.get(kind) ?? []) entityLists.push(numbering.of(e), k);
    });
    entityLists.close(row);
  }
  const threadPairs: number[] = [];
  for (const [id, thread] of index.thread) threadPairs.push(numbering.of(id), numbering.of(thread));
  const ids = numbering.finish(papers);

  // Kind and label by precedence: paper label, then thread label, then entity label (the first
  // that is set), so the maps are read from the last to the first, each overriding the one before.
  const kinds = new Uint8Array(ids.length).fill(NodeKind.Unknown);
  kinds.fill(NodeKind.Corpus, 0, corpusSize);
  const chosen = new Array<unknown>(ids.length);
  const byPrecedence: [Map<string, string>, NodeKind][] = [
    [index.entityLabel, NodeKind.Entity],
    [index.threadLabel, NodeKind.Thread],
    [index.label, NodeKind.External],
  ];
  for (const [map, kind] of byPrecedence) {
    for (const [id, label] of map) {
      const i = numbering.at(numbering.get(id)!);
      if (i >= corpusSize) kinds[i] = kind;
      if (label !== undefined && label !== null) chosen[i] = label;
    }
  }
  const labels = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const label = chosen[i];
    kinds[i] |= typeof label === 'string' ? 0 : NO_LABEL;
    labels[i] = typeof label === 'string' ? label : '';
  }
  const years = new Float64Array(ids.length).fill(NaN);
  for (const [id, year] of signals.year) {
    const n = numbering.get(id);
    if (n !== undefined && typeof year === 'number') years[numbering.at(n)] = year;
  }
  const threadOf = new Int32Array(ids.length).fill(-1);
  for (let j = 0; j < threadPairs.length; j += 2) threadOf[numbering.at(threadPairs[j])] = numbering.at(threadPairs[j + 1]);
  const refs = refLists.csr(numbering, ids.length);
  const citers = citerLists.csr(numbering, ids.length);
  const links = linkLists.csr(numbering, ids.length);
  const entities = entityLists.csr(numbering, ids.length);
  const entityStart = entities.start;
  const entityIds = entities.values;
  const entityKinds = entities.tags;
  const nodeNumber = (id: string) => numbering.at(numbering.get(id)!);

  const keyed = (map: Map<string, string>) => {
    const keys = [...map.keys()].sort(byCodeUnits);
    return { keys: stringTable(keys), papers: Int32Array.from(keys, (k) => nodeNumber(map.get(k)!)) };
  };
  const arxiv = keyed(index.byArxiv);
  const doi = keyed(index.byDoi);
  const acl = keyed(index.byAcl);
  const titleWords = index.titleWords.numbers;
  const words = [...titleWords.keys()].sort(byCodeUnits);
  const wordStart = new Int32Array(words.length + 1);
  words.forEach((w, i) => (wordStart[i + 1] = wordStart[i] + titleWords.get(w)!.length));
  const wordPapers = new Int32Array(wordStart[words.length]);
  words.forEach((w, i) => wordPapers.set(titleWords.get(w)!, wordStart[i]));
  const text = index.text.exportParts();
  const terms = new Array<string>(text.vocabulary.size);
  for (const [term, t] of text.vocabulary) terms[t] = term;

  return {
    corpusSize,
    maxCited: index.maxCited,
    strings: {
      ids: stringTable(ids),
      labels: stringTable(labels),
      foldedTitles: stringTable(papers.map((p) => index.foldedTitle.get(p) ?? '')),
      terms: stringTable(terms),
      arxivKeys: arxiv.keys,
      doiKeys: doi.keys,
      aclKeys: acl.keys,
      titleWordKeys: stringTable(words),
    },
    arrays: {
      kinds,
      years,
      refStart: refs.start,
      refTo: refs.values,
      citerStart: citers.start,
      citerFrom: citers.values,
      entityStart,
      entityIds,
      entityKinds,
      linkStart: links.start,
      linkPapers: links.values,
      threadOf,
      popular: Int32Array.from(index.popular, nodeNumber),
      arxivPaper: arxiv.papers,
      doiPaper: doi.papers,
      aclPaper: acl.papers,
      wordStart,
      wordPapers,
      idf: text.idf,
      df: text.df,
      docStart: text.docStart,
      docTerms: text.docTerms,
      docWeights: text.docWeights,
    },
  };
}

/* -------------------------------------------------------------------------- checks -- */

export class PackedIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackedIndexError';
  }
}

function expectLength(name: string, length: number, expected: number): void {
  if (length !== expected) throw new PackedIndexError(`${name} holds ${length} entries, expected ${expected}`);
}

function expectRange(name: string, values: Int32Array, min: number, max: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min || v >= max) throw new PackedIndexError(`${name}[${i}] = ${v} is outside [${min}, ${max})`);
  }
}

function expectCsr(name: string, start: Int32Array, values: Int32Array, rows: number, max: number): void {
  expectLength(`${name} offsets`, start.length, rows + 1);
  if (start[0] !== 0 || start[rows] !== values.length) throw new PackedIndexError(`${name} offsets do not span its ${values.length} values`);
  for (let r = 0; r < rows; r++) if (start[r + 1] < start[r]) throw new PackedIndexError(`${name} offsets decrease at row ${r}`);
  expectRange(name, values, 0, max);
}

function expectTable(name: string, table: StringTable): void {
  let prev = 0;
  const step = table.encoding === 'utf16le' ? 2 : 1;
  for (let i = 0; i < table.ends.length; i++) {
    if (table.ends[i] < prev || table.ends[i] % step !== 0) throw new PackedIndexError(`string table ${name}: offset ${table.ends[i]} at ${i} is out of order`);
    prev = table.ends[i];
  }
  if (prev !== table.bytes.byteLength) throw new PackedIndexError(`string table ${name}: offsets end at ${prev}, its text at ${table.bytes.byteLength}`);
}

/**
 * Every length, offset and number in range: whatever the file holds, the index built from it
 * never reads outside its arrays (a checksum in the file guards the values themselves).
 */
export function checkPacked(p: PackedRelatedIndex): void {
  const { strings: s, arrays: a } = p;
  for (const name of STRING_TABLES) expectTable(name, s[name]);
  const nodes = s.ids.ends.length;
  const n = p.corpusSize;
  if (!(Number.isInteger(n) && n >= 0 && n <= nodes)) throw new PackedIndexError(`corpus size ${n} does not fit ${nodes} nodes`);
  if (!(Number.isFinite(p.maxCited) && p.maxCited >= 0)) throw new PackedIndexError(`maxCited ${p.maxCited} is not a count`);
  expectLength('labels', s.labels.ends.length, nodes);
  expectLength('kinds', a.kinds.length, nodes);
  for (let i = 0; i < nodes; i++) {
    const kind = a.kinds[i] & ~NO_LABEL;
    if (kind > NodeKind.Unknown || (kind === NodeKind.Corpus) !== i < n) throw new PackedIndexError(`kinds[${i}] = ${a.kinds[i]} does not fit node ${i}`);
  }
  expectLength('years', a.years.length, nodes);
  expectCsr('refs', a.refStart, a.refTo, nodes, nodes);
  expectCsr('citers', a.citerStart, a.citerFrom, nodes, nodes);
  expectCsr('entities', a.entityStart, a.entityIds, nodes, nodes);
  expectLength('entityKinds', a.entityKinds.length, a.entityIds.length);
  for (let i = 0; i < a.entityKinds.length; i++) if (a.entityKinds[i] >= SHARED_KINDS.length) throw new PackedIndexError(`entityKinds[${i}] = ${a.entityKinds[i]} is no kind`);
  expectCsr('links', a.linkStart, a.linkPapers, nodes, n);
  expectLength('threadOf', a.threadOf.length, nodes);
  expectRange('threadOf', a.threadOf, -1, nodes);
  expectRange('popular', a.popular, 0, n);
  expectLength('foldedTitles', s.foldedTitles.ends.length, n);
  for (const [keys, papers] of [['arxivKeys', 'arxivPaper'], ['doiKeys', 'doiPaper'], ['aclKeys', 'aclPaper']] as const) {
    expectLength(papers, a[papers].length, s[keys].ends.length);
    expectRange(papers, a[papers], 0, n);
  }
  expectCsr('titleWords', a.wordStart, a.wordPapers, s.titleWordKeys.ends.length, n);
  const terms = s.terms.ends.length;
  expectLength('idf', a.idf.length, terms);
  expectLength('df', a.df.length, terms);
  expectCsr('docTerms', a.docStart, a.docTerms, n, terms);
  expectLength('docWeights', a.docWeights.length, a.docTerms.length);
}

/* -------------------------------------------------------------------------- unpack -- */

function lookup<V>(get: (key: string) => V | undefined): Lookup<string, V> {
  return { get, has: (key) => get(key) !== undefined };
}

/** The index served from packed arrays (call `checkPacked` first on anything read from disk). */
export function unpackRelatedIndex(p: PackedRelatedIndex): RelatedIndex {
  const { strings: s, arrays: a, corpusSize } = p;
  const nodes = s.ids.ends.length;
  const idOf = cachedStrings(s.ids);
  const papers = new Array<string>(corpusSize);
  const number = new Map<string, number>();
  for (let i = 0; i < corpusSize; i++) {
    papers[i] = idOf(i);
    number.set(papers[i], i);
  }
  const nodeOf = (id: string) => number.get(id) ?? findString(idOf, id, corpusSize, nodes);
  const kindOf = (n: number) => (a.kinds[n] & ~NO_LABEL) as NodeKind;
  const labelAt = cachedStrings(s.labels);
  const labelOf = (n: number) => (a.kinds[n] & NO_LABEL ? undefined : labelAt(n));
  const foldedTitleAt = cachedStrings(s.foldedTitles);
  /** A CSR row as ids, absent when empty (as a Map built from edges has no key there). */
  const row = (start: Int32Array, values: Int32Array, n: number, id: (v: number) => string): string[] | undefined => {
    if (n < 0 || start[n] === start[n + 1]) return undefined;
    const out = new Array<string>(start[n + 1] - start[n]);
    for (let i = start[n]; i < start[n + 1]; i++) out[i - start[n]] = id(values[i]);
    return out;
  };
  const labelOfKind = (kinds: readonly NodeKind[]) =>
    lookup((id) => {
      const n = nodeOf(id);
      return n >= 0 && kinds.includes(kindOf(n)) ? labelOf(n) : undefined;
    });
  const byKey = (keys: StringTable, target: Int32Array) => {
    const keyAt = cachedStrings(keys);
    return lookup((key) => {
      const i = findString(keyAt, key, 0, keys.ends.length);
      return i >= 0 ? papers[target[i]] : undefined;
    });
  };
  const wordAt = cachedStrings(s.titleWordKeys);

  const signals: RelatedSignals = {
    year: lookup((id) => {
      const n = nodeOf(id);
      if (n < 0 || (kindOf(n) !== NodeKind.Corpus && kindOf(n) !== NodeKind.External)) return undefined;
      return Number.isNaN(a.years[n]) ? null : a.years[n];
    }),
    refs: lookup((id) => row(a.refStart, a.refTo, nodeOf(id), idOf)),
    citers: lookup((id) => row(a.citerStart, a.citerFrom, nodeOf(id), idOf)),
    entities: lookup((id) => {
      const n = nodeOf(id);
      if (n < 0 || a.entityStart[n] === a.entityStart[n + 1]) return undefined;
      const byKind = new Map<SharedKind, string[]>();
      for (let i = a.entityStart[n]; i < a.entityStart[n + 1]; i++) {
        const kind = SHARED_KINDS[a.entityKinds[i]];
        const list = byKind.get(kind);
        if (list) list.push(idOf(a.entityIds[i]));
        else byKind.set(kind, [idOf(a.entityIds[i])]);
      }
      return byKind;
    }),
  };

  const terms = s.terms.ends.length;
  const vocabulary = new Map<string, number>();
  for (let t = 0; t < terms; t++) vocabulary.set(stringAt(s.terms, t), t);
  const text = new TextIndex({ ids: papers, vocabulary, idf: a.idf, df: a.df, docStart: a.docStart, docTerms: a.docTerms, docWeights: a.docWeights });

  return {
    signals,
    text,
    papers,
    number,
    label: labelOfKind([NodeKind.Corpus, NodeKind.External]),
    entityLabel: labelOfKind([NodeKind.Entity]),
    thread: lookup((id) => {
      const n = nodeOf(id);
      return n >= 0 && a.threadOf[n] >= 0 ? idOf(a.threadOf[n]) : undefined;
    }),
    threadLabel: labelOfKind([NodeKind.Thread]),
    entityPapers: lookup((id) => row(a.linkStart, a.linkPapers, nodeOf(id), (v) => papers[v])),
    citedCount: lookup((id) => {
      const n = nodeOf(id);
      return n >= 0 && a.citerStart[n + 1] > a.citerStart[n] ? a.citerStart[n + 1] - a.citerStart[n] : undefined;
    }),
    maxCited: p.maxCited,
    popular: Array.from(a.popular, (n) => papers[n]),
    byArxiv: byKey(s.arxivKeys, a.arxivPaper),
    byDoi: byKey(s.doiKeys, a.doiPaper),
    byAcl: byKey(s.aclKeys, a.aclPaper),
    titleWords: lookup((word) => {
      const w = findString(wordAt, word, 0, s.titleWordKeys.ends.length);
      return w >= 0 ? row(a.wordStart, a.wordPapers, w, (v) => papers[v]) : undefined;
    }),
    foldedTitle: lookup((id) => {
      const n = number.get(id);
      return n === undefined ? undefined : foldedTitleAt(n);
    }),
  };
}
