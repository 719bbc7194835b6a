/**
 * Text helpers shared by the line-oriented parsers: paragraphs with their line numbers,
 * whitespace clean-up and month names. Pure functions over already-decoded text.
 */

/** A block of consecutive non-blank lines and the 1-based line it starts on. */
export interface Paragraph {
  text: string;
  line: number;
  /** The block's lines, untrimmed, in order. */
  lines: string[];
}

/** Splits text into paragraphs at blank (or whitespace-only) lines. */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lines = text.split('\n');
  let current: string[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      if (current.length > 0) out.push({ text: current.map((l) => l.trim()).join('\n'), line: start + 1, lines: current });
      current = [];
    } else {
      if (current.length === 0) start = i;
      current.push(line);
    }
  }
  if (current.length > 0) out.push({ text: current.map((l) => l.trim()).join('\n'), line: start + 1, lines: current });
  return out;
}

/** Collapses runs of whitespace (including newlines) to single spaces and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Month number (1–12) for an English month name or abbreviation, or undefined. */
export function monthNumber(name: string): number | undefined {
  return MONTHS[name.slice(0, 4).toLowerCase().replace(/\.$/, '')] ?? MONTHS[name.slice(0, 3).toLowerCase()];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Parses "May 23, 2024", "Jun 14, 2022" or "23 May 2024" into ISO "2024-05-23".
 * Without a year ("Jan 26") returns null: a year is never invented.
 */
export function parseEnglishDate(text: string): string | null {
  const t = text.trim();
  let m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? `${m[3]}-${pad2(month)}-${pad2(Number(m[2]))}` : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? `${m[3]}-${pad2(month)}-${pad2(Number(m[1]))}` : null;
  }
  return null;
}
