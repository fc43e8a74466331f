import type { Matrix } from './matrix.js';

/**
 * A sparse matrix in compressed sparse row (CSR) layout, as scipy's `csr_matrix` and LIBLINEAR's
 * `feature_node` rows: the stored entries of row i are `values[k]` at column `indices[k]` for
 * k in [indptr[i], indptr[i + 1]), columns strictly increasing within a row; every other entry is 0.
 * Memory is 12 bytes per stored entry plus 4 per row, whatever the number of columns.
 *
 * @example
 * // [[0, 2, 0], [1, 0, 3]]
 * const X: SparseMatrix = { format: 'csr', rows: 2, cols: 3,
 *   indptr: new Int32Array([0, 1, 3]), indices: new Int32Array([1, 0, 2]),
 *   values: new Float64Array([2, 1, 3]) };
 */
export interface SparseMatrix {
  readonly format: 'csr';
  readonly rows: number;
  readonly cols: number;
  /** Length rows + 1, non-decreasing, indptr[0] = 0, indptr[rows] = number of stored entries. */
  readonly indptr: Int32Array;
  /** The 0-based column of each stored entry. */
  readonly indices: Int32Array;
  /** The value of each stored entry. */
  readonly values: Float64Array;
}

/** Dense or sparse: what the solvers and models read features from. */
export type FeatureMatrix = Matrix | SparseMatrix;

/** True when `x` is a {@link SparseMatrix}. */
export function isSparseMatrix(x: unknown): x is SparseMatrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as SparseMatrix).format === 'csr' &&
    (x as SparseMatrix).values instanceof Float64Array &&
    (x as SparseMatrix).indices instanceof Int32Array &&
    (x as SparseMatrix).indptr instanceof Int32Array
  );
}

/** The CSR form of a dense matrix, keeping its non-zero entries. */
export function sparseFromDense(X: Matrix): SparseMatrix {
  const { rows, cols, data } = X;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
    indptr[i + 1] = k;
  }
  return { format: 'csr', rows, cols, indptr, indices, values };
}

/** The dense row-major copy of a sparse matrix (rows × cols doubles: mind the size). */
export function denseFromSparse(X: SparseMatrix): Matrix {
  const { rows, cols, indptr, indices, values } = X;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) data[i * cols + indices[k]] = values[k];
  }
  return { rows, cols, data };
}

/**
 * w·xᵢ + b for row i of a CSR matrix: the article's equation 1 over the stored entries only.
 */
export function sparseRowScore(
  X: SparseMatrix,
  i: number,
  w: ArrayLike<number>,
  b: number,
): number {
  const { indptr, indices, values } = X;
  let z = b;
  for (let k = indptr[i], end = indptr[i + 1]; k < end; k++) z += values[k] * w[indices[k]];
  return z;
}
