/**
 * Venue normaliser — a free-text comment line → "ACRONYM YEAR"
 * ============================================================
 *
 * arXiv comment lines name the venue a paper was accepted at in many spellings:
 * "Accepted by CIKM'23", "accepted by cikm 2023", "KDD 2023", "Accepted by Advances in Neural
 * Information Processing Systems (NeurIPS), New Orleans, USA, Dec. 2023, spotlight". All of those
 * must meet in one graph node (`venue:cikm-2023`), so this module maps acronyms and long forms to
 * one canonical acronym and finds the year.
 *
 * Rules, in order:
 *   1. Every alias of every venue in VENUES is searched for (case-insensitive, whole words, never
 *      inside a URL or a dotted/slashed token); the earliest match in the comment wins, ties go
 *      to the longer match (so "Pacific-Asia Conference on Knowledge Discovery…" is PAKDD, not KDD).
 *   2. The year is the one attached to that mention ("CIKM'23", "KDD 2023", "AAAI-24"), else one
 *      attached to another mention of the same venue ("… (KDD '24)"), else the first plausible
 *      year anywhere in the comment ("Dec. 2023"), else `fallbackYear`, else none.
 *      Two-digit years are 20yy below 70 and 19yy from 70.
 *   3. A comment that names a workshop ("NeurIPS 2023 Workshop on …") gives "NeurIPS 2023 Workshop".
 * A comment naming no known venue ("13 pages, 6 figures") gives null: nothing is guessed.
 */

/** One venue: the canonical acronym shown in the graph and the aliases that mean it. */
export interface VenueEntry {
  acronym: string;
  /**
   * Regular-expression sources (no capture groups), matched case-insensitively as whole words.
   * Spaces in a long form match any run of whitespace.
   */
  aliases: string[];
}

