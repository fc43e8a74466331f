import { describe, expect, it } from 'vitest';
import { weightedPercentile } from '../../src/metrics/weightedPercentile.js';

/** Levels k/7 computed as NumPy's `np.linspace(0, 1, 8) * 100 / 100`. */
const levels = Float64Array.from({ length: 8 }, (_, k) =>
  k === 7 ? 1 : (k * (1 / 7) * 100) / 100,
);

function cumulativeOf(weights: number[]): Float64Array {
  let c = 0;
  return Float64Array.from(weights, (w) => (c += w));
}

describe('weightedPercentile', () => {
  it('with unit weights equals NumPy 1.24 np.percentile(v, 100·q) to the last bit', () => {
    const v = [0.05, 0.1, 0.2, 0.35, 0.35, 0.4, 0.6, 0.8, 0.8, 0.9, 0.93];
    const out = weightedPercentile(Float64Array.from(v), cumulativeOf(v.map(() => 1)), levels);
    // np.percentile(v, np.linspace(0, 1, 8) * 100)
    expect(Array.from(out)).toEqual([
      0.05, 0.14285714285714285, 0.3285714285714285, 0.36428571428571427, 0.5428571428571427, 0.8,
      0.8571428571428572, 0.93,
    ]);
  });

  it('with integer weights equals the percentiles of the repeated values', () => {
    const out = weightedPercentile(
      Float64Array.from([0.1, 0.3, 0.7]),
      cumulativeOf([2, 1, 3]),
      levels,
    );
    // np.percentile(np.repeat([0.1, 0.3, 0.7], [2, 1, 3]), np.linspace(0, 1, 8) * 100)
    expect(Array.from(out)).toEqual([
      0.1, 0.1, 0.18571428571428567, 0.3571428571428571, 0.6428571428571427, 0.7, 0.7, 0.7,
    ]);
  });

  it('gives the minimum for inner levels when the total weight is below 1, and the maximum at q = 1', () => {
    const out = weightedPercentile(
      Float64Array.from([0.2, 0.6]),
      cumulativeOf([0.25, 0.5]),
      Float64Array.from([0, 0.5, 0.99, 1]),
    );
    expect(Array.from(out)).toEqual([0.2, 0.2, 0.2, 0.6]);
  });
});
