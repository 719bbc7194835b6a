/**
 * related.idx — the related-work index, stored beside graph.json by `litgraph build`
 * ==================================================================================
 *
 * `litgraph related` used to parse graph.json and rebuild its index at every start (28 s at 100k
 * papers). The build now stores the packed index (query/packed-index.ts) in one file:
 *
 *   "LGRELIDX"  magic, 8 bytes
 *   u32 LE      length H of the header
 *   H bytes     header JSON: schema, the stamp of the graph.json it was built from (size and
 *               mtime in ns), the text-index options, the sha1 of the body and its sections
 *               ({name, type, offset, bytes}, offsets from the body's start, 8-byte aligned)
 *   padding     to a multiple of 8
 *   body        the sections: typed arrays as raw little-endian bytes; string tables as one UTF-8
 *               text (UTF-16LE when a string is not well-formed Unicode, which UTF-8 cannot keep)
 *               plus an i32 array of each string's end, in bytes (decoded one string at a time)
 *
 * Reading never trusts the file: the stamp must match graph.json as it is now, the schema and the
 * text-index options this code's, the body its checksum, and every offset its arrays
 * (`checkPacked`); otherwise the reader says why and the caller rebuilds from graph.json. The
 * stamp is what makes related.idx differ between two builds of the same inputs; copying an
 * output folder without keeping mtimes (`cp -p`) makes the index stale (slow, never wrong).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { LitGraph } from '../graph/build.js';
import { buildRelatedIndex, type BuiltRelatedIndex, type RelatedIndex } from '../query/related.js';
import { ARRAY_TYPES, checkPacked, packRelatedIndex, STRING_TABLES, unpackRelatedIndex, type ArrayName, type ElementType, type PackedArrays, type PackedRelatedIndex, type StringTable, type StringTableName } from '../query/packed-index.js';
import { resolveTextIndexOptions, type TextIndexOptions } from '../threads/text-index.js';

export const RELATED_INDEX_FILE = 'related.idx';
/** Bumped whenever the layout or the meaning of a section changes. */
export const RELATED_INDEX_SCHEMA = 1;
const MAGIC = 'LGRELIDX';
const GRAPH_FILE = 'graph.json';

/** Which graph.json an index was built from. */
export interface GraphStamp {
  size: number;
  /** Modification time in nanoseconds, as a decimal string (beyond 2^53). */
  mtimeNs: string;
}

type SectionType = ElementType | 'utf8' | 'utf16le';

interface Section {
  name: string;
  type: SectionType;
  offset: number;
  bytes: number;
}

interface Header {
  schema: number;
  graph: GraphStamp;
  text: TextIndexOptions;
  corpusSize: number;
  maxCited: number;
  sha1: string;
  bodyBytes: number;
  sections: Section[];
}

const ELEMENT_BYTES: Record<ElementType, number> = { u8: 1, i32: 4, f32: 4, f64: 8 };
const align8 = (n: number) => (n + 7) & ~7;

export function graphStamp(path: string): GraphStamp {
  const s = statSync(path, { bigint: true });
  return { size: Number(s.size), mtimeNs: s.mtimeNs.toString() };
}

/* --------------------------------------------------------------------------- write -- */

/** Zero bytes for padding sections to 8-byte boundaries. */
const PADDING = new Uint8Array(8);

/**
 * The file's bytes for a packed index built from the graph.json with `stamp`, as pieces to write
 * one after another: the header, then each section and its padding, straight from the packed
 * arrays. (Copying the sections into one body buffer and then the header and body into another
 * allocated 130 MB outside the heap at 100k papers, which made V8 collect the whole 2 GB heap in
 * the middle of the write stage.)
 */
