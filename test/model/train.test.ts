import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/model/train.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { ModelFormatError, OptionError, ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { loadDataset, maxRelativeError, seededRandom } from '../helpers/fixtures.js';

/** A noisy (non-separable) two-feature problem from a seed. */
function noisy(seed: number, m: number): { X: number[][]; y: number[] } {
  const rand = seededRandom(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < m; i++) {
    const a = rand() * 4 - 2;
    const b = rand() * 4 - 2;
    X.push([a, b]);
    y.push(rand() < 1 / (1 + Math.exp(-(1.5 * a - b + 0.3))) ? 1 : 0);
  }
  if (!y.includes(0)) y[0] = 0;
  if (!y.includes(1)) y[1] = 1;
  return { X, y };
}

const norm = (w: readonly number[]): number => Math.sqrt(w.reduce((s, v) => s + v * v, 0));
const tight = { tolerance: 1e-10, maxIterations: 5000 } as const;

describe('train: labels and classes', () => {
  it('accepts any two labels, sorts the classes and makes the second positive', () => {
    const { X, y } = noisy(1, 60);
    const labels = y.map((v) => (v === 1 ? 'yes' : 'no'));
    const model = train(X, labels);
    expect(model.classes).toEqual(['no', 'yes']);
    expect(model.positiveClass).toBe('yes');
    const numeric = train(X, y);
    expect(Array.from(model.positiveProbability(X))).toEqual(
      Array.from(numeric.positiveProbability(X)),
    );
    expect(model.predict(X)).toEqual(numeric.predict(X).map((v) => (v === 1 ? 'yes' : 'no')));
  });

  it('takes booleans, and a named positive class flips the sign of the model', () => {
    const { X, y } = noisy(2, 60);
    const bools = y.map((v) => v === 1);
    const a = train(X, bools, tight);
    const b = train(X, bools, { ...tight, positiveClass: false });
    expect(a.classes).toEqual([false, true]);
    expect(b.positiveClass).toBe(false);
    for (let j = 0; j < 2; j++) expect(b.coefficients[j]).toBeCloseTo(-a.coefficients[j], 7);
    expect(b.intercept).toBeCloseTo(-a.intercept, 7);
  });
});

describe('train: options', () => {
  it('C is the inverse penalty strength: a larger C gives a larger ‖w‖', () => {
    const { X, y } = noisy(3, 80);
    const norms = [0.001, 0.01, 0.1, 1, 10].map((C) =>
      norm(train(X, y, { ...tight, C }).coefficients),
    );
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeGreaterThan(norms[k - 1]);
  });

  it('a larger C gives a larger ‖w‖ (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        (seed, C) => {
          const { X, y } = noisy(seed, 40);
          const small = norm(train(X, y, { ...tight, C }).coefficients);
          const large = norm(train(X, y, { ...tight, C: C * 2 }).coefficients);
          return large >= small * (1 - 1e-9);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never penalizes the intercept: with a tiny C the intercept is the log-odds of the base rate', () => {
    const { X, y } = noisy(4, 100);
    const model = train(X, y, { ...tight, C: 1e-9 });
    const rate = y.filter((v) => v === 1).length / y.length;
    expect(model.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 6);
    expect(norm(model.coefficients)).toBeLessThan(1e-6);
  });

  it('fitIntercept: false fits a model through the origin', () => {
    const { X, y } = noisy(5, 100);
    const model = train(X, y, { ...tight, fitIntercept: false });
    expect(model.intercept).toBe(0);
    expect(model.fitReport.converged).toBe(true);
  });

  it('standardize: true equals an L2 fit on standardized features, mapped back to original units', () => {
    const { X: Xs, y } = loadDataset('pima');
    const m = Xs.rows;
    const p = Xs.cols;
    const mean = new Float64Array(p);
    const sd = new Float64Array(p);
    for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) mean[j] += Xs.data[i * p + j] / m;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < p; j++) sd[j] += (Xs.data[i * p + j] - mean[j]) ** 2 / m;
    sd.forEach((v, j) => (sd[j] = Math.sqrt(v)));
    const Z: Matrix = {
      rows: m,
      cols: p,
      data: Xs.data.map((v, k) => (v - mean[k % p]) / sd[k % p]),
    };
    const onZ = train(Z, y, { ...tight, C: 0.05 });
    const viaOption = train(Xs, y, { ...tight, C: 0.05, standardize: true });
    expect(
      maxRelativeError(
        viaOption.coefficients.map((w, j) => w * sd[j]),
        onZ.coefficients,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(viaOption.positiveProbability(Xs), onZ.positiveProbability(Z)),
    ).toBeLessThan(1e-8);
  });

  it("classWeight 'balanced' equals sample weights n / (2·n_k)", () => {
    const { X, y } = noisy(6, 90);
    const n1 = y.filter((v) => v === 1).length;
    const n0 = y.length - n1;
    const sampleWeight = y.map((v) => (v === 1 ? y.length / (2 * n1) : y.length / (2 * n0)));
    const a = train(X, y, { ...tight, classWeight: 'balanced' });
    const b = train(X, y, { ...tight, sampleWeight });
    const c = train(X, y, {
      ...tight,
      classWeight: { '0': y.length / (2 * n0), '1': y.length / (2 * n1) },
    });
    expect(maxRelativeError(a.coefficients, b.coefficients)).toBeLessThan(1e-7);
    expect(maxRelativeError(c.coefficients, b.coefficients)).toBeLessThan(1e-7);
  });

  it('duplicating a row equals giving it weight 2 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 39 }),
        (seed, row) => {
          const { X, y } = noisy(seed, 40);
          const dup = train([...X, X[row]], [...y, y[row]], { ...tight, C: 0.5 });
          const weights = y.map((_, i) => (i === row ? 2 : 1));
          const weighted = train(X, y, { ...tight, C: 0.5, sampleWeight: weights });
          return (
            maxRelativeError(
              [...dup.coefficients, dup.intercept],
              [...weighted.coefficients, weighted.intercept],
              1e-6,
            ) < 1e-6
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it('row order does not change the fit beyond the tolerance (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 1, max: 10000 }),
        (seed, shuffleSeed) => {
          const { X, y } = noisy(seed, 50);
          const rand = seededRandom(shuffleSeed);
          const order = X.map((_, i) => i).sort(() => rand() - 0.5);
          const a = train(X, y, tight);
          const b = train(
            order.map((i) => X[i]),
            order.map((i) => y[i]),
            tight,
          );
          return (
            maxRelativeError(
              [...b.coefficients, b.intercept],
              [...a.coefficients, a.intercept],
              1e-6,
            ) < 1e-6
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it('predictProba rows lie in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (seed, rows) => {
          const { X, y } = noisy(seed, 30);
          const probs = train(X, y).positiveProbability(rows.map(([a, b]) => [a, b]));
          return probs.every((v) => v >= 0 && v <= 1);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('warm start from the solution converges immediately to the same point', () => {
    const { X, y } = noisy(8, 100);
    const a = train(X, y, tight);
    const b = train(X, y, {
      ...tight,
      initialCoefficients: a.coefficients,
      initialIntercept: a.intercept,
    });
    expect(b.fitReport.iterations).toBeLessThanOrEqual(2);
    expect(maxRelativeError(b.coefficients, a.coefficients)).toBeLessThan(1e-8);
  });

  it('initialModel warm-starts from a fitted model, and a new C converges in fewer iterations', () => {
    const { X, y } = noisy(8, 200);
    const a = train(X, y, { ...tight, C: 1 });
    const cold = train(X, y, { ...tight, C: 1.2 });
    const warm = train(X, y, { ...tight, C: 1.2, initialModel: a });
    expect(warm.fitReport.iterations).toBeLessThan(cold.fitReport.iterations);
    expect(maxRelativeError(warm.coefficients, cold.coefficients)).toBeLessThan(1e-7);
    expect(() =>
      train(
        [
          [1, 2],
          [3, 4],
          [5, 7],
          [2, 2],
        ],
        [0, 1, 0, 1],
        { initialModel: a },
      ),
    ).not.toThrow();
    expect(() => train([[1], [3], [5], [2]], [0, 1, 0, 1], { initialModel: a })).toThrow(
      /initialModel has 2 coefficients, but X has 1 features/,
    );
  });

  it('reports progress once per iteration through onIteration', () => {
    const { X, y } = noisy(9, 50);
    const seen: number[] = [];
    const model = train(X, y, { onIteration: (info) => seen.push(info.iteration) });
    expect(seen).toEqual(Array.from({ length: model.fitReport.iterations }, (_, k) => k + 1));
  });

  it('reports non-convergence with a warning instead of throwing', () => {
    const { X, y } = noisy(10, 50);
    const model = train(X, y, { maxIterations: 1, tolerance: 1e-14 });
    expect(model.fitReport.converged).toBe(false);
    expect(model.fitReport.stopReason).toBe('max-iterations');
    expect(model.fitReport.warnings[0]).toMatch(/did not converge.*maxIterations/);
  });
});

describe('train: bad input gets typed errors that name the problem', () => {
  const X = [[1], [2], [3], [4]];
  const y = [0, 0, 1, 1];
  const cases: [string, () => unknown, new (...a: never[]) => Error, RegExp][] = [
    ['empty X', () => train([], []), ShapeError, /X has no rows/],
    [
      'ragged rows',
      () => train([[1, 2], [3]], [0, 1]),
      ShapeError,
      /ragged: row 0 has 2 values, but row 1 has 1/,
    ],
    [
      'NaN',
      () => train([[1], [NaN], [3], [4]], y),
      ValueError,
      /X\[1\]\[0\] must be a finite number, got NaN/,
    ],
    ['Infinity', () => train([[1], [2], [Infinity], [4]], y), ValueError, /X\[2\]\[0\].*Infinity/],
    [
      'string in X',
      () => train([[1], ['a' as unknown as number], [3], [4]], y),
      ValueError,
      /X\[1\]\[0\].*"a"/,
    ],
    ['length mismatch', () => train(X, [0, 1, 1]), ShapeError, /X has 4 rows, but y has 3 labels/],
    ['single class', () => train(X, [1, 1, 1, 1]), ValueError, /single class \(1\)/],
    [
      'three classes',
      () => train(X, [0, 1, 2, 1]),
      ValueError,
      /3 classes \(0, 1, 2\).*option multiClass/,
    ],
    [
      'C ≤ 0',
      () => train(X, y, { C: 0 }),
      OptionError,
      /option 'C' must be a finite number > 0, got 0/,
    ],
    [
      'unknown solver',
      () => train(X, y, { solver: 'sag' as 'lbfgs' }),
      OptionError,
      /option 'solver' must be one of 'lbfgs', 'newton', 'gd', 'sgd'.*got "sag"/,
    ],
    [
      'unknown option',
      () => train(X, y, { lambda: 1 } as object),
      OptionError,
      /unknown option 'lambda'/,
    ],
    [
      'unknown penalty',
      () => train(X, y, { penalty: 'l3' as 'l2' }),
      OptionError,
      /option 'penalty' must be one of 'none', 'l2', 'l1', 'elasticnet', 'firth'.*got "l3"/,
    ],
    [
      'negative weight',
      () => train(X, y, { sampleWeight: [1, -1, 1, 1] }),
      ValueError,
      /sampleWeight\[1\] must be a finite number ≥ 0, got -1/,
    ],
    [
      'weights length',
      () => train(X, y, { sampleWeight: [1, 1] }),
      ShapeError,
      /sampleWeight has 2 entries, but X has 4 rows/,
    ],
    [
      'unknown positive class',
      () => train(X, y, { positiveClass: 7 }),
      ValueError,
      /positiveClass 7 is not one of the classes 0, 1/,
    ],
    [
      'constant feature, no penalty',
      () =>
        train(
          [
            [1, 5],
            [2, 5],
            [3, 5],
            [4, 5],
          ],
          [0, 1, 0, 1],
          { penalty: 'none' },
        ),
      ValueError,
      /feature 'x1' is constant/,
    ],
    [
      'matrix data length',
      () => train({ rows: 2, cols: 2, data: new Float64Array(3) }, [0, 1]),
      ShapeError,
      /X.data has length 3, but rows × cols = 2 × 2 = 4/,
    ],
  ];
  for (const [name, run, type, message] of cases) {
    it(name, () => {
      expect(run).toThrow(type);
      expect(run).toThrow(message);
    });
  }

  it('never mutates its inputs', () => {
    const data = new Float64Array([1, 2, 3, 4, 2, 1, 0, 5]);
    Object.freeze(X);
    const frozenY = Object.freeze([...y]);
    const before = Float64Array.from(data);
    const w = Object.freeze([1, 2, 1, 1]);
    train({ rows: 4, cols: 2, data }, frozenY, { sampleWeight: w, standardize: true });
    expect(Array.from(data)).toEqual(Array.from(before));
  });

  it('prediction checks the feature count', () => {
    const model = train(X, y);
    expect(() => model.predictProba([[1, 2]])).toThrow(
      /predictProba: X has 2 features, but the model was trained on 1/,
    );
    expect(() => model.predict([[1, 2]])).toThrow(ShapeError);
  });
});

describe('LogisticRegressionModel JSON', () => {
  it('round trip gives identical predictions, bit for bit', () => {
    const data = loadDataset('breast_cancer');
    const model = train(data.X, data.y, { standardize: true, featureNames: data.featureNames });
    const copy = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
    const a = model.positiveProbability(data.X);
    const b = copy.positiveProbability(data.X);
    for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
    expect(copy.featureNames).toEqual(data.featureNames);
    expect(copy.fitReport).toEqual(model.fitReport);
    expect(JSON.parse(JSON.stringify(model))).toMatchObject({ format: 'logreg-model', version: 1 });
  });

  it('rejects corrupt, foreign and future-version JSON', () => {
    const json = JSON.parse(JSON.stringify(train([[1], [2], [3], [4]], [0, 0, 1, 1])));
    expect(() => LogisticRegressionModel.fromJSON({ ...json, version: 2 })).toThrow(
      /version 2, newer than this logreg reads \(1\)/,
    );
    expect(() => LogisticRegressionModel.fromJSON({ ...json, format: 'other' })).toThrow(
      ModelFormatError,
    );
    expect(() => LogisticRegressionModel.fromJSON({ ...json, coefficients: [1, 'x'] })).toThrow(
      /coefficients must be an array of finite numbers/,
    );
    expect(() => LogisticRegressionModel.fromJSON({ ...json, featureNames: [] })).toThrow(
      /featureNames must be 1 strings/,
    );
    expect(() => LogisticRegressionModel.fromJSON('nope')).toThrow(/expected a model object/);
    expect(() => LogisticRegressionModel.fromJSON({ ...json, positiveClass: 3 })).toThrow(
      /positiveClass 3/,
    );
  });

  it('is immutable', () => {
    const model = train([[1], [2], [3], [4]], [0, 0, 1, 1]);
    expect(() => {
      (model.coefficients as number[])[0] = 5;
    }).toThrow(TypeError);
    expect(Object.isFrozen(model)).toBe(true);
  });
});

describe("train with solver 'sgd' (the article's mini-batch and stochastic variants)", () => {
  const pima = loadDataset('pima');
  it('reaches the lbfgs L2 optimum and is bit-identical for the same seed', () => {
    const exact = train(pima.X, pima.y, { standardize: true, tolerance: 1e-10 });
    const a = train(pima.X, pima.y, { standardize: true, solver: 'sgd', batchSize: 32, seed: 1 });
    const b = train(pima.X, pima.y, { standardize: true, solver: 'sgd', batchSize: 32, seed: 1 });
    expect(a.coefficients).toEqual(b.coefficients);
    expect(a.fitReport.lossHistory.length).toBe(a.fitReport.iterations + 1);
    expect(
      (a.fitReport.objective - exact.fitReport.objective) / exact.fitReport.objective,
    ).toBeLessThan(1e-6);
  });

  it('rejects sgd-only options for other solvers', () => {
    expect(() => train(pima.X, pima.y, { batchSize: 8 })).toThrow(
      /option 'batchSize' applies to solver 'sgd' only/,
    );
  });
});

describe('predictProba on data the WASM score kernel reads (m·p ≥ 2048)', () => {
  const rnd = seededRandom(41);
  const rows = 3000;
  const X: Matrix = {
    rows,
    cols: 3,
    data: Float64Array.from({ length: rows * 3 }, () => rnd() * 4 - 2),
  };
  const y = Array.from({ length: rows }, (_, i) =>
    X.data[3 * i] - X.data[3 * i + 1] + rnd() - 0.5 > 0 ? 1 : 0,
  );
  const model = train(X, y, { penalty: 'l2' });

  it('equals σ of decisionFunction (1e-15)', () => {
    const z = model.decisionFunction(X);
    const p = model.positiveProbability(X);
    p.forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-z[i])))).toBeLessThan(1e-15));
  });

  it('names a NaN or infinite entry; probabilities of exactly 0 or 1 from large scores are no error', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = X.data.slice();
      data[2345 * 3 + 1] = bad;
      expect(() => model.predictProba({ ...X, data })).toThrow(
        `predictProba: X[2345][1] must be a finite number, got ${bad}`,
      );
    }
    const far = { ...X, data: X.data.map((v) => v * 1e4) };
    const p = model.positiveProbability(far);
    expect(p.some((v) => v === 0) && p.some((v) => v === 1)).toBe(true);
  });
});
