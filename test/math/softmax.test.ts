import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSumExp } from '../../src/math/logSumExp.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { softmax } from '../../src/math/softmax.js';

const scores = fc.array(fc.double({ min: -800, max: 800, noNaN: true }), {
  minLength: 1,
  maxLength: 12,
});

describe('logSumExp', () => {
  it('matches log Σ e^z where that is representable', () => {
    expect(logSumExp([0, 0])).toBe(Math.LN2);
    expect(logSumExp([1, 2, 3])).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3), 14);
    expect(logSumExp([5])).toBe(5);
  });

  it('does not overflow or underflow: shifts by the maximum', () => {
    expect(logSumExp([1000, 1000])).toBe(1000 + Math.LN2);
    expect(logSumExp([-1000, -1000])).toBe(-1000 + Math.LN2);
    expect(logSumExp([710, 0])).toBe(710);
  });

  it('keeps the small term when one score dominates (log1p, not log(1 + r))', () => {
    // log(e^0 + e^−40) = log1p(e^−40) ≈ 4.25e-18, which log(1 + e^−40) rounds to 0.
    expect(logSumExp([0, -40])).toBeCloseTo(Math.exp(-40), 30);
    expect(logSumExp([0, -40]) / Math.exp(-40)).toBeCloseTo(1, 14);
  });

  it('reads only [start, end); an empty range is −∞; infinite maxima pass through', () => {
    expect(logSumExp([3, 1, 2, 9], 1, 3)).toBeCloseTo(Math.log(Math.E + Math.E ** 2), 14);
    expect(logSumExp([], 0, 0)).toBe(-Infinity);
    expect(logSumExp([Infinity, 1])).toBe(Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });

  it('is shift-equivariant and at least the maximum (property)', () => {
    fc.assert(
      fc.property(scores, fc.double({ min: -100, max: 100, noNaN: true }), (z, c) => {
        const l = logSumExp(z);
        const shifted = logSumExp(z.map((v) => v + c));
        const max = Math.max(...z);
        return (
          l >= max &&
          l <= max + Math.log(z.length) + 1e-12 &&
          Math.abs(shifted - (l + c)) <= 1e-12 * Math.max(1, Math.abs(l) + Math.abs(c))
        );
      }),
    );
  });
});

describe('softmax', () => {
  it('rows lie in [0, 1] and sum to 1, for scores from −800 to 800 (property)', () => {
    fc.assert(
      fc.property(scores, (z) => {
        const p = new Float64Array(z.length);
        softmax(z, p);
        const sum = p.reduce((a, b) => a + b, 0);
        return (
          p.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) <= 4 * Number.EPSILON * z.length
        );
      }),
    );
  });

  it('returns log Σ e^z, so that log pₖ = zₖ − lse (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (z) => {
          const p = new Float64Array(z.length);
          const lse = softmax(z, p);
          return (
            lse === logSumExp(z) &&
            z.every(
              (v, k) => Math.abs(Math.log(p[k]) - (v - lse)) <= 1e-12 * Math.max(1, Math.abs(v)),
            )
          );
        },
      ),
    );
  });

  it('generalizes the sigmoid: softmax(0, z)₁ = σ(z)', () => {
    const p = new Float64Array(2);
    for (const z of [-50, -3, 0, 0.5, 7, 40]) {
      softmax([0, z], p);
      expect(p[1]).toBeCloseTo(sigmoid(z), 15);
      expect(p[0]).toBeCloseTo(sigmoid(-z), 15);
    }
  });

  it('works in place on one row of a matrix and leaves the rest alone', () => {
    const data = new Float64Array([1, 2, 3, 0, 0, 0]);
    softmax(data, data, 3, 6);
    expect(Array.from(data.subarray(0, 3))).toEqual([1, 2, 3]);
    for (let k = 3; k < 6; k++) expect(data[k]).toBeCloseTo(1 / 3, 15);
  });

  it('is unchanged by adding a constant to every score, and does not overflow', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    softmax([1, 2, 3], a);
    softmax([1001, 1002, 1003], b);
    for (let k = 0; k < 3; k++) expect(b[k]).toBeCloseTo(a[k], 15);
    expect(a[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 15);
  });

  it('does not mutate its input', () => {
    const z = Object.freeze([0.3, -1, 2]);
    softmax(z, new Float64Array(3));
    expect(z).toEqual([0.3, -1, 2]);
  });
});
