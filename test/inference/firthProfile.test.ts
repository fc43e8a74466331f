import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { FirthObjective } from '../../src/objectives/firthObjective.js';
import { FixedCoordinateObjective } from '../../src/solvers/fixedCoordinateObjective.js';
import { lbfgs } from '../../src/solvers/lbfgs.js';
import { newton } from '../../src/solvers/newton.js';
import { normalQuantile } from '../../src/stats/normalDistribution.js';
import { loadDataset } from '../helpers/fixtures.js';

// The first 130 rows of breast_cancer: 12 well-separated columns (mean texture, smoothness,
// compactness, symmetry, fractal dimension and their errors, worst texture and smoothness), and the
// first 12 columns, where radius, perimeter and area are nearly collinear.
const bc = loadDataset('breast_cancer');
const m = 130;
const select = (cols: readonly number[]): number[][] =>
  Array.from({ length: m }, (_, i) => cols.map((c) => bc.X.data[i * bc.X.cols + c]));
const y = bc.y.slice(0, m);
const spread = [1, 4, 5, 8, 9, 11, 14, 15, 18, 19, 21, 24];

describe('Firth profile-likelihood intervals', () => {
  it('put each bound where an independent constrained fit drops 2·Δℓ_F by z² (1e-6)', () => {
    const X = select(spread);
    const model = train(X, y, { penalty: 'firth', profileConfidenceLevel: 0.95 });
    const profile = model.inference?.profile;
    expect(profile).toBeDefined();
    const p = spread.length;
    const objective = new FirthObjective({
      X: { rows: m, cols: p, data: Float64Array.from(X.flat()) },
      y: Float64Array.from(y),
      sampleWeight: undefined,
      fitIntercept: true,
      l2: 0,
      center: new Float64Array(p),
      scale: new Float64Array(p).fill(1),
      penalizeScaled: false,
    });
    const start = Float64Array.from([...model.coefficients, model.intercept]);
    const hat = newton(objective, start, { tolerance: 1e-12, maxIterations: 500 });
    const z2 = normalQuantile(0.975) ** 2;
    for (const k of [0, 5, 11, 12]) {
      for (const bound of [profile!.lower[k], profile!.upper[k]]) {
        const fixed = new FixedCoordinateObjective(objective, k, bound);
        const u = new Float64Array(p);
        fixed.reduce(hat.x, u);
        const fit = newton(fixed, u, { tolerance: 1e-11, maxIterations: 500 });
        const polished = lbfgs(fixed, fit.x, { tolerance: 1e-12, maxIterations: 2000 });
        const drop = 2 * m * (Math.min(fit.objective, polished.objective) - hat.objective);
        expect(Math.abs(drop - z2)).toBeLessThan(1e-6 * z2);
      }
    }
  });

  it('are finite around the estimate on nearly collinear columns (they were ±Infinity)', () => {
    const model = train(select([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), y, {
      penalty: 'firth',
      profileConfidenceLevel: 0.95,
    });
    const profile = model.inference!.profile!;
    const estimates = [...model.coefficients, model.intercept];
    estimates.forEach((estimate, k) => {
      expect(Number.isFinite(profile.lower[k]) && Number.isFinite(profile.upper[k])).toBe(true);
      expect(profile.lower[k]).toBeLessThan(estimate);
      expect(profile.upper[k]).toBeGreaterThan(estimate);
    });
  });
});
