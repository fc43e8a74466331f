import { checkMetricInputs } from './checkMetricInputs.js';
import { confusionCounts } from './confusionMatrix.js';
import type { ConfusionCounts } from './confusionMatrix.js';

/**
 * The harmonic mean of precision and recall, as scikit-learn's
 * `f1_score(y_true, y_pred, sample_weight=w, zero_division=0)`:
 * `F1 = 2·P·R / (P + R) = 2·tp / (2·tp + fp + fn)`, counts weighted.
 *
 * Zero division: when `tp + fp + fn = 0` (no positives, none predicted) F1 is undefined and this
 * returns 0, as scikit-learn does with `zero_division=0`. When precision alone is undefined
 * (nothing predicted positive) but positives exist, `tp = 0` and F1 is 0 by the same formula.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1].
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * f1Score([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // 2·2 / (2·2 + 1 + 1) = 2/3
 * ```
 */
export function f1Score(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return f1FromCounts(
    confusionCounts(checkMetricInputs('f1Score', yTrue, yPred, 'yPred', 'label', sampleWeight)),
  );
}

/** Internal: F1 of confusion counts, 0 when `tp + fp + fn = 0`. */
export function f1FromCounts(c: ConfusionCounts): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator > 0 ? (2 * c.tp) / denominator : 0;
}
