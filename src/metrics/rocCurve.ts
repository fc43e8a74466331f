import { checkMetricInputs } from './checkMetricInputs.js';
import { cumulativeCounts, requireClasses } from './cumulativeCounts.js';
import type { CumulativeCounts } from './cumulativeCounts.js';

/** The receiver operating characteristic curve: one point per threshold. */
export interface RocCurve {
  /** False positive rate `FP(t) / N` of the rule "positive when score ≥ t"; starts at 0, ends at 1. */
  readonly fpr: Float64Array;
  /** True positive rate (recall) `TP(t) / P`; starts at 0, ends at 1. */
  readonly tpr: Float64Array;
  /** Decreasing: `+Infinity`, then every distinct score (of rows with weight > 0). */
  readonly thresholds: Float64Array;
}

/**
 * The ROC curve, as scikit-learn's `roc_curve(y_true, score, sample_weight=w,
 * drop_intermediate=False)` (scikit-learn ≥ 1.3, whose first threshold is `+inf`; 1.2 and older
 * used `max(score) + 1` there).
 *
 * For each threshold t (decreasing): `fpr(t) = Σ wᵢ·[sᵢ ≥ t ∧ yᵢ = 0] / N`,
 * `tpr(t) = Σ wᵢ·[sᵢ ≥ t ∧ yᵢ = 1] / P`, with `N`, `P` the weighted class totals. The first point
 * (threshold `+Infinity`, nothing predicted positive) is (0, 0); the last (threshold = lowest
 * score) is (1, 1). Tied scores give one point, so a tie draws a diagonal segment. Rows of
 * weight 0 are ignored. O(n log n).
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param score - any finite scores, higher meaning more likely positive (probabilities,
 *   decision function values), length n.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns three arrays of equal length m + 1, m = number of distinct scores.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a non-finite score, a negative or non-finite weight,
 *   weights summing to 0, or only one class present (the curve is undefined).
 * @example
 * ```ts
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr        [0,   0,   0.5, 0.5,  1  ]
 * // tpr        [0,   0.5, 0.5, 1,    1  ]
 * // thresholds [Inf, 0.8, 0.4, 0.35, 0.1]
 * ```
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): RocCurve {
  const counts = cumulativeCounts(
    checkMetricInputs('rocCurve', yTrue, score, 'score', 'score', sampleWeight),
  );
  requireClasses('rocCurve', counts, 'both', 'the ROC curve is undefined');
  return rocCurveFromCounts(counts);
}

/** Internal: the ROC curve of cumulative counts that include both classes. */
export function rocCurveFromCounts(counts: CumulativeCounts): RocCurve {
  const { thresholds: t, truePositives: tp, falsePositives: fp } = counts;
  const m = t.length;
  const positives = tp[m - 1]!;
  const negatives = fp[m - 1]!;
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = Infinity;
  for (let k = 0; k < m; k++) {
    fpr[k + 1] = fp[k]! / negatives;
    tpr[k + 1] = tp[k]! / positives;
    thresholds[k + 1] = t[k]!;
  }
  return { fpr, tpr, thresholds };
}
