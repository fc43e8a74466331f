import { coefficientCovariance } from '../inference/coefficientCovariance.js';
import type { InferenceData } from '../inference/inferenceData.js';
import type { SqlObjective } from './sqlObjective.js';

/** Newton forms the d × d Hessian in one query of d(d + 1)/2 sums: at most this d. */
export const SQL_HESSIAN_MAX_DIMENSION = 200;

/**
 * The inference a SQL fit stores, as `computeInference` does in memory: the log-likelihoods and,
 * for maximum likelihood, the covariance (X̃ᵀWX̃)⁻¹ from one more Hessian query at the estimate
 * (R's `vcov(glm)`); penalized fits have none.
 */
export function sqlInference(
  objective: SqlObjective,
  theta: Float64Array,
  fit: {
    readonly maximumLikelihood: boolean;
    readonly logLoss: number;
    readonly sumWeights: number;
    readonly rate: number;
    readonly fitIntercept: boolean;
    readonly nObservations: number;
    readonly center: Float64Array;
    readonly scale: Float64Array;
  },
): InferenceData {
  const S = fit.sumWeights;
  const xlogx = (v: number): number => (v > 0 ? v * Math.log(v) : 0);
  const base = {
    logLikelihood: -fit.logLoss * S,
    nullLogLikelihood: fit.fitIntercept
      ? S * (xlogx(fit.rate) + xlogx(1 - fit.rate))
      : S * Math.log(0.5),
    nObservations: fit.nObservations,
  };
  if (!fit.maximumLikelihood) return { ...base, covariance: null };
  if (objective.dimension > SQL_HESSIAN_MAX_DIMENSION) {
    return {
      ...base,
      covariance: null,
      covarianceNote: `no standard errors above ${SQL_HESSIAN_MAX_DIMENSION} parameters inside a SQL engine`,
    };
  }
  const covariance = coefficientCovariance(
    objective,
    theta,
    S,
    fit.center,
    fit.scale,
    fit.fitIntercept,
  );
  return covariance === null
    ? { ...base, covariance: null, covarianceNote: 'the information matrix is singular' }
    : { ...base, covariance: Array.from(covariance) };
}
