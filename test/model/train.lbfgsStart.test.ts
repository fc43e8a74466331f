import { describe, expect, it } from 'vitest';
import { LBFGS_START_MIN_WORK, startsWithLbfgs } from '../../src/options/chooseSolver.js';
import { train } from '../../src/model/train.js';
import { maxRelativeError, seededRandom } from '../helpers/fixtures.js';

/** m rows of p correlated features (row-major) and labels from a known logistic model. */
function data(seed: number, m: number, p: number): { X: Float64Array; y: number[] } {
  const rand = seededRandom(seed);
  const normal = (): number => (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3);
  const X = new Float64Array(m * p);
  const y: number[] = [];
  const wTrue = Float64Array.from({ length: p }, () => (2 * rand() - 1) / Math.sqrt(p));
  for (let i = 0; i < m; i++) {
    let z = 0.3;
    let previous = 0;
    for (let j = 0; j < p; j++) {
      const x = normal() + 0.5 * previous + j;
      previous = x - j;
      X[i * p + j] = x;
      z += wTrue[j] * (x - j);
    }
    y.push(rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { X, y };
}

const standardErrors = (covariance: readonly number[], d: number): number[] =>
  Array.from({ length: d }, (_, k) => Math.sqrt(covariance[k * d + k]));

describe('unpenalized Newton from an L-BFGS start (large problems)', () => {
  it('starts from L-BFGS only for large maximum-likelihood problems', () => {
    expect(startsWithLbfgs('none', 1_000_000, 101)).toBe(true);
    expect(startsWithLbfgs('none', LBFGS_START_MIN_WORK / 41 ** 2, 41)).toBe(true);
    expect(startsWithLbfgs('none', LBFGS_START_MIN_WORK / 41 ** 2 - 1, 41)).toBe(false);
    expect(startsWithLbfgs('none', 10_000_000, 8)).toBe(false); // a Hessian is a few passes
    expect(startsWithLbfgs('firth', 1_000_000, 101)).toBe(false);
    expect(startsWithLbfgs('none', 1_000_000, 401)).toBe(false); // Newton-CG
  });

  // 60,000 rows × 41 parameters is above the threshold, 30,000 × 41 below: the same rows twice
  // and the same rows with weight 2 have the same estimate and standard errors (weight 2 = the row
  // twice), one fitted with the L-BFGS start and one by pure Newton.
  const p = 40;
  const half = 30_000;
  const { X, y } = data(11, half, p);
  const doubled = new Float64Array(2 * half * p);
  doubled.set(X);
  doubled.set(X, half * p);
  const big = { rows: 2 * half, cols: p, data: doubled };

  it('gives pure Newton’s coefficients and standard errors to 1e-10 relative', () => {
    const hybrid = train(big, [...y, ...y], { penalty: 'none' });
    const pure = train({ rows: half, cols: p, data: X }, y, {
      penalty: 'none',
      sampleWeight: new Array<number>(half).fill(2),
    });
    expect(hybrid.fitReport.lbfgsStartIterations).toBeGreaterThan(0);
    expect(pure.fitReport.lbfgsStartIterations).toBeUndefined();
    expect(hybrid.fitReport.converged).toBe(true);
    expect(hybrid.fitReport.stopReason).toBe('newton-decrement');
    expect(hybrid.fitReport.iterations).toBeGreaterThan(hybrid.fitReport.lbfgsStartIterations!);
    expect(
      maxRelativeError(
        [...hybrid.coefficients, hybrid.intercept],
        [...pure.coefficients, pure.intercept],
      ),
    ).toBeLessThan(1e-10);
    const d = p + 1;
    expect(
      maxRelativeError(
        standardErrors(hybrid.inference!.covariance!, d),
        standardErrors(pure.inference!.covariance!, d),
      ),
    ).toBeLessThan(1e-10);
  });

  it('finds an aliased column on the Hessian at its estimate, as before fitting', () => {
    // Column 40 = 2 × column 3 − column 7: aliased, found without a Gram of its own.
    const q = p + 1;
    const wide = new Float64Array(2 * half * q);
    for (let i = 0; i < 2 * half; i++) {
      for (let j = 0; j < p; j++) wide[i * q + j] = doubled[i * p + j];
      wide[i * q + p] = 2 * doubled[i * p + 3] - doubled[i * p + 7];
    }
    const model = train({ rows: 2 * half, cols: q, data: wide }, [...y, ...y], {
      penalty: 'none',
    });
    expect(model.fitReport.aliased?.filter(Boolean)).toHaveLength(1);
    expect(model.fitReport.aliased?.[p]).toBe(true);
    expect(model.fitReport.warnings[0]).toMatch(/feature 'x40' is aliased.*'x3', 'x7'/);
    expect(model.coefficients[p]).toBe(0);
    const reference = train(big, [...y, ...y], { penalty: 'none' });
    expect(maxRelativeError(model.coefficients.slice(0, p), reference.coefficients)).toBeLessThan(
      1e-10,
    );
  });
});
