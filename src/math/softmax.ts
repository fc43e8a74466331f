/**
 * The softmax pₖ = e^(zₖ) / Σₗ e^(zₗ) of `z[start..end)`, written to `out[start..end)` (the same
 * positions, so `out` may be `z` itself to work in place, e.g. on one row of an n × K matrix).
 * This is the multinomial generalization of the article's sigmoid (equation 2): for two classes,
 * softmax(z₀, z₁)₁ = σ(z₁ − z₀).
 *
 * Computed as e^(zₖ − M) / Σₗ e^(zₗ − M) with M = maxₖ zₖ, so that no exponent is positive (no
 * overflow) and the largest term is exactly 1 (the sum is ≥ 1: no division by an underflowed 0).
 * The entries lie in [0, 1] and sum to 1 up to rounding (a few ulps).
 *
 * On entry `out[start..end)` is overwritten; nothing else is touched and nothing is allocated.
 * `z` must be finite.
 *
 * @returns log Σₗ e^(zₗ) (see {@link logSumExp}), which the cross-entropy −log pᵧ = lse − zᵧ needs;
 *   computing both in one pass saves the second round of exponentials.
 * @example
 * const p = new Float64Array(3);
 * softmax([1, 2, 3], p); // p ≈ [0.0900, 0.2447, 0.6652]; returns ≈ 3.4076
 * softmax([0, 0], p, 0, 2); // p[0] = p[1] = 0.5
 */
export function softmax(
  z: ArrayLike<number>,
  out: Float64Array,
  start = 0,
  end = z.length,
): number {
  let max = z[start];
  let argmax = start;
  for (let k = start + 1; k < end; k++) {
    if (z[k] > max) {
      max = z[k];
      argmax = k;
    }
  }
  let rest = 0;
  for (let k = start; k < end; k++) {
    const e = k === argmax ? 1 : Math.exp(z[k] - max);
    out[k] = e;
    if (k !== argmax) rest += e;
  }
  const inv = 1 / (1 + rest);
  for (let k = start; k < end; k++) out[k] *= inv;
  return max + Math.log1p(rest);
}
