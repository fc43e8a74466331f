import {
  coefficientCovariance,
  MAX_COVARIANCE_DIMENSION,
} from '../inference/coefficientCovariance.js';
import type { InferenceData } from '../inference/inferenceData.js';
import type { StreamedLogisticObjective } from '../objectives/streamedLogisticObjective.js';
import type { TrainPlan } from '../options/trainPlan.js';
import type { StreamMoments } from './streamMoments.js';

/**
 * maxᵢ sᵢ·‖x̃ᵢ‖² bounded from the columns' ranges: ‖x̃ᵢ‖² ≤ [1] + Σⱼ max((minⱼ − cⱼ)², (maxⱼ − cⱼ)²)/scaleⱼ²
 * (no pass of its own; a looser bound than the in-memory one, so sgd's default step is smaller).
 */
export function largestRowNorm(
  moments: StreamMoments,
  center: Float64Array,
  scale: Float64Array,
  fitIntercept: boolean,
): number {
  let squared = fitIntercept ? 1 : 0;
  for (let j = 0; j < center.length; j++) {
    const far = Math.max(
      Math.abs(moments.min[j] - center[j]),
      Math.abs(moments.max[j] - center[j]),
    );
    squared += (far / scale[j]) ** 2;
  }
  return moments.maxWeight * squared;
}

/** Likelihoods and, without a penalty, the covariance from one more Hessian pass. */
export function streamInference(
  objective: StreamedLogisticObjective,
  theta: Float64Array,
  moments: StreamMoments,
  penalty: 'l2' | 'none',
  logLoss: number,
  plan: TrainPlan,
  scaling: { readonly center: Float64Array; readonly scale: Float64Array },
): InferenceData {
  const S = moments.sumWeights;
  const rate = moments.positiveWeight / S;
  const xlogx = (v: number): number => (v > 0 ? v * Math.log(v) : 0);
  const base = {
    logLikelihood: -logLoss * S,
    nullLogLikelihood: plan.fitIntercept ? S * (xlogx(rate) + xlogx(1 - rate)) : S * Math.log(0.5),
    nObservations: moments.positiveWeightRows,
  };
  if (penalty !== 'none') return { ...base, covariance: null };
  const covariance = coefficientCovariance(
    objective,
    theta,
    S,
    scaling.center,
    scaling.scale,
    plan.fitIntercept,
  );
  if (covariance === null) {
    const note =
      objective.dimension > MAX_COVARIANCE_DIMENSION
        ? `more than ${MAX_COVARIANCE_DIMENSION} parameters: the covariance matrix is not computed`
        : 'the information matrix XᵀWX is singular (collinear features, or fitted probabilities of exactly 0 or 1): no standard errors';
    return { ...base, covariance: null, covarianceNote: note };
  }
  return { ...base, covariance: Array.from(covariance) };
}
