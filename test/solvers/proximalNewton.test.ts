import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureScaling } from '../../src/model/featureScaling.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../../src/objectives/logisticObjective.js';
import { LogisticQuadraticModel } from '../../src/objectives/logisticQuadraticModel.js';
import { minimumNormSubgradient } from '../../src/solvers/minimumNormSubgradient.js';
import { newton } from '../../src/solvers/newton.js';
import type { TwiceDifferentiableObjective } from '../../src/solvers/objective.js';
import { proximalNewton } from '../../src/solvers/proximalNewton.js';
import { DenseQuadraticModel } from '../../src/solvers/quadraticModel.js';
import type { CoordinateQuadraticModel } from '../../src/solvers/quadraticModel.js';
import { loadDataset, maxRelativeError, seededRandom } from '../helpers/fixtures.js';

/** F(x) = ½·xᵀAx − bᵀx for a symmetric positive definite A (row-major n × n). */
function quadratic(A: Float64Array, b: Float64Array): TwiceDifferentiableObjective {
  const n = b.length;
  const mul = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
      out[i] = s;
    }
  };
  return {
    dimension: n,
    valueAndGradient(x, g) {
      mul(x, g);
      let f = 0;
      for (let i = 0; i < n; i++) {
        f += 0.5 * x[i] * g[i] - b[i] * x[i];
        g[i] -= b[i];
      }
      return f;
    },
    hessianVectorProduct: (_x, v, out) => mul(v, out),
    hessian: (_x, out) => out.set(A),
  };
}

/**
 * The exact lasso solution of ½xᵀAx − bᵀx + Σκⱼ|xⱼ| by enumeration: for each sign pattern
 * s ∈ {−1, 0, 1}ⁿ solve A_SS·x_S = b_S − κ_S∘s_S and keep the one that satisfies the KKT
 * conditions (signs agree; |(Ax − b)ⱼ| ≤ κⱼ off the support). Unique as A is positive definite.
 */
function lassoByEnumeration(A: Float64Array, b: Float64Array, kappa: Float64Array): Float64Array {
  const n = b.length;
  for (let code = 0; code < 3 ** n; code++) {
    const s = Array.from({ length: n }, (_, j) => (Math.floor(code / 3 ** j) % 3) - 1);
    const S = s.flatMap((v, j) => (v !== 0 ? [j] : []));
    const k = S.length;
    // Gaussian elimination with partial pivoting on the k × k system.
    const M = S.map((i) => [...S.map((j) => A[i * n + j]), b[i] - kappa[i] * s[i]]);
    for (let c = 0; c < k; c++) {
      let pivot = c;
      for (let r = c + 1; r < k; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
      [M[c], M[pivot]] = [M[pivot], M[c]];
      for (let r = 0; r < k; r++) {
        if (r === c) continue;
        const f = M[r][c] / M[c][c];
        for (let q = c; q <= k; q++) M[r][q] -= f * M[c][q];
      }
    }
    const x = new Float64Array(n);
    S.forEach((j, r) => (x[j] = M[r][k] / M[r][r]));
    if (S.some((j) => Math.sign(x[j]) !== s[j])) continue;
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      if (s[j] !== 0) continue;
      let g = -b[j];
      for (let q = 0; q < n; q++) g += A[j * n + q] * x[q];
      ok = Math.abs(g) <= kappa[j];
    }
    if (ok) return x;
  }
  throw new Error('no sign pattern satisfies the KKT conditions');
}

/** A = BᵀB/n + 0.1·I with B uniform in [−1, 1): positive definite, correlated. */
function randomProblem(seed: number, n: number) {
  const random = seededRandom(seed);
  const B = Array.from({ length: n * n }, () => 2 * random() - 1);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += B[r * n + i] * B[r * n + j];
      A[i * n + j] = s / n + (i === j ? 0.1 : 0);
    }
  }
  const b = Float64Array.from({ length: n }, () => 2 * random() - 1);
  const kappa = Float64Array.from({ length: n }, () => 0.5 * random());
  return { A, b, kappa };
}

