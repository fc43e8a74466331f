import { ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { describe, toMatrix } from '../validation/toMatrix.js';
import { checkArrayLike, checkSampleWeight } from './checkMetricInputs.js';
import { logLossEpsilon } from './logLoss.js';
import { averageAreas, perClassRocAuc } from './multiclassRocAuc.js';

/** Every multiclass metric of one evaluation. */
export interface MulticlassReport {
  /** Number of rows (not the sum of weights). */
  readonly n: number;
  /** `Σᵢ wᵢ·[ŷᵢ = yᵢ] / Σᵢ wᵢ` with `ŷᵢ = argmax_c pᵢc`. */
  readonly accuracy: number;
  /** `−Σᵢ wᵢ·log pᵢ,yᵢ / Σᵢ wᵢ`, probabilities clipped to [1e-15, 1 − 1e-15] and rows renormalized. */
  readonly logLoss: number;
  /** Unweighted means over the classes present in `yTrue` or the predictions. */
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  /** Means over the classes weighted by their (weighted) support in `yTrue`. */
  readonly weightedPrecision: number;
  readonly weightedRecall: number;
  readonly weightedF1: number;
  /** k × k, `confusionMatrix[true][predicted]` = summed weight; all k classes, present or not. */
  readonly confusionMatrix: number[][];
  /**
   * One-vs-rest ROC AUC averaged over the classes (scikit-learn's `roc_auc_score(multi_class='ovr',
   * average='macro')`; see multiclassRocAuc), or null when a class is absent from `yTrue` (or is
   * all of it), where it is undefined.
   */
  readonly macroRocAuc: number | null;
  /** The same averaged with the classes' (weighted) supports as weights (`average='weighted'`). */
  readonly weightedRocAuc: number | null;
}

/** Predicted probability rows must sum to 1 within this. */
const rowSumTolerance = 1e-6;

/**
 * Evaluates predicted class probabilities of a k-class model against class indices, as
 * scikit-learn's `accuracy_score`, `log_loss(eps=1e-15)`, `precision_recall_fscore_support`
 * (`average='macro'` and `'weighted'`, `zero_division=0`), `confusion_matrix` and
 * `roc_auc_score(multi_class='ovr')` (macro and weighted; see multiclassRocAuc), all with
 * `sample_weight=w`.
 *
 * The prediction of row i is `argmax_c pᵢc` (the lowest class index on ties, as `np.argmax`).
 * Per class c, with weighted counts: `precision_c = tp_c / predicted_c`, `recall_c = tp_c / true_c`,
 * `F1_c = 2·tp_c / (predicted_c + true_c)`, each 0 when its denominator is 0 (scikit-learn's
 * `zero_division=0`). Macro means average over the classes present (weight > 0) in `yTrue` or in
 * the predictions, as scikit-learn does with its default `labels`; weighted means weight class c
 * by `true_c`. The log loss clips probabilities to [1e-15, 1 − 1e-15] and renormalizes each row
 * to sum 1, as scikit-learn 1.2's `log_loss` does; unlike it, rows that do not sum to 1 are
 * rejected rather than silently rescaled.
 *
 * @param yTrue - class indices, length n, integers in 0 … k − 1.
 * @param probabilities - n × k row-major `{ rows, cols, data }` (or n rows of k numbers): row i
 *   holds the probabilities of the k classes, each in [0, 1], summing to 1 (within 1e-6).
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input, fewer than 2 columns, or row counts that differ.
 * @throws {ValueError} a label not an integer in 0 … k − 1, a probability outside [0, 1] or a row
 *   not summing to 1, a negative or non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * const p = { rows: 3, cols: 3, data: Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]) };
 * const report = multiclassReport([0, 1, 1], p);
 * report.accuracy; // 2/3 (predictions [0, 1, 2])
 * report.confusionMatrix; // [[1, 0, 0], [0, 1, 1], [0, 0, 0]]
 * report.macroRecall; // (1 + 0.5 + 0) / 3 = 0.5 (class 2 is predicted, so it counts)
 * ```
 */
export function multiclassReport(
  yTrue: ArrayLike<number>,
  probabilities: MatrixInput,
  sampleWeight?: ArrayLike<number>,
): MulticlassReport {
  const where = 'multiclassReport';
  const P = toMatrix(probabilities, where, 'probabilities');
  const { rows: n, cols: k, data } = P;
  if (k < 2) {
    throw new ShapeError(`${where}: probabilities needs one column per class (≥ 2), got ${k}`);
  }
  checkArrayLike(where, 'yTrue', yTrue);
  if (yTrue.length !== n) {
    throw new ShapeError(
      `${where}: yTrue has ${yTrue.length} values, but probabilities has ${n} rows`,
    );
  }
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c: unknown = yTrue[i];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= k) {
      throw new ValueError(
        `${where}: yTrue[${i}] must be a class index, an integer in 0 … ${k - 1}, got ${describe(c)}`,
      );
    }
    y[i] = c;
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = data[i * k + j]!;
      if (v < 0 || v > 1) {
        throw new ValueError(
          `${where}: probabilities[${i}][${j}] must be a probability in [0, 1], got ${v}`,
        );
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > rowSumTolerance) {
      throw new ValueError(`${where}: probabilities row ${i} sums to ${sum}, expected 1`);
    }
  }
  const { weight, totalWeight } = checkSampleWeight(where, n, sampleWeight);

  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const hi = 1 - logLossEpsilon;
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const row = i * k;
    let predicted = 0;
    let clippedSum = 0;
    for (let j = 0; j < k; j++) {
      const v = data[row + j]!;
      if (v > data[row + predicted]!) predicted = j;
      clippedSum += Math.min(Math.max(v, logLossEpsilon), hi);
    }
    const c = y[i]!;
    confusion[c]![predicted]! += w;
    if (predicted === c) correct += w;
    loss -= w * Math.log(Math.min(Math.max(data[row + c]!, logLossEpsilon), hi) / clippedSum);
  }

  let macroPrecision = 0;
  let macroRecall = 0;
  let macroF1 = 0;
  let weightedPrecision = 0;
  let weightedRecall = 0;
  let weightedF1 = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c]![c]!;
    let trueTotal = 0;
    let predictedTotal = 0;
    for (let j = 0; j < k; j++) {
      trueTotal += confusion[c]![j]!;
      predictedTotal += confusion[j]![c]!;
    }
    if (trueTotal === 0 && predictedTotal === 0) continue;
    present++;
    const p = predictedTotal > 0 ? tp / predictedTotal : 0;
    const r = trueTotal > 0 ? tp / trueTotal : 0;
    const f = (2 * tp) / (predictedTotal + trueTotal);
    macroPrecision += p;
    macroRecall += r;
    macroF1 += f;
    weightedPrecision += trueTotal * p;
    weightedRecall += trueTotal * r;
    weightedF1 += trueTotal * f;
  }
  const areas = perClassRocAuc(y, data, n, k, weight, where);
  const defined = areas.every((a) => a !== null);
  return {
    n,
    accuracy: correct / totalWeight,
    logLoss: loss / totalWeight,
    macroPrecision: macroPrecision / present,
    macroRecall: macroRecall / present,
    macroF1: macroF1 / present,
    weightedPrecision: weightedPrecision / totalWeight,
    weightedRecall: weightedRecall / totalWeight,
    weightedF1: weightedF1 / totalWeight,
    confusionMatrix: confusion,
    macroRocAuc: defined ? averageAreas(areas as number[], y, weight, 'macro') : null,
    weightedRocAuc: defined ? averageAreas(areas as number[], y, weight, 'weighted') : null,
  };
}
