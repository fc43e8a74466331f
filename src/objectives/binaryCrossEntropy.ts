import { log1pExp } from '../math/log1pExp.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';

/**
 * Binary cross-entropy of one example, from its logit z (the article's equation 4 for m = 1):
 * −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = softplus(z) − y·z.
 *
 * The softplus form (tfjs writes it `max(z, 0) − z·y + log1p(exp(−|z|))`) never evaluates
 * log(0): it is finite for every finite z, e.g. 1e4 for (z, y) = (1e4, 0).
 */
export function logLossFromLogit(z: number, y: number): number {
  return log1pExp(z) - y * z;
}

/**
 * Mean binary cross-entropy L = −(1/m)·Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)] with ŷᵢ = σ(w·xᵢ + b),
 * the article's equation 4, computed from the logits. With `sampleWeight` s it is the weighted
 * mean Σᵢ sᵢ·lᵢ / Σᵢ sᵢ.
 *
 * @param X - m × p, row-major or CSR (read over its stored entries only); `y` holds 0/1; `w` has
 *   length p.
 * @example
 * binaryCrossEntropy({ rows: 1, cols: 1, data: new Float64Array([0]) }, new Float64Array([1]), new Float64Array([1]), 0);
 * // Math.LN2
 */
export function binaryCrossEntropy(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  sampleWeight?: ArrayLike<number>,
  offset?: ArrayLike<number>,
): number {
  let sum = 0;
  let total = 0;
  if (isSparseMatrix(X)) {
    for (let i = 0; i < X.rows; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      const bi = offset === undefined ? b : b + offset[i];
      sum += s * logLossFromLogit(sparseRowScore(X, i, w, bi), y[i]);
      total += s;
    }
    return sum / total;
  }
  const { rows: m, cols: p, data } = X;
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const bi = offset === undefined ? b : b + offset[i];
    sum += s * logLossFromLogit(linearScore(data, i * p, w, bi), y[i]);
    total += s;
  }
  return sum / total;
}
