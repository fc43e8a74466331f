/**
 * log Σₖ e^(zₖ) over `values[start..end)`, without overflow or needless rounding.
 *
 * With M = maxₖ zₖ (first attained at k*), log Σₖ e^(zₖ) = M + log1p(Σ_{k≠k*} e^(zₖ − M)): every
 * exponent is ≤ 0, so nothing overflows, and `log1p` keeps full precision when one term dominates
 * (the usual case for a confident softmax), where `log(1 + r)` would round r away (Blanchard,
 * Higham & Higham, "Accurately computing the log-sum-exp and softmax functions", IMA J. Numer.
 * Anal. 41, 2021, algorithm 2).
 *
 * An empty range gives −∞ (the log of an empty sum); if the maximum is ±∞ it is returned as is.
 *
 * @example
 * logSumExp([0, 0]); // Math.LN2
 * logSumExp([1000, 1000]); // 1000 + Math.LN2 (no overflow)
 * logSumExp([3, 1, 2, 9], 1, 3); // log(e^1 + e^2)
 */
export function logSumExp(values: ArrayLike<number>, start = 0, end = values.length): number {
  if (end <= start) return -Infinity;
  let max = values[start];
  let argmax = start;
  for (let k = start + 1; k < end; k++) {
    if (values[k] > max) {
      max = values[k];
      argmax = k;
    }
  }
  if (max === Infinity || max === -Infinity) return max;
  let rest = 0;
  for (let k = start; k < end; k++) if (k !== argmax) rest += Math.exp(values[k] - max);
  return max + Math.log1p(rest);
}
