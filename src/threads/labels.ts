/**
 * labels — a readable name for each thread from its distinctive phrases
 * =====================================================================
 *
 * CiteSpace labels clusters with log-likelihood / tf-idf terms (DESIGN.md "Lessons"); litgraph
 * scores every noun phrase of one to four words (phrases.ts) of a thread's titles + abstracts by
 *
 *   score = p_in · ln((p_in + ε) / (p_out + ε)) · (the boost of phrases of its length)
 *
 * with p_in the share of the thread's papers using the phrase, p_out the share of the other
 * papers, ε = 1 / N: how common the phrase is in the thread times how much more common than
 * elsewhere (the phrase's contribution to the KL divergence of thread from corpus). Longer
 * phrases are preferred ("consistency models", "CTR prediction"), and a chosen phrase suppresses
 * the words it contains. Choosing a phrase chooses its longest extension nearly as common in the
 * thread instead (`extendShare`): "word sense" and "sense disambiguation" are fragments of "word
 * sense disambiguation", and both used to be shown. An acronym of a chosen phrase ("GNNs" of
 * "graph neural networks") and a hyphenated spelling of one ("Question-Answering") add nothing and
 * are skipped. Phrases are grouped by their stems (plurals merge) and shown in their most frequent
 * spelling, acronyms kept.
 *
 * Cost: one pass over each thread's papers collecting candidates (the `candidates` most common
 * per thread), then one pass over the corpus counting only those candidates. On a large corpus
 * both passes read an evenly spaced sample — `docsPerThread` papers per thread (default 200) and
 * `backgroundDocs` for the corpus (default 5,000) — which estimates the shares p_in and p_out
 * well enough to rank phrases, at a bounded cost — and of each paper only the title and the
 * opening of the abstract (`textChars`, default 700), where papers name their topic. From 50
 * papers a phrase's share of 30 % is estimated to within ±6.5 points (one standard error), from
 * 200 to within ±3.2. With 50 per thread the ACL Anthology's machine-translation thread (6,637
 * papers) read "Computer-Assisted translation, quality estimation"; with 200 it reads "neural
 * machine translation, statistical machine translation", for about 0.3 s more at 100k papers
 * (60 threads: 0.27 → 0.57 s warm).
 */
import { MAX_PHRASE_WORDS, phrases } from './phrases.js';

export interface LabelOptions {
  /** Terms kept per thread. */
  terms: number;
  /** Terms joined into the label. */
  labelTerms: number;
  /** Multiplier for two-word phrases. */
  bigramBoost: number;
  /** Multiplier for three-word phrases ("graph neural networks"). */
  trigramBoost: number;
  /** Multiplier for four-word phrases ("monte carlo tree search"). */
  fourgramBoost: number;
  /**
   * A chosen phrase gives way to a phrase one word longer that contains it when that one is in at
   * least this share of the thread's papers that use the shorter one.
   */
  extendShare: number;
  /** Candidate phrases per thread (by in-thread document frequency) scored against the corpus. */
  candidates: number;
  /** Papers read per thread (evenly spaced over its members when it has more). */
  docsPerThread: number;
  /** Papers read for the corpus-wide frequencies (evenly spaced when the corpus has more). */
  backgroundDocs: number;
  /** Characters of each paper's text read (title first; the opening of an abstract names its topic). */
  textChars: number;
}

export const DEFAULT_LABEL_OPTIONS: LabelOptions = { terms: 6, labelTerms: 2, bigramBoost: 1.6, trigramBoost: 1.8, fourgramBoost: 1.9, extendShare: 0.6, candidates: 300, docsPerThread: 200, backgroundDocs: 5000, textChars: 700 };

export interface ThreadTerms {
  terms: string[];
  label: string;
}

/** Distinct phrase keys of the first `chars` characters of a text (cut at a space), each with its surface. */
function docPhrases(text: string, chars: number): Map<string, string> {
  const head = text.length > chars ? text.slice(0, Math.max(text.lastIndexOf(' ', chars), 1)) : text;
  const out = new Map<string, string>();
  for (const p of phrases(head)) if (!out.has(p.key)) out.set(p.key, p.surface);
  return out;
}

/** At most `max` items, evenly spaced (deterministic), all when there are fewer. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]);
  return out;
}

/**
 * The texts labels read, by document number: an array, or anything with `length` and `at` (the
 * threads stage joins title and abstract only for the papers sampled, not for every paper).
 */
export interface DocumentTexts {
  readonly length: number;
  at(doc: number): string | undefined;
}

/**
 * Labels for `groups` (lists of document indices into `texts`). Deterministic: ties are broken
 * by phrase key.
 */
