import type { SparseMatrix } from '../linalg/sparseMatrix.js';
import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';

/**
 * {@link crossEntropyGradient} for a CSR matrix, reading only the stored entries: the article's
 * equation 5, ∇_w L = (1/S)·Σᵢ sᵢ(ŷᵢ − yᵢ)·xᵢ and ∂L/∂b = (1/S)·Σᵢ sᵢ(ŷᵢ − yᵢ), ŷᵢ = σ(w·xᵢ + b),
 * with the mean loss (equation 4) in the same pass. O(nnz + m + p).
 *
 * The terms are added in the dense kernel's order (row by row, columns increasing) and the
 * skipped terms are exact zeros, so the result equals the dense kernel's on the densified matrix.
 *
 * On entry `gradOut` (length p + 1) is overwritten, intercept last. Allocates nothing.
 * @returns the mean (or weighted mean) loss.
 */
export function sparseCrossEntropyGradient(
  X: SparseMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  gradOut: Float64Array,
  sampleWeight?: ArrayLike<number>,
  offset?: ArrayLike<number>,
): number {
  const { rows: m, cols: p, indptr, indices, values } = X;
  gradOut.fill(0);
  let loss = 0;
  let total = 0;
  let gb = 0;
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const start = indptr[i];
    const end = indptr[i + 1];
    let z = offset === undefined ? b : b + offset[i];
    for (let k = start; k < end; k++) z += w[indices[k]] * values[k];
    const yi = y[i];
    loss += s * (log1pExp(z) - yi * z);
    const r = s * (sigmoid(z) - yi);
    gb += r;
    for (let k = start; k < end; k++) gradOut[indices[k]] += r * values[k];
    total += s;
  }
  const inv = 1 / total;
  for (let j = 0; j < p; j++) gradOut[j] *= inv;
  gradOut[p] = gb * inv;
  return loss * inv;
}