/** Well-known venues. Long forms omit "Proceedings of the", "IEEE", "ACM" and ordinals on purpose. */
export const VENUES: readonly VenueEntry[] = [
  // Machine learning
  { acronym: 'NeurIPS', aliases: ['NeurIPS', 'NIPS', 'Neural Information Processing Systems'] },
  { acronym: 'ICML', aliases: ['ICML', 'International Conference on Machine Learning(?! and)'] },
  { acronym: 'ICLR', aliases: ['ICLR', 'International Conference on Learning Representations'] },
  { acronym: 'AAAI', aliases: ['AAAI', 'AAAI Conference on Artificial Intelligence'] },
  { acronym: 'IJCAI', aliases: ['IJCAI', 'International Joint Conference on Artificial Intelligence'] },
  { acronym: 'AISTATS', aliases: ['AISTATS', 'Artificial Intelligence and Statistics'] },
  { acronym: 'UAI', aliases: ['UAI', 'Uncertainty in Artificial Intelligence'] },
  { acronym: 'COLT', aliases: ['Conference on Learning Theory'] },
  { acronym: 'TMLR', aliases: ['TMLR', 'Transactions on Machine Learning Research'] },
  { acronym: 'JMLR', aliases: ['JMLR', 'Journal of Machine Learning Research'] },
  { acronym: 'TNNLS', aliases: ['TNNLS', 'Transactions on Neural Networks and Learning Systems'] },
  // Vision and graphics
  { acronym: 'CVPR', aliases: ['CVPR', 'Conference on Computer Vision and Pattern Recognition'] },
  { acronym: 'ICCV', aliases: ['ICCV', 'International Conference on Computer Vision(?! and)'] },
  { acronym: 'ECCV', aliases: ['ECCV', 'European Conference on Computer Vision'] },
  { acronym: 'WACV', aliases: ['WACV', 'Winter Conference on Applications of Computer Vision'] },
  { acronym: 'BMVC', aliases: ['BMVC', 'British Machine Vision Conference'] },
  { acronym: 'TPAMI', aliases: ['TPAMI', 'T-PAMI', 'Transactions on Pattern Analysis and Machine Intelligence'] },
  { acronym: 'TIP', aliases: ['Transactions on Image Processing'] },
  { acronym: 'SIGGRAPH', aliases: ['SIGGRAPH'] },
  { acronym: 'ACM MM', aliases: ['ACM MM', 'ACM Multimedia', 'ACM International Conference on Multimedia'] },
  { acronym: 'TMM', aliases: ['Transactions on Multimedia'] },
  // Language and speech
  { acronym: 'ACL', aliases: ['ACL', 'Annual Meeting of the Association for Computational Linguistics'] },
  { acronym: 'EMNLP', aliases: ['EMNLP', 'Empirical Methods in Natural Language Processing'] },
  { acronym: 'NAACL', aliases: ['NAACL', 'NAACL-HLT', 'North American Chapter of the Association for Computational Linguistics'] },
  { acronym: 'EACL', aliases: ['EACL', 'European Chapter of the Association for Computational Linguistics'] },
  { acronym: 'AACL', aliases: ['AACL', 'Asia-Pacific Chapter of the Association for Computational Linguistics'] },
  { acronym: 'COLING', aliases: ['COLING', 'International Conference on Computational Linguistics'] },
  { acronym: 'TACL', aliases: ['TACL', 'Transactions of the Association for Computational Linguistics'] },
  { acronym: 'Interspeech', aliases: ['Interspeech'] },
  { acronym: 'ICASSP', aliases: ['ICASSP', 'International Conference on Acoustics, Speech,? and Signal Processing'] },
  { acronym: 'TASLP', aliases: ['TASLP', 'Transactions on Audio, Speech,? and Language Processing'] },
  // Data mining, information retrieval, the web, recommender systems
  { acronym: 'PAKDD', aliases: ['PAKDD', 'Pacific-Asia Conference on Knowledge Discovery and Data Mining'] },
  { acronym: 'KDD', aliases: ['KDD', 'SIGKDD', 'Knowledge Discovery and Data Mining'] },
  { acronym: 'WWW', aliases: ['WWW', 'TheWebConf', 'The (?:ACM )?Web Conference', 'World Wide Web Conference'] },
  { acronym: 'SIGIR', aliases: ['SIGIR', 'Research and Development in Information Retrieval'] },
  { acronym: 'ECIR', aliases: ['ECIR', 'European Conference on Information Retrieval'] },
  { acronym: 'CIKM', aliases: ['CIKM', 'Conference on Information and Knowledge Management'] },
  { acronym: 'WSDM', aliases: ['WSDM', 'Web Search and Data Mining'] },
  { acronym: 'RecSys', aliases: ['RecSys', 'Conference on Recommender Systems'] },
  { acronym: 'ICDM', aliases: ['ICDM', 'International Conference on Data Mining'] },
  { acronym: 'SDM', aliases: ['SIAM International Conference on Data Mining'] },
  { acronym: 'ICDE', aliases: ['ICDE', 'International Conference on Data Engineering'] },
  { acronym: 'TKDE', aliases: ['TKDE', 'Transactions on Knowledge and Data Engineering'] },
  { acronym: 'TOIS', aliases: ['TOIS', 'Transactions on Information Systems'] },
  { acronym: 'TORS', aliases: ['TORS', 'Transactions on Recommender Systems'] },
  { acronym: 'TKDD', aliases: ['TKDD', 'Transactions on Knowledge Discovery from Data'] },
  // Robotics
  { acronym: 'RO-MAN', aliases: ['RO-MAN', 'Robot and Human Interactive Communication'] },
  { acronym: 'ICRA', aliases: ['ICRA', 'International Conference on Robotics and Automation'] },
  { acronym: 'IROS', aliases: ['IROS', 'International Conference on Intelligent Robots and Systems'] },
  { acronym: 'CoRL', aliases: ['CoRL', 'Conference on Robot Learning'] },
];

/** A year attached to a mention: "'23", "’2023", " 2023", "-2023", "2023", "-23". */
const ATTACHED_YEAR = String.raw`(?:\s?['’‘\u0060]\s?(\d{4}|\d{2})|[\s-]?((?:19|20)\d{2})|-(\d{2}))?`;

/**
 * Each venue's aliases as one alternation, bounded so that "ACL" never matches inside "NAACL":
 * not after a letter, digit, dot, slash or @ (URLs, e-mail addresses, dotted ids), and not
 * followed by a letter or digit (or a dotted/slashed continuation) once a year has been taken.
 *
 * Two forms of each. Letters and digits are Unicode's (\p{L}, \p{N}, flag u) in general, but
 * those classes under case-insensitive matching take about 1.5 ms per pattern to compile: 90 ms
 * for the 55 patterns, a tenth of a small build. A comment whose letters and digits are all
 * ASCII (most; "’" and "—" are neither) is matched by the same patterns over [A-Za-z0-9] without
 * flag u (0.2 ms each), which find exactly the same matches there: the classes agree on ASCII, and
 * without u the case-insensitive match of an ASCII letter is an ASCII letter (with u, "ſ" and the
 * Kelvin sign match "s" and "k"; both are letters outside ASCII). Each is compiled when a comment
 * first needs it.
 */
