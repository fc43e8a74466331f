import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  binaryReport,
  brierScore,
  confusionMatrix,
  defaultBinaryReportOptions,
  f1Score,
  logLoss,
  precision,
  recall,
  rocAuc,
} from '../../src/metrics/index.js';
import { threshold } from './expectClose.js';
import { medium, small } from './sklearnReference.js';

describe('binaryReport', () => {
  it('reports the doc example', () => {
    const report = binaryReport([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(report.n).toBe(4);
    expect(report.accuracy).toBe(0.75);
    expect(report.rocAuc).toBe(0.75);
    expect(report.confusionMatrix).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });

  it('uses the threshold 0.5 by default, predicting positive when p ≥ threshold', () => {
    expect(defaultBinaryReportOptions.threshold).toBe(0.5);
    expect(binaryReport([0, 1], [0.5, 0.5]).confusionMatrix).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(binaryReport([0, 1], [0.5, 0.5], { threshold: 0.6 }).confusionMatrix).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    for (const weighted of [false, true]) {
      const w = weighted ? data.w : undefined;
      const ref = weighted ? data.weighted : data.unweighted;
      it(`equals the standalone metrics and scikit-learn on ${name}, ${weighted ? 'weighted' : 'unweighted'}`, () => {
        const report = binaryReport(data.y, data.p, {}, w);
        const yPred = threshold(data.p, 0.5);
        expect(report).toEqual({
          n: data.y.length,
          accuracy: accuracy(data.y, yPred, w),
          balancedAccuracy: balancedAccuracy(data.y, yPred, w),
          precision: precision(data.y, yPred, w),
          recall: recall(data.y, yPred, w),
          f1: f1Score(data.y, yPred, w),
          logLoss: logLoss(data.y, data.p, w),
          rocAuc: rocAuc(data.y, data.p, w),
          brierScore: brierScore(data.y, data.p, w),
          averagePrecision: averagePrecision(data.y, data.p, w),
          confusionMatrix: confusionMatrix(data.y, yPred, w),
        });
        expect(report.accuracy).toBeCloseTo(ref.accuracy, 14);
        expect(report.f1).toBeCloseTo(ref.f1, 14);
        expect(report.logLoss).toBeCloseTo(ref.logLoss, 13);
        expect(report.rocAuc).toBeCloseTo(ref.rocAuc, 14);
        expect(report.averagePrecision).toBeCloseTo(ref.averagePrecision, 14);
      });
    }
  }

  it('reports NaN for rocAuc and averagePrecision when they are undefined, the rest as usual', () => {
    const negativesOnly = binaryReport([0, 0, 0], [0.2, 0.6, 0.1]);
    expect(negativesOnly.rocAuc).toBeNaN();
    expect(negativesOnly.averagePrecision).toBeNaN();
    expect(negativesOnly.accuracy).toBeCloseTo(2 / 3, 15);
    const positivesOnly = binaryReport([1, 1], [0.2, 0.6]);
    expect(positivesOnly.rocAuc).toBeNaN();
    expect(positivesOnly.averagePrecision).toBe(1);
  });

  it('counts rows in n, not weights', () => {
    expect(binaryReport([0, 1, 1], [0.2, 0.6, 0.7], {}, [0, 2.5, 1]).n).toBe(3);
  });

  it('rejects a threshold outside [0, 1] and unknown options', () => {
    expect(() => binaryReport([0, 1], [0.2, 0.6], { threshold: 1.5 })).toThrow(
      'binaryReport: threshold must be a number in [0, 1], got 1.5',
    );
    // @ts-expect-error: an unknown option, as from JavaScript
    expect(() => binaryReport([0, 1], [0.2, 0.6], { cutoff: 0.3 })).toThrow(OptionError);
  });
});
