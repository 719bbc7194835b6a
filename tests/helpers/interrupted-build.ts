/**
 * What the tests of interrupted builds share: an earlier build whose files must stay intact, a
 * listing big enough that writing its outputs takes a while, and the wait for the temp files
 * that show a build has started writing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from './capture-io.js';

const WORDS = 'graph neural network diffusion model recommendation retrieval embedding sparse attention transformer training benchmark dataset evaluation robust latent sampling contrastive learning policy reward speech video protein language'.split(' ');

/** A large `Abstract:` listing of our own making: enough text that writing takes a while. */
export function bigListing(records: number): string {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = [];
  for (let r = 0; r < records; r++) {
    const words = Array.from({ length: 400 }, () => WORDS[Math.floor(next() * WORDS.length)]);
    lines.push(`Abstract:We study ${words.join(' ')} in record ${r}.`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Builds a one-paper listing (written into `dir`) into `out`, in this process. Returns the
 * listing's path and the files of that build by name, to compare with after an interruption.
 */
export async function earlierBuild(dir: string, out: string): Promise<{ listing: string; files: Record<string, string> }> {
  const listing = join(dir, 'small.txt');
  writeFileSync(listing, 'Abstract:We propose TinyNet, a small model for testing.\n');
  const code = await main(['build', listing, '-o', out], captureIO());
  if (code !== 0) throw new Error(`the earlier build exited with ${code}`);
  return { listing, files: Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])) };
}

/** Polls `out` until a build's temp file appears (true), or `stopped()` or the deadline comes first (false). */
export async function tempFilesAppear(out: string, stopped: () => boolean, timeoutMs = 200_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopped()) {
    if (readdirSync(out).some((f) => f.includes('.tmp-'))) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
