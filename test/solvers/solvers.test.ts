import { describe, expect, it } from 'vitest';
import { gradientDescent, gradientStep } from '../../src/solvers/gradientDescent.js';
import { lbfgs } from '../../src/solvers/lbfgs.js';
import { newton, NEWTON_CHOLESKY_MAX_DIMENSION } from '../../src/solvers/newton.js';
import type { TwiceDifferentiableObjective } from '../../src/solvers/objective.js';

/** F(x) = ½·xᵀAx − bᵀx with A = diag(1..n) + 0.1·11ᵀ: minimum at A⁻¹b. */
function quadratic(n: number): TwiceDifferentiableObjective & { solution: Float64Array } {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) A[i * n + j] = (i === j ? i + 1 : 0) + 0.1;
  const b = new Float64Array(n).map((_, i) => Math.sin(i + 1));
  // Solve by Gauss-Seidel to machine precision for the reference (A is diagonally dominant enough).
  const solution = new Float64Array(n);
  for (let sweep = 0; sweep < 2000; sweep++) {
    for (let i = 0; i < n; i++) {
      let s = b[i];
      for (let j = 0; j < n; j++) if (j !== i) s -= A[i * n + j] * solution[j];
      solution[i] = s / A[i * n + i];
    }
  }
  const mul = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
      out[i] = s;
    }
  };
  return {
    dimension: n,
    solution,
    valueAndGradient(x, g) {
      mul(x, g);
      let f = 0;
      for (let i = 0; i < n; i++) {
        f += 0.5 * x[i] * g[i] - b[i] * x[i];
        g[i] -= b[i];
      }
      return f;
    },
    hessianVectorProduct(_x, v, out) {
      mul(v, out);
    },
    hessian(_x, out) {
      out.set(A);
    },
  };
}

/** The Rosenbrock function, a curved valley that defeats plain gradient descent. */
const rosenbrock: TwiceDifferentiableObjective = {
  dimension: 2,
  valueAndGradient(x, g) {
    const [a, b] = [x[0], x[1]];
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  },
  hessianVectorProduct(x, v, out) {
    const h = new Float64Array(4);
    this.hessian(x, h);
    out[0] = h[0] * v[0] + h[1] * v[1];
    out[1] = h[2] * v[0] + h[3] * v[1];
  },
  hessian(x, out) {
    out[0] = 2 - 400 * (x[1] - 3 * x[0] * x[0]);
    out[1] = -400 * x[0];
    out[2] = -400 * x[0];
    out[3] = 200;
  },
};

