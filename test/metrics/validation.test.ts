import { describe, expect, it } from 'vitest';
import { InputError, OptionError, ShapeError, ValueError } from '../../src/errors.js';
import * as metrics from '../../src/metrics/index.js';

type Binary = (y: ArrayLike<number>, x: ArrayLike<number>, w?: ArrayLike<number>) => unknown;

/** Every binary metric with the three-argument shape, and the kind of its second argument. */
const binary: [string, Binary, 'label' | 'probability' | 'score'][] = [
  ['confusionMatrix', metrics.confusionMatrix, 'label'],
  ['accuracy', metrics.accuracy, 'label'],
  ['balancedAccuracy', metrics.balancedAccuracy, 'label'],
  ['precision', metrics.precision, 'label'],
  ['recall', metrics.recall, 'label'],
  ['f1Score', metrics.f1Score, 'label'],
  ['logLoss', metrics.logLoss, 'probability'],
  ['brierScore', metrics.brierScore, 'probability'],
  ['rocCurve', metrics.rocCurve, 'score'],
  ['rocAuc', metrics.rocAuc, 'score'],
  ['precisionRecallCurve', metrics.precisionRecallCurve, 'score'],
  ['averagePrecision', metrics.averagePrecision, 'score'],
  ['calibrationCurve', (y, x, w) => metrics.calibrationCurve(y, x, {}, w), 'probability'],
  [
    'expectedCalibrationError',
    (y, x, w) => metrics.expectedCalibrationError(y, x, {}, w),
    'probability',
  ],
  [
    'chooseThreshold',
    (y, x, w) => metrics.chooseThreshold(y, x, { criterion: 'f1' }, w),
    'probability',
  ],
  ['binaryReport', (y, x, w) => metrics.binaryReport(y, x, {}, w), 'probability'],
];

const y = [0, 1, 1, 0];
const x = [0, 1, 1, 1];

describe.each(binary)('%s checks its input at the boundary', (name, f, kind) => {
  it('accepts arrays and typed arrays, and never mutates its input', () => {
    const yy = Object.freeze([...y]);
    const xx = Object.freeze([...x]);
    const ww = Object.freeze([1, 2, 0.5, 1]);
    expect(() => f(yy, xx, ww)).not.toThrow();
    expect(f(Float64Array.from(y), Float64Array.from(x), Float64Array.from(ww))).toEqual(
      f(y, x, ww),
    );
  });

  it('throws ShapeError for mismatched lengths, empty input and non-arrays', () => {
    expect(() => f(y, [0, 1, 1])).toThrow(
      `${name}: ${kind === 'label' ? 'yPred' : kind} has 3 values, but yTrue has 4`,
    );
    expect(() => f(y, x, [1, 1])).toThrow(`${name}: sampleWeight has 2 values, but yTrue has 4`);
    expect(() => f([], [])).toThrow(`${name}: yTrue is empty`);
    expect(() => f('0101' as unknown as number[], x)).toThrow(ShapeError);
    expect(() => f(y, 3 as unknown as number[])).toThrow(ShapeError);
  });

  it('throws ValueError for a label other than 0/1', () => {
    expect(() => f([0, 2, 1, 0], x)).toThrow(
      `${name}: yTrue[1] must be 0 or 1 (1 = positive class), got 2`,
    );
    expect(() => f([0, true, 1, 0] as unknown as number[], x)).toThrow(ValueError);
  });

  it('throws ValueError for a bad second argument', () => {
    const arg = kind === 'label' ? 'yPred' : kind;
    if (kind === 'label') {
      expect(() => f(y, [0, 0.5, 1, 1])).toThrow(`${name}: yPred[1] must be 0 or 1, got 0.5`);
    } else if (kind === 'probability') {
      expect(() => f(y, [0, 1.5, 1, 1])).toThrow(
        `${name}: probability[1] must be a probability in [0, 1], got 1.5`,
      );
    }
    expect(() => f(y, [0, NaN, 1, 1])).toThrow(new RegExp(`^${name}: ${arg}\\[1\\] must be`));
    expect(() => f(y, [0, Infinity, 1, 1])).toThrow(ValueError);
  });

  it('throws ValueError for negative, non-finite or all-zero weights', () => {
    expect(() => f(y, x, [1, -1, 1, 1])).toThrow(
      `${name}: sampleWeight[1] must be a finite number ≥ 0, got -1`,
    );
    expect(() => f(y, x, [1, NaN, 1, 1])).toThrow(ValueError);
    expect(() => f(y, x, [1, Infinity, 1, 1])).toThrow(ValueError);
    expect(() => f(y, x, [0, 0, 0, 0])).toThrow(
      `${name}: sampleWeight sums to 0; at least one row needs a positive weight`,
    );
  });
});

describe('metrics that need a class throw ValueError without it', () => {
  it('rocCurve and rocAuc need both classes (with positive weight)', () => {
    expect(() => metrics.rocAuc([1, 1], [0.2, 0.4])).toThrow(
      'rocAuc: yTrue has no negative rows (label 0 with weight > 0); ROC AUC is undefined',
    );
    expect(() => metrics.rocCurve([0, 0], [0.2, 0.4])).toThrow(
      'rocCurve: yTrue has no positive rows (label 1 with weight > 0); the ROC curve is undefined',
    );
    expect(() => metrics.rocAuc([0, 1], [0.2, 0.4], [1, 0])).toThrow(ValueError);
  });
  it('precisionRecallCurve and averagePrecision need positives', () => {
    expect(() => metrics.averagePrecision([0, 0], [0.2, 0.4])).toThrow(ValueError);
    expect(() => metrics.precisionRecallCurve([0, 0], [0.2, 0.4])).toThrow(ValueError);
  });
});

describe('options are checked', () => {
  it('calibrationCurve: bins, strategy, unknown keys', () => {
    expect(() => metrics.calibrationCurve(y, x, { bins: 0 })).toThrow(
      'calibrationCurve: bins must be an integer ≥ 1, got 0',
    );
    expect(() => metrics.calibrationCurve(y, x, { bins: 2.5 })).toThrow(OptionError);
    // @ts-expect-error: an unknown strategy, as from JavaScript
    expect(() => metrics.calibrationCurve(y, x, { strategy: 'kmeans' })).toThrow(
      'calibrationCurve: strategy must be "uniform" or "quantile", got "kmeans"',
    );
    // @ts-expect-error: an unknown option, as from JavaScript
    expect(() => metrics.calibrationCurve(y, x, { nBins: 5 })).toThrow(
      'calibrationCurve: unknown option "nBins"; expected one of "bins", "strategy"',
    );
  });
  it('expectedCalibrationError takes bins only (its bins are uniform)', () => {
    // @ts-expect-error: strategy is not an option of expectedCalibrationError
    expect(() => metrics.expectedCalibrationError(y, x, { strategy: 'quantile' })).toThrow(
      OptionError,
    );
  });
  it('options must be an object', () => {
    expect(() => metrics.binaryReport(y, x, null as unknown as object)).toThrow(
      'binaryReport: options must be an object, got null',
    );
  });
});

it('every error is an InputError', () => {
  expect(() => metrics.accuracy([2], [0])).toThrow(InputError);
});
