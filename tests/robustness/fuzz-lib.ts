/**
 * Seeded input mutation for the robustness suite
 * ==============================================
 *
 * Everything here is a pure function of (seed, case index), so a failing case found by the fuzz
 * worker can be regenerated exactly in the test process and written to disk for the report.
 * Mutations work on text (the parsers' input after decode()) and, for byte flips, on its UTF-8
 * bytes. `checkParse` is the one contract every format's parse() must keep on any input.
 */
import type { InputFormat } from '../../src/ingest/format.js';
import { DETECT_CHARS } from '../../src/ingest/format.js';
import { mulberry32 } from '../../src/threads/rng.js';

/** mulberry32 (src/threads/rng.ts): the fuzz cases are the same on every run (STYLE habit 8). */
export const rng = mulberry32;

export type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Lines of a text split the way the parsers count them (LF, CRLF or lone CR). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Characters that stress decoders, normalisers and regexes. */
const ODD_CHARS = [
  '\u0000', '\uFEFF', '\u200B', '\u200D', '\u2028', '\u2029', '\u00A0', '\u202E', '\u0301', '\u0308',
  '\uD800', '\uDFFF', '\uD83D\uDE00', '\uFFFD', '\uFFFF', 'é', 'ß', 'İ', 'ﬁ', 'Ω', '中', '\t', '\v', '\f', '\u0085',
  '\\', '"', "'", '{', '}', '[', ']', '<', '>', '&', '@', '%', '#', ',', ':', ';', '·', '•', '—', '\r', '\n',
];

function randomUnicode(r: Rand, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const roll = r();
    if (roll < 0.4) s += pick(r, ODD_CHARS);
    else if (roll < 0.7) s += String.fromCharCode(32 + int(r, 95));
    else if (roll < 0.9) s += String.fromCharCode(int(r, 0x3000));
    else s += String.fromCodePoint(0x10000 + int(r, 0xfffff));
  }
  return s;
}

/** Shapes that make greedy or nested regexes work hardest, as one long run. */
const HUGE_UNITS = [' ', 'A', 'a', '9', '-', '(', '.', ',', 'Ab', 'A ', 'a,', '\\', '{', '<', '"', ':', '•', 'é', '\t', 'arXiv:', 'Abstract:'];

function hugeLine(r: Rand, maxChars: number): string {
  const unit = pick(r, HUGE_UNITS);
  const chars = 4096 + int(r, Math.max(1, maxChars - 4096));
  return unit.repeat(Math.ceil(chars / unit.length)) + (r() < 0.5 ? 'x' : '');
}

const encoder = new TextEncoder();
const lossy = new TextDecoder('utf-8');

export interface Mutation {
  name: string;
  apply(text: string, r: Rand, ctx: MutationContext): string;
}

export interface MutationContext {
  /** Lines and tokens of every fixture of the format: material for splicing. */
  corpusLines: string[];
  /** Upper bound for injected huge lines (characters). */
  hugeChars: number;
}

