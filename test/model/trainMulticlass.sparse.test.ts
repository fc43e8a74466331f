import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/linalg/matrix.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import type { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import type { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { seededRandom } from '../helpers/fixtures.js';

/**
 * K classes in p dimensions, about 70 % of the entries exactly 0 (so CSR stores the rest), a few
 * all-zero rows, columns on different scales; labels 0 … K − 1 from a noisy linear rule.
 */
function sparseProblem(
  seed: number,
  m: number,
  p: number,
  K: number,
): { X: Matrix; S: SparseMatrix; y: number[] } {
  const rand = seededRandom(seed);
  const data = new Float64Array(m * p);
  const y: number[] = [];
  for (let i = 0; i < m; i++) {
    const k = i % K;
    y.push(k);
    if (i % 11 === 5) continue;
    for (let j = 0; j < p; j++) {
      if (rand() < 0.3 || j === k % p)
        data[i * p + j] = (1 + (j % 3)) * (rand() + (j === k % p ? 1 : 0));
    }
  }
  const X = { rows: m, cols: p, data };
  return { X, S: sparseFromDense(X), y };
}

type AnyModel = MultinomialLogisticRegressionModel | OneVsRestModel;

/** Largest |a − b| over coefficients and intercepts, relative to the largest |b|. */
function modelDifference(a: AnyModel, b: AnyModel): number {
  const av = [...a.coefficients.flat(), ...a.intercepts];
  const bv = [...b.coefficients.flat(), ...b.intercepts];
  const size = Math.max(...bv.map(Math.abs));
  return Math.max(...av.map((v, k) => Math.abs(v - bv[k]))) / size;
}

describe('trainMulticlass on CSR input (never densified)', () => {
  const { X, S, y } = sparseProblem(3, 150, 6, 4);

  for (const [solver, tolerance] of [
    ['newton', 1e-13],
    // At 1e-12 L-BFGS stops 5e-12 (relative) from the optimum on either input; at 1e-14 within 7e-14.
    ['lbfgs', 1e-14],
  ] as const) {
    for (const standardize of [false, true]) {
      it(`multinomial ${solver}${standardize ? ', standardized' : ''}: the same model as on dense X, to 1e-12 relative`, () => {
        const options = { solver, tolerance, standardize, C: 0.5, maxIterations: 5000 } as const;
        const dense = trainMulticlass(X, y, options);
        const sparse = trainMulticlass(S, y, options);
        expect(sparse.fitReport.converged).toBe(true);
        expect(modelDifference(sparse, dense)).toBeLessThan(1e-12);
        expect(sparse.fitReport.objective).toBeCloseTo(dense.fitReport.objective, 14);
        expect(sparse.fitReport.logLoss).toBeCloseTo(dense.fitReport.logLoss, 14);
      });
    }
  }

  it('weighted multinomial: the same model as on dense X', () => {
    const sampleWeight = y.map((_, i) => 1 + (i % 3));
    const options = { solver: 'newton', tolerance: 1e-13, sampleWeight, C: 2 } as const;
    const dense = trainMulticlass(X, y, options);
    const sparse = trainMulticlass(S, y, options);
    expect(modelDifference(sparse, dense)).toBeLessThan(1e-12);
  });

  for (const [penalty, extra] of [
    ['l1', {}],
    ['elasticnet', { l1Ratio: 0.5 }],
  ] as const) {
    it(`multinomial ${penalty} (proximal Newton): the same model and the same exact zeros as on dense X`, () => {
      const options = { penalty, C: 0.05, tolerance: 1e-12, ...extra } as const;
      const dense = trainMulticlass(X, y, options);
      const sparse = trainMulticlass(S, y, options);
      expect(sparse.fitReport.converged).toBe(true);
      expect(sparse.fitReport.solver).toBe('newglmnet');
      const zeros = (model: AnyModel): boolean[] => model.coefficients.flat().map((v) => v === 0);
      expect(zeros(dense).some((z) => z)).toBe(true);
      expect(zeros(sparse)).toEqual(zeros(dense));
      expect(modelDifference(sparse, dense)).toBeLessThan(1e-10);
    });
  }

  it('one-vs-rest: the same K binary models as on dense X', () => {
    const options = { multiClass: 'ovr', solver: 'newton', tolerance: 1e-12 } as const;
    const dense = trainMulticlass(X, y, options);
    const sparse = trainMulticlass(S, y, options);
    expect(modelDifference(sparse, dense)).toBeLessThan(1e-10);
    expect(sparse.fitReport.logLoss).toBeCloseTo(dense.fitReport.logLoss, 12);
  });

  it('predictProba, decisionFunction and predict on CSR rows equal those on dense rows; rows sum to 1 (property)', () => {
    const models: AnyModel[] = [
      trainMulticlass(X, y, { C: 0.5 }),
      trainMulticlass(X, y, { multiClass: 'ovr', C: 0.5 }),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, n) => {
          const test = sparseProblem(seed, n, 6, 4);
          for (const model of models) {
            const ps = model.predictProba(test.S);
            const pd = model.predictProba(test.X);
            const K = model.classes.length;
            if (ps.rows !== n || ps.cols !== K) return false;
            for (let i = 0; i < n; i++) {
              let sum = 0;
              for (let k = 0; k < K; k++) sum += ps.data[i * K + k];
              if (Math.abs(sum - 1) > 1e-12) return false;
            }
            for (let t = 0; t < pd.data.length; t++) {
              if (Math.abs(ps.data[t] - pd.data[t]) > 1e-14) return false;
            }
            const zs = model.decisionFunction(test.S).data;
            const zd = model.decisionFunction(test.X).data;
            if (zs.some((v, t) => Math.abs(v - zd[t]) > 1e-12 * Math.max(1, Math.abs(zd[t])))) {
              return false;
            }
            if (JSON.stringify(model.predict(test.S)) !== JSON.stringify(model.predict(test.X))) {
              return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 50 },
    );
  });

  it('checks CSR input at the boundary: feature count at prediction, malformed structure at training', () => {
    const model = trainMulticlass(S, y);
    const narrow = sparseFromDense({ rows: 1, cols: 5, data: new Float64Array(5) });
    expect(() => model.predictProba(narrow)).toThrow(
      /predictProba: X has 5 features, but the model was trained on 6/,
    );
    const broken: SparseMatrix = { ...S, indices: S.indices.map((j) => (j === 0 ? 99 : j)) };
    expect(() => trainMulticlass(broken, y)).toThrow(
      /trainMulticlass: X row \d+ has column index 99/,
    );
  });
});
