import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelFormatError, OptionError, ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { modelFromJSON } from '../../src/model/modelFromJSON.js';
import { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import type { Label } from '../../src/options/trainOptions.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';
import { NEWTON_CHOLESKY_MAX_DIMENSION } from '../../src/solvers/newton.js';
import { loadDataset, seededRandom } from '../helpers/fixtures.js';

/** Three noisy Gaussian blobs in p dimensions, labelled 'a', 'b', 'c' (plus `extra` classes). */
function blobs(seed: number, m: number, p = 2, extra = 0): { X: number[][]; y: string[] } {
  const rand = seededRandom(seed);
  const names = ['a', 'b', 'c', 'd', 'e'].slice(0, 3 + extra);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < m; i++) {
    const k = i % names.length;
    X.push(Array.from({ length: p }, (_, j) => (j === k % p ? 1.5 : 0) + 2 * (rand() - 0.5) * 2));
    y.push(names[k]);
  }
  return { X, y };
}

/** scikit-learn's `0.5·Σₖ‖θₖ‖² + C·Σᵢ −log pᵢ,yᵢ`, θ the coefficients on the standardized scale. */
function sklearnObjective(
  model: MultinomialLogisticRegressionModel,
  X: Matrix,
  y: readonly Label[],
  C: number,
): number {
  const { sd } = featureScaling(X, undefined, true);
  const probability = model.predictProba(X);
  const K = model.classes.length;
  let loss = 0;
  for (let i = 0; i < X.rows; i++) {
    loss -= Math.log(probability.data[i * K + model.classes.indexOf(y[i])]);
  }
  let penalty = 0;
  for (const row of model.coefficients) row.forEach((w, j) => (penalty += (w * sd[j]) ** 2));
  return 0.5 * penalty + C * loss;
}

const norm = (rows: readonly (readonly number[])[]): number =>
  Math.sqrt(rows.flat().reduce((s, v) => s + v * v, 0));
const tight = { tolerance: 1e-10, maxIterations: 5000 } as const;

