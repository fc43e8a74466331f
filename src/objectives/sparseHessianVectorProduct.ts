import type { SparseMatrix } from '../linalg/sparseMatrix.js';
import { sigmoid } from '../math/sigmoid.js';

/**
 * {@link crossEntropyHessianVectorProduct} for a CSR matrix, over the stored entries only:
 * ∇²L·d = (1/S)·X̃ᵀ D X̃ d with X̃ = [X 1], Dᵢᵢ = sᵢ·ŷᵢ(1 − ŷᵢ), ŷᵢ = σ(w·xᵢ + b), S = Σ sᵢ.
 * O(nnz + m + p); same order of operations as the dense kernel, so the same result.
 *
 * `d` has length p + 1 (intercept last); `out` (length p + 1) is overwritten.
 */
export function sparseHessianVectorProduct(
  X: SparseMatrix,
  w: ArrayLike<number>,
  b: number,
  d: Float64Array,
  out: Float64Array,
  sampleWeight?: ArrayLike<number>,
  offset?: ArrayLike<number>,
): void {
  const { rows: m, cols: p, indptr, indices, values } = X;
  out.fill(0);
  let total = 0;
  let ob = 0;
  const db = d[p];
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const start = indptr[i];
    const end = indptr[i + 1];
    let z = offset === undefined ? b : b + offset[i];
    let u = db;
    for (let k = start; k < end; k++) {
      const j = indices[k];
      z += w[j] * values[k];
      u += values[k] * d[j];
    }
    const prob = sigmoid(z);
    const t = s * prob * (1 - prob) * u;
    ob += t;
    for (let k = start; k < end; k++) out[indices[k]] += t * values[k];
    total += s;
  }
  const inv = 1 / total;
  for (let j = 0; j < p; j++) out[j] *= inv;
  out[p] = ob * inv;
}
