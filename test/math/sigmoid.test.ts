import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../src/math/sigmoid.js';

/** The definition, evaluated in a way that is exact where it does not overflow. */
const definition = (z: number): number => 1 / (1 + Math.exp(-z));

describe('sigmoid', () => {
  it('is 1/2 at 0 and matches the definition 1/(1+exp(-z)) at ±1 and ±40', () => {
    expect(sigmoid(0)).toBe(0.5);
    for (const z of [1, -1, 40, -40]) expect(sigmoid(z)).toBeCloseTo(definition(z), 15);
    expect(sigmoid(1)).toBeCloseTo(0.7310585786300049, 15);
    expect(sigmoid(-40)).toBeCloseTo(4.248354255291589e-18, 30);
    expect(sigmoid(-40) / 4.248354255291589e-18).toBeCloseTo(1, 12);
  });

  it("has the correct sign for z ≥ 0 (not the article's 1/(1+exp(z)) slip)", () => {
    expect(sigmoid(40)).toBeGreaterThan(0.99);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
  });

  it('is finite and in [0, 1] at ±710 and ±1e4, where exp overflows', () => {
    for (const z of [710, -710, 1e4, -1e4]) {
      const s = sigmoid(z);
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(sigmoid(710)).toBe(1);
    expect(sigmoid(1e4)).toBe(1);
    expect(sigmoid(-1e4)).toBe(0);
    expect(sigmoid(-710)).toBe(Math.exp(-710)); // subnormal, still exact
    expect(sigmoid(-700)).toBeGreaterThan(0);
  });

  it('satisfies σ(−z) = 1 − σ(z)', () => {
    for (const z of [0, 1, -1, 40, -40, 710, -710, 1e4, -1e4]) {
      expect(sigmoid(-z)).toBeCloseTo(1 - sigmoid(z), 15);
    }
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (z) => {
        return Math.abs(sigmoid(-z) - (1 - sigmoid(z))) <= 1e-15;
      }),
    );
  });

  it('is monotone and within [0, 1] for every finite z', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const sl = sigmoid(lo);
          const sh = sigmoid(hi);
          return sl >= 0 && sh <= 1 && sl <= sh;
        },
      ),
    );
  });
});
