import { checkMetricInputs } from './checkMetricInputs.js';
import { confusionCounts } from './confusionMatrix.js';
import type { ConfusionCounts } from './confusionMatrix.js';

/**
 * The mean of the recalls of the two classes, as scikit-learn's
 * `balanced_accuracy_score(y_true, y_pred, sample_weight=w)`:
 * `balancedAccuracy = (tp / (tp + fn) + tn / (tn + fp)) / 2`, counts weighted.
 *
 * A class absent from `yTrue` (total weight 0) has no recall and is left out of the mean, as in
 * scikit-learn (which warns): with one class present the result is that class's recall.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1]; 0.5 for a constant prediction on data with both classes.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * balancedAccuracy([0, 0, 0, 1], [0, 0, 0, 0]); // 0.5 (accuracy would be 0.75)
 * balancedAccuracy([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // (1/2 + 2/3) / 2 = 0.58333…
 * ```
 */
export function balancedAccuracy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return balancedAccuracyFromCounts(
    confusionCounts(
      checkMetricInputs('balancedAccuracy', yTrue, yPred, 'yPred', 'label', sampleWeight),
    ),
  );
}

/** Internal: balanced accuracy of confusion counts whose total is positive. */
export function balancedAccuracyFromCounts(c: ConfusionCounts): number {
  const positives = c.tp + c.fn;
  const negatives = c.tn + c.fp;
  if (positives === 0) return c.tn / negatives;
  if (negatives === 0) return c.tp / positives;
  return (c.tp / positives + c.tn / negatives) / 2;
}
