/**
 * rng — a small seeded PRNG (mulberry32)
 * ======================================
 *
 * Louvain visits nodes in a random order; passing it this generator instead of Math.random makes
 * threads a pure function of the inputs and `--seed` (STYLE habit 8). mulberry32 is Tommy
 * Ettinger's 32-bit generator: tiny, fast and good enough for shuffling.
 */

export type Rng = () => number;

/** A generator of floats in [0, 1) fully determined by `seed` (any finite number). */
export function mulberry32(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy, driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
