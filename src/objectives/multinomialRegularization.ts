/**
 * The quadratic terms that `MultinomialObjective` adds to the data term, in θ space: the ridge
 * penalty (λ/2)·Σₖ Σⱼ fⱼ·θₖⱼ² (fⱼ = 1 on the standardized scale, 1/scaleⱼ² in original units;
 * intercepts are not penalized) and the gauge G(θ) = (γ/2)·Σₐ(Σₖ θₖₐ)², γ = 1/K, which pins the
 * softmax's free shift (see `MultinomialObjective`). θ has K blocks of q entries.
 */
export interface MultinomialRegularization {
  readonly classCount: number;
  /** Entries per class block, q. */
  readonly stride: number;
  /** fⱼ for the p coefficients of a block. */
  readonly penaltyFactor: Float64Array;
  /** γ = 1/K. */
  readonly gauge: number;
  /** First gauge coordinate within a block: 0 (all), or p (the intercept only). */
  readonly gaugeStart: number;
}

/**
 * Adds the penalty's and the gauge's contribution at θ applied to `v` to `out` (their Hessian
 * times v; with v = θ, their gradient, both terms being quadratic) and returns their value at θ.
 */
export function addRegularization(
  r: MultinomialRegularization,
  l2: number,
  theta: Float64Array,
  v: Float64Array,
  out: Float64Array,
): number {
  const { classCount: K, stride: q, gauge, penaltyFactor } = r;
  const p = penaltyFactor.length;
  let penalty = 0;
  if (l2 > 0) {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) {
        const t = penaltyFactor[j] * theta[k * q + j];
        penalty += t * theta[k * q + j];
        out[k * q + j] += l2 * penaltyFactor[j] * v[k * q + j];
      }
    }
  }
  let gaugeValue = 0;
  for (let a = r.gaugeStart; a < q; a++) {
    let sumTheta = 0;
    let sumV = 0;
    for (let k = 0; k < K; k++) {
      sumTheta += theta[k * q + a];
      sumV += v[k * q + a];
    }
    gaugeValue += sumTheta * sumTheta;
    for (let k = 0; k < K; k++) out[k * q + a] += gauge * sumV;
  }
  return 0.5 * l2 * penalty + 0.5 * gauge * gaugeValue;
}

/** Adds the penalty's and the gauge's (constant) Hessians to a full θ-space Hessian (dim × dim). */
export function regularizationHessian(
  r: MultinomialRegularization,
  l2: number,
  out: Float64Array,
): void {
  const { classCount: K, stride: q, penaltyFactor } = r;
  const p = penaltyFactor.length;
  const dim = K * q;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < p; j++) out[(k * q + j) * (dim + 1)] += l2 * penaltyFactor[j];
  }
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) {
      for (let a = r.gaugeStart; a < q; a++) out[(k * q + a) * dim + l * q + a] += r.gauge;
    }
  }
}
