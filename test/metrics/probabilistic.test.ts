import { describe, expect, it } from 'vitest';
import { brierScore, logLoss, logLossEpsilon } from '../../src/metrics/index.js';
import { medium, small } from './sklearnReference.js';

describe('logLoss', () => {
  it('is log 2 for a constant 0.5', () => {
    expect(logLoss([0, 1, 1], [0.5, 0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });

  it('is the mean negative log-likelihood', () => {
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
    expect(logLoss([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(expected, 15);
  });

  it('weights the rows', () => {
    const expected = -(2 * Math.log(0.9) + 0.5 * Math.log(0.8)) / 2.5;
    expect(logLoss([1, 0, 1], [0.9, 0.2, 0.6], [2, 0.5, 0])).toBeCloseTo(expected, 15);
  });

  it('clips probabilities to [1e-15, 1 − 1e-15], so a certain wrong answer costs −log 1e-15', () => {
    expect(logLossEpsilon).toBe(1e-15);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss([0], [1])).toBeCloseTo(34.538776394910684, 1);
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-14);
  });

  it('is exact for tiny probabilities (log(1 − p) taken as log1p(−p))', () => {
    // −log(1 − p) = p + p²/2 + …; the naive Math.log(1 − 1e-12) is off by ~1e-4 relative.
    const exact = 1e-12 + 1e-24 / 2;
    expect(Math.abs(logLoss([0], [1e-12]) - exact) / exact).toBeLessThan(1e-15);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium (with p = 0 and p = 1)', medium],
  ] as const) {
    it(`matches scikit-learn log_loss(eps=1e-15) on ${name}`, () => {
      expect(logLoss(data.y, data.p)).toBeCloseTo(data.unweighted.logLoss, 13);
      expect(logLoss(data.y, data.p, data.w)).toBeCloseTo(data.weighted.logLoss, 13);
    });
  }
});

describe('brierScore', () => {
  it('is the mean squared error of the probabilities', () => {
    expect(brierScore([1, 0, 1], [0.9, 0.2, 0.6])).toBeCloseTo(0.07, 15);
  });
  it('is 0.25 for a constant 0.5 and 0 for perfect certainty', () => {
    expect(brierScore([0, 1], [0.5, 0.5])).toBe(0.25);
    expect(brierScore([0, 1], [0, 1])).toBe(0);
  });
  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    it(`matches scikit-learn brier_score_loss on ${name}`, () => {
      expect(brierScore(data.y, data.p)).toBeCloseTo(data.unweighted.brierScore, 15);
      expect(brierScore(data.y, data.p, data.w)).toBeCloseTo(data.weighted.brierScore, 15);
    });
  }
});
