import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  confusionMatrix,
  f1Score,
  precision,
  recall,
} from '../../src/metrics/index.js';
import { expectAllClose, threshold } from './expectClose.js';
import { medium, small } from './sklearnReference.js';

describe('label metrics on a hand-computed case', () => {
  // y: 0 0 1 1 1, ŷ: 0 1 1 1 0 → tn 1, fp 1, fn 1, tp 2.
  const y = [0, 0, 1, 1, 1];
  const yPred = [0, 1, 1, 1, 0];

  it('confusionMatrix is [[tn, fp], [fn, tp]]', () => {
    expect(confusionMatrix(y, yPred)).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('accuracy = (tp + tn) / n', () => expect(accuracy(y, yPred)).toBe(3 / 5));
  it('precision = tp / (tp + fp)', () => expect(precision(y, yPred)).toBe(2 / 3));
  it('recall = tp / (tp + fn)', () => expect(recall(y, yPred)).toBe(2 / 3));
  it('f1 = 2tp / (2tp + fp + fn)', () => expect(f1Score(y, yPred)).toBe(4 / 6));
  it('balancedAccuracy = mean of the class recalls', () =>
    expect(balancedAccuracy(y, yPred)).toBeCloseTo((1 / 2 + 2 / 3) / 2, 15));

  it('weights make every count a sum of weights', () => {
    const w = [1, 2, 0.5, 1, 3];
    expect(confusionMatrix(y, yPred, w)).toEqual([
      [1, 2],
      [3, 1.5],
    ]);
    expect(accuracy(y, yPred, w)).toBe(2.5 / 7.5);
    expect(precision(y, yPred, w)).toBe(1.5 / 3.5);
    expect(recall(y, yPred, w)).toBe(1.5 / 4.5);
  });

  it('the doc examples hold', () => {
    expect(confusionMatrix([0, 1], [1, 1], [2, 0.5])).toEqual([
      [0, 2],
      [0, 0.5],
    ]);
    expect(accuracy([0, 1], [0, 0], [3, 1])).toBe(0.75);
    expect(balancedAccuracy([0, 0, 0, 1], [0, 0, 0, 0])).toBe(0.5);
    expect(recall(y, yPred, [1, 1, 1, 1, 2])).toBe(0.5);
  });
});

describe('zero division gives 0 (scikit-learn zero_division=0)', () => {
  it('precision is 0 when nothing is predicted positive', () => {
    expect(precision([0, 1, 1], [0, 0, 0])).toBe(0);
  });
  it('recall is 0 when there are no positives', () => {
    expect(recall([0, 0, 0], [0, 1, 0])).toBe(0);
  });
  it('f1 is 0 when there are no positives and none predicted', () => {
    expect(f1Score([0, 0], [0, 0])).toBe(0);
  });
  it('f1 is 0 when positives exist but none is predicted', () => {
    expect(f1Score([1, 0], [0, 0])).toBe(0);
  });
  it('balancedAccuracy with one class present is that class recall', () => {
    expect(balancedAccuracy([0, 0, 0, 0], [0, 1, 0, 0])).toBe(0.75);
    expect(balancedAccuracy([1, 1], [1, 0])).toBe(0.5);
  });
  it('a row of weight 0 does not count', () => {
    expect(accuracy([0, 1], [0, 0], [1, 0])).toBe(1);
  });
});

describe('agreement with scikit-learn 1.2.1 (predictions p ≥ 0.5)', () => {
  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    for (const weighted of [false, true]) {
      const ref = weighted ? data.weighted : data.unweighted;
      const w = weighted ? data.w : undefined;
      const yPred = threshold(data.p);
      it(`${name}, ${weighted ? 'weighted' : 'unweighted'}`, () => {
        const cm = confusionMatrix(data.y, yPred, w);
        expectAllClose(
          [...cm[0], ...cm[1]],
          [...ref.confusionMatrix[0], ...ref.confusionMatrix[1]],
        );
        expect(accuracy(data.y, yPred, w)).toBeCloseTo(ref.accuracy, 14);
        expect(balancedAccuracy(data.y, yPred, w)).toBeCloseTo(ref.balancedAccuracy, 14);
        expect(precision(data.y, yPred, w)).toBeCloseTo(ref.precision, 14);
        expect(recall(data.y, yPred, w)).toBeCloseTo(ref.recall, 14);
        expect(f1Score(data.y, yPred, w)).toBeCloseTo(ref.f1, 14);
      });
    }
  }
});
