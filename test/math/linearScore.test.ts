import { describe, expect, it } from 'vitest';
import { linearScore } from '../../src/math/linearScore.js';

describe('linearScore', () => {
  it('computes z = w·x + b for the row at the given offset', () => {
    const data = new Float64Array([9, 9, 1, 2]);
    expect(linearScore(data, 2, new Float64Array([3, 4]), 0.5)).toBe(11.5);
    expect(linearScore(data, 0, [1, -1], 2)).toBe(2);
  });
  it('returns the intercept when there are no features', () => {
    expect(linearScore(new Float64Array(0), 0, [], -1.5)).toBe(-1.5);
  });
});
