/**
 * λ₁ and λ₂ of the penalty from C, the one place logreg turns C into strengths.
 *
 * scikit-learn's objective `C·Σᵢ sᵢ·logloss_i + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²` divided by
 * C·S (S = Σ sᵢ), so that the loss reads as a mean: λ₁ = l1Ratio/(C·S), λ₂ = (1 − l1Ratio)/(C·S).
 * `C` is the inverse of the penalty strength, as in scikit-learn and LIBLINEAR: a larger C
 * penalizes less. `l1Ratio` = 0 is ridge (`'l2'`), 1 the lasso (`'l1'`).
 *
 * @param C - inverse penalty strength, > 0.
 * @param sumWeights - S = Σ sᵢ, the total row weight (m without weights).
 * @example
 * penaltyStrength(2, 0.25, 10); // { l1: 0.0125, l2: 0.0375 }
 */
export function penaltyStrength(
  C: number,
  l1Ratio: number,
  sumWeights: number,
): { readonly l1: number; readonly l2: number } {
  return { l1: l1Ratio * (1 / (C * sumWeights)), l2: (1 - l1Ratio) / (C * sumWeights) };
}
