import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { scaledScore } from '../../src/math/scaledScore.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';

/** 40 rows, two overlapping classes; column 0 multiplied by `scale`. */
function data(scale: number): { X: number[][]; y: number[] } {
  const X = Array.from({ length: 40 }, (_, i) => [
    (((i * 7) % 11) - 5) * scale,
    ((i * 5) % 13) / 3,
  ]);
  const y = X.map((_, i) => (((i * 7) % 11) - 5 + ((i * 3) % 5) - 2 > 0 ? 1 : 0));
  return { X, y };
}

describe('scores that cannot be Inf − Inf', () => {
  it('scaledScore agrees with the plain sum where that is finite, and is finite where it is NaN', () => {
    const w = new Float64Array([0.5, -2, 3]);
    const x = new Float64Array([1e10, 3, -7]);
    expect(scaledScore(x, undefined, w, 0.25)).toBeCloseTo(0.5e10 - 6 - 21 + 0.25, 0);
    const big = new Float64Array([1.5e308, -1.79e308]);
    const ones = new Float64Array([1, 1]);
    expect(1.5e308 * 1 + -1.79e308 * 1 + 0).toBeCloseTo(-2.9e307, -300); // fine in this order…
    expect(Number.isNaN(2 * 1.5e308 + 2 * -1.79e308)).toBe(true); // …not with coefficients of 2
    expect(scaledScore(big, undefined, new Float64Array([2, 2]), 0) / -5.8e307).toBeCloseTo(1, 12);
    expect(scaledScore(big, undefined, ones, 1) / -2.9e307).toBeCloseTo(1, 12);
    expect(scaledScore(new Float64Array([1.7e308, 1.7e308]), undefined, ones, 0)).toBe(Infinity);
    expect(scaledScore(new Float64Array([0, 0]), undefined, ones, 0.5)).toBe(0.5);
    expect(scaledScore(new Float64Array([-1e308]), new Int32Array([2]), w, 0)).toBe(-Infinity);
  });

  it('predictProba on 1.5e308, −1.79e308 gives a probability, not NaN (dense and CSR)', () => {
    const model = new LogisticRegressionModel({
      coefficients: [2, 2],
      intercept: 0,
      classes: [0, 1],
      positiveClass: 1,
      featureNames: ['a', 'b'],
      fitReport: train(data(1).X, data(1).y).fitReport,
    });
    const X = [
      [1.5e308, -1.79e308],
      [-1.79e308, 1.5e308],
      [1.79e308, 1.79e308],
      [1, 2],
    ];
    const dense = { rows: 4, cols: 2, data: new Float64Array(X.flat()) };
    for (const input of [X, sparseFromDense(dense)]) {
      const p = Array.from(model.positiveProbability(input));
      expect(p.slice(0, 3)).toEqual([0, 0, 1]);
      expect(p[3]).toBeCloseTo(1 / (1 + Math.exp(-6)), 15);
    }
  });
});

describe('features far out of range', () => {
  it('entries of 1e150 still fit, with coefficients scaled by 1e−150 (the fit is scale-equivariant)', () => {
    const a = train(data(1).X, data(1).y, { penalty: 'none' });
    const b = train(data(1e150).X, data(1e150).y, { penalty: 'none' });
    expect(b.coefficients[0]! * 1e150).toBeCloseTo(a.coefficients[0]!, 6);
    expect(b.coefficients[1]).toBeCloseTo(a.coefficients[1]!, 6);
  });

  for (const scale of [1e153, 1e154, 1e200]) {
    it(`entries of ${scale} are refused naming the feature and the remedy, not zeroed`, () => {
      const { X, y } = data(scale);
      const fit = (): unknown => train(X, y, { featureNames: ['big', 'small'] });
      expect(fit).toThrow(ValueError);
      expect(fit).toThrow(
        new RegExp(
          `^train: feature 'big' has entries up to 5\\.00e\\+${Math.log10(scale)}, too large to fit: .*rescale it, e\\.g\\. divide it by 1e\\+${Math.log10(scale) - 2}$`,
        ),
      );
    });
  }
});

describe('p ≥ n without a penalty or with Firth', () => {
  const X = [
    [1, 2, 3],
    [2, 1, 0],
    [0, 1, 1],
  ];
  const y = [0, 1, 0];
  for (const penalty of ['none', 'firth'] as const) {
    it(`penalty '${penalty}' with 3 features and 3 rows is refused with the remedy`, () => {
      const fit = (): unknown => train(X, y, { penalty });
      expect(fit).toThrow(ValueError);
      expect(fit).toThrow(
        `train: penalty '${penalty}' needs fewer features than rows, got 3 features and 3 rows`,
      );
      expect(fit).toThrow(/use penalty 'l2' \(or 'l1'\), or fewer features$/);
    });
  }

  it("penalty 'l2' fits the same data", () => {
    expect(train(X, y, { penalty: 'l2' }).coefficients).toHaveLength(3);
  });
});
