import { describe, expect, it } from 'vitest';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { newton } from '../../src/solvers/newton.js';
import { stepHalvingNewton } from '../../src/solvers/stepHalvingNewton.js';
import { seededRandom } from '../helpers/fixtures.js';

function objective(seed: number): LogisticObjective {
  const rand = seededRandom(seed);
  const m = 300;
  const p = 4;
  const data = new Float64Array(m * p).map(() => rand() * 4 - 2);
  const y = new Float64Array(m).map((_, i) => (rand() < 1 / (1 + Math.exp(-data[i * p])) ? 1 : 0));
  return new LogisticObjective({
    X: { rows: m, cols: p, data },
    y,
    sampleWeight: undefined,
    fitIntercept: true,
    l2: 0,
    center: new Float64Array(p),
    scale: new Float64Array(p).fill(1),
    penalizeScaled: false,
  });
}

describe('stepHalvingNewton', () => {
  it('reaches the optimum Newton with a Wolfe search reaches, in a few iterations', () => {
    const f = objective(1);
    const start = new Float64Array(5);
    const reference = newton(f, start, { tolerance: 1e-12, maxIterations: 100 });
    const r = stepHalvingNewton(f, start, { relativeDecrement: 1e-16, maxIterations: 100 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThan(12);
    for (let k = 0; k < 5; k++) {
      expect(Math.abs(r.x[k] - reference.x[k])).toBeLessThan(
        1e-8 * Math.max(1, Math.abs(reference.x[k])),
      );
    }
    expect(r.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-14));
  });

  it('stops one step early with finishDecrement, F still settled to rounding', () => {
    const f = objective(2);
    const start = new Float64Array(5);
    const full = stepHalvingNewton(f, start, { relativeDecrement: 1e-16, maxIterations: 100 });
    const early = stepHalvingNewton(f, start, {
      relativeDecrement: 1e-16,
      finishDecrement: 1e-9,
      maxIterations: 100,
    });
    expect(early.evaluations).toBeLessThanOrEqual(full.evaluations);
    expect(Math.abs(early.objective - full.objective)).toBeLessThan(1e-15 * full.objective);
  });

  it('reports no convergence when out of iterations', () => {
    const r = stepHalvingNewton(objective(3), new Float64Array(5), {
      relativeDecrement: 1e-16,
      maxIterations: 1,
    });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
  });
});
