import { penaltyStrength } from './penaltyStrength.js';

/** The elastic-net penalty in the solver's coordinates θ, split into its smooth and L1 parts. */
export interface ElasticNetPenalty {
  /** λ₂ of LogisticObjective's (λ₂/2)·Σ penaltyFactorⱼ·θⱼ² term: (1 − l1Ratio)/(C·S). */
  readonly l2: number;
  /** κ (length p + 1 with an intercept, else p): the L1 term is Σⱼ κⱼ·|θⱼ|; κ = 0 on the intercept. */
  readonly l1Weights: Float64Array;
}

/**
 * scikit-learn's elastic net, `C·Σᵢ sᵢ·logloss_i + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²`, divided by
 * C·S (S = Σ sᵢ) as the rest of logreg does, and moved to the solver's coordinates θⱼ = wⱼ·scaleⱼ:
 *
 *   (1/(C·S))·[l1Ratio·Σⱼ qⱼ·|θⱼ| + (1 − l1Ratio)/2·Σⱼ qⱼ²·θⱼ²],  qⱼ = 1/scaleⱼ, or 1 with `penalizeScaled`
 *
 * (glmnet's `standardize`: the penalty acts on the standardized coefficients θ). The quadratic part
 * is LogisticObjective's `l2` (its penaltyFactor is qⱼ²); the L1 part's weights are κⱼ = λ₁·qⱼ,
 * λ₁ = l1Ratio/(C·S). Since θⱼ = 0 exactly when wⱼ = 0, zeros on either scale are the same zeros.
 * `l1Ratio` = 1 is the lasso (penalty `'l1'`), 0 is ridge (`'l2'`).
 *
 * @param scale - per-feature scale (length p, all > 0).
 * @example
 * elasticNetPenalty({ C: 1, l1Ratio: 0.5, sumWeights: 10, scale: new Float64Array([2]),
 *   penalizeScaled: false, fitIntercept: true }); // { l2: 0.05, l1Weights: [0.025, 0] }
 */
export function elasticNetPenalty(spec: {
  readonly C: number;
  readonly l1Ratio: number;
  readonly sumWeights: number;
  readonly scale: Float64Array;
  readonly penalizeScaled: boolean;
  readonly fitIntercept: boolean;
}): ElasticNetPenalty {
  const { C, l1Ratio, sumWeights, scale, penalizeScaled, fitIntercept } = spec;
  const p = scale.length;
  const { l1, l2 } = penaltyStrength(C, l1Ratio, sumWeights);
  const l1Weights = new Float64Array(p + (fitIntercept ? 1 : 0));
  for (let j = 0; j < p; j++) l1Weights[j] = penalizeScaled ? l1 : l1 / scale[j];
  return { l2, l1Weights };
}
