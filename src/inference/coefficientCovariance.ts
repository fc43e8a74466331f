import { choleskyInPlace, choleskyInverse } from '../linalg/cholesky.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';

/** Above this many parameters the covariance (d² numbers, d³ work) is not computed. */
export const MAX_COVARIANCE_DIMENSION = 500;

/**
 * The estimated covariance of the maximum-likelihood coefficients, the inverse Fisher information
 * (X̃ᵀWX̃)⁻¹ with Wᵢᵢ = sᵢ·pᵢ(1 − pᵢ), as R's `vcov(glm)`. Formed in the solver's scaled
 * coordinates θ, where the information is well conditioned, as (S·∇²F(θ))⁻¹, then mapped to the
 * original units: with w = θ_w/scale and b = θ_b − Σⱼ θⱼ·centerⱼ/scaleⱼ, Cov(w, b) = A·Cov(θ)·Aᵀ.
 *
 * @returns the p+1 (or p without intercept) square matrix, row-major, coefficients first and the
 * intercept last; or null when the information matrix is singular (collinear features) or too large.
 */
export function coefficientCovariance(
  objective: TwiceDifferentiableObjective,
  theta: Float64Array,
  sumWeights: number,
  center: Float64Array,
  scale: Float64Array,
  fitIntercept: boolean,
): Float64Array | null {
  const d = objective.dimension;
  if (d > MAX_COVARIANCE_DIMENSION || d === 0) return d === 0 ? new Float64Array(0) : null;
  const h = new Float64Array(d * d);
  objective.hessian(theta, h);
  for (let k = 0; k < h.length; k++) h[k] *= sumWeights;
  if (!choleskyInPlace(h, d)) return null;
  const c = choleskyInverse(h, d);
  const p = scale.length;
  const out = new Float64Array(d * d);
  // u_j = Σ_l C[j][l]·center_l/scale_l: the correction terms of the intercept row.
  const u = new Float64Array(d);
  if (fitIntercept) {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let l = 0; l < p; l++) s += (c[a * d + l] * center[l]) / scale[l];
      u[a] = s;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) out[a * d + b] = c[a * d + b] / (scale[a] * scale[b]);
  }
  if (fitIntercept) {
    for (let a = 0; a < p; a++) {
      const v = (c[a * d + p] - u[a]) / scale[a];
      out[a * d + p] = v;
      out[p * d + a] = v;
    }
    let s = 0;
    for (let l = 0; l < p; l++) s += (u[l] * center[l]) / scale[l];
    out[p * d + p] = c[p * d + p] - 2 * u[p] + s;
  }
  return out;
}
