import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { elasticNetProblem, fitElasticNet } from '../../src/model/fitElasticNet.js';
import type { ElasticNetSpec } from '../../src/model/fitElasticNet.js';
import { criticalC, regularizationPath } from '../../src/model/regularizationPath.js';
import type { ElasticNetPathOptions } from '../../src/options/pathOptions.js';
import { train } from '../../src/model/train.js';
import { coefficientPathSvg } from '../../src/plot/coefficientPathSvg.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

const pima = loadDataset('pima');
const cancer = loadDataset('breast_cancer');
type Dataset = typeof pima;

/** An independent fit at one C, started from zero (no warm start). */
function coldFit(
  data: Dataset,
  C: number,
  l1Ratio: number,
  standardize: boolean,
  opts: { fitIntercept?: boolean; sampleWeight?: Float64Array } = {},
): { w: Float64Array; b: number; objective: number } {
  const fitIntercept = opts.fitIntercept ?? true;
  const scaling = featureScaling(data.X, opts.sampleWeight, fitIntercept);
  const spec: ElasticNetSpec = {
    X: data.X,
    y: Float64Array.from(data.y),
    sampleWeight: opts.sampleWeight,
    fitIntercept,
    C,
    l1Ratio,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: standardize,
  };
  const { objective } = elasticNetProblem(spec);
  const r = fitElasticNet(spec, new Float64Array(objective.dimension), {
    tolerance: 1e-12,
    maxIterations: 100,
  });
  expect(r.converged).toBe(true);
  const w = new Float64Array(data.X.cols);
  return { w, b: objective.toOriginal(r.x, w), objective: r.objective };
}

const nonZeros = (w: Float64Array): number => w.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);

describe('criticalC: the largest C at which every coefficient is 0', () => {
  const weights = Float64Array.from({ length: pima.X.rows }, (_, i) => 1 + (i % 3) / 2);
  const cases: [
    string,
    Dataset,
    boolean,
    number,
    { fitIntercept?: boolean; sampleWeight?: Float64Array },
  ][] = [
    ['pima raw lasso', pima, false, 1, {}],
    ['pima standardized elastic net 0.5', pima, true, 0.5, {}],
    ['pima raw lasso, weighted', pima, false, 1, { sampleWeight: weights }],
    ['pima raw lasso, no intercept', pima, false, 1, { fitIntercept: false }],
    ['breast_cancer standardized lasso', cancer, true, 1, {}],
  ];
  for (const [name, data, standardize, l1Ratio, opts] of cases) {
    it(`${name}: all zeros just below C*, a nonzero just above`, () => {
      const fitIntercept = opts.fitIntercept ?? true;
      const Cstar = criticalC(
        data.X,
        Float64Array.from(data.y),
        opts.sampleWeight,
        fitIntercept,
        standardize,
        l1Ratio,
      );
      expect(nonZeros(coldFit(data, Cstar * (1 - 1e-6), l1Ratio, standardize, opts).w)).toBe(0);
      expect(nonZeros(coldFit(data, Cstar * (1 + 1e-3), l1Ratio, standardize, opts).w)).toBe(1);
    });
  }
});

