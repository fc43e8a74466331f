import { shuffleInPlace } from '../math/seededRandom.js';
import type { SeededRandom } from '../math/seededRandom.js';

/**
 * A uniformly random permutation of `values`, by the Fisher–Yates (Durstenfeld) shuffle:
 * for i = n−1 … 1, swap element i with a uniform element of [0, i]. Returns a new array;
 * `values` is not modified.
 */
export function shuffled(values: Int32Array, random: SeededRandom): Int32Array {
  const out = Int32Array.from(values);
  shuffleInPlace(out, random);
  return out;
}
