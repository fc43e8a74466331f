import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { MULTINOMIAL_L1_MAX_DIMENSION } from '../../src/model/fitMultinomial.js';
import type { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import type { Label } from '../../src/options/trainOptions.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { loadDataset, loadJson, seededRandom } from '../helpers/fixtures.js';

interface Reference {
  readonly cases: Record<
    string,
    {
      readonly penalty: 'l1' | 'elasticnet';
      readonly l1_ratio: number;
      readonly C: number;
      readonly objective: number;
      readonly coef: number[][];
      readonly n_iter: number;
      readonly max_iter: number;
      readonly zeros: number;
      readonly kkt_violation: number;
    }
  >;
}

/**
 * scikit-learn's objective and KKT residual of a fitted model, on the scale where the penalty
 * applies: coefficients θₖⱼ = wₖⱼ·scaleⱼ on features (x − center)/scale (scale 1, center 0: the
 * original units). Objective C·Σᵢ −log pᵢ,yᵢ + l1Ratio·‖θ‖₁ + (1 − l1Ratio)/2·‖θ‖²; the KKT
 * residual is the largest |Gₖⱼ + l1Ratio·sign θₖⱼ + (1 − l1Ratio)·θₖⱼ| over nonzero θₖⱼ,
 * max(|Gₖⱼ| − l1Ratio, 0) over zeros and |C·Σᵢ (pᵢₖ − yᵢₖ)| over the intercepts, with
 * G = C·(P − Y)ᵀ·X̃ the gradient of the loss term in θ.
 */
function sklearnMeasures(
  model: MultinomialLogisticRegressionModel,
  X: Matrix,
  y: readonly Label[],
  C: number,
  l1Ratio: number,
  center: Float64Array,
  scale: Float64Array,
): { objective: number; kkt: number; theta: number[][] } {
  const { rows: m, cols: p, data } = X;
  const K = model.classes.length;
  const P = model.predictProba(X).data;
  const G = new Float64Array(K * p);
  const Gb = new Float64Array(K);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    const yi = model.classes.indexOf(y[i]);
    loss -= Math.log(P[i * K + yi]);
    for (let k = 0; k < K; k++) {
      const r = C * (P[i * K + k] - (k === yi ? 1 : 0));
      Gb[k] += r;
      for (let j = 0; j < p; j++) G[k * p + j] += (r * (data[i * p + j] - center[j])) / scale[j];
    }
  }
  const theta = model.coefficients.map((row) => row.map((w, j) => w * scale[j]));
  let objective = C * loss;
  let kkt = Math.max(...Gb.map(Math.abs));
  theta.forEach((row, k) =>
    row.forEach((t, j) => {
      objective += l1Ratio * Math.abs(t) + ((1 - l1Ratio) / 2) * t * t;
      const g = G[k * p + j];
      const v =
        t === 0
          ? Math.max(Math.abs(g) - l1Ratio, 0)
          : Math.abs(g + l1Ratio * Math.sign(t) + (1 - l1Ratio) * t);
      kkt = Math.max(kkt, v);
    }),
  );
  return { objective, kkt, theta };
}

describe('trainMulticlass: multinomial L1 and elastic net on digits (standardized) vs scikit-learn saga', () => {
  const digits = loadDataset('digits', 'label');
  const reference = loadJson<Reference>('sklearn_multinomial_l1.json');
  // StandardScaler: population sd, constant pixels scaled by 1 (they stay 0).
  const { center, scale } = featureScaling(digits.X, undefined, true);

  for (const [name, ref] of Object.entries(reference.cases)) {
    it(`${name}: objective ≤ scikit-learn's·(1 + 1e-9), KKT to 1e-6, exact zeros`, () => {
      const model = trainMulticlass(digits.X, digits.y, {
        penalty: ref.penalty,
        ...(ref.penalty === 'elasticnet' ? { l1Ratio: ref.l1_ratio } : {}),
        C: ref.C,
        standardize: true,
        tolerance: 1e-10,
      });
      const r = model.fitReport;
      expect(r.converged).toBe(true);
      expect(r.solver).toBe('newglmnet');
      const ours = sklearnMeasures(model, digits.X, digits.y, ref.C, ref.l1_ratio, center, scale);
      expect(ours.objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9));
      // fitReport.objective is the same number divided by C·S (plus the intercepts' gauge, 0 here).
      expect(r.objective * ref.C * digits.X.rows).toBeCloseTo(ours.objective, 7);
      expect(ours.kkt).toBeLessThan(1e-6);
      const zeros = ours.theta.flat().map((t) => t === 0);
      expect(zeros.filter((z) => z).length).toBeGreaterThan(100);
      if (ref.n_iter < ref.max_iter && ref.kkt_violation < 1e-6) {
        // scikit-learn converged: the same optimum, so the same exact zeros.
        expect(zeros).toEqual(ref.coef.flat().map((w) => w === 0));
        expect(ours.objective).toBeGreaterThanOrEqual(ref.objective * (1 - 1e-9));
      }
    }, 300_000);
  }
});

/** Three classes in 4 dimensions on very different scales (so original-unit L1 weights differ). */
function scaledBlobs(seed: number, m: number): { X: Matrix; y: string[] } {
  const rand = seededRandom(seed);
  const p = 4;
  const data = new Float64Array(m * p);
  const y: string[] = [];
  const scales = [1, 10, 0.1, 100];
  for (let i = 0; i < m; i++) {
    const k = i % 3;
    y.push(['a', 'b', 'c'][k]);
    for (let j = 0; j < p; j++)
      data[i * p + j] = scales[j] * ((j === k ? 1 : 0) + 2 * rand() - 1) + j;
  }
  return { X: { rows: m, cols: p, data }, y };
}