export function venuePattern(venue: VenueEntry, unicode: boolean): RegExp {
  const alternation = venue.aliases.map((alias) => alias.replace(/ /g, String.raw`\s+`)).join('|');
  const [letterOrDigit, flags] = unicode ? [String.raw`\p{L}\p{N}`, 'giu'] : ['A-Za-z0-9', 'gi'];
  return new RegExp(String.raw`(?<![${letterOrDigit}./@])(?:${alternation})${ATTACHED_YEAR}(?![${letterOrDigit}]|[./@][${letterOrDigit}])`, flags);
}

const asciiPatterns: Array<RegExp | undefined> = [];
const unicodePatterns: Array<RegExp | undefined> = [];
const patternOf = (v: number, unicode: boolean): RegExp =>
  unicode ? (unicodePatterns[v] ??= venuePattern(VENUES[v], true)) : (asciiPatterns[v] ??= venuePattern(VENUES[v], false));

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_LETTER_OR_DIGIT = /(?![A-Za-z0-9])[\p{L}\p{N}]/u;

/** Whether every letter and digit of `text` is ASCII (then the ASCII patterns apply). */
export function asciiLettersOnly(text: string): boolean {
  return !NON_ASCII.test(text) || !NON_ASCII_LETTER_OR_DIGIT.test(text);
}

/**
 * Venue numbers by the first word of an alias, lower-cased ("neurips", "international",
 * "t" of "T-PAMI"). A venue's pattern matches only at a position no letter precedes, and the
 * alias's first word is then a whole run of letters of the comment (a space, hyphen, digit, quote
 * or the end of the alias follows it, never a letter), each an ASCII letter in either case or
 * one of the two letters case-insensitive Unicode matching folds onto ASCII ones ("ſ" onto "s",
 * the Kelvin sign onto "k"; no other). So a comment can name only venues one of whose first
 * words is one of its runs of ASCII letters once those two are read as "s" and "k".
 */
const VENUES_BY_FIRST_WORD: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  VENUES.forEach((venue, v) => {
    for (const alias of venue.aliases) {
      const word = /^[A-Za-z]+/.exec(alias)![0].toLowerCase();
      const list = map.get(word) ?? [];
      if (!list.includes(v)) list.push(v);
      map.set(word, list);
    }
  });
  return map;
})();

/** The numbers of the venues `text` may name (an alias opens with one of its words), in VENUES order. */
export function venueCandidates(text: string): number[] {
  const words = text.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').toLowerCase().split(/[^a-z]+/);
  const found = new Set<number>();
  for (const word of words) for (const v of VENUES_BY_FIRST_WORD.get(word) ?? []) found.add(v);
  return [...found].sort((a, b) => a - b);
}

const ANY_YEAR = /(?<![\p{N}./])((?:198|199|200|201|202|203)\d)(?![\p{N}])/u;

/** Expands "23" → 2023, "98" → 1998; four-digit years pass through. */
function fullYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

interface VenueMatch {
  acronym: string;
  start: number;
  length: number;
  year: number | null;
}

/**
 * The canonical "ACRONYM YEAR" a comment names, or null when it names no known venue.
 * `fallbackYear` (e.g. the arXiv Created year) is used when the comment states no year.
 */
export function venueFromComment(comment: string, fallbackYear?: number): string | null {
  if (typeof comment !== 'string' || comment.trim() === '') return null;
  // Comment lines are short; a pathological input is cut rather than scanned in full.
  const text = comment.length > 2000 ? comment.slice(0, 2000) : comment;

  const matches: VenueMatch[] = [];
  const ascii = asciiLettersOnly(text);
  for (const v of venueCandidates(text)) {
    const pattern = patternOf(v, !ascii);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const digits = m[1] ?? m[2] ?? m[3];
      matches.push({ acronym: VENUES[v].acronym, start: m.index, length: m[0].length, year: digits ? fullYear(digits) : null });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  if (matches.length === 0) return null;

  matches.sort((a, b) => a.start - b.start || b.length - a.length);
  const chosen = matches[0];
  const anyYear = ANY_YEAR.exec(text);
  const year =
    chosen.year ??
    matches.find((m) => m.acronym === chosen.acronym && m.year !== null)?.year ??
    (anyYear ? Number(anyYear[1]) : null) ??
    (fallbackYear !== undefined && Number.isInteger(fallbackYear) ? fallbackYear : null);

  const workshop = /\bworkshops?\b/i.test(text) ? ' Workshop' : '';
  return year === null ? `${chosen.acronym}${workshop}` : `${chosen.acronym} ${year}${workshop}`;
}
