import { describe, expect, it } from 'vitest';
import { featureScaling, jacobiScale } from '../../src/model/featureScaling.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { lbfgs } from '../../src/solvers/lbfgs.js';
import { loadDataset } from '../helpers/fixtures.js';

describe('the solver coordinates', () => {
  it('Jacobi scaling lets L-BFGS solve raw breast cancer (L2, C = 1) in about 600 iterations, plain σ scaling takes over 10,000', () => {
    const d = loadDataset('breast_cancer');
    const y = Float64Array.from(d.y);
    const scaling = featureScaling(d.X, undefined, true);
    const l2 = 1 / d.X.rows;
    const iterations = (scale: Float64Array): number => {
      const objective = new LogisticObjective({
        X: d.X,
        y,
        sampleWeight: undefined,
        fitIntercept: true,
        l2,
        center: scaling.center,
        scale,
        penalizeScaled: false,
      });
      const r = lbfgs(objective, new Float64Array(d.X.cols + 1), {
        tolerance: 1e-10,
        maxIterations: 30000,
      });
      expect(r.converged).toBe(true);
      return r.iterations;
    };
    const rate = y.reduce((a, b) => a + b, 0) / y.length;
    expect(iterations(jacobiScale(scaling.sd, l2, rate))).toBeLessThan(1000);
    expect(iterations(scaling.scale)).toBeGreaterThan(10000);
  });

  it('population standard deviations, centres only with an intercept, constant columns scaled by 1', () => {
    const X = { rows: 4, cols: 2, data: new Float64Array([1, 5, 2, 5, 3, 5, 4, 5]) };
    const a = featureScaling(X, undefined, true);
    expect(Array.from(a.center)).toEqual([2.5, 5]);
    expect(a.sd[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(a.sd[1]).toBe(0);
    expect(a.scale[1]).toBe(1);
    expect(Array.from(featureScaling(X, undefined, false).center)).toEqual([0, 0]);
    // Weights count rows: weight 3 on the last row moves the mean to (1 + 2 + 3 + 12) / 6 = 3.
    expect(featureScaling(X, new Float64Array([1, 1, 1, 3]), true).center[0]).toBe(3);
  });
});