export function relatedIndexPieces(packed: PackedRelatedIndex, stamp: GraphStamp): Uint8Array[] {
  if (endianness() !== 'LE') throw new Error('related.idx is written little-endian; this machine is big-endian');
  const parts: { name: string; type: SectionType; bytes: Uint8Array }[] = [];
  for (const name of STRING_TABLES) {
    const { encoding, bytes, ends } = packed.strings[name];
    parts.push({ name: `${name}.text`, type: encoding, bytes });
    parts.push({ name: `${name}.ends`, type: 'i32', bytes: new Uint8Array(ends.buffer, ends.byteOffset, ends.byteLength) });
  }
  for (const name of Object.keys(ARRAY_TYPES) as ArrayName[]) {
    const a = packed.arrays[name];
    parts.push({ name, type: ARRAY_TYPES[name], bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) });
  }
  const sections: Section[] = [];
  const body: Uint8Array[] = [];
  const sha1 = createHash('sha1');
  let offset = 0;
  for (const p of parts) {
    sections.push({ name: p.name, type: p.type, offset, bytes: p.bytes.byteLength });
    const end = offset + p.bytes.byteLength;
    offset = align8(end);
    for (const piece of [p.bytes, PADDING.subarray(0, offset - end)]) {
      if (piece.byteLength === 0) continue;
      body.push(piece);
      sha1.update(piece);
    }
  }
  const header: Header = {
    schema: RELATED_INDEX_SCHEMA,
    graph: stamp,
    text: resolveTextIndexOptions(),
    corpusSize: packed.corpusSize,
    maxCited: packed.maxCited,
    sha1: sha1.digest('hex'),
    bodyBytes: offset,
    sections,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(align8(12 + json.byteLength));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.byteLength, 8);
  head.set(json, 12);
  return [head, ...body];
}

/** The file's bytes in one buffer (relatedIndexPieces joined). */
export function encodeRelatedIndex(packed: PackedRelatedIndex, stamp: GraphStamp): Buffer {
  return Buffer.concat(relatedIndexPieces(packed, stamp));
}

/**
 * The related-work index of `graph` as the pieces of related.idx (what `litgraph build` writes):
 * from the index the build made, packed or not yet, or else built here.
 */
export function relatedIndexFile(graph: LitGraph, stamp: GraphStamp, made?: BuiltRelatedIndex | PackedRelatedIndex): Uint8Array[] {
  const packed = made === undefined ? packRelatedIndex(buildRelatedIndex(graph)) : 'arrays' in made ? made : packRelatedIndex(made);
  return relatedIndexPieces(packed, stamp);
}

/* ---------------------------------------------------------------------------- read -- */

export type StoredIndex =
  | { status: 'ok'; index: RelatedIndex }
  /** No graph.json: nothing to check the index against (the caller's loader says what to do). */
  | { status: 'no-graph' }
  | { status: 'missing' | 'stale' | 'schema' | 'corrupt'; message: string };

/** A section missing or out of place (caught and reported as `corrupt`). */
class CorruptIndex extends Error {}

/** Reads `dir`/related.idx if it is present, intact and built from `dir`/graph.json as it is now. */
export function readRelatedIndex(dir: string): StoredIndex {
  const graphPath = join(dir, GRAPH_FILE);
  const path = join(dir, RELATED_INDEX_FILE);
  if (!existsSync(graphPath)) return { status: 'no-graph' };
  if (!existsSync(path)) return { status: 'missing', message: `no ${RELATED_INDEX_FILE} beside ${GRAPH_FILE} (a build by an older litgraph?)` };
  try {
    return decodeRelatedIndex(readFileSync(path), graphStamp(graphPath));
  } catch (error) {
    return { status: 'corrupt', message: `${RELATED_INDEX_FILE} is unreadable (${(error as Error).message})` };
  }
}

