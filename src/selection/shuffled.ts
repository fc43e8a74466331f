import type { SeededRandom } from './seededRandom.js';

/**
 * A uniformly random permutation of `values`, by the Fisher–Yates (Durstenfeld) shuffle:
 * for i = n−1 … 1, swap element i with a uniform element of [0, i]. Returns a new array;
 * `values` is not modified.
 */
export function shuffled(values: Int32Array, random: SeededRandom): Int32Array {
  const out = Int32Array.from(values);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