const tight = { tolerance: 1e-13, maxIterations: 100 };

describe('minimumNormSubgradient', () => {
  it('is the distance from −∇F to the L1 subdifferential, per coordinate', () => {
    // One coordinate at a time: [gradient, x, κ, expected].
    const cases: [number, number, number, number][] = [
      [0.5, 0, 1, 0], // |g| ≤ κ at zero: optimal
      [-1.5, 0, 1, 0.5], // |g| − κ
      [-1, 2, 1, 0], // g + κ·sign(x) = 0
      [0.25, 2, 1, 1.25],
      [1, -2, 1, 0],
      [-0.75, 0, 0, 0.75], // κ = 0: the plain gradient
    ];
    for (const [g, x, k, expected] of cases) {
      const value = minimumNormSubgradient(
        new Float64Array([g]),
        new Float64Array([x]),
        new Float64Array([k]),
      );
      expect(value).toBe(expected);
    }
  });

  it('is ‖∇F‖∞ without an L1 term', () => {
    const g = new Float64Array([0.1, -3, 2]);
    expect(minimumNormSubgradient(g, new Float64Array([0, 1, -1]), new Float64Array(3))).toBe(3);
  });
});

describe('proximalNewton (newGLMNET)', () => {
  it('separable problem: the soft-threshold solution, with exact zeros', () => {
    // F = ½Σ aⱼ(xⱼ − cⱼ)²: x*ⱼ = sign(cⱼ)·max(|cⱼ| − κⱼ/aⱼ, 0).
    const a = [1, 2, 4, 0.5];
    const c = [3, -0.2, -1, 0.9];
    const kappa = new Float64Array([1, 1, 2, 0]);
    const A = new Float64Array(16);
    a.forEach((v, j) => (A[j * 4 + j] = v));
    const F = quadratic(
      A,
      Float64Array.from(c, (v, j) => v * a[j]),
    );
    const r = proximalNewton(F, kappa, new Float64Array([5, 5, 5, 5]), tight);
    expect(r.converged).toBe(true);
    [2, 0, -0.5, 0.9].forEach((v, j) => {
      if (v === 0) expect(r.x[j]).toBe(0);
      else expect(r.x[j]).toBeCloseTo(v, 14);
    });
  });

  it('correlated lasso problems: equals the solution found by enumerating sign patterns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const { A, b, kappa } = randomProblem(seed, 4);
        const exact = lassoByEnumeration(A, b, kappa);
        const r = proximalNewton(quadratic(A, b), kappa, new Float64Array(4), tight);
        expect(r.converged).toBe(true);
        for (let j = 0; j < 4; j++) {
          if (exact[j] === 0) expect(r.x[j]).toBe(0);
          else expect(Math.abs(r.x[j] - exact[j])).toBeLessThan(1e-10);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('without an L1 term it reaches the Newton solver’s optimum (logistic L2, pima)', () => {
    const pima = loadDataset('pima');
    const scaling = featureScaling(pima.X, undefined, true);
    const objective = new LogisticObjective({
      X: pima.X,
      y: Float64Array.from(pima.y),
      sampleWeight: undefined,
      fitIntercept: true,
      l2: 1 / pima.X.rows,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: true,
    });
    const x0 = new Float64Array(9);
    const ours = proximalNewton(objective, new Float64Array(9), x0, tight);
    const reference = newton(objective, x0, { tolerance: 1e-12, maxIterations: 100 });
    expect(ours.converged).toBe(true);
    expect(Math.abs(ours.objective - reference.objective)).toBeLessThan(1e-15);
    expect(maxRelativeError(ours.x, reference.x, 1e-3)).toBeLessThan(1e-9);
  });

  it('reports an honest account: history, callback, stop reason, stationarity measure', () => {
    const { A, b, kappa } = randomProblem(7, 6);
    const F = quadratic(A, b);
    const seen: [number, number, number][] = [];
    const r = proximalNewton(F, kappa, new Float64Array(6).fill(3), {
      ...tight,
      onIteration: (i, f, m) => seen.push([i, f, m]),
    });
    expect(r.stopReason).toBe('gradient-tolerance');
    expect(r.lossHistory).toHaveLength(r.iterations + 1);
    expect(seen.map(([i]) => i)).toEqual(Array.from({ length: r.iterations }, (_, i) => i + 1));
    expect(seen.map(([, f]) => f)).toEqual(r.lossHistory.slice(1));
    // Monotone up to the rounding of F, where the solver judges steps by the stationarity measure.
    for (let k = 1; k < r.lossHistory.length; k++) {
      const previous = r.lossHistory[k - 1];
      expect(r.lossHistory[k]).toBeLessThanOrEqual(
        previous + 1e-13 * Math.max(1, Math.abs(previous)),
      );
    }
    const g = new Float64Array(6);
    const smooth = F.valueAndGradient(r.x, g);
    const l1 = r.x.reduce((s, v, j) => s + kappa[j] * Math.abs(v), 0);
    expect(r.objective).toBe(smooth + l1);
    expect(r.gradientNorm).toBe(minimumNormSubgradient(g, r.x, kappa));
    expect(r.gradientNorm).toBeLessThanOrEqual(1e-13);

    const capped = proximalNewton(F, kappa, new Float64Array(6).fill(3), {
      tolerance: 1e-13,
      maxIterations: 1,
    });
    expect(capped.stopReason).toBe('max-iterations');
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(1);
    expect(capped.gradientNorm).toBeGreaterThan(1e-13);
  });

  it('does not modify x0 or the L1 weights', () => {
    const { A, b, kappa } = randomProblem(3, 5);
    const x0 = new Float64Array(5).fill(1);
    const before = [Float64Array.from(x0), Float64Array.from(kappa)];
    proximalNewton(quadratic(A, b), kappa, x0, tight);
    expect([x0, kappa]).toEqual(before);
  });
});

describe('Newton models seen by coordinates', () => {
  const cancer = loadDataset('breast_cancer');
  const scaling = featureScaling(cancer.X, undefined, true);
  const spec: LogisticObjectiveSpec = {
    X: cancer.X,
    y: Float64Array.from(cancer.y),
    sampleWeight: Float64Array.from({ length: cancer.X.rows }, (_, i) => 1 + (i % 4)),
    fitIntercept: true,
    l2: 0.003,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: false,
  };
  const objective = new LogisticObjective(spec);
  const n = objective.dimension;
  const random = seededRandom(11);
  const theta = Float64Array.from({ length: n }, () => 0.5 * random() - 0.25);
  const models: [string, CoordinateQuadraticModel][] = [
    ['DenseQuadraticModel', new DenseQuadraticModel(objective)],
    ['LogisticQuadraticModel (from the data)', new LogisticQuadraticModel(spec)],
  ];
  for (const [name, model] of models) {
    it(`${name}: diagonal and (H·d)ⱼ match the objective's Hessian after a sequence of moves`, () => {
      const H = new Float64Array(n * n);
      objective.hessian(theta, H);
      model.expandAt(theta);
      const d = new Float64Array(n);
      for (let step = 0; step < 50; step++) {
        const j = Math.floor(random() * n);
        const delta = random() - 0.5;
        model.moveAlong(j, delta);
        d[j] += delta;
      }
      const Hd = new Float64Array(n);
      objective.hessianVectorProduct(theta, d, Hd);
      for (let j = 0; j < n; j++) {
        expect(Math.abs(model.diagonal(j) - H[j * n + j])).toBeLessThan(1e-12 * H[j * n + j]);
        expect(Math.abs(model.productAlong(j) - Hd[j])).toBeLessThan(1e-12 * (1 + Math.abs(Hd[j])));
      }
      model.expandAt(theta);
      for (let j = 0; j < n; j++) expect(model.productAlong(j)).toBe(0);
    });
  }
});
