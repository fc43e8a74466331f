import { describe, expect, it } from 'vitest';
import { stoppingRule } from '../../src/solvers/stoppingRule.js';
import { gradientDescent } from '../../src/solvers/gradientDescent.js';
import { lbfgs } from '../../src/solvers/lbfgs.js';
import { newton } from '../../src/solvers/newton.js';
import type { TwiceDifferentiableObjective } from '../../src/solvers/objective.js';

/** F(x) = ½·Σ aᵢ·xᵢ², minimum 0 at x = 0. */
function quadratic(a: readonly number[]): TwiceDifferentiableObjective {
  return {
    dimension: a.length,
    valueAndGradient(x, g) {
      let f = 0;
      for (let i = 0; i < a.length; i++) {
        g[i] = a[i] * x[i];
        f += 0.5 * a[i] * x[i] * x[i];
      }
      return f;
    },
    hessianVectorProduct(_x, v, out) {
      for (let i = 0; i < a.length; i++) out[i] = a[i] * v[i];
    },
    hessian(_x, out) {
      out.fill(0);
      for (let i = 0; i < a.length; i++) out[i * a.length + i] = a[i];
    },
  };
}

describe('stoppingRule: the one test at the top of every solver loop', () => {
  it('names non-finite values first, then the tolerance, then the budget', () => {
    expect(stoppingRule(Number.NaN, 0, 0, 1, 10)).toBe('not-finite');
    expect(stoppingRule(1, Number.POSITIVE_INFINITY, 0, 1, 10)).toBe('not-finite');
    expect(stoppingRule(1, 1e-7, 10, 1e-6, 10)).toBe('gradient-tolerance');
    expect(stoppingRule(1, 1e-6, 3, 1e-6, 10)).toBe('gradient-tolerance'); // ≤, not <
    expect(stoppingRule(1, 2e-6, 10, 1e-6, 10)).toBe('max-iterations');
    expect(stoppingRule(1, 2e-6, 9, 1e-6, 10)).toBeUndefined();
  });

  it('with tolerance −∞ tests only finiteness and the budget (Newton’s decrement rule)', () => {
    expect(stoppingRule(1, 0, 0, -Infinity, 10)).toBeUndefined();
    expect(stoppingRule(1, 0, 10, -Infinity, 10)).toBe('max-iterations');
  });

  it('gives gd, L-BFGS and Newton the same reasons at the same thresholds', () => {
    const objective = quadratic([1, 4]);
    const x0 = new Float64Array([1, -1]);
    const settings = { tolerance: 1e-8, maxIterations: 1000 };
    for (const result of [
      gradientDescent(objective, x0, { ...settings, learningRate: 0.2 }),
      lbfgs(objective, x0, settings),
      newton(objective, x0, settings),
    ]) {
      expect(result.stopReason).toBe('gradient-tolerance');
      expect(result.gradientNorm).toBeLessThanOrEqual(1e-8);
    }
    const capped = gradientDescent(objective, x0, {
      tolerance: 1e-12,
      maxIterations: 3,
      learningRate: 0.2,
    });
    expect([capped.stopReason, capped.iterations]).toEqual(['max-iterations', 3]);
    const diverged = gradientDescent(objective, x0, { ...settings, learningRate: 1e300 });
    expect(diverged.stopReason).toBe('not-finite');
  });
});
