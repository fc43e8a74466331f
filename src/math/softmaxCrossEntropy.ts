/**
 * The multinomial cross-entropy of one row from its scores: overwrites z[0..K) with the softmax
 * probabilities pₖ (as {@link softmax}) and returns −log p_y = log Σₖ e^(zₖ − M) + (M − z_y),
 * M = maxₖ zₖ. Written with log1p of the non-maximal terms, and M − z_y exact when y is the top
 * class, where lse − z_y would cancel; the article's equation 4 for K classes.
 *
 * @example
 * const z = new Float64Array([0, Math.log(3)]);
 * softmaxCrossEntropy(z, 2, 1); // −log 0.75 ≈ 0.2877; z = [0.25, 0.75]
 */
export function softmaxCrossEntropy(z: Float64Array, K: number, y: number): number {
  let max = -Infinity;
  let argmax = 0;
  for (let k = 0; k < K; k++) {
    if (z[k] > max) {
      max = z[k];
      argmax = k;
    }
  }
  const zy = z[y];
  let rest = 0;
  for (let k = 0; k < K; k++) {
    const e = k === argmax ? 1 : Math.exp(z[k] - max);
    z[k] = e;
    if (k !== argmax) rest += e;
  }
  const inv = 1 / (1 + rest);
  for (let k = 0; k < K; k++) z[k] *= inv;
  return Math.log1p(rest) + (max - zy);
}