describe('trainMulticlass on digits (1797 × 64, 10 classes, standardized, C = 1)', () => {
  const digits = loadDataset('digits', 'label');
  // scikit-learn 1.2.1 LogisticRegression(multi_class='multinomial', C=1, solver='newton-cg',
  // tol=1e-8) after StandardScaler: its best solution (the reference; its lbfgs stops at
  // 113.47995599).
  const reference = 113.4799547803;

  for (const [solver, tolerance] of [
    ['newton', 1e-6],
    ['lbfgs', 1e-8],
  ] as const) {
    it(`${solver} (tolerance ${tolerance}): objective ≤ scikit-learn's best·(1 + 1e-9)`, () => {
      const model = trainMulticlass(digits.X, digits.y, {
        solver,
        standardize: true,
        C: 1,
        tolerance,
      });
      expect(model.fitReport.converged).toBe(true);
      const objective = sklearnObjective(model, digits.X, digits.y, 1);
      expect(objective).toBeLessThanOrEqual(reference * (1 + 1e-9));
      // Not below it either, beyond rounding: the same optimum.
      expect(objective).toBeGreaterThanOrEqual(reference * (1 - 1e-9));
      // The report's F is that objective divided by C·S.
      expect(model.fitReport.objective * digits.X.rows).toBeCloseTo(objective, 8);
      if (solver === 'newton') {
        // 10 × 65 parameters: Newton-CG on Hessian-vector products, not Cholesky.
        expect(10 * 65).toBeGreaterThan(NEWTON_CHOLESKY_MAX_DIMENSION);
        expect(model.fitReport.iterations).toBeLessThan(20);
      }
      // Constant pixels (zero variance) get no weight, as after scikit-learn's StandardScaler.
      const { sd } = featureScaling(digits.X, undefined, true);
      for (let j = 0; j < 64; j++) {
        if (sd[j] === 0)
          for (const row of model.coefficients) expect(Math.abs(row[j])).toBeLessThan(1e-8);
      }
      expect(model.classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const accuracy =
        model.predict(digits.X).filter((v, i) => v === digits.y[i]).length / digits.X.rows;
      expect(accuracy).toBeGreaterThan(0.99);
    });
  }

  it('columns of predictProba follow classes: renaming the labels in reverse order permutes them', () => {
    const head = { rows: 400, cols: 64, data: digits.X.data.subarray(0, 400 * 64) };
    const labels = digits.y.slice(0, 400);
    const original = trainMulticlass(head, labels, { standardize: true, solver: 'newton' });
    const renamed = trainMulticlass(
      head,
      labels.map((v) => `class ${9 - v}`),
      { standardize: true, solver: 'newton' },
    );
    expect(renamed.classes).toEqual(Array.from({ length: 10 }, (_, k) => `class ${k}`));
    const rows = { rows: 50, cols: 64, data: digits.X.data.subarray(0, 50 * 64) };
    const p = original.predictProba(rows);
    const q = renamed.predictProba(rows);
    for (let i = 0; i < 50; i++) {
      for (let k = 0; k < 10; k++)
        expect(q.data[i * 10 + k]).toBeCloseTo(p.data[i * 10 + 9 - k], 6);
    }
    expect(renamed.predict(rows)).toEqual(
      original.predict(rows).map((v) => `class ${9 - Number(v)}`),
    );
  });
});

describe('trainMulticlass: multinomial', () => {
  it('predictProba rows lie in [0, 1] and sum to 1; predict is the most probable class (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (seed, extra, C) => {
          const { X, y } = blobs(seed, 40, 3, extra);
          const model = trainMulticlass(X, y, { C });
          const K = model.classes.length;
          const rand = seededRandom(seed + 1);
          const Z = Array.from({ length: 20 }, () => [0, 0, 0].map(() => (rand() - 0.5) * 40));
          const p = model.predictProba(Z);
          const predicted = model.predict(Z);
          for (let i = 0; i < Z.length; i++) {
            const row = Array.from(p.data.subarray(i * K, (i + 1) * K));
            const sum = row.reduce((a, b) => a + b, 0);
            if (Math.abs(sum - 1) > 1e-12 || row.some((v) => v < 0 || v > 1)) return false;
            if (predicted[i] !== model.classes[row.indexOf(Math.max(...row))]) return false;
          }
          return p.rows === 20 && p.cols === K;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the softmax of decisionFunction is predictProba; coefficients and intercepts sum to 0 over the classes', () => {
    const { X, y } = blobs(3, 90, 2);
    const model = trainMulticlass(X, y, tight);
    const z = model.decisionFunction(X);
    const p = model.predictProba(X);
    for (let i = 0; i < X.length; i++) {
      const e = [0, 1, 2].map((k) => Math.exp(z.data[i * 3 + k]));
      const s = e[0] + e[1] + e[2];
      for (let k = 0; k < 3; k++) expect(p.data[i * 3 + k]).toBeCloseTo(e[k] / s, 14);
    }
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(model.coefficients.reduce((s, row) => s + row[j], 0))).toBeLessThan(1e-14);
    }
    expect(Math.abs(model.intercepts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-14);
  });

  it('with two classes it is the binary model with C doubled (w₁ − w₀ = w, b₁ − b₀ = b)', () => {
    // ½(‖w₀‖² + ‖w₁‖²) with w₀ = −w₁ = −w/2 is ¼‖w‖²: the binary penalty ½‖w‖² at 2C.
    const { X, y } = blobs(5, 80, 3);
    const two = y.map((v) => (v === 'a' ? 'a' : 'rest'));
    const multinomial = trainMulticlass(X, two, { ...tight, C: 0.3 });
    const binary = train(X, two, { ...tight, C: 0.6 });
    for (let j = 0; j < 3; j++) {
      const diff = multinomial.coefficients[1][j] - multinomial.coefficients[0][j];
      expect(diff).toBeCloseTo(binary.coefficients[j], 8);
    }
    expect(multinomial.intercepts[1] - multinomial.intercepts[0]).toBeCloseTo(binary.intercept, 8);
  });

  it('lbfgs, newton (Cholesky) and gd reach the same optimum, with and without standardize', () => {
    const { X, y } = blobs(8, 120, 4, 1);
    for (const standardize of [false, true]) {
      const a = trainMulticlass(X, y, { ...tight, standardize, solver: 'lbfgs' });
      const b = trainMulticlass(X, y, { ...tight, standardize, solver: 'newton' });
      const c = trainMulticlass(X, y, {
        standardize,
        solver: 'gd',
        learningRate: 1,
        tolerance: 1e-9,
        maxIterations: 200000,
      });
      for (const other of [b, c]) {
        expect(other.fitReport.converged).toBe(true);
        expect(other.fitReport.objective).toBeCloseTo(a.fitReport.objective, 12);
        for (let k = 0; k < 4; k++) {
          for (let j = 0; j < 4; j++)
            expect(other.coefficients[k][j]).toBeCloseTo(a.coefficients[k][j], 6);
          expect(other.intercepts[k]).toBeCloseTo(a.intercepts[k], 6);
        }
      }
      expect(b.fitReport.iterations).toBeLessThan(15);
    }
  });

  it('C is the inverse penalty strength: a larger C gives larger coefficients', () => {
    const { X, y } = blobs(4, 90, 2);
    const norms = [0.001, 0.01, 0.1, 1, 10].map((C) =>
      norm(trainMulticlass(X, y, { ...tight, C }).coefficients),
    );
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeGreaterThan(norms[k - 1]);
  });

  it('never penalizes the intercepts: with a tiny C the probabilities are the class shares', () => {
    const { X, y } = blobs(6, 100, 2);
    const y2 = y.map((v, i) => (i < 20 ? 'a' : v));
    const model = trainMulticlass(X, y2, { ...tight, C: 1e-10 });
    const p = model.predictProba([[0, 0]]);
    const shares = model.classes.map((c) => y2.filter((v) => v === c).length / y2.length);
    for (let k = 0; k < 3; k++) expect(p.data[k]).toBeCloseTo(shares[k], 6);
  });

  it('an integer sample weight counts a row that many times; classWeight multiplies it', () => {
    const { X, y } = blobs(9, 45, 2);
    const weights = X.map((_, i) => 1 + (i % 3));
    const weighted = trainMulticlass(X, y, { ...tight, sampleWeight: weights, C: 0.7 });
    const Xr: number[][] = [];
    const yr: string[] = [];
    X.forEach((row, i) => {
      for (let r = 0; r < weights[i]; r++) {
        Xr.push(row);
        yr.push(y[i]);
      }
    });
    const repeated = trainMulticlass(Xr, yr, { ...tight, C: 0.7 });
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 2; j++)
        expect(weighted.coefficients[k][j]).toBeCloseTo(repeated.coefficients[k][j], 7);
    }
    const byClass = trainMulticlass(X, y, { ...tight, classWeight: { a: 2, b: 1, c: 0.5 } });
    const byRow = trainMulticlass(X, y, {
      ...tight,
      sampleWeight: y.map((v) => ({ a: 2, b: 1, c: 0.5 })[v] ?? 1),
    });
    expect(byClass.coefficients).toEqual(byRow.coefficients);
  });

  it('without an intercept the scores are linear in x', () => {
    const { X, y } = blobs(2, 60, 2);
    const model = trainMulticlass(X, y, { ...tight, fitIntercept: false });
    expect(model.intercepts).toEqual([0, 0, 0]);
  });

  it('reports non-convergence instead of throwing', () => {
    const { X, y } = blobs(1, 60, 2);
    const model = trainMulticlass(X, y, { maxIterations: 2 });
    expect(model.fitReport.converged).toBe(false);
    expect(model.fitReport.stopReason).toBe('max-iterations');
    expect(model.fitReport.warnings[0]).toMatch(/did not converge: reached maxIterations \(2\)/);
    expect(model.fitReport.lossHistory).toHaveLength(3);
  });

  it('does not mutate its inputs', () => {
    const { X, y } = blobs(2, 30, 2);
    const frozenX = Object.freeze(X.map((row) => Object.freeze([...row])));
    const frozenY = Object.freeze([...y]);
    const weights = Object.freeze(X.map(() => 1));
    expect(() => trainMulticlass(frozenX, frozenY, { sampleWeight: weights })).not.toThrow();
    expect(() => trainMulticlass(frozenX, frozenY, { multiClass: 'ovr' })).not.toThrow();
  });
});