describe('solvers on known problems', () => {
  it('lbfgs finds the minimum of a quadratic to the tolerance', () => {
    const q = quadratic(30);
    const r = lbfgs(q, new Float64Array(30), { tolerance: 1e-10, maxIterations: 500 });
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe('gradient-tolerance');
    expect(r.gradientNorm).toBeLessThanOrEqual(1e-10);
    for (let i = 0; i < 30; i++) expect(r.x[i]).toBeCloseTo(q.solution[i], 9);
    expect(r.lossHistory.length).toBe(r.iterations + 1);
  });

  it('lbfgs minimizes Rosenbrock from (−1.2, 1)', () => {
    const r = lbfgs(rosenbrock, new Float64Array([-1.2, 1]), {
      tolerance: 1e-9,
      maxIterations: 500,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBeCloseTo(1, 7);
    // The Wolfe line search guarantees decrease (up to rounding noise in F).
    for (let k = 1; k < r.lossHistory.length; k++) {
      expect(r.lossHistory[k]).toBeLessThanOrEqual(r.lossHistory[k - 1] * (1 + 1e-13) + 1e-300);
    }
  });

  it('newton solves a quadratic in one step (Cholesky) and minimizes Rosenbrock', () => {
    const q = quadratic(10);
    const r = newton(q, new Float64Array(10), { tolerance: 1e-12, maxIterations: 10 });
    expect(r.iterations).toBe(1);
    for (let i = 0; i < 10; i++) expect(r.x[i]).toBeCloseTo(q.solution[i], 12);
    const rr = newton(rosenbrock, new Float64Array([-1.2, 1]), {
      tolerance: 1e-10,
      maxIterations: 100,
    });
    expect(rr.converged).toBe(true);
    expect(rr.x[0]).toBeCloseTo(1, 9);
  });

  it('newton-CG (above the Cholesky size) reaches the same quadratic minimum', () => {
    const n = NEWTON_CHOLESKY_MAX_DIMENSION + 1;
    const q = quadratic(n);
    const r = newton(q, new Float64Array(n), { tolerance: 1e-9, maxIterations: 50 });
    expect(r.converged).toBe(true);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(r.x[i] - q.solution[i]));
    expect(worst).toBeLessThan(1e-8);
  });

  it('newton, decrement rule: Rosenbrock to the rounding floor; converged only when the rule holds', () => {
    const r = newton(rosenbrock, new Float64Array([-1.2, 1]), {
      tolerance: 1e-12,
      maxIterations: 100,
      stoppingRule: 'decrement',
    });
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe('newton-decrement');
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-12);
    expect(r.gradientNorm).toBeLessThan(1e-10);
    const early = newton(rosenbrock, new Float64Array([-1.2, 1]), {
      tolerance: 1e-12,
      maxIterations: 5,
      stoppingRule: 'decrement',
    });
    expect(early.converged).toBe(false);
    expect(early.stopReason).toBe('max-iterations');
  });

  it('newton, decrement rule with an approximate Hessian: steps go on until the decrement stops falling', () => {
    // F = ½xᵀAx − bᵀx with `hessian` 1.5·A (linear convergence, rate ⅓): a loose tolerance
    // still ends at the minimum to rounding.
    const q = quadratic(8);
    const approximate: TwiceDifferentiableObjective = {
      dimension: 8,
      exactHessian: false,
      valueAndGradient: (x, g) => q.valueAndGradient(x, g),
      hessianVectorProduct: (x, v, out) => q.hessianVectorProduct(x, v, out),
      hessian: (x, out) => {
        q.hessian(x, out);
        for (let k = 0; k < out.length; k++) out[k] *= 1.5;
      },
    };
    const r = newton(approximate, new Float64Array(8), {
      tolerance: 1e-4,
      maxIterations: 100,
      stoppingRule: 'decrement',
    });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 8; i++) expect(r.x[i]).toBeCloseTo(q.solution[i], 13);
  });

  it('newton-CG, decrement rule: the quadratic minimum to rounding', () => {
    const n = NEWTON_CHOLESKY_MAX_DIMENSION + 1;
    const q = quadratic(n);
    const r = newton(q, new Float64Array(n), {
      tolerance: 1e-12,
      maxIterations: 50,
      stoppingRule: 'decrement',
    });
    expect(r.converged).toBe(true);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(r.x[i] - q.solution[i]));
    expect(worst).toBeLessThan(1e-12);
  });

  it('gradient descent takes θ ← θ − η∇L steps and converges on a quadratic for η < 2/L', () => {
    const theta = new Float64Array([1, 2]);
    gradientStep(theta, new Float64Array([0.5, -1]), 0.1);
    expect(Array.from(theta)).toEqual([0.95, 2.1]);
    const q = quadratic(5);
    const r = gradientDescent(q, new Float64Array(5), {
      tolerance: 1e-10,
      maxIterations: 100000,
      learningRate: 0.3,
    });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 5; i++) expect(r.x[i]).toBeCloseTo(q.solution[i], 9);
  });

  it('gradient descent with too large a step reports non-finite divergence instead of converging', () => {
    const q = quadratic(5);
    const r = gradientDescent(q, new Float64Array(5), {
      tolerance: 1e-10,
      maxIterations: 100000,
      learningRate: 5,
    });
    expect(r.converged).toBe(false);
    expect(r.stopReason).toBe('not-finite');
  });

  it('reports max-iterations honestly', () => {
    const r = lbfgs(rosenbrock, new Float64Array([-1.2, 1]), {
      tolerance: 1e-12,
      maxIterations: 3,
    });
    expect(r.converged).toBe(false);
    expect(r.stopReason).toBe('max-iterations');
    expect(r.iterations).toBe(3);
  });
});
