/**
 * The input-format registry (a plain record, STYLE.md habit 3) and the two operations on it:
 * detect a file's format from its head, and parse a decoded file with a named or detected format.
 * Add a format by writing src/ingest/<name>.ts exporting an InputFormat and listing it below.
 */
import type { ParseResult } from '../types.js';
import { DETECT_CHARS, type InputFormat, type InputSample } from './format.js';
import { arxivListing } from './arxiv-listing.js';
import { hfPage } from './hf-page.js';
import { authorProfile } from './author-profile.js';
import { abstractLines } from './abstract-lines.js';

export type { InputFormat, InputSample } from './format.js';

/**
 * Every format litgraph reads, in detection priority order (ties go to the earlier entry).
 * Structured formats come first: their detectors are precise; the pasted-page formats last.
 */
export const FORMATS: Readonly<Record<string, InputFormat>> = {
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
