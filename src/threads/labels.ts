/**
 * labels — a readable name for each thread from its distinctive phrases
 * =====================================================================
 *
 * CiteSpace labels clusters with log-likelihood / tf-idf terms (DESIGN.md "Lessons"); litgraph
 * scores every one-, two- and three-word phrase (tokenize.ts `phrases`) of a thread's titles + abstracts by
 *
 *   score = p_in · ln((p_in + ε) / (p_out + ε)) · (bigramBoost for two-word phrases)
 *
 * with p_in the share of the thread's papers using the phrase, p_out the share of the other
 * papers, ε = 1 / N: how common the phrase is in the thread times how much more common than
 * elsewhere (the phrase's contribution to the KL divergence of thread from corpus). Bigrams are
 * preferred ("consistency models", "CTR prediction") and a chosen phrase suppresses the single
 * words it contains. Phrases are grouped by their stems (plurals merge) and shown in their most
 * frequent spelling, acronyms kept.
 *
 * Cost: one pass over each thread's papers collecting candidates (the `candidates` most common
 * per thread), then one pass over the corpus counting only those candidates. On a large corpus
 * both passes read an evenly spaced sample — `docsPerThread` papers per thread (default 50) and
 * `backgroundDocs` for the corpus (default 5,000) — which estimates the shares p_in and p_out
 * well enough to rank phrases, at a bounded cost — and of each paper only the title and the
 * opening of the abstract (`textChars`, default 700), where papers name their topic.
 */
import { phrases } from './tokenize.js';

export interface LabelOptions {
  /** Terms kept per thread. */
  terms: number;
  /** Terms joined into the label. */
  labelTerms: number;
  /** Multiplier for two-word phrases. */
  bigramBoost: number;
  /** Multiplier for three-word phrases ("graph neural networks"). */
  trigramBoost: number;
  /** Candidate phrases per thread (by in-thread document frequency) scored against the corpus. */
  candidates: number;
  /** Papers read per thread (evenly spaced over its members when it has more). */
  docsPerThread: number;
  /** Papers read for the corpus-wide frequencies (evenly spaced when the corpus has more). */
  backgroundDocs: number;
  /** Characters of each paper's text read (title first; the opening of an abstract names its topic). */
  textChars: number;
}

export const DEFAULT_LABEL_OPTIONS: LabelOptions = { terms: 6, labelTerms: 2, bigramBoost: 1.6, trigramBoost: 1.8, candidates: 300, docsPerThread: 50, backgroundDocs: 5000, textChars: 700 };

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
        const lift = Math.log((pIn + eps) / (pOut + eps));
        const words = key.split(' ').length;
        return { key, score: pIn * lift * (words === 1 ? 1 : words === 2 ? o.bigramBoost : o.trigramBoost) };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    const chosen: string[] = [];
    const covered = new Set<string>();
    const contains = (long: string, short: string) => ` ${long} `.includes(` ${short} `);
    for (const { key } of scored) {
      if (chosen.length >= o.terms) break;
      // A phrase inside a chosen one ("graph neural" in "graph neural networks") adds nothing;
      // nor does one whose words are all chosen already.
      if (chosen.some((c) => contains(c, key))) continue;
      const parts = key.split(' ');
      if (parts.length > 1 && parts.every((p) => covered.has(p))) continue;
      chosen.push(key);
      for (const p of parts) covered.add(p);
    }
    // Shorter phrases chosen before a longer one containing them are dropped from the shown terms.
    const final = chosen.filter((k) => !chosen.some((other) => other !== k && contains(other, k)));
    const shown = final.map((key) => {
      const s = surfaces.get(key)!;
      return [...s.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    });
    return { terms: shown, label: shown.slice(0, o.labelTerms).join(', ') || 'unlabelled' };
  });
}