describe('trainMulticlass: one-vs-rest', () => {
  it('matches K independent binary fits, class k against the rest', () => {
    const { X, y } = blobs(12, 90, 3, 1);
    const options = { C: 0.5, standardize: true, tolerance: 1e-9 } as const;
    const model = trainMulticlass(X, y, { ...options, multiClass: 'ovr' });
    expect(model).toBeInstanceOf(OneVsRestModel);
    expect(model.classes).toEqual(['a', 'b', 'c', 'd']);
    model.classes.forEach((cls, k) => {
      const binary = train(
        X,
        y.map((v) => v === cls),
        { ...options, positiveClass: true },
      );
      expect(model.coefficients[k]).toEqual(binary.coefficients);
      expect(model.intercepts[k]).toBe(binary.intercept);
      expect(model.classFitReports[k].objective).toBe(binary.fitReport.objective);
    });
    expect(model.fitReport.objective).toBeCloseTo(
      model.classFitReports.reduce((s, r) => s + r.objective, 0),
      15,
    );
  });

  it('predictProba normalizes the K sigmoids (as scikit-learn); rows sum to 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), (seed) => {
        const { X, y } = blobs(seed, 45, 2);
        const model = trainMulticlass(X, y, { multiClass: 'ovr' });
        const z = model.decisionFunction(X);
        const p = model.predictProba(X);
        const predicted = model.predict(X);
        for (let i = 0; i < X.length; i++) {
          const s = [0, 1, 2].map((k) => 1 / (1 + Math.exp(-z.data[i * 3 + k])));
          const total = s[0] + s[1] + s[2];
          const row = [0, 1, 2].map((k) => p.data[i * 3 + k]);
          if (Math.abs(row[0] + row[1] + row[2] - 1) > 1e-12) return false;
          if (row.some((v, k) => Math.abs(v - s[k] / total) > 1e-14)) return false;
          if (predicted[i] !== model.classes[row.indexOf(Math.max(...row))]) return false;
        }
        return true;
      }),
      { numRuns: 20 },
    );
  });

  it("classWeight 'balanced' is computed once on the K classes and passed as row weights", () => {
    const { X, y } = blobs(13, 50, 2);
    const y2 = y.map((v, i) => (i < 12 ? 'a' : v));
    const model = trainMulticlass(X, y2, { classWeight: 'balanced', multiClass: 'ovr', ...tight });
    const counts = new Map<string, number>();
    for (const v of y2) counts.set(v, (counts.get(v) ?? 0) + 1);
    const weights = y2.map((v) => y2.length / (3 * (counts.get(v) ?? 1)));
    const binary = train(
      X,
      y2.map((v) => v === 'b'),
      { ...tight, sampleWeight: weights, positiveClass: true },
    );
    expect(model.coefficients[1]).toEqual(binary.coefficients);
  });
});

