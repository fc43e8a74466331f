import { checkMetricInputs } from './checkMetricInputs.js';
import { cumulativeCounts, requireClasses } from './cumulativeCounts.js';
import type { CumulativeCounts } from './cumulativeCounts.js';
import { precisionRecallCurveFromCounts } from './precisionRecallCurve.js';

/**
 * Average precision, as scikit-learn's `average_precision_score(y_true, score, sample_weight=w)`:
 * the precision–recall curve summarized as a step function, without interpolation,
 *
 * `AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ`,
 *
 * over the thresholds from the highest down (R₋₁ = 0), with `Pₖ`, `Rₖ` the precision and
 * recall of "positive when score ≥ tₖ". Each gain in recall is paid at the precision where it
 * happens; a group of tied scores is one step. Unlike the trapezoid area under the PR curve this
 * is not optimistic. O(n log n).
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param score - any finite scores, higher meaning more likely positive, length n.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1]; the (weighted) fraction of positives for a constant score.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a non-finite score, a negative or non-finite weight,
 *   weights summing to 0, or no positive rows (AP is undefined; scikit-learn 1.2 returns 0 with a
 *   warning).
 * @example
 * ```ts
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.5·1 + 0.5·(2/3) = 0.8333…
 * ```
 */
export function averagePrecision(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  const counts = cumulativeCounts(
    checkMetricInputs('averagePrecision', yTrue, score, 'score', 'score', sampleWeight),
  );
  requireClasses('averagePrecision', counts, 'positive', 'average precision is undefined');
  return averagePrecisionFromCounts(counts);
}

/** Internal: average precision of cumulative counts that include positives. */
export function averagePrecisionFromCounts(counts: CumulativeCounts): number {
  const { precision, recall } = precisionRecallCurveFromCounts(counts);
  let sum = 0;
  for (let j = 0; j + 1 < recall.length; j++) sum += (recall[j]! - recall[j + 1]!) * precision[j]!;
  // Rounding in Σ Δrecall · precision can pass 1 (1.0000000000000002): AP lies in [0, 1].
  return Math.min(1, sum);
}
