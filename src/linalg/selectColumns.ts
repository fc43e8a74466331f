import { isSparseMatrix } from './sparseMatrix.js';
import type { FeatureMatrix } from './sparseMatrix.js';

/**
 * The columns `keep` (increasing indices) of X, in that order, as a new matrix of the same kind:
 * dense row-major, or CSR keeping only the stored entries of those columns. X is not changed.
 */
export function selectColumns(X: FeatureMatrix, keep: readonly number[]): FeatureMatrix {
  const q = keep.length;
  if (!isSparseMatrix(X)) {
    const { rows, cols, data } = X;
    const out = new Float64Array(rows * q);
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < q; k++) out[i * q + k] = data[i * cols + keep[k]];
    }
    return { rows, cols: q, data: out };
  }
  const position = new Int32Array(X.cols).fill(-1);
  keep.forEach((j, k) => (position[j] = k));
  let nnz = 0;
  for (let k = 0; k < X.indices.length; k++) if (position[X.indices[k]] >= 0) nnz++;
  const indptr = new Int32Array(X.rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let n = 0;
  for (let i = 0; i < X.rows; i++) {
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
      const to = position[X.indices[k]];
      if (to < 0) continue;
      indices[n] = to;
      values[n++] = X.values[k];
    }
    indptr[i + 1] = n;
  }
  return { format: 'csr', rows: X.rows, cols: q, indptr, indices, values };
}
