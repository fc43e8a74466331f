import { checkMetricInputs } from './checkMetricInputs.js';
import { cumulativeCounts, requireClasses } from './cumulativeCounts.js';
import type { CumulativeCounts } from './cumulativeCounts.js';
import { rocCurveFromCounts } from './rocCurve.js';

/**
 * The area under the ROC curve, as scikit-learn's `roc_auc_score(y_true, score, sample_weight=w)`
 * for binary labels.
 *
 * Trapezoid rule over the points of {@link rocCurve}: `AUC = Σₖ (fprₖ₊₁ − fprₖ)·(tprₖ₊₁ + tprₖ)/2`.
 * This equals the probability that a random positive scores above a random negative, ties
 * counting one half (the Mann–Whitney U statistic divided by P·N, weighted by wᵢ·wⱼ), because
 * a group of tied scores draws a diagonal segment. Depends only on the order of the scores, so it
 * is invariant under strictly increasing transforms (probability or log-odds give the same AUC).
 * O(n log n).
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param score - any finite scores, higher meaning more likely positive, length n.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1]; 0.5 for a constant score, 1 for a perfect ranking.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a non-finite score, a negative or non-finite weight,
 *   weights summing to 0, or only one class present (AUC is undefined; scikit-learn raises too).
 * @example
 * ```ts
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * rocAuc([0, 1], [0.5, 0.5]); // 0.5 (a tie counts one half)
 * ```
 */
export function rocAuc(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  const counts = cumulativeCounts(
    checkMetricInputs('rocAuc', yTrue, score, 'score', 'score', sampleWeight),
  );
  requireClasses('rocAuc', counts, 'both', 'ROC AUC is undefined');
  return rocAucFromCounts(counts);
}

/** Internal: ROC AUC of cumulative counts that include both classes. */
export function rocAucFromCounts(counts: CumulativeCounts): number {
  const { fpr, tpr } = rocCurveFromCounts(counts);
  let area = 0;
  for (let k = 1; k < fpr.length; k++) {
    area += ((fpr[k]! - fpr[k - 1]!) * (tpr[k]! + tpr[k - 1]!)) / 2;
  }
  return area;
}
