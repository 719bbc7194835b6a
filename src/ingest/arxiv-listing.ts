/**
 * arxiv-listing — pasted arXiv search/listing text, one paper per block of paragraphs
 * ==================================================================================
 *
 * A record is a run of blank-line-separated paragraphs closed by an id block:
 *
 *   <abstract paragraph>
 *
 *   <optional comment line>            e.g. "Accepted by CIKM'23", "13 pages, 6 figures"
 *
 *   arXiv:2308.13249 - doi: 10.1145/3583780.3615482      (" - doi: …" optional)
 *   Created: 2023-08-25
 *
 * Titles are not part of this listing (title: null). The comment line is kept in `comments` and,
 * when it names a venue, normalised into `venue` by venue.ts (year from the comment, else the
 * Created year). Paragraphs that no id block closes become rejects: without an arXiv id there
 * is nothing that makes them a record.
 */
import type { PaperRecord, ParseResult, Reject } from '../types.js';
import type { InputFormat, InputSample } from './format.js';
import { normaliseArxivId, normaliseDoi } from '../graph/keys.js';
import { normaliseNewlines } from './decode.js';
import { paragraphs, squash, type Paragraph } from './text.js';
import { venueFromComment } from './venue.js';

const NAME = 'arxiv-listing';

/** "arXiv:2308.13249", optionally " - doi: 10.1145/…". Linear: \S+ runs are separated by fixed text. */
const ID_LINE = /^arXiv:\s*(\S+)(?:\s+-\s+doi:\s*(\S+))?$/i;
/** A strictly shaped id for detection (new-style or old-style identifiers). */
const DETECT_ID_LINE = /^arXiv:\s*(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*\/\d{7})(?:v\d+)?(?:\s|$)/i;
const CREATED_LINE = /^Created:\s*(\S.*)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Longest DOI considered (real ones are well under 300 characters). Longer candidates are
 * rejected before normaliseDoi, whose trailing-punctuation trim is quadratic on long runs.
 */
const MAX_DOI_CHARS = 512;
/** A comment is one short line; anything longer belongs to the abstract. */
const MAX_COMMENT_CHARS = 400;

function excerpt(text: string): string {
  const flat = squash(text);
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** A raw token quoted in a reject reason, cut so a hostile 1 MB "id" does not fill report.json. */
function quoted(token: string): string {
  return token.length > 80 ? `${token.slice(0, 77)}...` : token;
}

/** Text without a leading BOM and with LF line ends (parse() may get text that skipped decode()). */
function normalise(text: string): string {
  return normaliseNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function isIdParagraph(p: Paragraph): boolean {
  return ID_LINE.test(p.lines[0].trim());
}

function isCreatedParagraph(p: Paragraph): boolean {
  return p.lines.length === 1 && CREATED_LINE.test(p.lines[0].trim());
}

function detect(sample: InputSample): number {
  const lines = normalise(sample.head).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let pairs = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (DETECT_ID_LINE.test(lines[i]) && CREATED_LINE.test(lines[i + 1])) pairs++;
  }
  if (pairs === 0) return 0;
  return Math.min(0.95, 0.6 + 0.1 * pairs);
}

interface IdBlock {
  arxiv: string | null;
  rawId: string;
  doi: string | null;
  rawDoi: string | null;
  created: string | null;
}

/** Reads the id block's lines; lines it does not know become rejects. */
function readIdBlock(p: Paragraph, rejects: Reject[]): IdBlock {
  const m = ID_LINE.exec(p.lines[0].trim())!;
  const block: IdBlock = { arxiv: normaliseArxivId(m[1]), rawId: m[1], doi: null, rawDoi: m[2] ?? null, created: null };
  if (m[2] && m[2].length <= MAX_DOI_CHARS) block.doi = normaliseDoi(m[2]);
  for (let i = 1; i < p.lines.length; i++) {
    const line = p.lines[i].trim();
    const created = CREATED_LINE.exec(line);
    if (created && block.created === null) {
      block.created = created[1].trim();
    } else {
      rejects.push({ line: p.line + i, reason: 'unrecognised line in an arXiv id block (expected "Created: YYYY-MM-DD")', excerpt: excerpt(line) });
    }
  }
  return block;
}

function applyCreated(record: PaperRecord, created: string): void {
  const iso = ISO_DATE.exec(created);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12 && Number(iso[3]) >= 1 && Number(iso[3]) <= 31) {
    record.date = created;
    record.dateText = null;
  } else {
    record.date = null;
    record.dateText = created;
  }
  const year = record.date ? Number(record.date.slice(0, 4)) : undefined;
  const comment = record.comments?.[0];
  if (comment !== undefined) record.venue = venueFromComment(comment, year);
}

