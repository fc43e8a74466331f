import type { SparseMatrix } from './sparseMatrix.js';

/**
 * A dense matrix in row-major layout: element (i, j) is `data[i * cols + j]`.
 * Every numeric kernel in logreg reads its data through this shape.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A dense matrix as the public API accepts it: rows of numbers, or a row-major matrix. */
export type DenseMatrixInput = readonly (readonly number[])[] | Matrix;

/**
 * What the public API accepts as a feature matrix: rows of numbers, a row-major {@link Matrix},
 * or a CSR {@link SparseMatrix} (read as it is, never densified).
 */
export type MatrixInput = DenseMatrixInput | SparseMatrix;

/** True when `x` is a {@link Matrix} (as opposed to an array of rows). */
export function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    (x as Matrix).data instanceof Float64Array &&
    typeof (x as Matrix).rows === 'number' &&
    typeof (x as Matrix).cols === 'number'
  );
}
