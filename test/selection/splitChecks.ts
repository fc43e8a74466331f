import { expect } from 'vitest';
import type { Label } from '../../src/options/trainOptions.js';
import type { IndexSplit } from '../../src/selection/indexSplit.js';

/** Asserts that a split's two parts are sorted, disjoint and together hold each of n rows once. */
export function expectPartition(split: IndexSplit, n: number): void {
  const seen = new Uint8Array(n);
  let unsorted = 0;
  for (const part of [split.trainIndex, split.testIndex]) {
    for (let r = 0; r < part.length; r++) {
      if (r > 0 && !(part[r] > part[r - 1])) unsorted++;
      seen[part[r]]++;
    }
  }
  expect(unsorted).toBe(0);
  expect(split.trainIndex.length + split.testIndex.length).toBe(n);
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

/** How many of `index`'s rows have each label. */
export function classCounts(y: readonly Label[], index: ArrayLike<number>): Map<Label, number> {
  const counts = new Map<Label, number>();
  for (let r = 0; r < index.length; r++)
    counts.set(y[index[r]], (counts.get(y[index[r]]) ?? 0) + 1);
  return counts;
}

/** Labels from a seeded stream: `classes` labels with the given probabilities. */
export function labelsFrom(random: () => number, n: number, shares: readonly number[]): number[] {
  return Array.from({ length: n }, () => {
    let u = random();
    for (let c = 0; c < shares.length - 1; c++) {
      if (u < shares[c]) return c;
      u -= shares[c];
    }
    return shares.length - 1;
  });
}
