import { checkMetricInputs } from './checkMetricInputs.js';
import type { MetricInputs } from './checkMetricInputs.js';

/**
 * The mean squared difference between predicted probability and outcome, as scikit-learn's
 * `brier_score_loss(y_true, p, sample_weight=w)`:
 * `brierScore = (1/W)·Σᵢ wᵢ·(pᵢ − yᵢ)²`, `W = Σᵢ wᵢ`. Lower is better; 0.25 for a constant 0.5.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number in [0, 1].
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1] or NaN, a negative or
 *   non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * brierScore([1, 0, 1], [0.9, 0.2, 0.6]); // (0.01 + 0.04 + 0.16) / 3 = 0.07
 * ```
 */
export function brierScore(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return brierScoreFromInputs(
    checkMetricInputs('brierScore', yTrue, probability, 'probability', 'probability', sampleWeight),
  );
}

/** Internal: Brier score of checked inputs whose `values` are probabilities. */
export function brierScoreFromInputs(inputs: MetricInputs): number {
  const { y, values, weight, totalWeight } = inputs;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = values[i]! - y[i]!;
    sum += weight[i]! * d * d;
  }
  return sum / totalWeight;
}
