import { checkMetricInputs } from './checkMetricInputs.js';
import { confusionCounts } from './confusionMatrix.js';
import type { ConfusionCounts } from './confusionMatrix.js';

/**
 * The (weighted) fraction of correct predictions, as scikit-learn's
 * `accuracy_score(y_true, y_pred, sample_weight=w)`:
 * `accuracy = Σᵢ wᵢ·[yᵢ = ŷᵢ] / Σᵢ wᵢ = (tp + tn) / (tp + tn + fp + fn)`.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1].
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * accuracy([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // 0.6
 * accuracy([0, 1], [0, 0], [3, 1]); // 0.75
 * ```
 */
export function accuracy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return accuracyFromCounts(
    confusionCounts(checkMetricInputs('accuracy', yTrue, yPred, 'yPred', 'label', sampleWeight)),
  );
}

/** Internal: accuracy of confusion counts whose total is positive. */
export function accuracyFromCounts(c: ConfusionCounts): number {
  return (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
}