describe('regularizationPath', () => {
  it('default grid: count values log-spaced from C* over span, starting with no feature', () => {
    const path = regularizationPath(pima.X, pima.y, { count: 20, span: 1000 });
    const Cstar = criticalC(pima.X, Float64Array.from(pima.y), undefined, true, false, 1);
    expect(path.Cs).toHaveLength(20);
    expect(path.Cs[0]).toBe(Cstar);
    expect(path.Cs[19] / Cstar).toBeCloseTo(1000, 9);
    for (let k = 1; k < 20; k++) {
      expect(Math.log(path.Cs[k] / path.Cs[k - 1])).toBeCloseTo(Math.log(1000) / 19, 12);
    }
    expect(path.nonZero[0]).toBe(0);
    expect(path.iterations[0]).toBe(0); // the intercept-only start is already the optimum at C*
    expect(path.converged.every(Boolean)).toBe(true);
    expect(path.l1Ratio).toBe(1);
  });

  // Checked on these data over the default grid; the lasso path is not monotone in general.
  const monotone: [string, Dataset, boolean][] = [
    ['pima, raw', pima, false],
    ['pima, standardized', pima, true],
    ['breast_cancer, raw', cancer, false],
  ];
  for (const [name, data, standardize] of monotone) {
    it(`lasso on ${name}: the number of nonzeros never falls as C grows`, () => {
      const path = regularizationPath(data.X, data.y, { count: 40, standardize });
      for (let k = 1; k < path.nonZero.length; k++) {
        expect(path.nonZero[k]).toBeGreaterThanOrEqual(path.nonZero[k - 1]);
      }
      expect(path.nonZero.at(-1)).toBeGreaterThan(path.nonZero[1]);
    });
  }

  it('lasso on breast_cancer, standardized: features also leave the model (not monotone)', () => {
    const path = regularizationPath(cancer.X, cancer.y, { count: 40, standardize: true });
    const drops = path.nonZero.filter((v, k) => k > 0 && v < path.nonZero[k - 1]);
    expect(drops.length).toBeGreaterThan(0);
  });

  const warmCases: [string, Dataset, ElasticNetPathOptions][] = [
    [
      'pima, standardized elastic net',
      pima,
      { penalty: 'elasticnet', l1Ratio: 0.5, standardize: true },
    ],
    ['breast_cancer, raw lasso', cancer, { penalty: 'l1' }],
  ];
  for (const [name, data, options] of warmCases) {
    it(`${name}: the warm-started path equals independent fits`, () => {
      const path = regularizationPath(data.X, data.y, { ...options, count: 9, tolerance: 1e-12 });
      const l1Ratio = options.l1Ratio ?? 1;
      path.Cs.forEach((C, k) => {
        // C* itself is degenerate (|∂L/∂wⱼ| = λ₁ exactly for the entering feature): a cold start
        // may leave that coefficient at rounding level (1e-17) instead of 0.
        if (k === 0) return;
        const cold = coldFit(data, C, l1Ratio, options.standardize ?? false);
        expect(Math.abs(path.objectives[k] - cold.objective)).toBeLessThanOrEqual(
          1e-12 * cold.objective,
        );
        expect(
          maxRelativeError(
            [...path.coefficients[k], path.intercepts[k]],
            [...cold.w, cold.b],
            1e-2,
          ),
        ).toBeLessThan(1e-7);
        expect(Array.from(path.coefficients[k], (v) => v === 0)).toEqual(
          Array.from(cold.w, (v) => v === 0),
        );
      });
    });
  }

  it('reproduces the scikit-learn fixture optima at C = 0.01, 0.1, 1', () => {
    const ref = loadJson<{
      cases: Record<string, { optimum: { objective: number; coef: number[] } }>;
    }>('sklearn_l1_enet.json').cases;
    const path = regularizationPath(cancer.X, cancer.y, {
      penalty: 'elasticnet',
      l1Ratio: 0.5,
      Cs: [1, 0.01, 0.1],
      tolerance: 1e-12,
    });
    expect(path.Cs).toEqual([0.01, 0.1, 1]);
    path.Cs.forEach((C, k) => {
      const optimum = ref[`breast_cancer_raw_elasticnet_C${C}`].optimum;
      const objective = path.objectives[k] * C * cancer.X.rows;
      expect(Math.abs(objective - optimum.objective)).toBeLessThanOrEqual(
        1e-12 * optimum.objective,
      );
      expect(Array.from(path.coefficients[k], (v) => v !== 0)).toEqual(
        optimum.coef.map((v) => v !== 0),
      );
    });
  });

  it("penalty 'l2' agrees with train({ penalty: 'l2' }), another code path", () => {
    const Cs = [0.01, 1];
    const path = regularizationPath(pima.X, pima.y, {
      penalty: 'l2',
      Cs,
      standardize: true,
      tolerance: 1e-12,
    });
    expect(path.l1Ratio).toBe(0);
    Cs.forEach((C, k) => {
      const model = train(pima.X, pima.y, {
        penalty: 'l2',
        C,
        standardize: true,
        solver: 'newton',
        tolerance: 1e-12,
      });
      expect(
        maxRelativeError(
          [...path.coefficients[k], path.intercepts[k]],
          [...model.coefficients, model.intercept],
          1e-2,
        ),
      ).toBeLessThan(1e-8);
    });
  });

  it('a larger C gives a larger ‖w‖₁ (C is the inverse strength)', () => {
    const path = regularizationPath(pima.X, pima.y, { Cs: [0.001, 0.01, 0.1, 1] });
    const norms = path.coefficients.map((w) => w.reduce((s, v) => s + Math.abs(v), 0));
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeGreaterThan(norms[k - 1]);
  });

  it('is drawn as is by coefficientPathSvg', () => {
    const path = regularizationPath(pima.X, pima.y, {
      count: 10,
      featureNames: pima.featureNames,
    });
    expect(coefficientPathSvg(path)).toContain('<svg');
  });

  it('does not modify its inputs', () => {
    const X = { rows: pima.X.rows, cols: pima.X.cols, data: Float64Array.from(pima.X.data) };
    const y = [...pima.y];
    const sampleWeight = Float64Array.from({ length: X.rows }, (_, i) => 1 + (i % 2));
    const Cs = [1, 0.1];
    regularizationPath(X, y, { Cs, sampleWeight });
    expect(X.data).toEqual(pima.X.data);
    expect(y).toEqual(pima.y);
    expect(Cs).toEqual([1, 0.1]);
    expect(sampleWeight[1]).toBe(2);
  });

  it('rejects bad options with messages that name them', () => {
    const bad: [ElasticNetPathOptions, RegExp][] = [
      [{ penalty: 'elasticnet' }, /needs option 'l1Ratio'/],
      [{ l1Ratio: 0.5 }, /'l1Ratio' applies to penalty 'elasticnet' only/],
      [{ penalty: 'elasticnet', l1Ratio: 0 }, /'l1Ratio' must be a number in \(0, 1\]/],
      [{ Cs: [0.1, -1] }, /'Cs' must be a non-empty array of distinct finite numbers > 0/],
      [{ Cs: [0.1], count: 5 }, /either Cs or count\/span/],
      [{ span: 1 }, /'span' must be a finite number > 1/],
      [{ count: 2.5 }, /'count' must be an integer ≥ 1/],
      [{ tolerence: 1e-6 } as ElasticNetPathOptions, /unknown option 'tolerence'/],
    ];
    for (const [options, message] of bad) {
      expect(() => regularizationPath(pima.X, pima.y, options)).toThrow(OptionError);
      expect(() => regularizationPath(pima.X, pima.y, options)).toThrow(message);
    }
  });

  it('rejects a single class and a constant design', () => {
    const X = [[1], [2], [3]];
    expect(() => regularizationPath(X, [1, 1, 1])).toThrow(ValueError);
    expect(() => regularizationPath([[1], [1], [1]], [0, 1, 0])).toThrow(
      /no feature has a nonzero gradient/,
    );
  });
});
