/**
 * The edges of the CLI: where output goes (so commands can be run and tested in-process), option
 * parsing that turns mistakes into UsageErrors, and the progress bar.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress bars show only then. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** node:util parseArgs, with unknown or malformed options reported as usage errors. */
type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseOptions<T extends OptionsConfig>(args: string[], options: T, usage: string): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

export function parseNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${name} expects a number, got "${value}"`);
  return n;
}

/**
 * A one-line progress bar on stderr. It appears only on a terminal and only once the work has
 * taken longer than `delayMs`, so quick runs and piped output stay clean.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly io: CliIO,
    private readonly label: string,
    private readonly delayMs = 1000,
  ) {}

  update(done: number, total: number, detail = ''): void {
    if (!this.io.isTTY) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    const width = 28;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const tail = detail.length > 40 ? `…${detail.slice(-39)}` : detail;
    this.io.stderr(`\r${this.label} ${bar} ${done}/${total} ${tail}\x1b[K`);
  }

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
  }
}
