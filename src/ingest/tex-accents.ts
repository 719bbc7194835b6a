/**
 * TeX accents → Unicode, for names and titles
 * ===========================================
 *
 * arXiv's plain-text metadata (the mailing-list digest) keeps names as their submitters typed
 * them in TeX: `Cl\'ementine Sacr\'e`, `Tom\'a\v{s} Sou\v{c}ek`, `Ma{\l}gorzata`, `G\"uneysu`.
 * Author keys fold accents, so `Cl\'ementine` must become `Clémentine`, not `Cl'ementine`, or the
 * same person splits into two nodes. Only accent commands and a few letter macros are rewritten;
 * anything else (math, unknown macros) is left exactly as written.
 */

/** Accent command → combining mark. */
const ACCENTS: Record<string, string> = {
  "'": '\u0301', // acute
  '`': '\u0300', // grave
  '^': '\u0302', // circumflex
  '"': '\u0308', // diaeresis
  '~': '\u0303', // tilde
  '=': '\u0304', // macron
  '.': '\u0307', // dot above
  u: '\u0306', // breve
  v: '\u030c', // caron
  H: '\u030b', // double acute
  c: '\u0327', // cedilla
  k: '\u0328', // ogonek
  r: '\u030a', // ring above
  d: '\u0323', // dot below
};

/** Letter macros: `\l` → ł, `\o` → ø, `\ss` → ß, … */
const LETTERS: Record<string, string> = {
  l: 'ł', L: 'Ł', o: 'ø', O: 'Ø', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', i: 'ı', j: 'ȷ', dj: 'đ', DJ: 'Đ',
};

/**
 * Rewrites TeX accent commands in `text` to composed Unicode (NFC). Forms handled:
 * `\'e`, `\'{e}`, `{\'e}`, `\v{s}`, `\v s`, `\c{c}`, `{\l}`, `\l{}`, `\ss`, `\'\i`.
 */
export function texToUnicode(text: string): string {
  if (text.indexOf('\\') === -1) return text;
  let out = text
    // Symbol accents: \'e \'{e} \'\i \'{\i}
    .replace(/\\(['`^"~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
      compose(acc, (a ?? b) as string),
    )
    // Letter accents need braces or a space: \v{s} \v s \c{c}
    .replace(/\\([uvHckrd])(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+([A-Za-z]))/g, (_m, acc: string, a?: string, b?: string) =>
      compose(acc, (a ?? b) as string),
    )
    // Letter macros: {\l} \l{} \ss \o
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|dj|DJ|[lLoOij])(?![A-Za-z])(?:\{\})?/g, (m, name: string) => LETTERS[name] ?? m);
  // Braces left around a single converted letter: {é} → é
  out = out.replace(/\{([^\x00-\x7F]\p{M}*)\}/gu, '$1');
  return out.normalize('NFC');
}

function compose(accent: string, letter: string): string {
  const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter;
  return (base + ACCENTS[accent]).normalize('NFC');
}
