import type { SparseMatrix } from '../src/linalg/sparseMatrix.js';

/**
 * F(w, b) on a CSR matrix with 0/1 (or ±1: > 0 is positive) labels: mean log loss
 * `softplus(z) − y·z` plus ‖w‖²/(2·C·m) for L2 or ‖w‖₁/(C·m) for L1 (scikit-learn's objective
 * divided by C·m), for models fitted here or by scikit-learn.
 */
export function sparseObjective(
  X: SparseMatrix,
  labels: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  penalty: 'l2' | 'l1',
  C: number,
): number {
  const { rows: m, indptr, indices, values } = X;
  let loss = 0;
  for (let i = 0; i < m; i++) {
    let z = b;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) z += values[k] * w[indices[k]];
    const y = labels[i] > 0 ? 1 : 0;
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }
  let norm = 0;
  for (let j = 0; j < w.length; j++) norm += penalty === 'l2' ? w[j] * w[j] : Math.abs(w[j]);
  return loss / m + (penalty === 'l2' ? norm / (2 * C * m) : norm / (C * m));
}
