import { describe, expect, it } from 'vitest';
import { OptionError, SeparationError, ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { detectSeparation } from '../../src/model/detectSeparation.js';
import type { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import type { TrainOptions } from '../../src/options/trainOptions.js';
import { regularizationPath } from '../../src/model/regularizationPath.js';
import { train } from '../../src/model/train.js';
import { tuneThreshold } from '../../src/model/tuneThreshold.js';
import { warmStartPath } from '../../src/selection/warmStartPath.js';
import { loadDataset, seededRandom } from '../helpers/fixtures.js';

/** Keeps x where it exceeds its column's mean, else 0: about half the entries become zeros. */
function thresholded(X: Matrix): Matrix {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let k = 0; k < data.length; k++) mean[k % cols] += data[k] / rows;
  return { rows, cols, data: data.map((v, k) => (v > mean[k % cols] ? v : 0)) };
}

const pima = loadDataset('pima');
const pimaDense = thresholded(pima.X);
const pimaSparse = sparseFromDense(pimaDense);
const cancer = loadDataset('breast_cancer');
const cancerDense = thresholded(cancer.X);
const cancerSparse = sparseFromDense(cancerDense);
const weights = Array.from({ length: pima.y.length }, (_, i) => 0.5 + ((i * 7) % 5) / 4);

/** max |a − b| / max(1e-300, max |b|) over coefficients and intercept. */
function modelDistance(a: LogisticRegressionModel, b: LogisticRegressionModel): number {
  const ca = [...a.coefficients, a.intercept];
  const cb = [...b.coefficients, b.intercept];
  let diff = 0;
  let size = 1e-300;
  for (let k = 0; k < cb.length; k++) {
    diff = Math.max(diff, Math.abs(ca[k] - cb[k]));
    size = Math.max(size, Math.abs(cb[k]));
  }
  return diff / size;
}

function expectSameModel(
  sparse: LogisticRegressionModel,
  dense: LogisticRegressionModel,
  tolerance: number,
): void {
  expect(modelDistance(sparse, dense)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(sparse.fitReport.logLoss - dense.fitReport.logLoss)).toBeLessThanOrEqual(
    tolerance * dense.fitReport.logLoss,
  );
  expect(sparse.fitReport.converged).toBe(dense.fitReport.converged);
}

const variants: { name: string; options: TrainOptions }[] = [
  { name: 'defaults', options: {} },
  { name: 'standardize', options: { standardize: true } },
  { name: 'no intercept', options: { fitIntercept: false } },
  { name: 'weights, standardize', options: { sampleWeight: weights, standardize: true } },
];

describe('train on CSR data gives the dense model (pima, entries below the column mean zeroed)', () => {
  for (const { name, options } of variants) {
    for (const solver of ['lbfgs', 'newton'] as const) {
      // Newton pins the optimum to rounding; L-BFGS converges linearly, and its paths on the two
      // inputs differ from the last digits of the standard deviations on, so it agrees to what
      // its (tight) gradient tolerance pins down on this conditioning.
      const agreement = solver === 'newton' ? 1e-12 : 1e-11;
      it(`${solver}, ${name}: converged to the same optimum, ${agreement} relative`, () => {
        const tolerance = solver === 'lbfgs' ? 1e-13 : 1e-11;
        const opts: TrainOptions = { ...options, solver, C: 0.5, tolerance, maxIterations: 5000 };
        const dense = train(pimaDense, pima.y, opts);
        const sparse = train(pimaSparse, pima.y, opts);
        expect(dense.fitReport.converged).toBe(true);
        expectSameModel(sparse, dense, agreement);
      });
    }
    it(`gd, ${name}: the same iterates, 1e-12 relative`, () => {
      const opts: TrainOptions = { ...options, solver: 'gd', C: 0.5, maxIterations: 300 };
      expectSameModel(train(pimaSparse, pima.y, opts), train(pimaDense, pima.y, opts), 1e-12);
    });
    it(`sgd with the same seed, ${name}: the same iterates, 1e-12 relative`, () => {
      const opts: TrainOptions = { ...options, solver: 'sgd', C: 0.5, seed: 7, maxIterations: 20 };
      expectSameModel(train(pimaSparse, pima.y, opts), train(pimaDense, pima.y, opts), 1e-12);
    });
    for (const penalty of ['l1', 'elasticnet'] as const) {
      it(`newglmnet ${penalty}, ${name}: the same model and the same zeros`, () => {
        const opts: TrainOptions = {
          ...options,
          penalty,
          ...(penalty === 'elasticnet' ? { l1Ratio: 0.6 } : {}),
          C: 0.02,
          tolerance: 1e-10,
        };
        const dense = train(pimaDense, pima.y, opts);
        const sparse = train(pimaSparse, pima.y, opts);
        expectSameModel(sparse, dense, 1e-12);
        expect(sparse.coefficients.map((c) => c === 0)).toEqual(
          dense.coefficients.map((c) => c === 0),
        );
        expect(dense.coefficients.some((c) => c === 0)).toBe(true);
      });
    }
  }

  it('breast cancer (30 features, 60 % zeros), L2 newton with standardize: 1e-12', () => {
    const opts: TrainOptions = { solver: 'newton', standardize: true, tolerance: 1e-12 };
    expectSameModel(train(cancerSparse, cancer.y, opts), train(cancerDense, cancer.y, opts), 1e-12);
  });

  it('breast cancer, L2 lbfgs: equal up to what the gradient tolerance pins down (ill-conditioned)', () => {
    // The kernels are bit-identical; only the standard deviations differ in the last digits
    // (sparse sums skip the zeros), so the two L-BFGS paths stop at slightly different points
    // inside the tolerance: 1e-13 on the gradient leaves ~1e-11 on these coefficients.
    const opts: TrainOptions = { standardize: true, tolerance: 1e-13, maxIterations: 10_000 };
    const dense = train(cancerDense, cancer.y, opts);
    expect(dense.fitReport.converged).toBe(true);
    expectSameModel(train(cancerSparse, cancer.y, opts), dense, 1e-10);
  });

  it('predictProba, predict and decisionFunction read CSR rows as the dense ones', () => {
    // Dense rows are scored by the SIMD kernel (another summation order): equal to rounding.
    const model = train(cancerDense, cancer.y, { standardize: true });
    const zSparse = model.decisionFunction(cancerSparse);
    const zDense = model.decisionFunction(cancerDense);
    const scale = Math.max(...zDense.map(Math.abs));
    zDense.forEach((z, i) => expect(Math.abs(zSparse[i] - z)).toBeLessThanOrEqual(1e-12 * scale));
    const pSparse = model.positiveProbability(cancerSparse);
    model
      .positiveProbability(cancerDense)
      .forEach((p, i) => expect(Math.abs(pSparse[i] - p)).toBeLessThanOrEqual(1e-12));
    expect(model.predict(cancerSparse)).toEqual(model.predict(cancerDense));
    const tuned = tuneThreshold(model, cancerSparse, cancer.y, { criterion: 'f1' });
    expect(tuned.threshold).toBeCloseTo(
      tuneThreshold(model, cancerDense, cancer.y, { criterion: 'f1' }).threshold ?? NaN,
      12,
    );
  });

  it('unpenalized fits: same estimates and the same standard errors (covariance via the row-scattered Hessian)', () => {
    const opts: TrainOptions = { penalty: 'none', solver: 'newton', tolerance: 1e-11 };
    const dense = train(pimaDense, pima.y, opts);
    const sparse = train(pimaSparse, pima.y, opts);
    expectSameModel(sparse, dense, 1e-12);
    const se = (m: LogisticRegressionModel): number[] =>
      m.summary().coefficients.map((c) => c.stdError ?? NaN);
    const a = se(sparse);
    const b = se(dense);
    for (let k = 0; k < b.length; k++)
      expect(Math.abs(a[k] - b[k]) / b[k]).toBeLessThanOrEqual(1e-12);
  });

  it("penalty 'firth' on sparse data equals the dense fit", () => {
    const opts: TrainOptions = { penalty: 'firth', tolerance: 1e-11 };
    expectSameModel(train(pimaSparse, pima.y, opts), train(pimaDense, pima.y, opts), 1e-12);
  });

  it('separated sparse data raise the same SeparationError as dense', () => {
    const X: Matrix = {
      rows: 6,
      cols: 2,
      data: Float64Array.of(0, 1, 0, 2, 0, 0, 3, 0, 4, 0, 5, 1),
    };
    const y = [0, 0, 0, 1, 1, 1];
    expect(() => train(sparseFromDense(X), y, { penalty: 'none' })).toThrow(SeparationError);
    expect(() => train(X, y, { penalty: 'none' })).toThrow(SeparationError);
  });

  it('detectSeparation on a CSR matrix gives the dense result', () => {
    const X: Matrix = {
      rows: 6,
      cols: 2,
      data: Float64Array.of(0, 1, 0, 2, 0, 0, 3, 0, 4, 0, 5, 1),
    };
    const y = Float64Array.of(0, 0, 0, 1, 1, 1);
    const sparse = detectSeparation(sparseFromDense(X), y, true);
    const dense = detectSeparation(X, y, true);
    expect(sparse.kind).toBe('complete');
    expect(sparse.involved).toEqual(dense.involved);
    expect(Array.from(sparse.direction)).toEqual(Array.from(dense.direction));
  });

  it('a constant sparse feature is named, with its value, in the unpenalized fit', () => {
    const data = Float64Array.from({ length: 40 }, (_, k) => (k % 2 === 0 ? 0 : (k * 37) % 11));
    const X = sparseFromDense({ rows: 20, cols: 2, data });
    const y = Array.from({ length: 20 }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0));
    expect(() => train(X, y, { penalty: 'none' })).toThrow(/feature 'x0' is constant \(0\)/);
  });

  it('the elastic-net path on sparse data equals the dense path', () => {
    const options = { penalty: 'l1' as const, count: 6, tolerance: 1e-10 };
    const dense = regularizationPath(pimaDense, pima.y, options);
    const sparse = regularizationPath(pimaSparse, pima.y, options);
    // The grid starts at criticalC, computed from the stored entries: equal to 1e-12.
    for (let k = 0; k < dense.Cs.length; k++) {
      expect(Math.abs(sparse.Cs[k] - dense.Cs[k]) / dense.Cs[k]).toBeLessThanOrEqual(1e-12);
    }
    expect(sparse.nonZero).toEqual(dense.nonZero);
    for (let k = 0; k < dense.Cs.length; k++) {
      const size = Math.max(1e-300, ...dense.coefficients[k].map(Math.abs));
      for (let j = 0; j < pima.X.cols; j++) {
        expect(
          Math.abs(sparse.coefficients[k][j] - dense.coefficients[k][j]) / size,
        ).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('the L2 warm-start path (selection) accepts sparse data', () => {
    const along = (X: Matrix | SparseMatrix) =>
      warmStartPath([0.01, 1], (extra) => train(X, pima.y, { standardize: true, ...extra }));
    const path = along(pimaSparse);
    const dense = along(pimaDense);
    for (let k = 0; k < 2; k++) expect(modelDistance(path[k], dense[k])).toBeLessThanOrEqual(1e-6);
  });
});

describe('more than 400 sparse features: the data-based Newton models', () => {
  // 300 × 450, 3 % non-zeros: newton takes Newton-CG (Hessian-vector products) and newglmnet
  // the column model (SparseLogisticQuadraticModel vs LogisticQuadraticModel).
  const rows = 300;
  const cols = 450;
  const rnd = seededRandom(21);
  const data = new Float64Array(rows * cols);
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let j = 0; j < cols; j++) {
      if (rnd() < 0.03) {
        data[i * cols + j] = 1 + rnd() * 2;
        z += (j % 7 === 0 ? 1 : -0.1) * data[i * cols + j];
      }
    }
    y.push(rnd() < 1 / (1 + Math.exp(-z + 0.5)) ? 1 : 0);
  }
  const dense: Matrix = { rows, cols, data };
  const sparse: SparseMatrix = sparseFromDense(dense);

  it('newglmnet elastic net, standardize: same model and zeros to 1e-10', () => {
    const opts: TrainOptions = {
      penalty: 'elasticnet',
      l1Ratio: 0.5,
      C: 0.5,
      standardize: true,
      tolerance: 1e-10,
    };
    const a = train(sparse, y, opts);
    const b = train(dense, y, opts);
    expect(b.fitReport.converged).toBe(true);
    expect(modelDistance(a, b)).toBeLessThanOrEqual(1e-10);
    expect(a.coefficients.map((c) => c === 0)).toEqual(b.coefficients.map((c) => c === 0));
  });

  it('newton (CG) L2: same model to 1e-10', () => {
    const opts: TrainOptions = { solver: 'newton', C: 0.3, tolerance: 1e-11, maxIterations: 200 };
    const a = train(sparse, y, opts);
    const b = train(dense, y, opts);
    expect(modelDistance(a, b)).toBeLessThanOrEqual(1e-10);
    expect(a.summary().coefficients.length).toBe(cols + 1);
  });

  it("penalty 'firth' beyond the covariance limit is refused for sparse X", () => {
    const wide = sparseFromDense({ rows: 2, cols: 600, data: new Float64Array(1200).fill(1) });
    expect(() => train(wide, [0, 1], { penalty: 'firth' })).toThrow(OptionError);
  });
});

describe('malformed CSR input is named by row at the public boundary', () => {
  const good = (): SparseMatrix =>
    sparseFromDense({ rows: 3, cols: 3, data: Float64Array.of(1, 0, 2, 0, 3, 0, 4, 5, 0) });
  const model = train(good(), [0, 1, 1], { penalty: 'l2' });
  const cases: {
    name: string;
    X: () => SparseMatrix;
    error: typeof ShapeError | typeof ValueError;
    message: RegExp;
  }[] = [
    {
      name: 'decreasing indptr',
      X: () => ({ ...good(), indptr: Int32Array.of(0, 2, 1, 5) }),
      error: ShapeError,
      message: /indptr decreases at row 1/,
    },
    {
      name: 'unsorted column indices',
      X: () => ({ ...good(), indices: Int32Array.of(2, 0, 1, 0, 1) }),
      error: ShapeError,
      message: /row 0 has column index 0 at entry 1/,
    },
    {
      name: 'column index out of range',
      X: () => ({ ...good(), indices: Int32Array.of(0, 2, 1, 0, 3) }),
      error: ShapeError,
      message: /row 2 has column index 3/,
    },
    {
      name: 'NaN value',
      X: () => ({ ...good(), values: Float64Array.of(1, 2, 3, NaN, 5) }),
      error: ValueError,
      message: /X\[2\]\[0\] must be a finite number/,
    },
  ];
  for (const { name, X, error, message } of cases) {
    it(`${name}: train and predictProba throw ${error.name}`, () => {
      expect(() => train(X(), [0, 1, 1])).toThrow(error);
      expect(() => train(X(), [0, 1, 1])).toThrow(message);
      expect(() => model.predictProba(X())).toThrow(error);
      expect(() => model.predictProba(X())).toThrow(/^predictProba: /);
    });
  }

  it('a sparse X with the wrong number of columns is refused by predictProba', () => {
    const X = sparseFromDense({ rows: 1, cols: 2, data: Float64Array.of(1, 0) });
    expect(() => model.predictProba(X)).toThrow(/X has 2 features, but the model was trained on 3/);
  });
});

describe('the README sparse example', () => {
  it('trains on a 2 × 3 CSR matrix and predicts its rows', () => {
    const X: SparseMatrix = {
      format: 'csr',
      rows: 2,
      cols: 3,
      indptr: new Int32Array([0, 1, 3]),
      indices: new Int32Array([1, 0, 2]),
      values: new Float64Array([2, 1, 3]),
    };
    const model = train(X, [0, 1], { penalty: 'l2' });
    const p = model.positiveProbability(X);
    expect(p[0]).toBeLessThan(0.5);
    expect(p[1]).toBeGreaterThan(0.5);
    expect(Array.from(p)).toEqual(
      Array.from(
        model.positiveProbability([
          [0, 2, 0],
          [1, 0, 3],
        ]),
      ),
    );
  });
});
