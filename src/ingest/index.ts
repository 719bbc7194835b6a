/**
 * The input-format registry (a plain record, STYLE.md habit 3) and the two operations on it:
 * detect a file's format from its head, and parse a decoded file with a named or detected format,
 * given whole (parseInput) or as a stream of text pieces (parseStream).
 * Add a format by writing src/ingest/<name>.ts exporting an InputFormat and listing it below.
 */
import type { ParseResult } from '../types.js';
import { DETECT_CHARS, type InputFormat, type InputSample } from './format.js';
import { arxivDigest } from './arxiv-digest.js';
import { hfApi } from './hf-api.js';
// Bibliographic and citation formats (issue 3).
import { bibtex } from './bibtex.js';
import { ris } from './ris.js';
import { cslJson } from './csl-json.js';
import { arxivAtom } from './arxiv-atom.js';
import { openalex } from './openalex.js';
import { s2Json } from './s2-json.js';
import { tei } from './tei.js';
import { jats } from './jats.js';
import { s2orc } from './s2orc.js';
import { unarxive } from './unarxive.js';
import { aclXml } from './acl-xml.js';
import { aanMetadata } from './aan-metadata.js';
import { aanCitations } from './aan-citations.js';
import { edgeList } from './edge-list.js';
import { arxivAbsMarkdown } from './arxiv-abs-md.js';
import { arxivListing } from './arxiv-listing.js';
import { hfPage } from './hf-page.js';
import { authorProfile } from './author-profile.js';
import { abstractLines } from './abstract-lines.js';
import { pieceLines } from './lines.js';

export type { InputFormat, InputSample } from './format.js';

/**
 * Every format litgraph reads, in detection priority order (ties go to the earlier entry).
 * Structured formats come first: their detectors are precise; the pasted-page formats last.
 */
export const FORMATS: Readonly<Record<string, InputFormat>> = {
  [arxivDigest.name]: arxivDigest,
  [hfApi.name]: hfApi,
  [bibtex.name]: bibtex,
  [ris.name]: ris,
  [cslJson.name]: cslJson,
  [arxivAtom.name]: arxivAtom,
  [openalex.name]: openalex,
  [s2Json.name]: s2Json,
  [tei.name]: tei,
  [jats.name]: jats,
  [s2orc.name]: s2orc,
  [unarxive.name]: unarxive,
  [aclXml.name]: aclXml,
  [aanMetadata.name]: aanMetadata,
  [aanCitations.name]: aanCitations,
  [edgeList.name]: edgeList,
  [arxivAbsMarkdown.name]: arxivAbsMarkdown,
  [arxivListing.name]: arxivListing,
  [hfPage.name]: hfPage,
  [authorProfile.name]: authorProfile,
  [abstractLines.name]: abstractLines,
};

export function formatNames(): string[] {
  return Object.keys(FORMATS);
}

/** The best-scoring format for a sample, or null when no format claims it. */
export function detectFormat(sample: InputSample): InputFormat | null {
  const head = sample.head.length > DETECT_CHARS ? sample.head.slice(0, DETECT_CHARS) : sample.head;
  let best: InputFormat | null = null;
  let bestScore = 0;
  for (const format of Object.values(FORMATS)) {
    const score = format.detect({ path: sample.path, head });
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

export interface ParsedInput extends ParseResult {
  format: string;
}

/**
 * Parses one decoded file. `format` forces a format by name; otherwise it is detected.
 * Returns null when no format recognises the text.
 */
export function parseInput(text: string, path: string, format?: string): ParsedInput | null {
  const chosen = format ? FORMATS[format] : detectFormat({ path, head: text.slice(0, DETECT_CHARS) });
  if (!chosen) return null;
  return { format: chosen.name, ...chosen.parse(text, path) };
}

/**
 * A decoded file as pieces of text (LF line endings) that joined are its whole text. Each call
 * starts again from the beginning: a large file is re-read rather than held (cli/read-inputs.ts).
 */
export type TextPieces = () => Iterable<string>;

/** The first `chars` characters of the text, reading no more pieces than that needs. */
export function headOfPieces(pieces: Iterable<string>, chars = DETECT_CHARS): string {
  const parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= chars) break;
  }
  const head = parts.join('');
  return head.length > chars ? head.slice(0, chars) : head;
}

/** True when the text holds nothing but whitespace (an empty file), read piece by piece. */
export function piecesAreBlank(pieces: Iterable<string>): boolean {
  for (const piece of pieces) if (piece.trim() !== '') return false;
  return true;
}

/**
 * parseInput() for a file given as pieces: detection reads only the head; a format with
 * parseLines then reads the file line by line, so its whole text is never in memory. A format
 * without it gets the pieces joined into one text, as if the file had been read whole.
 * Gives the same result as parseInput() on the joined text.
 */
export function parseStream(pieces: TextPieces, path: string, format?: string): ParsedInput | null {
  const chosen = format ? FORMATS[format] : detectFormat({ path, head: headOfPieces(pieces()) });
  if (!chosen) return null;
  const parsed = chosen.parseLines ? chosen.parseLines(pieceLines(pieces()), path) : chosen.parse([...pieces()].join(''), path);
  return { format: chosen.name, ...parsed };
}
