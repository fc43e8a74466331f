import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { SeparationError } from '../../src/errors.js';
import type { SolverName } from '../../src/options/trainOptions.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface GlmFit {
  coef_names: string[];
  coefficients: Record<string, number>;
  deviance: number;
  loglik: number;
}
interface SklearnCase {
  dataset: string;
  standardized: boolean;
  n: number;
  coef: number[];
  intercept: number;
  objective: number;
  scaler_mean?: number[];
  scaler_scale?: number[];
}

const glm = loadJson<{ pima: { tight: GlmFit } }>('glm_unpenalized.json');
const sklearn = loadJson<{ cases: Record<string, SklearnCase> }>('sklearn_l2.json');
const solvers: SolverName[] = ['lbfgs', 'newton'];

describe('unpenalized fit matches R glm(y ~ ., family = binomial) on pima', () => {
  const pima = loadDataset('pima');
  const ref = glm.pima.tight;
  const expected = ref.coef_names.map((n) => ref.coefficients[n]);
  for (const solver of solvers) {
    it(`${solver}: coefficients within 1e-6 relative, log-likelihood to 1e-9`, () => {
      const model = train(pima.X, pima.y, {
        penalty: 'none',
        solver,
        tolerance: 1e-10,
        featureNames: pima.featureNames,
      });
      expect(model.fitReport.converged).toBe(true);
      const got = [model.intercept, ...model.coefficients];
      expect(maxRelativeError(got, expected)).toBeLessThan(1e-6);
      const loglik = -model.fitReport.logLoss * pima.X.rows;
      expect(Math.abs(loglik - ref.loglik) / Math.abs(ref.loglik)).toBeLessThan(1e-9);
      expect(model.featureNames).toEqual(ref.coef_names.slice(1));
    });
  }
});

describe('L2 fit matches scikit-learn LogisticRegression(C=1)', () => {
  for (const [name, ref] of Object.entries(sklearn.cases)) {
    const data = loadDataset(ref.dataset);
    for (const solver of solvers) {
      it(`${solver} on ${name}: objective ≤ reference·(1 + 1e-9), coefficients within 1e-5`, () => {
        const model = train(data.X, data.y, {
          penalty: 'l2',
          C: 1,
          solver,
          standardize: ref.standardized,
          tolerance: 1e-10,
          maxIterations: 10000,
        });
        // Back to scikit-learn's scale: 0.5‖w‖² + C·Σ logloss = F·C·m.
        const objective = model.fitReport.objective * ref.n;
        expect(objective).toBeLessThanOrEqual(ref.objective * (1 + 1e-9));
        const coef = ref.standardized
          ? model.coefficients.map((w, j) => w * ref.scaler_scale![j])
          : model.coefficients;
        const intercept = ref.standardized
          ? model.intercept + model.coefficients.reduce((s, w, j) => s + w * ref.scaler_mean![j], 0)
          : model.intercept;
        expect(
          maxRelativeError([...coef, intercept], [...ref.coef, ref.intercept], 1e-3),
        ).toBeLessThan(1e-5);
      });
    }
  }
});

describe("gd, the article's batch gradient descent", () => {
  it('reaches the pima standardized L2 optimum (objective within 1e-6 relative) with learning rate 1', () => {
    const ref = sklearn.cases.pima_std;
    const pima = loadDataset('pima');
    const model = train(pima.X, pima.y, {
      solver: 'gd',
      penalty: 'l2',
      C: 1,
      standardize: true,
      learningRate: 1,
      tolerance: 1e-7,
      maxIterations: 20000,
    });
    expect(model.fitReport.converged).toBe(true);
    const objective = model.fitReport.objective * ref.n;
    expect(Math.abs(objective - ref.objective) / ref.objective).toBeLessThan(1e-6);
    // The loss history decreases monotonically for a step below 2/L.
    const h = model.fitReport.lossHistory;
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThanOrEqual(h[k - 1]);
  });
});

describe('separation', () => {
  it('breast cancer unpenalized: separation is reported, not a "converged" fit', () => {
    const bc = loadDataset('breast_cancer');
    let error: unknown;
    try {
      train(bc.X, bc.y, { penalty: 'none', featureNames: bc.featureNames });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeparationError);
    const sep = error as SeparationError;
    expect(sep.kind).toBe('complete');
    expect(sep.features.length).toBeGreaterThan(0);
    expect(sep.message).toMatch(/completely separated/);
    expect(sep.message).toMatch(/penalty 'l2'/);

    const model = train(bc.X, bc.y, {
      penalty: 'none',
      onSeparation: 'warn',
      featureNames: bc.featureNames,
    });
    expect(model.fitReport.converged).toBe(false);
    expect(model.fitReport.stopReason).toBe('separation');
    expect(model.fitReport.separation?.kind).toBe('complete');
    expect(model.fitReport.warnings.join('\n')).toMatch(/separated/);
  });
});
