/**
 * z = Σⱼ wⱼ·xⱼ + b computed so that terms near the largest double cannot give Inf − Inf: the
 * features are first scaled by 2⁻ᵉ, with 2ᵉ the power of two at or above max|xⱼ| (exact: a power
 * of two only shifts exponents), summed, and scaled back. `1.5e308·1 + (−1.79e308)·1` overflows
 * in the plain order to Inf − Inf = NaN; scaled it is −2.9e307. The result may still be ±Infinity
 * when the true score is beyond the largest double: the sigmoid of that is 0 or 1, as it should be.
 * Entries below 2⁻¹⁰²² · 2ᵉ lose bits in the scaling; next to entries of 2ᵉ they do not matter.
 *
 * @param values the row's entries; `indices` their columns (CSR), or undefined when dense (entry
 *   j is column j).
 * @returns z, NaN only when a coefficient itself is so large (beyond ~1e292 · 2⁻ᵉ) that the
 *   scaled terms overflow.
 */
export function scaledScore(
  values: ArrayLike<number>,
  indices: ArrayLike<number> | undefined,
  w: ArrayLike<number>,
  b: number,
): number {
  let largest = 0;
  for (let k = 0; k < values.length; k++) largest = Math.max(largest, Math.abs(values[k]));
  if (largest === 0) return b;
  const e = Math.ceil(Math.log2(largest));
  const down = 2 ** -e;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    sum += w[indices === undefined ? k : indices[k]] * (values[k] * down);
  }
  // 2^e in two halves: 2^1024 itself is not a double.
  const half = Math.trunc(e / 2);
  return sum * 2 ** half * 2 ** (e - half) + b;
}
