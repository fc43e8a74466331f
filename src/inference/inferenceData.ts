import type { RobustCovariance } from './robustCovariance.js';

/**
 * What a fit stores for statistical inference, so that a summary needs no data
 * (`logreg summary model.json`). Parameter order everywhere: the coefficients, then the intercept.
 */
export interface InferenceData {
  /** (X̃ᵀWX̃)⁻¹, row-major; null for penalized fits, singular information or too many features. */
  readonly covariance: readonly number[] | null;
  /** ℓ(β̂) = Σ sᵢ·log p(yᵢ | xᵢ), the (weighted) log-likelihood at the estimate. */
  readonly logLikelihood: number;
  /** ℓ of the null model: the fitted intercept-only model, or p = ½ without an intercept. */
  readonly nullLogLikelihood: number;
  /** Rows with a positive weight (R's `nobs`). */
  readonly nObservations: number;
  /** Why there are no standard errors, when covariance is null. */
  readonly covarianceNote?: string;
  /** The robust or cluster-robust covariance asked for at training (`covariance` option). */
  readonly robust?: RobustCovariance;
  /** Profile-likelihood bounds, when the fit was asked for them. */
  readonly profile?: {
    readonly level: number;
    readonly lower: readonly number[];
    readonly upper: readonly number[];
  };
}
