import { checkMetricInputs } from './checkMetricInputs.js';
import type { MetricInputs } from './checkMetricInputs.js';

/**
 * Probabilities are clipped to `[logLossEpsilon, 1 − logLossEpsilon]` before taking logs, so a
 * confident wrong prediction costs at most `−log(1e-15) ≈ 34.54` instead of infinity. 1e-15 is
 * the `eps` scikit-learn's `log_loss` used by default up to version 1.1 (1.2 switched to the
 * machine epsilon of the input's dtype, 2.2e-16 for float64, and 1.5 removed the parameter).
 * A fixed, documented constant keeps results reproducible across versions.
 */
export const logLossEpsilon = 1e-15;

/**
 * The mean negative log-likelihood of the labels under the predicted probabilities (binary
 * cross-entropy), as scikit-learn's `log_loss(y_true, p, eps=1e-15, sample_weight=w)`:
 *
 * `logLoss = −(1/W)·Σᵢ wᵢ·[yᵢ·log(pᵢ) + (1 − yᵢ)·log(1 − pᵢ)]`, `W = Σᵢ wᵢ`,
 *
 * with `pᵢ` first clipped to `[ε, 1 − ε]`, `ε = `{@link logLossEpsilon}. `log(1 − p)` is
 * evaluated as `log1p(−p)`, exact for small `p`. This is the data term of the training objective
 * (the article's cost function) evaluated at given probabilities.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @returns a number ≥ 0 (natural log, nats); `log 2 ≈ 0.6931` for a constant 0.5 prediction.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1] or NaN, a negative or
 *   non-finite weight, weights summing to 0.
 * @example
 * ```ts
 * logLoss([0, 1], [0.5, 0.5]); // Math.LN2 = 0.6931…
 * logLoss([1, 0, 1], [0.9, 0.2, 0.6]); // −(log 0.9 + log 0.8 + log 0.6) / 3 = 0.2798…
 * ```
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  return logLossFromInputs(
    checkMetricInputs('logLoss', yTrue, probability, 'probability', 'probability', sampleWeight),
  );
}

/** Internal: log loss of checked inputs whose `values` are probabilities. */
export function logLossFromInputs(inputs: MetricInputs): number {
  const { y, values, weight, totalWeight } = inputs;
  const hi = 1 - logLossEpsilon;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const p = Math.min(Math.max(values[i]!, logLossEpsilon), hi);
    sum -= w * (y[i] === 1 ? Math.log(p) : Math.log1p(-p));
  }
  return sum / totalWeight;
}
