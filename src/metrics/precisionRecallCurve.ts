import { checkMetricInputs } from './checkMetricInputs.js';
import { cumulativeCounts, requireClasses } from './cumulativeCounts.js';
import type { CumulativeCounts } from './cumulativeCounts.js';

/** The precision–recall curve, in scikit-learn's order (increasing threshold). */
export interface PrecisionRecallCurve {
  /** Length m + 1: `precision[k]` at `thresholds[k]`, then a final 1 (no threshold). */
  readonly precision: Float64Array;
  /** Length m + 1, non-increasing: `recall[k]` at `thresholds[k]`, then a final 0. */
  readonly recall: Float64Array;
  /** Length m: the distinct scores (of rows with weight > 0), increasing. */
  readonly thresholds: Float64Array;
}

/**
 * The precision–recall curve, as scikit-learn's
 * `precision_recall_curve(y_true, score, sample_weight=w)` (scikit-learn ≥ 1.1, with its
 * default `drop_intermediate=False`).
 *
 * For each distinct score t (increasing), the rule "positive when score ≥ t" has
 * `precision(t) = TP(t) / (TP(t) + FP(t))` and `recall(t) = TP(t) / P`, counts weighted. The
 * arrays end with the point (recall 0, precision 1), which has no threshold, so that the curve
 * reaches the precision axis. Rows of weight 0 are ignored. O(n log n).
 *
 * Unlike scikit-learn, which warns and sets every recall to 1, this throws when `yTrue` has no
 * positives: recall is then undefined.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param score - any finite scores, higher meaning more likely positive, length n.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a non-finite score, a negative or non-finite weight,
 *   weights summing to 0, or no positive rows.
 * @example
 * ```ts
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // precision  [0.5,  2/3,  0.5, 1,   1]
 * // recall     [1,    1,    0.5, 0.5, 0]
 * // thresholds [0.1,  0.35, 0.4, 0.8]
 * ```
 */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): PrecisionRecallCurve {
  const counts = cumulativeCounts(
    checkMetricInputs('precisionRecallCurve', yTrue, score, 'score', 'score', sampleWeight),
  );
  requireClasses('precisionRecallCurve', counts, 'positive', 'recall is undefined');
  return precisionRecallCurveFromCounts(counts);
}

/** Internal: the precision–recall curve of cumulative counts that include positives. */
export function precisionRecallCurveFromCounts(counts: CumulativeCounts): PrecisionRecallCurve {
  const { thresholds: t, truePositives: tp, falsePositives: fp } = counts;
  const m = t.length;
  const positives = tp[m - 1]!;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const j = m - 1 - k;
    const predicted = tp[k]! + fp[k]!;
    precision[j] = predicted > 0 ? tp[k]! / predicted : 0;
    recall[j] = tp[k]! / positives;
    thresholds[j] = t[k]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}