/** The index in `bytes`, if they hold one built from the graph.json with `stamp`. */
export function decodeRelatedIndex(bytes: Uint8Array, stamp: GraphStamp): StoredIndex {
  const corrupt = (why: string): StoredIndex => ({ status: 'corrupt', message: `${RELATED_INDEX_FILE} is corrupt or truncated (${why})` });
  if (bytes.byteLength < 12 || Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== MAGIC) return corrupt('not a litgraph related index');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(8, true);
  if (12 + headerBytes > bytes.byteLength) return corrupt(`header of ${headerBytes} bytes, file of ${bytes.byteLength}`);
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 12, headerBytes).toString('utf8')) as Header;
  } catch (error) {
    return corrupt(`header: ${(error as Error).message}`);
  }
  if (typeof header !== 'object' || header === null) return corrupt('header is not an object');
  if (header.schema !== RELATED_INDEX_SCHEMA) {
    const which = typeof header.schema === 'number' && header.schema > RELATED_INDEX_SCHEMA ? 'a newer' : 'an older';
    return { status: 'schema', message: `${RELATED_INDEX_FILE} was written by ${which} litgraph (schema ${header.schema}, this one reads ${RELATED_INDEX_SCHEMA})` };
  }
  if (header.graph?.size !== stamp.size || header.graph?.mtimeNs !== stamp.mtimeNs) {
    return { status: 'stale', message: `${GRAPH_FILE} has changed since ${RELATED_INDEX_FILE} was written` };
  }
  if (JSON.stringify(header.text) !== JSON.stringify(resolveTextIndexOptions())) {
    return { status: 'stale', message: `${RELATED_INDEX_FILE} was built with other text-index settings` };
  }
  if (endianness() !== 'LE') return { status: 'stale', message: `${RELATED_INDEX_FILE} is little-endian and this machine is not` };
  const bodyStart = align8(12 + headerBytes);
  if (bodyStart + header.bodyBytes !== bytes.byteLength) return corrupt(`${bytes.byteLength} bytes, expected ${bodyStart + header.bodyBytes}`);
  // Typed arrays need aligned offsets: copy the (rarely) unaligned buffer Node may pool small files in.
  let body = bytes.subarray(bodyStart);
  if (body.byteOffset % 8 !== 0) body = new Uint8Array(body);
  if (createHash('sha1').update(body).digest('hex') !== header.sha1) return corrupt('checksum mismatch');
  try {
    const packed = sections(header, body);
    checkPacked(packed);
    return { status: 'ok', index: unpackRelatedIndex(packed) };
  } catch (error) {
    return corrupt((error as Error).message);
  }
}

/** The packed index over the body's sections. */
function sections(header: Header, body: Uint8Array): PackedRelatedIndex {
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const section = (name: string, types: readonly SectionType[]): { type: SectionType; bytes: Uint8Array } => {
    const s = byName.get(name);
    if (!s) throw new CorruptIndex(`no section ${name}`);
    if (!types.includes(s.type)) throw new CorruptIndex(`section ${name} is ${s.type}, expected ${types.join(' or ')}`);
    const size = s.type === 'utf8' || s.type === 'utf16le' ? 1 : ELEMENT_BYTES[s.type];
    if (!(Number.isInteger(s.offset) && Number.isInteger(s.bytes) && s.offset >= 0 && s.offset % 8 === 0 && s.bytes >= 0 && s.bytes % size === 0 && s.offset + s.bytes <= body.byteLength)) {
      throw new CorruptIndex(`section ${name} at ${s.offset} (${s.bytes} bytes) does not fit the body of ${body.byteLength}`);
    }
    return { type: s.type, bytes: body.subarray(s.offset, s.offset + s.bytes) };
  };
  const typed = <T extends ElementType>(name: string, type: T) => {
    const { bytes } = section(name, [type]);
    const at = [bytes.byteOffset, bytes.byteLength / ELEMENT_BYTES[type]] as const;
    return (type === 'u8' ? new Uint8Array(bytes.buffer, ...at) : type === 'i32' ? new Int32Array(bytes.buffer, ...at) : type === 'f32' ? new Float32Array(bytes.buffer, ...at) : new Float64Array(bytes.buffer, ...at)) as PackedArrays[ArrayName];
  };
  const strings = {} as Record<StringTableName, StringTable>;
  for (const name of STRING_TABLES) {
    const { type, bytes } = section(`${name}.text`, ['utf8', 'utf16le']);
    strings[name] = { encoding: type as 'utf8' | 'utf16le', bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ends: typed(`${name}.ends`, 'i32') as Int32Array };
  }
  const arrays = {} as Record<ArrayName, PackedArrays[ArrayName]>;
  for (const name of Object.keys(ARRAY_TYPES) as ArrayName[]) arrays[name] = typed(name, ARRAY_TYPES[name]);
  if (!(Number.isInteger(header.corpusSize) && typeof header.maxCited === 'number')) throw new CorruptIndex('header without corpus size');
  return { corpusSize: header.corpusSize, maxCited: header.maxCited, strings, arrays: arrays as PackedArrays };
}
