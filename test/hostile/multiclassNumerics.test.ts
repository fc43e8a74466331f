import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { rescueClassScores, softmaxOfInfinite } from '../../src/model/extremeScores.js';
import { MultinomialLogisticRegressionModel } from '../../src/model/multinomialModel.js';
import { OneVsRestModel } from '../../src/model/oneVsRestModel.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';

/** 60 rows, three overlapping classes; column 0 multiplied by `scale`. */
function data(scale: number): { X: number[][]; y: string[] } {
  const X = Array.from({ length: 60 }, (_, i) => [
    (((i * 7) % 11) - 5) * scale,
    ((i * 5) % 13) / 3,
  ]);
  const y = X.map((_, i) => ['a', 'b', 'c'][(((i * 7) % 11) + ((i * 3) % 5)) % 3]!);
  return { X, y };
}

const base = trainMulticlass(data(1).X, data(1).y);
const baseOvr = trainMulticlass(data(1).X, data(1).y, { multiClass: 'ovr' });

/** Multiclass model data with the given coefficient rows, for the three classes a, b, c. */
function modelData(coefficients: number[][], intercepts: number[]) {
  return {
    coefficients,
    intercepts,
    classes: ['a', 'b', 'c'],
    featureNames: ['u', 'v'],
    fitReport: base.fitReport,
  };
}

describe('multiclass scores that cannot be Inf − Inf (issue 14)', () => {
  // Class a: 2u + 2v (−5.8e307 on row 0: finite only when summed scaled); class b: 0;
  // class c: u + v (row 2: +∞ even scaled).
  const coefficients = [
    [2, 2],
    [0, 0],
    [1, 1],
  ];
  const X = [
    [1.5e308, -1.79e308],
    [-1.79e308, 1.5e308],
    [1.79e308, 1.79e308],
    [1, 2],
  ];
  const dense = { rows: 4, cols: 2, data: new Float64Array(X.flat()) };
  const inputs = [X, sparseFromDense(dense)];

  it('decisionFunction: the plain sum is NaN, the scores are the scaled sums (dense and CSR)', () => {
    expect(Number.isNaN(2 * 1.5e308 + 2 * -1.79e308)).toBe(true);
    const model = new MultinomialLogisticRegressionModel(modelData(coefficients, [0, 0.5, 0]));
    for (const input of inputs) {
      const z = model.decisionFunction(input).data;
      expect(z[0]! / -5.8e307).toBeCloseTo(1, 12);
      expect(z[1]).toBe(0.5);
      expect(z[2]! / -2.9e307).toBeCloseTo(1, 12);
      expect(z[6]).toBe(Infinity);
      expect(z[8]).toBe(Infinity);
      expect(Array.from(z.subarray(9))).toEqual([6, 0.5, 3]);
    }
  });

  it('multinomial predictProba: finite input gives probabilities, never NaN', () => {
    const model = new MultinomialLogisticRegressionModel(modelData(coefficients, [0, 0.5, 0]));
    for (const input of inputs) {
      const p = Array.from(model.predictProba(input).data);
      expect(p.some(Number.isNaN)).toBe(false);
      expect(p.slice(0, 3)).toEqual([0, 1, 0]); // b's 0.5 beats −2.9e307 and −5.8e307
      expect(p.slice(6, 9)).toEqual([0.5, 0, 0.5]); // a and c both +∞
      const e = [Math.exp(6), Math.exp(0.5), Math.exp(3)];
      const sum = e[0]! + e[1]! + e[2]!;
      p.slice(9).forEach((v, k) => expect(v).toBeCloseTo(e[k]! / sum, 15));
      expect(model.predict(input).slice(0, 3)).toEqual(['b', 'b', 'a']);
    }
  });

  it('one-vs-rest predictProba: the same rows give normalized sigmoids, never NaN', () => {
    const model = new OneVsRestModel({
      ...modelData(coefficients, [0, 0.5, 0]),
      classFitReports: baseOvr.classFitReports,
    });
    for (const input of inputs) {
      const p = Array.from(model.predictProba(input).data);
      expect(p.some(Number.isNaN)).toBe(false);
      expect(p.slice(0, 3)).toEqual([0, 1, 0]);
      const s = 1 / (1 + Math.exp(-0.5)); // σ(0.5) of class b; a and c have σ(+∞) = 1
      expect(p.slice(6, 9)).toEqual([1 / (2 + s), s / (2 + s), 1 / (2 + s)]);
    }
  });

  it('softmaxOfInfinite: +∞ entries share 1; all −∞ is uniform', () => {
    const z = new Float64Array([9, Infinity, -Infinity, Infinity, -Infinity, -Infinity]);
    softmaxOfInfinite(z, 0, 4);
    softmaxOfInfinite(z, 4, 6);
    expect(Array.from(z)).toEqual([0, 0.5, 0, 0.5, 0.5, 0.5]);
  });

  it('rescueClassScores leaves finite and infinite scores alone', () => {
    const scores = new Float64Array([1, Infinity, -Infinity]);
    rescueClassScores(
      { rows: 1, cols: 1, data: new Float64Array([1]) },
      new Float64Array([1, 1, 1]),
      new Float64Array(3),
      scores,
      'test',
    );
    expect(Array.from(scores)).toEqual([1, Infinity, -Infinity]);
  });
});

describe('multiclass features whose squares overflow (issue 14)', () => {
  for (const multiClass of ['multinomial', 'ovr'] as const) {
    for (const scale of [1e154, 1e200]) {
      it(`${multiClass}: entries of ${scale} are refused naming the feature and the remedy`, () => {
        const { X, y } = data(scale);
        const fit = (): unknown =>
          trainMulticlass(X, y, { multiClass, featureNames: ['big', 'small'] });
        expect(fit).toThrow(ValueError);
        expect(fit).toThrow(
          new RegExp(
            `^trainMulticlass: feature 'big' has entries up to 5\\.00e\\+${Math.log10(scale)}, too large to fit: .*divide it by 1e\\+${Math.log10(scale) - 2}$`,
          ),
        );
      });
    }
    it(`${multiClass}: entries of 1e150 still fit, coefficients scaled by 1e−150`, () => {
      const a = trainMulticlass(data(1).X, data(1).y, { multiClass, penalty: 'none' });
      const b = trainMulticlass(data(1e150).X, data(1e150).y, { multiClass, penalty: 'none' });
      for (let k = 0; k < 3; k++) {
        expect(b.coefficients[k]![0]! * 1e150).toBeCloseTo(a.coefficients[k]![0]!, 5);
        expect(b.coefficients[k]![1]).toBeCloseTo(a.coefficients[k]![1]!, 5);
      }
    });
  }
});
