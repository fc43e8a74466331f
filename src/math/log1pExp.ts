/**
 * softplus(z) = log(1 + e^z), without overflow or loss of precision.
 *
 * Cut-offs as in scikit-learn's `log1pexp` (after Mächler, "Accurately computing log(1 − exp(−|a|))",
 * 2012): for z ≤ −37, e^z is below half an ulp of 1, so log1p(e^z) = e^z; for z > 18, log(1 + e^z)
 * = z + log1p(e^−z) ≈ z + e^−z; for z > 33.3, e^−z is below half an ulp of z.
 *
 * @example
 * log1pExp(0); // Math.LN2
 * log1pExp(1e4); // 1e4 (not Infinity)
 */
export function log1pExp(z: number): number {
  if (z <= -37) return Math.exp(z);
  if (z <= 18) return Math.log1p(Math.exp(z));
  if (z <= 33.3) return z + Math.exp(-z);
  return z;
}