describe('multiclass models: JSON', () => {
  const { X, y } = blobs(21, 60, 3);
  const models = [
    trainMulticlass(X, y, { C: 2 }),
    trainMulticlass(X, y, { multiClass: 'ovr', C: 2 }),
  ] as const;

  for (const model of models) {
    const Model =
      model instanceof OneVsRestModel ? OneVsRestModel : MultinomialLogisticRegressionModel;

    it(`${model.kind}: the JSON round trip is bit-identical`, () => {
      const json = JSON.parse(JSON.stringify(model)) as unknown;
      expect((json as { format: string }).format).toBe('logreg-model');
      expect((json as { version: number }).version).toBe(1);
      expect((json as { kind: string }).kind).toBe(model.kind);
      const back = Model.fromJSON(json);
      expect(back.coefficients).toEqual(model.coefficients);
      expect(back.intercepts).toEqual(model.intercepts);
      expect(back.classes).toEqual(model.classes);
      expect(back.fitReport).toEqual(model.fitReport);
      expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(model.predictProba(X).data));
      expect(back.predict(X)).toEqual(model.predict(X));
      expect(JSON.stringify(back)).toBe(JSON.stringify(model));
    });

    it(`${model.kind}: fromJSON rejects other formats, kinds, future versions and inconsistent shapes`, () => {
      const json = model.toJSON() as unknown as Record<string, unknown>;
      const bad =
        (patch: Record<string, unknown>): (() => unknown) =>
        () =>
          Model.fromJSON({ ...json, ...patch });
      expect(bad({ format: 'other' })).toThrow(ModelFormatError);
      expect(bad({ version: 2 })).toThrow(/newer than this logreg reads/);
      expect(bad({ kind: 'binary' })).toThrow(/kind must be/);
      expect(bad({ kind: undefined })).toThrow(/a binary model/);
      expect(bad({ intercepts: [0, 0] })).toThrow(/intercepts must be 3 finite numbers/);
      expect(
        bad({
          coefficients: [
            [1, 2, 3],
            [1, 2, 3],
          ],
        }),
      ).toThrow(/coefficients must be 3 rows/);
      expect(
        bad({
          coefficients: [
            [1, 2],
            [1, 2],
            [1, 2],
          ],
        }),
      ).toThrow(/of 3 finite numbers/);
      expect(bad({ classes: ['b', 'a', 'c'] })).toThrow(/sorted/);
      expect(bad({ classes: ['a', 'a', 'c'] })).toThrow(/distinct/);
      expect(bad({ fitReport: null })).toThrow(/fitReport/);
      expect(() => Model.fromJSON('model')).toThrow(/expected a model object/);
    });

    it(`${model.kind}: is immutable`, () => {
      expect(Object.isFrozen(model)).toBe(true);
      expect(Object.isFrozen(model.coefficients[0])).toBe(true);
      expect(Object.isFrozen(model.fitReport)).toBe(true);
    });

    it(`${model.kind}: checks X at prediction`, () => {
      expect(() => model.predictProba([[1, 2]])).toThrow(
        /predictProba: X has 2 features, but the model was trained on 3/,
      );
      expect(() => model.predict([[1, NaN, 2]])).toThrow(ValueError);
    });
  }
});

