import { describe, expect, it } from 'vitest';
import { coefficientCovariance } from '../../src/inference/coefficientCovariance.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { lbfgsThenNewton } from '../../src/solvers/lbfgsThenNewton.js';
import { newton } from '../../src/solvers/newton.js';
import { maxRelativeError, seededRandom } from '../helpers/fixtures.js';

/** m × p correlated Gaussian-like features and Bernoulli labels from a known logistic model. */
function problem(
  seed: number,
  m: number,
  p: number,
): LogisticObjective & { coordinates: { center: Float64Array; scale: Float64Array } } {
  const rand = seededRandom(seed);
  const normal = (): number => (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3);
  const data = new Float64Array(m * p);
  const y = new Float64Array(m);
  const wTrue = Float64Array.from({ length: p }, () => (2 * rand() - 1) / Math.sqrt(p));
  for (let i = 0; i < m; i++) {
    let z = -0.4;
    let previous = 0;
    for (let j = 0; j < p; j++) {
      const x = normal() + 0.6 * previous + (j % 5 === 0 ? 3 : 0);
      previous = x;
      data[i * p + j] = x;
      z += wTrue[j] * x;
    }
    y[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  // Centred and scaled coordinates, as train's solvers see them.
  const center = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < m; i++) sum += data[i * p + j];
    center[j] = sum / m;
    for (let i = 0; i < m; i++) squares += (data[i * p + j] - center[j]) ** 2;
    scale[j] = Math.sqrt(squares / m);
  }
  const objective = new LogisticObjective({
    X: { rows: m, cols: p, data },
    y,
    sampleWeight: undefined,
    fitIntercept: true,
    l2: 0,
    center,
    scale,
    penalizeScaled: false,
  });
  return Object.assign(objective, { coordinates: { center, scale } });
}

describe('lbfgsThenNewton', () => {
  const settings = { tolerance: 1e-12, maxIterations: 100, stoppingRule: 'decrement' as const };

  it('gives the pure-Newton estimate and covariance to 1e-10 relative, with one or two Hessians', () => {
    const objective = problem(7, 4000, 40);
    const x0 = new Float64Array(objective.dimension);
    const pure = newton(objective, x0, settings);
    const hybrid = lbfgsThenNewton(objective, x0, settings);
    expect(pure.converged).toBe(true);
    expect(hybrid.converged).toBe(true);
    expect(hybrid.stopReason).toBe('newton-decrement');
    expect(maxRelativeError(hybrid.x, pure.x, 1e-3)).toBeLessThan(1e-10);
    // Both phases are counted: the L-BFGS start and then (usually) a single Newton step.
    expect(hybrid.startIterations).toBeGreaterThan(5);
    const newtonSteps = hybrid.iterations - hybrid.startIterations;
    expect(newtonSteps).toBeGreaterThanOrEqual(1);
    expect(newtonSteps).toBeLessThanOrEqual(2);
    expect(newtonSteps).toBeLessThan(pure.iterations);
    expect(hybrid.lossHistory).toHaveLength(hybrid.iterations + 1);
    // The covariance from the last Newton Hessian (one step before the end, as R's glm) against
    // the one at pure Newton's final point.
    expect(hybrid.hessianPoint).toBeDefined();
    const p = objective.dimension - 1;
    const { center, scale } = objective.coordinates;
    const cov = (theta: Float64Array): Float64Array => {
      const c = coefficientCovariance(objective, theta, 4000, center, scale, true);
      if (c === null) throw new Error('singular');
      return c;
    };
    const reference = cov(pure.x);
    const diagonal = (c: Float64Array): number[] =>
      Array.from({ length: p + 1 }, (_, k) => c[k * (p + 2)]);
    expect(maxRelativeError(diagonal(cov(hybrid.hessianPoint!)), diagonal(reference))).toBeLessThan(
      1e-10,
    );
  });

  it('numbers the progress callback through both phases', () => {
    const objective = problem(3, 500, 33);
    const seen: number[] = [];
    const result = lbfgsThenNewton(objective, new Float64Array(objective.dimension), {
      ...settings,
      onIteration: (k) => seen.push(k),
    });
    expect(seen).toEqual(Array.from({ length: result.iterations }, (_, k) => k + 1));
  });
});
