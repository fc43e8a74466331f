/**
 * A seeded pseudo-random generator of doubles in [0, 1): mulberry32 (Tommy Ettinger, 2017), a
 * 32-bit state advanced by a Weyl sequence and mixed by two multiply-xorshift rounds. It passes
 * PractRand to 32 GB, is fast in JavaScript (`Math.imul`) and, unlike `Math.random`, gives the
 * same sequence for the same seed on every engine: fits that shuffle are reproducible bit for bit.
 * The period is 2³², ample for shuffling; each value carries 32 random bits.
 *
 * @param seed - any number; its low 32 bits (as an unsigned integer) are the initial state.
 * @example
 * const random = seededRandom(42);
 * random(); // the same first value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles `indices` in place by Fisher–Yates (Durstenfeld's version, Knuth's algorithm P):
 * for i = n − 1 … 1 swap entry i with a uniform j ∈ [0, i], j = ⌊random()·(i + 1)⌋. Every
 * permutation is equally likely up to the 2⁻³² granularity of `random`. Draws n − 1 numbers.
 *
 * On entry `indices` is overwritten with a permutation of itself.
 * @example
 * const order = Uint32Array.from({ length: 5 }, (_, i) => i);
 * shuffleInPlace(order, seededRandom(1)); // a fixed permutation of 0…4
 */
export function shuffleInPlace(indices: Uint32Array, random: () => number): void {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = indices[i];
    indices[i] = indices[j];
    indices[j] = t;
  }
}