/** Splits the paragraphs before an id block into the abstract and the optional comment line. */
function splitPending(pending: Paragraph[]): { abstract: string | null; comment: string | null } {
  if (pending.length === 0) return { abstract: null, comment: null };
  const last = pending[pending.length - 1];
  const lastIsComment = pending.length >= 2 && last.lines.length === 1 && last.text.length <= MAX_COMMENT_CHARS;
  const body = lastIsComment ? pending.slice(0, -1) : pending;
  return {
    // Abstract paragraphs keep their paragraph breaks; lines inside a paragraph are joined.
    abstract: body.map((p) => squash(p.text)).join('\n\n'),
    comment: lastIsComment ? squash(last.text) : null,
  };
}

function parse(input: string, path: string): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  let pending: Paragraph[] = [];
  // The record just closed, while a lone "Created:" paragraph may still belong to it.
  let lastClosed: PaperRecord | null = null;
  let lastHasDate = true;

  for (const p of paragraphs(normalise(String(input ?? '')))) {
    if (isCreatedParagraph(p) && pending.length === 0 && lastClosed && !lastHasDate) {
      applyCreated(lastClosed, CREATED_LINE.exec(p.lines[0].trim())![1].trim());
      lastHasDate = true;
      continue;
    }
    if (!isIdParagraph(p)) {
      pending.push(p);
      lastClosed = null;
      continue;
    }

    const block = readIdBlock(p, rejects);
    const start = pending.length > 0 ? pending[0].line : p.line;
    if (block.arxiv === null) {
      rejects.push({
        line: start,
        reason: `arXiv id "${quoted(block.rawId)}" is not a valid arXiv identifier; block skipped`,
        excerpt: excerpt(p.lines[0]),
      });
      pending = [];
      lastClosed = null;
      continue;
    }
    if (block.rawDoi !== null && block.doi === null) {
      rejects.push({ line: p.line, reason: `DOI "${quoted(block.rawDoi)}" is not a valid DOI; record kept without it`, excerpt: excerpt(p.lines[0]) });
    }

    const { abstract, comment } = splitPending(pending);
    const record: PaperRecord = {
      source: { path, line: start, format: NAME },
      ids: block.doi ? { arxiv: block.arxiv, doi: block.doi } : { arxiv: block.arxiv },
      title: null,
      abstract,
      authors: [],
      authorsTruncated: false,
      date: null,
      dateText: null,
      venue: null,
      comments: comment ? [comment] : [],
      categories: [],
      codeUrls: [],
      orgs: [],
    };
    if (block.created !== null) applyCreated(record, block.created);
    else if (comment) record.venue = venueFromComment(comment);
    records.push(record);
    pending = [];
    lastClosed = record;
    lastHasDate = block.created !== null;
  }

  if (pending.length > 0) {
    rejects.push({
      line: pending[0].line,
      reason: `${pending.length} paragraph(s) with no "arXiv:ID" line after them: not a record`,
      excerpt: excerpt(pending[0].text),
    });
  }
  return { records, rejects };
}

export const arxivListing: InputFormat = {
  name: NAME,
  description: 'Pasted arXiv listing: abstract, optional comment line, "arXiv:ID [- doi: DOI]", "Created: YYYY-MM-DD"',
  detection: 'lines "arXiv:<id>" immediately followed by "Created: <date>"',
  detect,
  parse,
};
