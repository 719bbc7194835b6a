/**
 * The one small interface every input format implements: a name, a detector that looks at the
 * head of a file, and a pure parser from decoded text to records + rejects (STYLE.md habit 3).
 */
import type { ParseResult } from '../types.js';

/** What a detector sees: the file's path and the first DETECT_BYTES characters of its text. */
export interface InputSample {
  path: string;
  head: string;
}

export interface InputFormat {
  /** Stable name used by `--format` and in report.json. */
  name: string;
  /** One line for `litgraph formats` and the README's formats table. */
  description: string;
  /** How detection recognises it, in words (shown by `litgraph formats`). */
  detection: string;
  /**
   * How sure this format is that the sample is its own, from 0 (not mine) to 1 (certain).
   * The registry picks the highest score; ties go to the format listed first.
   */
  detect(sample: InputSample): number;
  /** Parses a whole decoded file. Never throws on bad input: bad records become rejects. */
  parse(text: string, path: string): ParseResult;
}

/** How much of a file detection looks at. */
export const DETECT_CHARS = 64 * 1024;
