import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc } from '../../src/stats/erfc.js';
import { chiSquaredSurvival } from '../../src/stats/chiSquared.js';
import { logGamma } from '../../src/stats/logGamma.js';
import {
  normalCdf,
  normalQuantile,
  twoSidedNormalPValue,
} from '../../src/stats/normalDistribution.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('special functions against published values', () => {
  it('erfc (values from R: 2*pnorm(-x*sqrt(2)))', () => {
    expect(erfc(0)).toBe(1);
    expect(rel(erfc(1), 0.15729920705028513)).toBeLessThan(1e-14);
    expect(rel(erfc(5), 1.5374597944280349e-12)).toBeLessThan(1e-13);
    expect(rel(erfc(10), 2.088487583762545e-45)).toBeLessThan(1e-13);
    expect(rel(erfc(-1), 1.8427007929497148)).toBeLessThan(1e-15);
    // Continuity where the two methods meet.
    expect(rel(erfc(2.5 - 1e-12), erfc(2.5))).toBeLessThan(1e-11);
  });

  it('normal tails and quantiles (R: pnorm, qnorm)', () => {
    expect(rel(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-13);
    expect(rel(twoSidedNormalPValue(-11.727983968814584), 9.1614748739821995e-32)).toBeLessThan(
      1e-12,
    );
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        return rel(normalCdf(normalQuantile(p)), p) < 1e-11;
      }),
    );
  });

  it('chi-squared upper tail and log-gamma (R: pchisq(lower = FALSE), lgamma)', () => {
    expect(rel(chiSquaredSurvival(3.841458820694124, 1), 0.05)).toBeLessThan(1e-13);
    expect(rel(chiSquaredSurvival(10, 8), 0.26502591529736175)).toBeLessThan(1e-13);
    expect(rel(chiSquaredSurvival(270.0385, 8), 9.6517355098446082e-54)).toBeLessThan(1e-12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 13);
  });
});
