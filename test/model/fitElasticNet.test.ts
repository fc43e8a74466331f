import { describe, expect, it } from 'vitest';
import { featureScaling } from '../../src/model/featureScaling.js';
import { elasticNetProblem, fitElasticNet } from '../../src/model/fitElasticNet.js';
import type { ElasticNetSpec } from '../../src/model/fitElasticNet.js';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { proximalNewton } from '../../src/solvers/proximalNewton.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface Solution {
  objective: number;
  coef: number[];
  intercept: number;
}
interface ReferenceCase {
  dataset: string;
  standardized: boolean;
  fit_intercept: boolean;
  sample_weight: string | null;
  l1_ratio: number;
  C: number;
  n: number;
  scaler_mean?: number[];
  scaler_scale?: number[];
  sklearn: Solution & { solver: string };
  optimum: Solution & { kkt_violation: number };
}

const reference = loadJson<{ cases: Record<string, ReferenceCase> }>('sklearn_l1_enet.json');

/** The fixture's weights: sᵢ = 1 + (i mod 3)/2. */
function fixtureWeights(m: number): Float64Array {
  return Float64Array.from({ length: m }, (_, i) => 1 + (i % 3) / 2);
}

interface Fitted {
  spec: ElasticNetSpec;
  w: Float64Array;
  b: number;
  /** scikit-learn's objective: F·C·S. */
  objective: number;
  sumWeights: number;
  converged: boolean;
  gradientNorm: number;
}

function fitCase(ref: ReferenceCase, tolerance = 1e-12): Fitted {
  const data = loadDataset(ref.dataset);
  const y = Float64Array.from(data.y);
  const sampleWeight = ref.sample_weight === null ? undefined : fixtureWeights(y.length);
  const scaling = featureScaling(data.X, sampleWeight, ref.fit_intercept);
  const spec: ElasticNetSpec = {
    X: data.X,
    y,
    sampleWeight,
    fitIntercept: ref.fit_intercept,
    C: ref.C,
    l1Ratio: ref.l1_ratio,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: ref.standardized,
  };
  const { objective } = elasticNetProblem(spec);
  const result = fitElasticNet(spec, new Float64Array(objective.dimension), {
    tolerance,
    maxIterations: 100,
  });
  const w = new Float64Array(data.X.cols);
  const b = objective.toOriginal(result.x, w);
  const sumWeights = sampleWeight === undefined ? y.length : sampleWeight.reduce((a, c) => a + c);
  return {
    spec,
    w,
    b,
    objective: result.objective * ref.C * sumWeights,
    sumWeights,
    converged: result.converged,
    gradientNorm: result.gradientNorm,
  };
}

/** Our (w, b) on the reference's scale: standardized cases store θ = w·σ and b + Σ w·mean. */
function onReferenceScale(ref: ReferenceCase, fit: Fitted): number[] {
  if (!ref.standardized) return [...fit.w, fit.b];
  const mean = ref.scaler_mean!;
  const scale = ref.scaler_scale!;
  const theta = Array.from(fit.w, (v, j) => v * scale[j]);
  return [...theta, fit.b + fit.w.reduce((s, v, j) => s + v * mean[j], 0)];
}

