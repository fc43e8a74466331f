import { OptionError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import { accuracyFromCounts } from './accuracy.js';
import { averagePrecisionFromCounts } from './averagePrecision.js';
import { balancedAccuracyFromCounts } from './balancedAccuracy.js';
import { brierScoreFromInputs } from './brierScore.js';
import { checkMetricInputs, checkOptionKeys } from './checkMetricInputs.js';
import { confusionCounts, countsToMatrix } from './confusionMatrix.js';
import type { ConfusionMatrix } from './confusionMatrix.js';
import { cumulativeCounts } from './cumulativeCounts.js';
import { f1FromCounts } from './f1Score.js';
import { logLossFromInputs } from './logLoss.js';
import { precisionFromCounts } from './precision.js';
import { recallFromCounts } from './recall.js';
import { rocAucFromCounts } from './rocAuc.js';

/** Options of {@link binaryReport}; {@link defaultBinaryReportOptions} holds the defaults. */
export interface BinaryReportOptions {
  /** Predict positive when `probability >= threshold`; a number in [0, 1]. Default 0.5. */
  readonly threshold?: number;
}

/** The defaults of {@link BinaryReportOptions}, defined once. */
export const defaultBinaryReportOptions = { threshold: 0.5 } as const;

/** Every binary metric of one evaluation; see the function of the same name for each. */
export interface BinaryReport {
  /** Number of rows (not the sum of weights). */
  readonly n: number;
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  /** NaN when the rows of positive weight hold only one class. */
  readonly rocAuc: number;
  readonly brierScore: number;
  /** NaN when the rows of positive weight hold no positives. */
  readonly averagePrecision: number;
  /** `[[tn, fp], [fn, tp]]` at the threshold, weighted. */
  readonly confusionMatrix: ConfusionMatrix;
}

/**
 * Evaluates predicted probabilities against labels with every binary metric at once (the CLI's
 * `evaluate` command). The label metrics (accuracy, balancedAccuracy, precision, recall, f1,
 * confusionMatrix) use the predictions `ŷᵢ = [pᵢ ≥ threshold]`; logLoss and brierScore use the
 * probabilities; rocAuc and averagePrecision use their order. Inputs are checked once and the
 * scores sorted once, O(n log n).
 *
 * Each field equals the standalone function (`accuracy(yTrue, ŷ, w)`, `rocAuc(yTrue, p, w)`, …),
 * with one difference: where those throw because a class is missing (rocAuc with one class,
 * averagePrecision without positives), the report holds `NaN`, so that the metrics that are
 * defined are still reported (`JSON.stringify` writes NaN as `null`).
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param options - `threshold` (default 0.5).
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1], a negative or
 *   non-finite weight, weights summing to 0.
 * @throws {OptionError} `threshold` not a number in [0, 1], or an unknown option.
 * @example
 * ```ts
 * const report = binaryReport([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * report.accuracy; // 0.75 (predictions [0, 0, 0, 1])
 * report.rocAuc; // 0.75
 * report.confusionMatrix; // [[2, 0], [1, 1]]
 * ```
 */
export function binaryReport(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  options: BinaryReportOptions = {},
  sampleWeight?: ArrayLike<number>,
): BinaryReport {
  const where = 'binaryReport';
  checkOptionKeys(where, options, ['threshold']);
  const threshold = options.threshold ?? defaultBinaryReportOptions.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new OptionError(
      `${where}: threshold must be a number in [0, 1], got ${describe(threshold)}`,
    );
  }
  const inputs = checkMetricInputs(
    where,
    yTrue,
    probability,
    'probability',
    'probability',
    sampleWeight,
  );
  const p = inputs.values;
  const predicted = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) predicted[i] = p[i]! >= threshold ? 1 : 0;
  const counts = confusionCounts({ ...inputs, values: predicted });
  const curve = cumulativeCounts(inputs);
  const m = curve.thresholds.length;
  const hasPositives = curve.truePositives[m - 1]! > 0;
  const hasNegatives = curve.falsePositives[m - 1]! > 0;
  return {
    n: p.length,
    accuracy: accuracyFromCounts(counts),
    balancedAccuracy: balancedAccuracyFromCounts(counts),
    precision: precisionFromCounts(counts),
    recall: recallFromCounts(counts),
    f1: f1FromCounts(counts),
    logLoss: logLossFromInputs(inputs),
    rocAuc: hasPositives && hasNegatives ? rocAucFromCounts(curve) : NaN,
    brierScore: brierScoreFromInputs(inputs),
    averagePrecision: hasPositives ? averagePrecisionFromCounts(curve) : NaN,
    confusionMatrix: countsToMatrix(counts),
  };
}
