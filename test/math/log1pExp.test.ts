import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { log1pExp } from '../../src/math/log1pExp.js';
import { logSigmoid } from '../../src/math/logSigmoid.js';
import { sigmoid } from '../../src/math/sigmoid.js';

describe('log1pExp (softplus)', () => {
  it('matches log(1 + e^z) where that is representable', () => {
    expect(log1pExp(0)).toBe(Math.LN2);
    for (const z of [-30, -5, -1, 1, 5, 17, 20, 30]) {
      expect(log1pExp(z)).toBeCloseTo(Math.log1p(Math.exp(z)), 14);
    }
    expect(log1pExp(-40) / Math.exp(-40)).toBeCloseTo(1, 14);
  });

  it('is finite at ±1e4 and ±710 (no overflow, no log(0))', () => {
    expect(log1pExp(1e4)).toBe(1e4);
    expect(log1pExp(710)).toBe(710);
    expect(log1pExp(-1e4)).toBe(0);
    expect(log1pExp(-710)).toBeGreaterThanOrEqual(0);
  });

  it('satisfies softplus(z) − softplus(−z) = z', () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 500, noNaN: true }), (z) => {
        return Math.abs(log1pExp(z) - log1pExp(-z) - z) <= 1e-12 * Math.max(1, Math.abs(z));
      }),
    );
  });
});

describe('logSigmoid', () => {
  it('equals log σ(z) where σ(z) is not tiny, and stays finite where it is', () => {
    for (const z of [-20, -1, 0, 1, 20])
      expect(logSigmoid(z)).toBeCloseTo(Math.log(sigmoid(z)), 13);
    expect(logSigmoid(-1e4)).toBe(-1e4);
    expect(logSigmoid(1e4)).toBe(-0);
  });
});