describe('modelFromJSON', () => {
  it('rebuilds binary, multinomial and one-vs-rest models by their kind', () => {
    const { X, y } = blobs(22, 60, 2);
    const binaryLabels = y.map((v) => v === 'a');
    const fitted = [
      train(X, binaryLabels),
      trainMulticlass(X, y),
      trainMulticlass(X, y, { multiClass: 'ovr' }),
    ];
    const types = [LogisticRegressionModel, MultinomialLogisticRegressionModel, OneVsRestModel];
    fitted.forEach((model, k) => {
      const back = modelFromJSON(JSON.parse(JSON.stringify(model)));
      expect(back).toBeInstanceOf(types[k]);
      expect(JSON.stringify(back)).toBe(JSON.stringify(model));
    });
    expect(() => modelFromJSON({ ...trainMulticlass(X, y).toJSON(), kind: 'tree' })).toThrow(
      /unknown model kind "tree"/,
    );
    expect(() => modelFromJSON(null)).toThrow(ModelFormatError);
  });
});

describe('trainMulticlass: validation', () => {
  const { X, y } = blobs(1, 30, 2);

  it('rejects options that do not apply to K classes', () => {
    expect(() => trainMulticlass(X, y, { positiveClass: 'a' })).toThrow(OptionError);
    expect(() => trainMulticlass(X, y, { initialCoefficients: [0, 0] })).toThrow(
      /binary models only/,
    );
    expect(() => trainMulticlass(X, y, { penalty: 'firth' })).toThrow(
      /not available for multinomial/,
    );
    expect(() => trainMulticlass(X, y, { profileConfidenceLevel: 0.95 })).toThrow(OptionError);
    expect(() => trainMulticlass(X, y, { multiClass: 'softmax' as unknown as 'ovr' })).toThrow(
      /option 'multiClass' must be one of 'multinomial', 'ovr', got "softmax"/,
    );
    expect(() => trainMulticlass(X, y, { C: -1 })).toThrow(/trainMulticlass: option 'C' must be/);
    expect(() => trainMulticlass(X, y, { colour: 1 } as never)).toThrow(/unknown option 'colour'/);
  });

  it('rejects a single class, length mismatches and bad X', () => {
    expect(() =>
      trainMulticlass(
        X,
        X.map(() => 'a'),
      ),
    ).toThrow(ValueError);
    expect(() => trainMulticlass(X, y.slice(1))).toThrow(/X has 30 rows, but y has 29 labels/);
    expect(() => trainMulticlass([], [])).toThrow(ShapeError);
    expect(() => trainMulticlass(X, y, { featureNames: ['one'] })).toThrow(
      /featureNames has 1 names/,
    );
    expect(() =>
      trainMulticlass(
        X,
        y.map((v, i) => (i === 3 ? 1 : v)),
      ),
    ).toThrow(/mixes label types/);
  });
});
