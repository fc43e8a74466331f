/**
 * The logistic sigmoid σ(z) = 1 / (1 + e^(−z)): the article's equation 2, ŷ = σ(z).
 *
 * Evaluated stably for every finite z: `1/(1+exp(−z))` for z ≥ 0 and `exp(z)/(1+exp(z))` for
 * z < 0, so `exp` only ever sees a non-positive argument and never overflows. (The article prints
 * `1/(1+exp(z))` for z ≥ 0, a sign slip: that would give σ(40) ≈ 4e-18 instead of ≈ 1.)
 *
 * @example
 * sigmoid(0); // 0.5
 * sigmoid(-800); // 0 (no overflow), sigmoid(800) === 1
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
