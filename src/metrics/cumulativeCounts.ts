import { ValueError } from '../errors.js';
import type { MetricInputs } from './checkMetricInputs.js';

/**
 * Weighted true and false positive counts at every distinct score, from the highest score down:
 * the common ground of the ROC and precision–recall curves and of threshold tuning.
 *
 * With rows sorted by decreasing score and `t_k` the k-th distinct score,
 * `truePositives[k] = Σ wᵢ·[sᵢ ≥ t_k ∧ yᵢ = 1]` and `falsePositives[k] = Σ wᵢ·[sᵢ ≥ t_k ∧ yᵢ = 0]`,
 * i.e. the counts of the rule "positive when score ≥ t_k". The last entries are the totals of
 * positives and negatives.
 */
export interface CumulativeCounts {
  /** Distinct scores of the rows with positive weight, decreasing; length m ≤ n. */
  readonly thresholds: Float64Array;
  /** Length m, non-decreasing. */
  readonly truePositives: Float64Array;
  /** Length m, non-decreasing. */
  readonly falsePositives: Float64Array;
}

/**
 * Internal kernel: scikit-learn's `_binary_clf_curve` (scikit-learn ≥ 1.0). Rows of weight 0 are
 * dropped first, so their scores never become thresholds. O(n log n): one native numeric sort of
 * the scores gives the distinct thresholds, a binary search puts each row's weight in its
 * threshold's group, and running sums over the groups give the counts. (Summing per group first
 * can differ from scikit-learn's row-by-row `stable_cumsum` in the last bit when weights are
 * fractional; with integer weights both are exact.)
 *
 * @param inputs - checked inputs whose `values` are scores.
 */
export function cumulativeCounts(inputs: MetricInputs): CumulativeCounts {
  const { y, values: s, weight } = inputs;
  let kept = 0;
  for (let i = 0; i < y.length; i++) if (weight[i]! > 0) kept++;
  const sorted = new Float64Array(kept);
  for (let i = 0, k = 0; i < y.length; i++) if (weight[i]! > 0) sorted[k++] = s[i]!;
  sorted.sort();

  // Distinct scores, decreasing (−0 and +0 are one threshold, as in NumPy's `diff`).
  const distinct = new Float64Array(kept);
  let m = 0;
  for (let k = kept - 1; k >= 0; k--) {
    if (m === 0 || sorted[k] !== distinct[m - 1]) distinct[m++] = sorted[k]!;
  }
  const thresholds = distinct.slice(0, m);

  const truePositives = new Float64Array(m);
  const falsePositives = new Float64Array(m);
  for (let i = 0; i < y.length; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const g = indexOfDecreasing(thresholds, s[i]!);
    if (y[i] === 1) truePositives[g] += w;
    else falsePositives[g] += w;
  }
  for (let g = 1; g < m; g++) {
    truePositives[g] += truePositives[g - 1]!;
    falsePositives[g] += falsePositives[g - 1]!;
  }
  return { thresholds, truePositives, falsePositives };
}

/** The index of `x` in `values` (strictly decreasing, containing x), by binary search. */
function indexOfDecreasing(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Internal: throws unless the rows of positive weight include positives (`'positive'`) or both
 * classes (`'both'`), which the curve-based metrics need to be defined.
 *
 * @throws {ValueError} naming the missing class.
 */
export function requireClasses(
  where: string,
  counts: CumulativeCounts,
  need: 'positive' | 'both',
  why: string,
): void {
  const m = counts.thresholds.length;
  if (!(counts.truePositives[m - 1]! > 0)) {
    throw new ValueError(`${where}: yTrue has no positive rows (label 1 with weight > 0); ${why}`);
  }
  if (need === 'both' && !(counts.falsePositives[m - 1]! > 0)) {
    throw new ValueError(`${where}: yTrue has no negative rows (label 0 with weight > 0); ${why}`);
  }
}