function mapLines(text: string, f: (lines: string[]) => string[]): string {
  return f(text.split('\n')).join('\n');
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'byte-flip',
    apply(text, r) {
      const bytes = encoder.encode(text);
      if (bytes.length === 0) return text;
      const flips = 1 + int(r, 8);
      for (let i = 0; i < flips; i++) bytes[int(r, bytes.length)] ^= 1 << int(r, 8);
      return lossy.decode(bytes);
    },
  },
  { name: 'truncate', apply: (text, r) => text.slice(0, int(r, text.length + 1)) },
  { name: 'cut-head', apply: (text, r) => text.slice(int(r, text.length + 1)) },
  {
    name: 'delete-span',
    apply(text, r) {
      const a = int(r, text.length + 1);
      return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + int(r, 200)));
    },
  },
  {
    name: 'duplicate-line',
    apply: (text, r) =>
      mapLines(text, (ls) => {
        const i = int(r, ls.length);
        const times = 1 + int(r, 3);
        return [...ls.slice(0, i), ...Array(times).fill(ls[i]), ...ls.slice(i)];
      }),
  },
  {
    name: 'delete-line',
    apply: (text, r) =>
      mapLines(text, (ls) => {
        const i = int(r, ls.length);
        return [...ls.slice(0, i), ...ls.slice(i + 1 + int(r, 3))];
      }),
  },
  {
    name: 'swap-lines',
    apply: (text, r) =>
      mapLines(text, (ls) => {
        const out = [...ls];
        const i = int(r, out.length);
        const j = int(r, out.length);
        [out[i], out[j]] = [out[j], out[i]];
        return out;
      }),
  },
  {
    name: 'shuffle-lines',
    apply: (text, r) =>
      mapLines(text, (ls) => {
        const out = [...ls];
        for (let i = out.length - 1; i > 0; i--) {
          const j = int(r, i + 1);
          [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
      }),
  },
  {
    name: 'splice-corpus-line',
    apply: (text, r, ctx) =>
      mapLines(text, (ls) => {
        const i = int(r, ls.length + 1);
        return [...ls.slice(0, i), pick(r, ctx.corpusLines), ...ls.slice(i)];
      }),
  },
  {
    name: 'splice-corpus-fragment',
    apply(text, r, ctx) {
      const line = pick(r, ctx.corpusLines);
      const a = int(r, line.length + 1);
      const fragment = line.slice(a, a + 1 + int(r, 40));
      const at = int(r, text.length + 1);
      return text.slice(0, at) + fragment + text.slice(at);
    },
  },
  {
    name: 'huge-line',
    apply: (text, r, ctx) =>
      mapLines(text, (ls) => {
        const i = int(r, ls.length + 1);
        return [...ls.slice(0, i), hugeLine(r, ctx.hugeChars), ...ls.slice(i)];
      }),
  },
  {
    name: 'huge-inline',
    apply(text, r, ctx) {
      const at = int(r, text.length + 1);
      return text.slice(0, at) + hugeLine(r, ctx.hugeChars) + text.slice(at);
    },
  },
  {
    name: 'nul-bytes',
    apply(text, r) {
      let out = text;
      for (let k = 1 + int(r, 5); k > 0; k--) {
        const at = int(r, out.length + 1);
        out = `${out.slice(0, at)}\u0000${out.slice(at)}`;
      }
      return out;
    },
  },
  {
    name: 'random-unicode',
    apply(text, r) {
      const at = int(r, text.length + 1);
      return text.slice(0, at) + randomUnicode(r, 1 + int(r, 30)) + text.slice(at);
    },
  },
  {
    name: 'replace-chars',
    apply(text, r) {
      const chars = [...text];
      for (let k = 1 + int(r, 10); k > 0 && chars.length > 0; k--) chars[int(r, chars.length)] = pick(r, ODD_CHARS);
      return chars.join('');
    },
  },
  { name: 'crlf', apply: (text) => text.replace(/\n/g, '\r\n') },
  { name: 'cr', apply: (text) => text.replace(/\n/g, '\r') },
  { name: 'mixed-endings', apply: (text, r) => text.replace(/\n/g, () => pick(r, ['\n', '\r\n', '\r', '\n\n'])) },
  { name: 'bom', apply: (text) => `\uFEFF${text}` },
  { name: 'blank-lines', apply: (text, r) => text.replace(/\n/g, () => (r() < 0.2 ? '\n\n\n' : r() < 0.1 ? '' : '\n')) },
  { name: 'trailing-spaces', apply: (text, r) => text.replace(/\n/g, () => (r() < 0.3 ? ' \t \n' : '\n')) },
  { name: 'upper-case', apply: (text, r) => (r() < 0.5 ? text.toUpperCase() : text.toLowerCase()) },
  {
    name: 'big-numbers',
    apply: (text, r) => text.replace(/\d+/g, (d) => (r() < 0.3 ? pick(r, ['0', '-1', '99999999999999999999', '1e309', 'NaN', `${d}${d}${d}`]) : d)),
  },
  {
    name: 'repeat-whole',
    apply: (text, r) => Array(2 + int(r, 3)).fill(text).join(pick(r, ['\n', '', '\n\n'])),
  },
];

/** One generated case: the text and how it was made (for the report). */
export interface FuzzCase {
  text: string;
  recipe: string;
}

export interface FuzzPlan {
  seed: number;
  /** Mutated inputs per format, derived from its fixtures. */
  mutated: number;
  /** Random inputs per format, built from fixture lines, fragments and random characters. */
  random: number;
  hugeChars: number;
}

/** The fixed plan `npm test` runs (see tests/robustness/README.md); scaled by LITGRAPH_FUZZ_SCALE. */
/** Longest generated input. */
const MAX_CASE_CHARS = 256 * 1024;

export const DEFAULT_PLAN: FuzzPlan = { seed: 0x11762023, mutated: 500, random: 100, hugeChars: 128 * 1024 };

export function corpusOf(fixtures: readonly string[]): string[] {
  const lines = fixtures.flatMap((f) => f.split(/\r\n|\r|\n/));
  return lines.length > 0 ? lines : [''];
}

function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Case `index` of a format's fuzz run: deterministic in (plan.seed, format name, index). */
export function makeCase(formatName: string, fixtures: readonly string[], plan: FuzzPlan, index: number): FuzzCase {
  const r = rng((plan.seed ^ hashName(formatName) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const ctx: MutationContext = { corpusLines: corpusOf(fixtures), hugeChars: plan.hugeChars };
  if (index < plan.mutated && fixtures.length > 0) {
    const fixtureIndex = int(r, fixtures.length);
    let text = fixtures[fixtureIndex];
    const steps: string[] = [];
    for (let k = 1 + int(r, 4); k > 0; k--) {
      // Huge-line mutations are costly: at most one per case, and only in about 1 case in 12.
      let m = pick(r, MUTATIONS);
      while (m.name.startsWith('huge') && (steps.some((s) => s.startsWith('huge')) || r() > 0.35)) m = pick(r, MUTATIONS);
      text = m.apply(text, r, ctx);
      // Keep stacked duplications bounded (the 1 MB hostile lines are the adversarial test's job).
      if (text.length > MAX_CASE_CHARS) text = text.slice(0, MAX_CASE_CHARS);
      steps.push(m.name);
    }
    return { text, recipe: `fixture#${fixtureIndex} ${steps.join('+')}` };
  }
  // Random: a mix of whole fixture lines, fixture fragments and random characters.
  const parts: string[] = [];
  for (let k = int(r, 60); k >= 0; k--) {
    const roll = r();
    if (roll < 0.5) parts.push(pick(r, ctx.corpusLines));
    else if (roll < 0.75) {
      const line = pick(r, ctx.corpusLines);
      const a = int(r, line.length + 1);
      parts.push(line.slice(a, a + int(r, 30)));
    } else if (roll < 0.95) parts.push(randomUnicode(r, int(r, 40)));
    else parts.push('');
  }
  return { text: parts.join(pick(r, ['\n', '\n', '\n\n', '\r\n', ' ', ''])), recipe: 'random' };
}

/** What went wrong with one input. */
export interface Violation {
  format: string;
  index: number;
  recipe: string;
  problem: string;
}

const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/**
 * Runs detect() and parse() on one input and returns the contract violations (empty when fine):
 * no throw, arrays back, rejects with a line inside the file and a reason, records and citations
 * with a source line inside the file.
 */
export function checkParse(format: InputFormat, text: string, path = 'fuzz/input.txt'): string[] {
  const problems: string[] = [];
  try {
    const score = format.detect({ path, head: text.slice(0, DETECT_CHARS) });
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) problems.push(`detect returned ${String(score)}, expected 0..1`);
  } catch (error) {
    problems.push(`detect threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  let result;
  try {
    result = format.parse(text, path);
  } catch (error) {
    problems.push(`parse threw: ${(error as Error)?.stack ?? String(error)}`);
    return problems;
  }
  if (!result || !Array.isArray(result.records) || !Array.isArray(result.rejects)) {
    problems.push('parse did not return {records: [], rejects: []}');
    return problems;
  }
  const lines = lineCount(text);
  for (const reject of result.rejects) {
    if (!isPositiveInt(reject?.line) || reject.line > lines) problems.push(`reject line ${reject?.line} outside 1..${lines}: ${reject?.reason}`);
    if (typeof reject?.reason !== 'string' || reject.reason.trim() === '') problems.push(`reject at line ${reject?.line} without a reason`);
  }
  for (const record of result.records) {
    const line = record?.source?.line;
    if (!isPositiveInt(line) || line > lines) problems.push(`record source line ${line} outside 1..${lines}`);
    if (record?.source?.path !== path) problems.push(`record source path ${record?.source?.path} is not ${path}`);
    if (!Array.isArray(record?.authors) || !Array.isArray(record?.categories)) problems.push('record without authors[]/categories[] arrays');
  }
  if (result.citations !== undefined) {
    if (!Array.isArray(result.citations)) problems.push('citations is not an array');
    else for (const c of result.citations) if (!isPositiveInt(c?.source?.line) || c.source.line > lines) problems.push(`citation source line ${c?.source?.line} outside 1..${lines}`);
  }
  // De-duplicate: one bad line repeated a thousand times is one problem.
  return [...new Set(problems)].slice(0, 5);
}
