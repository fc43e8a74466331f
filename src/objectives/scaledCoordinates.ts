/**
 * The solvers' coordinates θ of a standardized fit and the original units: wⱼ = θⱼ / sⱼ and
 * b = θ_b − Σⱼ wⱼ·cⱼ (centers c, scales s), shared by the dense, streamed and SQL objectives.
 */

/**
 * Per-coefficient factors of the L2 penalty's gradient: ∂/∂θⱼ of (λ/2)·‖·‖² is λ·factorⱼ·θⱼ;
 * 1 when the penalty is on the scaled coefficients, 1/sⱼ² when it is on the original ones.
 */
export function penaltyFactors(scale: ArrayLike<number>, penalizeScaled: boolean): Float64Array {
  const factors = new Float64Array(scale.length);
  for (let j = 0; j < scale.length; j++)
    factors[j] = penalizeScaled ? 1 : 1 / (scale[j] * scale[j]);
  return factors;
}

/**
 * Writes the original-unit coefficients wⱼ = θⱼ / sⱼ into `wOut[0 … p − 1]` (p = the number of
 * scales; `wOut` may be longer) and returns the intercept b = θ_p − Σⱼ wⱼ·cⱼ (θ_p taken as 0
 * without an intercept).
 */
export function originalCoefficients(
  theta: Float64Array,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
  fitIntercept: boolean,
  wOut: Float64Array,
): number {
  const p = scale.length;
  let b = fitIntercept ? theta[p] : 0;
  for (let j = 0; j < p; j++) {
    wOut[j] = theta[j] / scale[j];
    b -= wOut[j] * center[j];
  }
  return b;
}

/**
 * Adds the L2 penalty's gradient λ·factorⱼ·θⱼ to `gradOut` and returns the penalty
 * (λ/2)·Σⱼ factorⱼ·θⱼ² (0 when λ = 0; the intercept, at index p, is never penalized).
 */
export function addL2Penalty(
  theta: Float64Array,
  factors: Float64Array,
  l2: number,
  gradOut: Float64Array,
): number {
  if (l2 <= 0) return 0;
  let pen = 0;
  for (let j = 0; j < factors.length; j++) {
    const t = factors[j] * theta[j];
    pen += t * theta[j];
    gradOut[j] += l2 * t;
  }
  return 0.5 * l2 * pen;
}
