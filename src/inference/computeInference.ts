import { FirthObjective } from '../objectives/firthObjective.js';
import { LogisticObjective } from '../objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../objectives/logisticObjective.js';
import type { Penalty } from '../options/trainOptions.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import { coefficientCovariance, MAX_COVARIANCE_DIMENSION } from './coefficientCovariance.js';
import type { InferenceData } from './inferenceData.js';
import { nullLogLikelihood } from './nullLogLikelihood.js';
import { profileConfidenceIntervals } from './profileLikelihood.js';
import { clusterIndex, robustCovariance } from './robustCovariance.js';
import type { CovarianceOption } from './robustCovariance.js';

/** What {@link computeInference} needs from a finished fit. */
export interface FitForInference {
  readonly spec: LogisticObjectiveSpec;
  readonly penalty: Penalty;
  /** The solution in the solver's coordinates. */
  readonly theta: Float64Array;
  /**
   * Where the covariance's Hessian is formed (default `theta`): a Newton fit may pass the point of
   * its last Hessian, one step before `theta`, as R's glm forms its covariance from the weights
   * of its last IRLS iteration.
   */
  readonly hessianTheta?: Float64Array | undefined;
  readonly coefficients: Float64Array;
  readonly intercept: number;
  /** Mean (weighted) log loss at the solution. */
  readonly logLoss: number;
  readonly sumWeights: number;
  /** False when the estimate is meaningless (separated data fitted without a penalty). */
  readonly usable: boolean;
  readonly profileConfidenceLevel: number | undefined;
  /** A robust covariance to compute as well (maximum-likelihood fits). */
  readonly covariance?: CovarianceOption | undefined;
}

/**
 * Everything a summary needs, computed once at training time and stored with the model:
 * likelihoods, the covariance of unpenalized (or Firth) estimates and, on request, profile
 * likelihood intervals.
 */
export function computeInference(fit: FitForInference): InferenceData {
  const { spec, penalty, sumWeights } = fit;
  const { y, sampleWeight, fitIntercept } = spec;
  let nObservations = 0;
  for (let i = 0; i < y.length; i++) {
    if ((sampleWeight === undefined ? 1 : sampleWeight[i]) > 0) nObservations++;
  }
  const base = {
    logLikelihood: -fit.logLoss * sumWeights,
    nullLogLikelihood: nullLogLikelihood(y, sampleWeight, fitIntercept, sumWeights, spec.offset),
    nObservations,
  };
  if (penalty !== 'none' && penalty !== 'firth') return { ...base, covariance: null };
  if (!fit.usable) {
    return {
      ...base,
      covariance: null,
      covarianceNote: 'the data are separated: no finite estimates, so no standard errors',
    };
  }
  const logistic = new LogisticObjective({ ...spec, l2: 0 });
  const covariance = coefficientCovariance(
    logistic,
    fit.hessianTheta ?? fit.theta,
    sumWeights,
    spec.center,
    spec.scale,
    fitIntercept,
  );
  // The Gram pass re-acquired the kernel's memory and worker threads (train released them).
  spec.gradientKernel?.release();
  if (covariance === null) {
    const note =
      logistic.dimension > MAX_COVARIANCE_DIMENSION
        ? `more than ${MAX_COVARIANCE_DIMENSION} parameters: the covariance matrix is not computed`
        : 'the information matrix XᵀWX is singular (collinear features, or fitted probabilities of exactly 0 or 1): no standard errors';
    return { ...base, covariance: null, covarianceNote: note };
  }
  const option = fit.covariance;
  const result: InferenceData = {
    ...base,
    covariance: Array.from(covariance),
    ...(option === undefined ? {} : { robust: robust(fit, covariance, option) }),
  };
  if (fit.profileConfidenceLevel === undefined) return result;
  return { ...result, profile: profile(fit, covariance, fit.profileConfidenceLevel) };
}

/** The sandwich covariance the fit was asked for, in the model covariance's units and order. */
function robust(
  fit: FitForInference,
  bread: Float64Array,
  option: CovarianceOption,
): NonNullable<InferenceData['robust']> {
  const { X, y, sampleWeight, fitIntercept, offset } = fit.spec;
  const clusters =
    option.cluster === undefined ? undefined : clusterIndex(option.cluster, sampleWeight);
  const covariance = robustCovariance(
    {
      X,
      y,
      sampleWeight,
      coefficients: fit.coefficients,
      intercept: fit.intercept,
      fitIntercept,
      bread,
      offset,
    },
    option.type,
    clusters,
  );
  return {
    type: option.type,
    ...(clusters === undefined
      ? {}
      : {
          cluster: {
            ...(option.clusterName === undefined ? {} : { name: option.clusterName }),
            count: clusters.count,
          },
        }),
    covariance: Array.from(covariance),
  };
}

/** Profile intervals in coordinates where every original parameter is one coordinate (no centring). */
function profile(
  fit: FitForInference,
  covariance: Float64Array,
  level: number,
): NonNullable<InferenceData['profile']> {
  const { spec } = fit;
  const p = spec.scale.length;
  const uncentered: LogisticObjectiveSpec = { ...spec, l2: 0, center: new Float64Array(p) };
  const logistic = new LogisticObjective(uncentered);
  // Firth's constrained fits take Newton steps on the exact Hessian (quadratic convergence; the
  // Fisher information converges linearly, slowly on ill-conditioned data).
  const firth = fit.penalty === 'firth' ? new FirthObjective(uncentered) : undefined;
  const objective: TwiceDifferentiableObjective =
    firth === undefined
      ? logistic
      : {
          dimension: firth.dimension,
          valueAndGradient: (x, g) => firth.valueAndGradient(x, g),
          hessianVectorProduct: (x, v, out) => firth.hessianVectorProduct(x, v, out),
          hessian: (x, out) => firth.trueHessian(x, out),
        };
  const d = objective.dimension;
  const theta = new Float64Array(d);
  logistic.fromOriginal(fit.coefficients, fit.intercept, theta);
  const unit = new Float64Array(d).fill(1);
  for (let j = 0; j < p; j++) unit[j] = spec.scale[j];
  const se = new Float64Array(d);
  for (let k = 0; k < d; k++) se[k] = Math.sqrt(covariance[k * d + k]) * unit[k];
  const scaled = covariance.map((c, at) => c * unit[Math.floor(at / d)] * unit[at % d]);
  const bounds = profileConfidenceIntervals(objective, theta, fit.sumWeights, se, level, scaled);
  spec.gradientKernel?.release();
  return {
    level,
    lower: Array.from(bounds.lower, (v, k) => v / unit[k]),
    upper: Array.from(bounds.upper, (v, k) => v / unit[k]),
  };
}