describe('fitElasticNet matches scikit-learn (test/fixtures/sklearn_l1_enet.json)', () => {
  for (const [name, ref] of Object.entries(reference.cases)) {
    describe(name, () => {
      const fit = fitCase(ref);
      const ours = onReferenceScale(ref, fit);
      const p = fit.w.length;

      it('converges: minimum-norm subgradient ≤ 1e-12', () => {
        expect(fit.converged).toBe(true);
        expect(fit.gradientNorm).toBeLessThanOrEqual(1e-12);
      });

      it("objective ≤ scikit-learn's·(1 + 1e-9), and equals the exact optimum to 1e-12", () => {
        expect(fit.objective).toBeLessThanOrEqual(ref.sklearn.objective * (1 + 1e-9));
        expect(Math.abs(fit.objective - ref.optimum.objective)).toBeLessThanOrEqual(
          1e-12 * ref.optimum.objective,
        );
      });

      // 1e-6: on breast_cancer the features correlate at 0.99, so at C = 1 a gradient of 1e-12
      // pins the coefficients down only to about 1e-7 (elsewhere the agreement is 1e-9 or better).
      it('coefficients within 1e-6 of the optimum (relative, floor 1e-2), zeros exactly where it has zeros', () => {
        const expected = [...ref.optimum.coef, ref.optimum.intercept];
        expect(maxRelativeError(ours, expected, 1e-2)).toBeLessThan(1e-6);
        const zeros = ref.optimum.coef.map((v) => v === 0);
        expect(ours.slice(0, p).map((v) => v === 0)).toEqual(zeros);
      });

      // On raw features saga and liblinear stop far from the optimum (their objective is higher,
      // see the fixture's docstring), so their support is only a reference when they converged.
      const sklearnConverged = ref.sklearn.objective <= ref.optimum.objective * (1 + 1e-8);
      it.runIf(sklearnConverged)("support equals scikit-learn's (converged here)", () => {
        expect(ours.slice(0, p).map((v) => v !== 0)).toEqual(ref.sklearn.coef.map((v) => v !== 0));
      });

      it('satisfies the KKT conditions, checked from the loss gradient', () => {
        // On the mean-loss scale, with L = (1/S)·Σ sᵢ·logloss, λ₁ = l1Ratio/(C·S), λ₂ = (1 − l1Ratio)/(C·S):
        // zeros need |∂L/∂wⱼ| ≤ λ₁·qⱼ and nonzeros ∂L/∂wⱼ + λ₁·qⱼ·sign(wⱼ) + λ₂·qⱼ²·wⱼ = 0, with
        // qⱼ = σⱼ when the penalty is on the standardized scale (θⱼ = σⱼ·wⱼ), else 1. The equality
        // is checked per unit of θ (residual/σⱼ ≤ 1e-11), the solver's scale.
        const { X, y, sampleWeight, l1Ratio, C, scale } = fit.spec;
        const g = new Float64Array(p + 1);
        crossEntropyGradient(X, y, fit.w, fit.b, g, sampleWeight);
        const l1 = l1Ratio / (C * fit.sumWeights);
        const l2 = (1 - l1Ratio) / (C * fit.sumWeights);
        if (ref.fit_intercept) expect(Math.abs(g[p])).toBeLessThan(1e-11);
        for (let j = 0; j < p; j++) {
          const q = ref.standardized ? scale[j] : 1;
          const w = fit.w[j];
          if (w === 0) expect(Math.abs(g[j])).toBeLessThanOrEqual(l1 * q);
          else {
            const residual = g[j] + l1 * q * Math.sign(w) + l2 * q * q * w;
            expect(Math.abs(residual) / scale[j]).toBeLessThan(1e-11);
          }
        }
      });
    });
  }
});

describe('fitElasticNet', () => {
  const pima = loadDataset('pima');
  const y = Float64Array.from(pima.y);
  const scaling = featureScaling(pima.X, undefined, true);
  const spec = (C: number, l1Ratio: number): ElasticNetSpec => ({
    X: pima.X,
    y,
    sampleWeight: undefined,
    fitIntercept: true,
    C,
    l1Ratio,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: true,
  });
  const settings = { tolerance: 1e-10, maxIterations: 100 };

  it("with l1Ratio 0 it reaches scikit-learn's L2 optimum (sklearn_l2.json, pima standardized)", () => {
    const l2 = loadJson<{ cases: Record<string, { objective: number; n: number }> }>(
      'sklearn_l2.json',
    ).cases['pima_std'];
    const r = fitElasticNet(spec(1, 0), new Float64Array(9), settings);
    expect(r.converged).toBe(true);
    expect(r.objective * l2.n).toBeLessThanOrEqual(l2.objective * (1 + 1e-9));
  });

  it('dense and data-based Newton models reach the same optimum', () => {
    const [dense, data] = (['dense', 'data'] as const).map((kind) => {
      const { objective, l1Weights, model } = elasticNetProblem(spec(0.1, 0.5), kind);
      return proximalNewton(objective, l1Weights, new Float64Array(9), { ...settings, model });
    });
    expect(dense.converged && data.converged).toBe(true);
    expect(maxRelativeError(data.x, dense.x, 1e-3)).toBeLessThan(1e-9);
    expect(Array.from(data.x, (v) => v === 0)).toEqual(Array.from(dense.x, (v) => v === 0));
  });

  it('a larger C gives a larger ‖w‖₁ (C is the inverse strength)', () => {
    const norms = [0.01, 0.1, 1].map((C) =>
      fitElasticNet(spec(C, 1), new Float64Array(9), settings)
        .x.subarray(0, 8)
        .reduce((s, v) => s + Math.abs(v), 0),
    );
    expect(norms[0]).toBeLessThan(norms[1]);
    expect(norms[1]).toBeLessThan(norms[2]);
  });

  it('does not modify its inputs', () => {
    const x0 = new Float64Array(9).fill(0.1);
    const before = [Float64Array.from(pima.X.data), Float64Array.from(y), Float64Array.from(x0)];
    fitElasticNet(spec(0.1, 1), x0, settings);
    expect([pima.X.data, y, x0]).toEqual(before);
  });
});
