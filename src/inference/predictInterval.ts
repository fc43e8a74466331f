import { OptionError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import { sigmoid } from '../math/sigmoid.js';
import { normalQuantile } from '../stats/normalDistribution.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { chooseCovariance } from './chooseCovariance.js';
import type { StandardErrorType } from './chooseCovariance.js';
import type { SummarizableModel } from './summarize.js';

/** Options of {@link predictInterval}. */
export interface PredictIntervalOptions {
  /** Confidence level, in (0, 1). Default 0.95. */
  readonly level?: number;
  /**
   * The covariance behind the standard errors: `'model'` (default, as `predict.glm`), or a robust
   * one stored at training (see SummaryOptions.se).
   */
  readonly se?: StandardErrorType;
  /** One offset per row, for a model fitted with one (see PredictOptions). */
  readonly offset?: readonly number[] | Float64Array;
}

/** Predictions with their uncertainty, one entry per row of X. */
export interface PredictionIntervals {
  readonly level: number;
  /** The linear predictor z = w·x + b (+ the offset) (R's `predict(type = "link")`). */
  readonly link: Float64Array;
  /** √(x̃ᵀVx̃), x̃ = (x, 1): R's `se.fit` on the link scale. */
  readonly linkStdError: Float64Array;
  /** z ∓ Φ⁻¹((1 + level)/2)·se. */
  readonly linkLower: Float64Array;
  readonly linkUpper: Float64Array;
  /** σ(z), the probability of the positive class. */
  readonly probability: Float64Array;
  /** The delta-method p(1 − p)·se: R's `se.fit` with `type = "response"`. */
  readonly probabilityStdError: Float64Array;
  /** σ of the link interval's endpoints: inside [0, 1], and not symmetric around p. */
  readonly probabilityLower: Float64Array;
  readonly probabilityUpper: Float64Array;
}

/** What {@link predictInterval} reads of a model. */
export interface IntervalModel extends SummarizableModel {
  decisionFunction(
    X: MatrixInput,
    options?: { readonly offset?: readonly number[] | Float64Array },
  ): Float64Array;
}

/**
 * Predictions with standard errors and confidence intervals, as R's
 * `predict.glm(fit, newdata, se.fit = TRUE)` followed by the inverse link: the linear predictor
 * z = x̃ᵀβ has variance x̃ᵀVx̃ (V the stored covariance, parameters in the model's order:
 * coefficients, then the intercept); the interval z ± q·se (q = Φ⁻¹((1 + level)/2)) is mapped
 * through σ to the probability scale, which keeps it inside [0, 1]. Aliased features have
 * coefficient 0 and zero covariance rows, so they add nothing (R: "prediction from a
 * rank-deficient fit"). A model fitted with an offset needs `offset` (one per row): it shifts the
 * link and its interval, and adds no variance (it is known).
 *
 * @param X - m × p rows as for `predictProba` (dense or CSR).
 * @throws {OptionError} a level outside (0, 1), or an `se` whose covariance the model lacks.
 * @throws {ValueError} a model without a covariance (penalized fits, separated data).
 * @throws {ShapeError} X with the wrong feature count.
 * @example
 * const model = train(X, y, { penalty: 'none' });
 * const { probabilityLower, probabilityUpper } = model.predictInterval([[1, 2]], { level: 0.9 });
 */
export function predictInterval(
  model: IntervalModel,
  X: MatrixInput,
  options: PredictIntervalOptions = {},
): PredictionIntervals {
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new OptionError(
      `predictInterval: level must be a number in (0, 1), got ${String(level)}`,
    );
  }
  const { covariance } = chooseCovariance(model.inference, options.se ?? 'model');
  if (covariance === null) {
    const why =
      model.fitReport.penalty === 'none' || model.fitReport.penalty === 'firth'
        ? (model.inference?.covarianceNote ?? 'no covariance matrix was stored with this model')
        : `penalized fit (${model.fitReport.penalty}): the covariance of penalized estimates is not computed; train with penalty 'none' or 'firth'`;
    throw new ValueError(`predictInterval: no standard errors: ${why}`);
  }
  // decisionFunction checks X's shape and values.
  const link = model.decisionFunction(
    X,
    options.offset === undefined ? undefined : { offset: options.offset },
  );
  const matrix = toFeatureMatrix(X, 'predictInterval');
  const p = model.coefficients.length;
  const d = p + (model.fitReport.fitIntercept ? 1 : 0);
  const m = link.length;
  const x = new Float64Array(d);
  const q = normalQuantile((1 + level) / 2);
  const out = {
    linkStdError: new Float64Array(m),
    linkLower: new Float64Array(m),
    linkUpper: new Float64Array(m),
    probability: new Float64Array(m),
    probabilityStdError: new Float64Array(m),
    probabilityLower: new Float64Array(m),
    probabilityUpper: new Float64Array(m),
  };
  for (let i = 0; i < m; i++) {
    if (isSparseMatrix(matrix)) {
      x.fill(0, 0, p);
      for (let k = matrix.indptr[i]; k < matrix.indptr[i + 1]; k++) {
        x[matrix.indices[k]] = matrix.values[k];
      }
    } else {
      for (let j = 0; j < p; j++) x[j] = matrix.data[i * p + j];
    }
    if (d > p) x[p] = 1;
    let variance = 0;
    for (let a = 0; a < d; a++) {
      if (x[a] === 0) continue;
      let t = 0;
      for (let b = 0; b < d; b++) t += covariance[a * d + b] * x[b];
      variance += x[a] * t;
    }
    const se = Math.sqrt(Math.max(variance, 0));
    const z = link[i];
    const mu = sigmoid(z);
    out.linkStdError[i] = se;
    out.linkLower[i] = z - q * se;
    out.linkUpper[i] = z + q * se;
    out.probability[i] = mu;
    out.probabilityStdError[i] = mu * (1 - mu) * se;
    out.probabilityLower[i] = sigmoid(z - q * se);
    out.probabilityUpper[i] = sigmoid(z + q * se);
  }
  return { level, link, ...out };
}
