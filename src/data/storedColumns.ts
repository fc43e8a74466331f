import type { SparseMatrix } from '../linalg/sparseMatrix.js';

/**
 * The columns of a CSR matrix that hold at least one stored entry (an explicit zero counts), in
 * increasing order. Memory is proportional to the stored entries, not to `X.cols`: a LIBSVM file
 * of two lines with the feature index 10⁷ has two such columns, not 10⁷. A flag per column is
 * used while that costs at most a few bytes per stored entry; beyond, the stored column indices
 * are sorted.
 */
export function storedColumns(X: SparseMatrix): number[] {
  const nnz = X.indptr[X.rows];
  const { indices, cols } = X;
  const out: number[] = [];
  if (cols <= 8 * nnz + 4096) {
    const seen = new Uint8Array(cols);
    for (let k = 0; k < nnz; k++) seen[indices[k]] = 1;
    for (let j = 0; j < cols; j++) if (seen[j] === 1) out.push(j);
    return out;
  }
  const sorted = indices.slice(0, nnz).sort();
  for (let k = 0; k < nnz; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) out.push(sorted[k]);
  }
  return out;
}
