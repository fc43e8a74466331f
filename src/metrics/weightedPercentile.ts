/**
 * Internal: quantiles of weighted values, equal to NumPy's default (`method="linear"`)
 * `np.percentile(values, 100·q)` when every weight is 1, and to that of the data with each row
 * repeated `wᵢ` times when weights are integers.
 *
 * With the values sorted, `Cᵢ` the running sum of their weights and `W = Σ wᵢ`, the value at
 * "expanded position" τ ≥ 0 is `x(τ) = xᵢ` for the first i with `Cᵢ > τ` (unit weights:
 * `x(τ) = x₍⌊τ⌋₎`). NumPy's linear rule then reads, with `h = (W − 1)·q`, `j = ⌊h⌋`, `γ = h − j`:
 * `quantile = x(j) + γ·(x(j + 1) − x(j))`, evaluated as NumPy's `_lerp` does (from the upper
 * end when γ ≥ 0.5) so that unweighted results agree to the last bit. `h ≥ W − 1` gives the
 * maximum, as in NumPy. Weights act as repeat counts, so this is not invariant to scaling them;
 * when `W < 1` (less than one row's worth) every level in (0, 1) gives the minimum.
 *
 * @param sorted - values in increasing order (ties may repeat or be merged), length m ≥ 1.
 * @param cumulative - `cumulative[i] = Σ_{k ≤ i} weight of sorted[k]`, all weights > 0.
 * @param q - quantile levels in [0, 1], increasing; one result per level.
 */
export function weightedPercentile(
  sorted: Float64Array,
  cumulative: Float64Array,
  q: Float64Array,
): Float64Array {
  const m = sorted.length;
  const total = cumulative[m - 1]!;
  const out = new Float64Array(q.length);
  for (let k = 0; k < q.length; k++) {
    const h = (total - 1) * q[k]!;
    // NumPy's precedence (below-range before above-range), with the end levels pinned so that
    // q = 0 and q = 1 give the minimum and maximum even when total < 1.
    if (q[k]! <= 0 || (h < 0 && q[k]! < 1)) {
      out[k] = sorted[0]!;
      continue;
    }
    if (h >= total - 1) {
      out[k] = sorted[m - 1]!;
      continue;
    }
    const j = Math.floor(h);
    const gamma = h - j;
    const a = sorted[firstAbove(cumulative, j)]!;
    const b = sorted[firstAbove(cumulative, j + 1)]!;
    const diff = b - a;
    out[k] = gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }
  return out;
}

/** The first index i with `cumulative[i] > tau` (the last index when there is none). */
function firstAbove(cumulative: Float64Array, tau: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > tau) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
