import { checkMetricInputs } from './checkMetricInputs.js';
import { calibrationCurveFromInputs, checkCalibrationOptions } from './calibrationCurve.js';

/** Options of {@link expectedCalibrationError}; the default `bins` is that of `calibrationCurve` (10). */
export interface ExpectedCalibrationErrorOptions {
  /** Number of equal-width bins on [0, 1], an integer ≥ 1. Default 10. */
  readonly bins?: number;
}

/**
 * The expected calibration error (Naeini et al., 2015; Guo et al., 2017) of predicted
 * probabilities over equal-width bins:
 *
 * `ECE = Σ_b (n_b / n)·|acc_b − conf_b|`,
 *
 * where, for the bins of {@link calibrationCurve} with `strategy: 'uniform'`, `n_b` is the
 * (weighted) count of bin b, `n` the total, `acc_b` its fraction of positives and `conf_b` its
 * mean predicted probability of the positive class. This is the binary "reliability" form
 * (probability of class 1), not the top-label confidence form used for multiclass networks.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param options - `bins` (default 10).
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1]; 0 when every bin is perfectly calibrated.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1], a negative or
 *   non-finite weight, weights summing to 0.
 * @throws {OptionError} `bins` not an integer ≥ 1, or an unknown option.
 * @example
 * ```ts
 * expectedCalibrationError([0, 0, 1, 1, 1], [0.1, 0.3, 0.35, 0.7, 0.9], { bins: 2 });
 * // (3/5)·|1/3 − 0.25| + (2/5)·|1 − 0.8| = 0.13
 * ```
 */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  options: ExpectedCalibrationErrorOptions = {},
  sampleWeight?: ArrayLike<number>,
): number {
  const where = 'expectedCalibrationError';
  const { bins } = checkCalibrationOptions(where, options, ['bins']);
  const inputs = checkMetricInputs(
    where,
    yTrue,
    probability,
    'probability',
    'probability',
    sampleWeight,
  );
  const { meanPredicted, fractionPositive, count } = calibrationCurveFromInputs(
    inputs,
    bins,
    'uniform',
  );
  let sum = 0;
  for (let b = 0; b < count.length; b++) {
    sum += count[b]! * Math.abs(fractionPositive[b]! - meanPredicted[b]!);
  }
  return sum / inputs.totalWeight;
}
