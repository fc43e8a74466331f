import { checkMetricInputs } from './checkMetricInputs.js';
import { confusionCounts } from './confusionMatrix.js';
import type { ConfusionCounts } from './confusionMatrix.js';

/**
 * The fraction of predicted positives that are positive, as scikit-learn's
 * `precision_score(y_true, y_pred, sample_weight=w, zero_division=0)`:
 * `precision = tp / (tp + fp)`, counts weighted.
 *
 * Zero division: when nothing is predicted positive (`tp + fp = 0`) precision is undefined and
 * this returns 0, as scikit-learn does with `zero_division=0` (its default also returns 0, with
 * a warning).
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1].
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * precision([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // 2/3
 * precision([0, 1], [0, 0]); // 0 (nothing predicted positive)
 * ```
 */
export function precision(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return precisionFromCounts(
    confusionCounts(checkMetricInputs('precision', yTrue, yPred, 'yPred', 'label', sampleWeight)),
  );
}

/** Internal: precision of confusion counts, 0 when nothing is predicted positive. */
export function precisionFromCounts(c: ConfusionCounts): number {
  const predicted = c.tp + c.fp;
  return predicted > 0 ? c.tp / predicted : 0;
}