export function labelThreads(texts: DocumentTexts, groups: readonly (readonly number[])[], options: Partial<LabelOptions> = {}): ThreadTerms[] {
  const o = { ...DEFAULT_LABEL_OPTIONS, ...options };
  const n = texts.length;
  // Pass 1: per group, in-group document frequency and surfaces of its phrases.
  const perGroup: { df: Map<string, number>; surfaces: Map<string, Map<string, number>>; read: number }[] = [];
  const candidateSet = new Set<string>();
  for (const members of groups) {
    const df = new Map<string, number>();
    const sample = spread(members, o.docsPerThread);
    const perDoc = sample.map((d) => docPhrases(texts.at(d) ?? '', o.textChars));
    for (const phrasesOfDoc of perDoc) for (const key of phrasesOfDoc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const minDf = Math.min(2, sample.length);
    const kept = [...df.entries()]
      .filter(([, c]) => c >= minDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.candidates);
    const keptDf = new Map(kept);
    // Spellings are counted for the candidates only (a nested map per phrase would dominate the cost).
    const surfaces = new Map<string, Map<string, number>>();
    for (const [k] of kept) {
      candidateSet.add(k);
      surfaces.set(k, new Map());
    }
    for (const phrasesOfDoc of perDoc) {
      for (const [key, surface] of phrasesOfDoc) {
        const s = surfaces.get(key);
        if (s) s.set(surface, (s.get(surface) ?? 0) + 1);
      }
    }
    perGroup.push({ df: keptDf, surfaces, read: sample.length });
  }
  // Pass 2: corpus document frequency of the candidates only.
  const background = spread(Array.from({ length: n }, (_, i) => i), o.backgroundDocs);
  const total = new Map<string, number>();
  for (const d of background) for (const key of docPhrases(texts.at(d) ?? '', o.textChars).keys()) if (candidateSet.has(key)) total.set(key, (total.get(key) ?? 0) + 1);
  const scale = n / Math.max(1, background.length);
  const eps = 1 / Math.max(1, n);
  return groups.map((members, g) => {
    const { df, surfaces, read } = perGroup[g];
    const size = members.length;
    const rest = Math.max(1, n - size);
    const scored = [...df.entries()]
      .map(([key, c]) => {
        const pIn = c / Math.max(1, read);
        // Papers outside the thread using the phrase: the corpus estimate minus the thread's own.
        const pOut = Math.max(0, (total.get(key) ?? 0) * scale - pIn * size) / rest;
        const boost = [1, 1, o.bigramBoost, o.trigramBoost, o.fourgramBoost][Math.min(wordCount(key), MAX_PHRASE_WORDS)];
        return { key, score: typicality(pIn, pOut, eps) * boost };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    // The most frequent spelling of a phrase (ties: the first in code-unit order), worked out once per phrase.
    const spelling = new Map<string, string>();
    const surfaceOf = (key: string): string => {
      let shown = spelling.get(key);
      if (shown === undefined) {
        shown = [...surfaces.get(key)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
        spelling.set(key, shown);
      }
      return shown;
    };
    const chosen: string[] = [];
    const covered = new Set<string>();
    for (const { key: best } of scored) {
      if (chosen.length >= o.terms) break;
      const key = longestExtension(best, df, o.extendShare);
      // A phrase inside a chosen one ("graph neural" in "graph neural networks") adds nothing;
      // nor does one whose words are all chosen already, nor an acronym of a chosen one.
      if (chosen.some((c) => contains(c, key))) continue;
      const parts = spaced(key).split(' ');
      if (parts.length > 1 && parts.every((p) => covered.has(p))) continue;
      const surface = surfaceOf(key);
      if (chosen.some((c) => isAcronymOf(surface, surfaceOf(c)) || isAcronymOf(surfaceOf(c), surface))) continue;
      if (chosen.some((c) => otherFormOf(c, key))) continue;
      chosen.push(key);
      for (const p of parts) covered.add(p);
    }
    // Shorter phrases chosen before a longer one containing their words in order are dropped from
    // the shown terms ("prague dependency treebank" beside "prague czech-english dependency treebank").
    const final = chosen.filter((k) => !chosen.some((other) => other !== k && containsInOrder(other, k)));
    const shown = final.map(surfaceOf);
    return { terms: shown, label: shown.slice(0, o.labelTerms).join(', ') || 'unlabelled' };
  });
}

/**
 * How typical of a thread something is that a share `pIn` of its papers and `pOut` of the others
 * have: pIn · ln((pIn + ε) / (pOut + ε)), its contribution to the KL divergence of thread from
 * corpus. Labels rank phrases by it, and top-entities.ts the thread's methods, datasets and tasks.
 */
export function typicality(pIn: number, pOut: number, eps: number): number {
  return pIn * Math.log((pIn + eps) / (pOut + eps));
}

/** A key with its hyphens read as spaces: "retriev-augment gener" contains "retriev augment". */
const spaced = (key: string): string => key.replace(/-/g, ' ');

/** Whether phrase key `long` contains phrase key `short` as whole words. */
const contains = (long: string, short: string): boolean => ` ${spaced(long)} `.includes(` ${spaced(short)} `);

/** Whether every word of phrase key `short` stands in `long`, in the same order ("prague dependency treebank" in "prague czech english dependency treebank"). */
function containsInOrder(long: string, short: string): boolean {
  const words = spaced(long).split(' ');
  let at = 0;
  for (const w of spaced(short).split(' ')) {
    at = words.indexOf(w, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * Whether two phrase keys say one thing with another form of their last word: the same words
 * before it, and last words (stems) that share their first four letters or more ("dependency
 * pars" for parsing, "dependency parser"), where stemming left them apart.
 */
function otherFormOf(a: string, b: string): boolean {
  const x = spaced(a).split(' ');
  const y = spaced(b).split(' ');
  if (x.length !== y.length || x.length < 2) return false;
  for (let i = 0; i < x.length - 1; i++) if (x[i] !== y[i]) return false;
  const p = x[x.length - 1];
  const q = y[y.length - 1];
  let shared = 0;
  while (shared < p.length && shared < q.length && p[shared] === q[shared]) shared++;
  return shared >= 4 && p !== q;
}

function wordCount(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}

/**
 * The phrase to show for `key`: while a candidate one word longer contains it and is in at least
 * `share` of the papers it is in, that one ("word sense" → "word sense disambiguation"); the most
 * common such candidate when there are several, then the first by key.
 */
function longestExtension(key: string, df: ReadonlyMap<string, number>, share: number): string {
  let current = key;
  for (;;) {
    const need = share * (df.get(current) ?? 0);
    const words = wordCount(current) + 1;
    let next: string | null = null;
    let nextDf = 0;
    for (const [other, c] of df) {
      if (c < need || c < nextDf || wordCount(other) !== words || !contains(other, current)) continue;
      if (c > nextDf || next === null || other < next) {
        next = other;
        nextDf = c;
      }
    }
    if (next === null) return current;
    current = next;
  }
}

/** Words an acronym may leave out ("MoE" keeps the "of" of "Mixture-of-Experts", "NLI" drops nothing). */
const FUNCTION_WORDS = new Set(['of', 'and', 'for', 'the', 'to', 'in', 'on', 'with', 'a']);

/** Capital letters in a word. */
function capitals(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) n++;
  }
  return n;
}

/**
 * Whether `short` is written as an acronym of `long`: "GNNs" of "graph neural networks", "MoE" of
 * "Mixture-of-Experts", "MLLMs" of "multimodal LLMs" (an acronym inside gives its capitals), also
 * among words both share: "PP attachment" of "prepositional phrase attachment", "multilingual NMT"
 * of "multilingual neural machine translation".
 */
export function isAcronymOf(short: string, long: string): boolean {
  const shortWords = short.split(' ');
  const longWords = long.split(' ');
  let head = 0;
  while (head < shortWords.length - 1 && head < longWords.length && shortWords[head].toLowerCase() === longWords[head].toLowerCase()) head++;
  let tail = 0;
  while (tail < shortWords.length - 1 - head && tail < longWords.length - head && shortWords[shortWords.length - 1 - tail].toLowerCase() === longWords[longWords.length - 1 - tail].toLowerCase()) tail++;
  if (shortWords.length - head - tail !== 1) return false;
  return isAcronymOfWords(shortWords[head], longWords.slice(head, longWords.length - tail).join(' '));
}

function isAcronymOfWords(acronym: string, long: string): boolean {
  if (capitals(acronym) < 2) return false;
  const letters = acronym.replace(/s$/, '').toLowerCase();
  const words = long.split(/[\s-]+/).filter((w) => w.length > 0);
  if (words.length < 2) return false;
  const initials = (skip: boolean): string =>
    words
      .filter((w) => !skip || !FUNCTION_WORDS.has(w.toLowerCase()))
      .map((w) => (capitals(w) >= 2 ? w.replace(/s$/, '').replace(/[^A-Z]/g, '') : w[0]))
      .join('')
      .toLowerCase();
  return letters === initials(false) || letters === initials(true);
}
