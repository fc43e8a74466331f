import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { OptionError } from '../../src/errors.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface EnetCase {
  dataset: string;
  standardized: boolean;
  fit_intercept: boolean;
  sample_weight: number[] | null;
  penalty: 'l1' | 'elasticnet';
  l1_ratio: number;
  C: number;
  n: number;
  sklearn: { objective: number };
  optimum: { objective: number; coef: number[]; intercept: number };
}

/** scikit-learn 1.2.1 saga/liblinear and an exact KKT-checked optimum: see test/fixtures/README.md. */
const fixture = loadJson<{ cases: Record<string, EnetCase> }>('sklearn_l1_enet.json');

describe("train with penalty 'l1' and 'elasticnet' (solver newglmnet)", () => {
  const picked = Object.entries(fixture.cases).filter(
    ([, c]) => c.fit_intercept && c.sample_weight === null && c.C !== 1,
  );
  for (const [name, c] of picked) {
    it(`${name}: objective no higher than scikit-learn's, exact zeros where the optimum has them`, () => {
      const data = loadDataset(c.dataset);
      const model = train(data.X, data.y, {
        penalty: c.penalty,
        ...(c.penalty === 'elasticnet' ? { l1Ratio: c.l1_ratio } : {}),
        C: c.C,
        standardize: c.standardized,
        tolerance: 1e-10,
      });
      expect(model.fitReport.solver).toBe('newglmnet');
      expect(model.fitReport.converged).toBe(true);
      // Back to scikit-learn's scale: F·C·S.
      const objective = model.fitReport.objective * c.C * c.n;
      expect(objective).toBeLessThanOrEqual(c.sklearn.objective * (1 + 1e-9));
      expect(Math.abs(objective - c.optimum.objective) / c.optimum.objective).toBeLessThan(1e-9);
      const sd = c.standardized ? standardDeviations(data.X.data, data.X.cols) : null;
      const coef = model.coefficients.map((w, j) => (sd === null ? w : w * sd[j]));
      c.optimum.coef.forEach((v, j) => {
        if (v === 0) expect(coef[j]).toBe(0);
        else expect(coef[j]).not.toBe(0);
      });
      expect(maxRelativeError(coef, c.optimum.coef, 1e-3)).toBeLessThan(1e-5);
    });
  }

  it('rejects an L1 penalty with a smooth solver, and elasticnet without l1Ratio', () => {
    const { X, y } = loadDataset('pima');
    expect(() => train(X, y, { penalty: 'l1', solver: 'lbfgs' })).toThrow(OptionError);
    expect(() => train(X, y, { penalty: 'l1', solver: 'lbfgs' })).toThrow(
      /penalty 'l1' is not supported by solver 'lbfgs'.*use solver 'newglmnet'/,
    );
    expect(() => train(X, y, { penalty: 'elasticnet' })).toThrow(/needs option 'l1Ratio'/);
    expect(() => train(X, y, { penalty: 'l2', l1Ratio: 0.5 })).toThrow(
      /'l1Ratio' applies to penalty 'elasticnet' only/,
    );
  });

  it("solver 'auto' picks newton for small problems and says so in the report", () => {
    const { X, y } = loadDataset('pima');
    expect(train(X, y, { solver: 'auto' }).fitReport.solver).toBe('newton');
    expect(train(X, y, { solver: 'auto', penalty: 'l1', C: 0.1 }).fitReport.solver).toBe(
      'newglmnet',
    );
  });
});

function standardDeviations(data: Float64Array, p: number): number[] {
  const m = data.length / p;
  const mean = new Array<number>(p).fill(0);
  const v = new Array<number>(p).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j] / m;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < p; j++) v[j] += (data[i * p + j] - mean[j]) ** 2 / m;
  return v.map(Math.sqrt);
}
