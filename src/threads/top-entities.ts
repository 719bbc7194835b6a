/**
 * top-entities — the methods, datasets and tasks that characterise a thread
 * ========================================================================
 *
 * Ranked by count alone, a thread's "top methods" are the corpus's hubs: in the ACL Anthology
 * "language model" and "Natural Language Processing" headed most threads' lists, which says
 * nothing about any one thread. The entities are therefore ranked as the thread's terms are
 * (labels.ts), by how common they are in the thread times how much more common than elsewhere:
 *
 *   score = p_in · ln((p_in + ε) / (p_out + ε)),   ε = 1 / N
 *
 * with p_in the share of the thread's papers linked to the entity, p_out the share of the other
 * corpus papers, N the corpus's papers. A hub keeps its place where it is in most of the thread's
 * papers; an entity the thread uses less than the rest of the corpus does comes after every one it
 * uses more. An entity of one paper comes after those of two or more, however rare: one paper is
 * not what a thread is about.
 */
import { typicality } from './labels.js';

export interface EntityCounts {
  /** Entity id → papers of the thread linked to it. */
  inThread: ReadonlyMap<string, number>;
  /** Papers in the thread. */
  threadSize: number;
  /** Entity id → corpus papers linked to it (the thread's included). */
  inCorpus: ReadonlyMap<string, number>;
  /** Papers in the corpus. */
  corpusSize: number;
}

/** How much more typical of the thread than of the rest of the corpus an entity is (see above). */
export function distinctiveness(inThread: number, threadSize: number, inCorpus: number, corpusSize: number): number {
  const eps = 1 / Math.max(1, corpusSize);
  const pIn = inThread / Math.max(1, threadSize);
  const rest = corpusSize - threadSize;
  const pOut = rest > 0 ? Math.max(0, inCorpus - inThread) / rest : 0;
  return typicality(pIn, pOut, eps);
}

/** The `n` entities that characterise the thread most, best first; ties by more papers, then by id. */
export function topEntities(counts: EntityCounts, n: number): string[] {
  const ranked = [...counts.inThread].map(([id, c]) => {
    const score = distinctiveness(c, counts.threadSize, counts.inCorpus.get(id) ?? c, counts.corpusSize);
    // Tiers: recurring and typical, recurring, single paper.
    const tier = c < 2 ? 2 : score > 0 ? 0 : 1;
    return { id, c, score, tier };
  });
  ranked.sort((a, b) => a.tier - b.tier || b.score - a.score || b.c - a.c || (a.id < b.id ? -1 : 1));
  return ranked.slice(0, n).map((r) => r.id);
}
