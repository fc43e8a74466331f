import { checkMetricInputs } from './checkMetricInputs.js';
import type { MetricInputs } from './checkMetricInputs.js';

/**
 * A binary confusion matrix in scikit-learn's layout: rows are the true class, columns the
 * predicted class, class 0 first: `[[tn, fp], [fn, tp]]`.
 */
export type ConfusionMatrix = readonly [
  readonly [tn: number, fp: number],
  readonly [fn: number, tp: number],
];

/** The four weighted counts of a binary confusion matrix. */
export interface ConfusionCounts {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

/**
 * The binary confusion matrix `[[tn, fp], [fn, tp]]`, as scikit-learn's
 * `confusion_matrix(y_true, y_pred, sample_weight=w)`.
 *
 * Each count is a sum of weights, e.g. `tp = Σᵢ wᵢ·[yᵢ = 1 ∧ ŷᵢ = 1]`; without `sampleWeight`
 * every row weighs 1 and the counts are row counts.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param yPred - predicted labels, length n, each 0 or 1.
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * confusionMatrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]); // [[1, 1], [1, 2]]
 * confusionMatrix([0, 1], [1, 1], [2, 0.5]); // [[0, 2], [0, 0.5]]
 * ```
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): ConfusionMatrix {
  return countsToMatrix(
    confusionCounts(
      checkMetricInputs('confusionMatrix', yTrue, yPred, 'yPred', 'label', sampleWeight),
    ),
  );
}

/**
 * The weighted confusion counts of checked inputs whose `values` are 0/1 predictions.
 * Internal kernel shared by the binary metrics; trusts its input.
 */
export function confusionCounts(inputs: MetricInputs): ConfusionCounts {
  const { y, values, weight } = inputs;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight[i]!;
    if (y[i] === 1) {
      if (values[i] === 1) tp += w;
      else fn += w;
    } else if (values[i] === 1) fp += w;
    else tn += w;
  }
  return { tn, fp, fn, tp };
}

/** Internal: the confusion matrix layout of {@link ConfusionCounts}. */
export function countsToMatrix(c: ConfusionCounts): ConfusionMatrix {
  return [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
}
