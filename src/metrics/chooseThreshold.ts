import { OptionError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import { checkMetricInputs, checkOptionKeys } from './checkMetricInputs.js';
import { cumulativeCounts, requireClasses } from './cumulativeCounts.js';

/** What {@link chooseThreshold} optimizes. */
export type ThresholdCriterion = 'f1' | 'youden' | 'recall';

/** Options of {@link chooseThreshold}. */
export interface ChooseThresholdOptions {
  /**
   * `'f1'`: maximize F1 = 2·tp / (2·tp + fp + fn). `'youden'`: maximize Youden's
   * J = TPR − FPR (sensitivity + specificity − 1). `'recall'`: the highest threshold whose recall
   * is at least `targetRecall` (the most precise rule that finds that share of positives).
   */
  readonly criterion: ThresholdCriterion;
  /** Required with, and only with, `criterion: 'recall'`: a number in (0, 1]. */
  readonly targetRecall?: number;
}

/** A decision threshold and the value of the criterion it achieves. */
export interface ChosenThreshold {
  /** Predict positive when `probability >= threshold`; always one of the given probabilities. */
  readonly threshold: number;
  /** F1, Youden's J or the recall of that rule on the given data. */
  readonly value: number;
}

/**
 * Tunes the decision threshold of "positive when `probability >= threshold`" on labelled data.
 *
 * Candidates are the distinct probabilities of rows with weight > 0 (any threshold between two
 * consecutive ones gives the same predictions, so these are all the distinct rules that predict
 * something positive). For each candidate t the weighted counts TP(t), FP(t) come from one sort,
 * O(n log n), and with P, N the class totals:
 * - `'f1'`: `argmax_t 2·TP / (TP + FP + P)`;
 * - `'youden'`: `argmax_t TP/P − FP/N`;
 * - `'recall'`: `max { t : TP(t)/P ≥ targetRecall }`.
 *
 * Ties in the maximum go to the highest threshold (the rule predicting fewest positives). The
 * threshold is tuned on the data it is evaluated on: use held-out data for an honest estimate.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param options - the criterion, and `targetRecall` for `'recall'`.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1], a negative or
 *   non-finite weight, weights summing to 0, no positive rows, or (for `'youden'`) no negative rows.
 * @throws {OptionError} an unknown criterion or option, `targetRecall` missing, outside (0, 1],
 *   or given with another criterion.
 * @example
 * ```ts
 * const y = [0, 0, 1, 1];
 * const p = [0.1, 0.4, 0.35, 0.8];
 * chooseThreshold(y, p, { criterion: 'f1' }); // { threshold: 0.35, value: 0.8 }
 * chooseThreshold(y, p, { criterion: 'youden' }); // { threshold: 0.8, value: 0.5 } (0.35 ties)
 * chooseThreshold(y, p, { criterion: 'recall', targetRecall: 1 }); // { threshold: 0.35, value: 1 }
 * ```
 */
export function chooseThreshold(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  options: ChooseThresholdOptions,
  sampleWeight?: ArrayLike<number>,
): ChosenThreshold {
  const where = 'chooseThreshold';
  checkOptionKeys(where, options, ['criterion', 'targetRecall']);
  const { criterion, targetRecall } = options;
  if (criterion !== 'f1' && criterion !== 'youden' && criterion !== 'recall') {
    throw new OptionError(
      `${where}: criterion must be "f1", "youden" or "recall", got ${describe(criterion)}`,
    );
  }
  if (criterion === 'recall') {
    if (typeof targetRecall !== 'number' || !(targetRecall > 0 && targetRecall <= 1)) {
      throw new OptionError(
        `${where}: targetRecall must be a number in (0, 1] with criterion "recall", got ${describe(targetRecall)}`,
      );
    }
  } else if (targetRecall !== undefined) {
    throw new OptionError(
      `${where}: targetRecall applies only to criterion "recall", but criterion is "${criterion}"`,
    );
  }
  const counts = cumulativeCounts(
    checkMetricInputs(where, yTrue, probability, 'probability', 'probability', sampleWeight),
  );
  requireClasses(
    where,
    counts,
    criterion === 'youden' ? 'both' : 'positive',
    `criterion "${criterion}" is undefined`,
  );

  const { thresholds: t, truePositives: tp, falsePositives: fp } = counts;
  const m = t.length;
  const positives = tp[m - 1]!;
  const negatives = fp[m - 1]!;
  if (criterion === 'recall') {
    // Recall is non-decreasing as the threshold falls, and reaches 1 at the lowest threshold.
    let k = 0;
    while (tp[k]! / positives < targetRecall! && k < m - 1) k++;
    return { threshold: t[k]!, value: tp[k]! / positives };
  }
  let best = 0;
  let bestValue = -Infinity;
  for (let k = 0; k < m; k++) {
    const value =
      criterion === 'f1'
        ? (2 * tp[k]!) / (tp[k]! + fp[k]! + positives)
        : tp[k]! / positives - fp[k]! / negatives;
    if (value > bestValue) {
      best = k;
      bestValue = value;
    }
  }
  return { threshold: t[best]!, value: bestValue };
}
