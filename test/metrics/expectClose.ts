import { expect } from 'vitest';

/** Asserts equal lengths and |actual[i] − expected[i]| ≤ tolerance for every i. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance = 1e-12,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (a === e) continue;
    expect(Math.abs(a - e), `index ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance);
  }
}

/** `p ≥ threshold` as 0/1 labels. */
export function threshold(p: ArrayLike<number>, t = 0.5): number[] {
  return Array.from(p, (v) => (v >= t ? 1 : 0));
}

/** Each row i repeated `times[i]` times (times are non-negative integers). */
export function repeatRows<T>(values: ArrayLike<T>, times: ArrayLike<number>): T[] {
  const out: T[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let r = 0; r < times[i]!; r++) out.push(values[i]!);
  }
  return out;
}
