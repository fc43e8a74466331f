import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';

/**
 * ℓ₀, the (weighted) log-likelihood of R's null model, the reference of the null deviance and the
 * likelihood-ratio test. With an intercept it is the intercept-only fit; without, the model whose
 * scores are all 0 (p = ½). Without an offset the intercept-only fit is closed-form,
 * ℓ₀ = S·(r·log r + (1 − r)·log(1 − r)) with r the weighted positive rate. With an offset o the
 * null model keeps it (R's `glm` refits `y ~ 1 + offset(o)`): ℓ₀ = maxᵦ Σ sᵢ·[yᵢηᵢ − log(1 + e^ηᵢ)]
 * with ηᵢ = b + oᵢ, a concave one-dimensional problem solved here by Newton's method with step
 * halving, from b = logit(r) − mean(o), until the step is below 1e-15·(1 + |b|); without an
 * intercept, ℓ₀ = Σ sᵢ·[yᵢoᵢ − log(1 + e^oᵢ)].
 *
 * @param y - 0/1 labels; `sampleWeight` one weight per row (undefined: ones), S = Σ sᵢ.
 */
export function nullLogLikelihood(
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  fitIntercept: boolean,
  sumWeights: number,
  offset?: Float64Array,
): number {
  const m = y.length;
  const s = (i: number): number => (sampleWeight === undefined ? 1 : sampleWeight[i]);
  if (offset === undefined) {
    if (!fitIntercept) return sumWeights * Math.log(0.5);
    let positive = 0;
    for (let i = 0; i < m; i++) positive += s(i) * y[i];
    const rate = positive / sumWeights;
    const xlogx = (v: number): number => (v > 0 ? v * Math.log(v) : 0);
    return sumWeights * (xlogx(rate) + xlogx(1 - rate));
  }
  const logLikelihood = (b: number): number => {
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const eta = b + offset[i];
      sum += s(i) * (y[i] * eta - log1pExp(eta));
    }
    return sum;
  };
  if (!fitIntercept) return logLikelihood(0);
  let positive = 0;
  let meanOffset = 0;
  for (let i = 0; i < m; i++) {
    positive += s(i) * y[i];
    meanOffset += s(i) * offset[i];
  }
  const rate = Math.min(Math.max(positive / sumWeights, 1e-12), 1 - 1e-12);
  let b = Math.log(rate / (1 - rate)) - meanOffset / sumWeights;
  let value = logLikelihood(b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradient = 0;
    let curvature = 0;
    for (let i = 0; i < m; i++) {
      const mu = sigmoid(b + offset[i]);
      gradient += s(i) * (y[i] - mu);
      curvature += s(i) * mu * (1 - mu);
    }
    if (!(curvature > 0)) break;
    let step = gradient / curvature;
    let next = logLikelihood(b + step);
    for (let halving = 0; halving < 60 && !(next >= value); halving++) {
      step /= 2;
      next = logLikelihood(b + step);
    }
    if (!(next >= value)) break;
    b += step;
    value = next;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(b))) break;
  }
  return value;
}
