/**
 * litgraph — error classes
 * ========================
 *
 * Errors say what was expected, what came, and where. Only the CLI entry (src/cli/main.ts)
 * turns them into exit codes: UsageError → 2, everything else → 1.
 */

const EXCERPT_LENGTH = 80;

/** Shortens input text for an error message, keeping it on one line. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}

/** An input that cannot be parsed, with the file and 1-based line it came from. */
export class ParseError extends Error {
  readonly path: string;
  readonly line: number;
  readonly excerpt: string | undefined;

  constructor(path: string, line: number, reason: string, text?: string) {
    super(`${path}:${line}: ${reason}${text ? ` (near "${excerpt(text)}")` : ''}`);
    this.name = 'ParseError';
    this.path = path;
    this.line = line;
    this.excerpt = text === undefined ? undefined : excerpt(text);
  }
}

/** A command line or option that does not make sense; exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input file that cannot be read at all (missing, binary, empty, unknown format). */
export class InputError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'InputError';
    this.path = path;
  }
}
