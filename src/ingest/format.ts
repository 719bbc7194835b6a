/**
 * The one small interface every input format implements: a name, a detector that looks at the
 * head of a file, and a pure parser from decoded text to records + rejects (STYLE.md habit 3);
 * line-oriented formats also parse a stream of lines.
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
  /**
   * Optional, for formats read line by line or block by block: parses a file given as its lines
   * (LF endings, no terminators; the nth string is line n, as `text.split('\n')` gives them), so
   * a large file is streamed and its whole text never held (see lines.ts). Must give exactly
   * what parse() gives on the joined text; parse() is usually parseLines(textLines(text)).
   * Records must not keep a line-sized string they do not need (a slice keeps its parent).
   */
  parseLines?(lines: Iterable<string>, path: string): ParseResult;
}

/** How much of a file detection looks at. */
export const DETECT_CHARS = 64 * 1024;
