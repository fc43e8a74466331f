import type { Matrix } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';
import { sparseCrossEntropyGradient } from './sparseCrossEntropyGradient.js';

/**
 * The gradient of the mean cross-entropy, the article's equation 5:
 * ∇_w L = (1/m)·Xᵀ(ŷ − y) and ∂L/∂b = (1/m)·Σᵢ (ŷᵢ − yᵢ), with the loss itself, fused into one
 * pass over the rows (each row is read once: z, ŷ, loss and gradient contribution together).
 * With `sampleWeight` s: (1/S)·Σᵢ sᵢ(ŷᵢ − yᵢ)·xᵢ with S = Σ sᵢ.
 *
 * On entry `gradOut` (length p + 1) is overwritten: `gradOut[0..p)` is ∇_w L, `gradOut[p]` is
 * ∂L/∂b (the intercept is stored last). Allocates nothing. A CSR `X` goes to
 * {@link sparseCrossEntropyGradient} (same result, stored entries only). With `offset` o (one per
 * row, as R's `glm(offset = )`), zᵢ = w·xᵢ + b + oᵢ: a known term of the score, not fitted.
 *
 * @returns the mean (or weighted mean) loss L.
 * @example
 * const g = new Float64Array(2);
 * crossEntropyGradient({ rows: 1, cols: 1, data: new Float64Array([2]) }, new Float64Array([1]),
 *   new Float64Array([0]), 0, g); // returns Math.LN2; g = [-1, -0.5]
 */
export function crossEntropyGradient(
  X: FeatureMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  gradOut: Float64Array,
  sampleWeight?: ArrayLike<number>,
  offset?: ArrayLike<number>,
): number {
  if (isSparseMatrix(X)) {
    return sparseCrossEntropyGradient(X, y, w, b, gradOut, sampleWeight, offset);
  }
  return denseCrossEntropyGradient(X, y, w, b, gradOut, sampleWeight, offset);
}

function denseCrossEntropyGradient(
  X: Matrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  gradOut: Float64Array,
  sampleWeight?: ArrayLike<number>,
  rowOffset?: ArrayLike<number>,
): number {
  const { rows: m, cols: p, data } = X;
  gradOut.fill(0);
  let loss = 0;
  let total = 0;
  let gb = 0;
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const offset = i * p;
    const z = linearScore(data, offset, w, rowOffset === undefined ? b : b + rowOffset[i]);
    const yi = y[i];
    loss += s * (log1pExp(z) - yi * z);
    const r = s * (sigmoid(z) - yi);
    gb += r;
    for (let j = 0; j < p; j++) gradOut[j] += r * data[offset + j];
    total += s;
  }
  const inv = 1 / total;
  for (let j = 0; j < p; j++) gradOut[j] *= inv;
  gradOut[p] = gb * inv;
  return loss * inv;
}
