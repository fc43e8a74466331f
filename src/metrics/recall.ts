import { checkMetricInputs } from './checkMetricInputs.js';
import { confusionCounts } from './confusionMatrix.js';
import type { ConfusionCounts } from './confusionMatrix.js';

/**
 * The fraction of positives predicted positive (sensitivity, true positive rate), as
 * scikit-learn's `recall_score(y_true, y_pred, sample_weight=w, zero_division=0)`:
 * `recall = tp / (tp + fn)`, counts weighted.
 *
 * Zero division: when `yTrue` has no positives (`tp + fn = 0`) recall is undefined and this
 * returns 0, as scikit-learn does with `zero_division=0`.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1].
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * recall([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // 2/3
 * recall([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], [1, 1, 1, 1, 2]); // 2/4 = 0.5
 * ```
 */
export function recall(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return recallFromCounts(
    confusionCounts(checkMetricInputs('recall', yTrue, yPred, 'yPred', 'label', sampleWeight)),
  );
}

/** Internal: recall of confusion counts, 0 when there are no positives. */
export function recallFromCounts(c: ConfusionCounts): number {
  const positives = c.tp + c.fn;
  return positives > 0 ? c.tp / positives : 0;
}