describe('trainMulticlass: multinomial L1 and elastic net', () => {
  const { X, y } = scaledBlobs(4, 150);
  const original = { center: new Float64Array(4), scale: new Float64Array(4).fill(1) };

  for (const [penalty, l1Ratio] of [
    ['l1', 1],
    ['elasticnet', 0.3],
  ] as const) {
    for (const standardize of [false, true]) {
      it(`${penalty}${standardize ? ', standardized' : ', original units'}: the KKT conditions of scikit-learn's objective hold (1e-9)`, () => {
        const C = 0.05;
        const model = trainMulticlass(X, y, {
          penalty,
          ...(penalty === 'elasticnet' ? { l1Ratio } : {}),
          C,
          standardize,
          tolerance: 1e-13,
        });
        expect(model.fitReport.converged).toBe(true);
        const scaling = standardize ? featureScaling(X, undefined, true) : original;
        const m = sklearnMeasures(model, X, y, C, l1Ratio, scaling.center, scaling.scale);
        expect(m.kkt).toBeLessThan(1e-9);
        expect(model.coefficients.flat().some((w) => w === 0)).toBe(true);
        // The intercepts are centred over the classes; the coefficients need not be.
        expect(Math.abs(model.intercepts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
        if (penalty === 'elasticnet') expect(model.fitReport.l1Ratio).toBe(l1Ratio);
        expect(model.fitReport.C).toBe(C);
      });
    }
  }

  it('elasticnet with l1Ratio 0 is the L2 fit', () => {
    const l2 = trainMulticlass(X, y, { C: 0.3, tolerance: 1e-12 });
    const enet = trainMulticlass(X, y, {
      penalty: 'elasticnet',
      l1Ratio: 0,
      C: 0.3,
      tolerance: 1e-12,
    });
    expect(enet.fitReport.solver).toBe('newglmnet');
    expect(enet.fitReport.objective).toBeCloseTo(l2.fitReport.objective, 13);
    const a = enet.coefficients.flat();
    const b = l2.coefficients.flat();
    const size = Math.max(...b.map(Math.abs));
    a.forEach((v, k) => expect(Math.abs(v - b[k])).toBeLessThan(1e-9 * size));
    enet.intercepts.forEach((v, k) => expect(v).toBeCloseTo(l2.intercepts[k], 9));
  });

  it('with two classes it is the binary L1 fit at the same C (w₁ − w₀ = w, b₁ − b₀ = b)', () => {
    // min over the split of |w₀| + |w₁| with w₁ − w₀ = w is ‖w‖₁: the binary penalty at C.
    const two = y.map((v) => (v === 'a' ? 'a' : 'rest'));
    const options = { penalty: 'l1', C: 0.02, tolerance: 1e-13 } as const;
    const multinomial = trainMulticlass(X, two, options);
    const binary = train(X, two, options);
    expect(binary.coefficients.some((w) => w === 0)).toBe(true);
    binary.coefficients.forEach((w, j) => {
      const diff = multinomial.coefficients[1][j] - multinomial.coefficients[0][j];
      expect(diff === 0).toBe(w === 0);
      expect(diff).toBeCloseTo(w, 8);
    });
    expect(multinomial.intercepts[1] - multinomial.intercepts[0]).toBeCloseTo(binary.intercept, 8);
  });

  it('a larger C gives larger coefficients and fewer zeros', () => {
    const fits = [0.005, 0.05, 0.5].map((C) => trainMulticlass(X, y, { penalty: 'l1', C }));
    const zeros = fits.map((f) => f.coefficients.flat().filter((w) => w === 0).length);
    const norms = fits.map((f) => f.coefficients.flat().reduce((s, w) => s + Math.abs(w), 0));
    for (let k = 1; k < fits.length; k++) {
      expect(norms[k]).toBeGreaterThan(norms[k - 1]);
      expect(zeros[k]).toBeLessThanOrEqual(zeros[k - 1]);
    }
  });

  it(`refuses more than ${MULTINOMIAL_L1_MAX_DIMENSION} parameters, naming the limit and one-vs-rest`, () => {
    const rand = seededRandom(1);
    const p = 400;
    const wide = { rows: 9, cols: p, data: new Float64Array(9 * p).map(() => rand()) };
    const labels = Array.from({ length: 9 }, (_, i) => i % 3);
    expect(() => trainMulticlass(wide, labels, { penalty: 'l1' })).toThrow(OptionError);
    expect(() => trainMulticlass(wide, labels, { penalty: 'l1' })).toThrow(
      /K·\(p \+ 1\) = 1203 parameters, above its limit of 1000; use multiClass 'ovr'/,
    );
    expect(() => trainMulticlass(wide, labels, { penalty: 'l1', multiClass: 'ovr' })).not.toThrow();
  });

  it("refuses other solvers for L1, and penalty 'firth'", () => {
    expect(() => trainMulticlass(X, y, { penalty: 'l1', solver: 'lbfgs' })).toThrow(
      /use solver 'newglmnet'/,
    );
    expect(() => trainMulticlass(X, y, { penalty: 'firth' })).toThrow(
      /penalty 'firth' is not available for multinomial models/,
    );
  });
});
