import { ShapeError, ValueError } from '../errors.js';
import { isMatrix } from '../linalg/matrix.js';
import type { DenseMatrixInput, Matrix, MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix, SparseMatrix } from '../linalg/sparseMatrix.js';
import { describe } from '../validation/toMatrix.js';

/**
 * The rows `index[0], index[1], …` of `X` as a new matrix of the same kind (rows may repeat):
 * row-major for a dense `X`, CSR for a sparse one (its stored entries copied row by row, so a
 * subset of a sparse matrix stays sparse). Values are copied straight into preallocated typed
 * arrays: no per-row or per-element allocation. `X` is not modified.
 *
 * @param X - m × p: a `{ rows, cols, data }` matrix, rows of numbers, or a CSR
 *   {@link SparseMatrix} (not checked for finiteness or structure here; `train` and
 *   `predictProba` check what they receive).
 * @param index - row numbers in [0, m), e.g. a split's `trainIndex`.
 * @returns `index.length` × p, dense or CSR as `X`.
 * @throws {ShapeError} `X` is none of these forms, or has ragged rows.
 * @throws {ValueError} an index that is not an integer in [0, m).
 * @example
 * const { trainIndex, testIndex } = trainTestSplit(X, y);
 * const model = train(takeRows(X, trainIndex), takeValues(y, trainIndex));
 * model.predictProba(takeRows(X, testIndex));
 */
export function takeRows(X: SparseMatrix, index: ArrayLike<number>): SparseMatrix;
export function takeRows(X: DenseMatrixInput, index: ArrayLike<number>): Matrix;
export function takeRows(X: MatrixInput, index: ArrayLike<number>): FeatureMatrix;
export function takeRows(X: MatrixInput, index: ArrayLike<number>): FeatureMatrix {
  const m = rowCount(X);
  if (m < 0) {
    throw new ShapeError(
      `takeRows: X must be an array of rows, a { rows, cols, data } matrix or a CSR sparse matrix, got ${describe(X)}`,
    );
  }
  checkIndex('takeRows', index, m);
  if (isSparseMatrix(X)) return takeSparseRows(X, index);
  if (isMatrix(X)) {
    const { cols, data } = X;
    const out = new Float64Array(index.length * cols);
    for (let r = 0; r < index.length; r++) {
      const from = index[r] * cols;
      const to = r * cols;
      for (let j = 0; j < cols; j++) out[to + j] = data[from + j];
    }
    return { rows: index.length, cols, data: out };
  }
  const rows = X as readonly (readonly number[])[];
  const cols = m === 0 ? 0 : rows[0].length;
  const out = new Float64Array(index.length * cols);
  for (let r = 0; r < index.length; r++) {
    const row = rows[index[r]];
    if (!Array.isArray(row) || row.length !== cols) {
      throw new ShapeError(
        `takeRows: X is ragged: row 0 has ${cols} values, but row ${index[r]} has ${Array.isArray(row) ? row.length : describe(row)}`,
      );
    }
    for (let j = 0; j < cols; j++) out[r * cols + j] = row[j];
  }
  return { rows: index.length, cols, data: out };
}

/**
 * The number of rows of a feature matrix in any accepted form, or −1 when `X` is none of them.
 */
export function rowCount(X: unknown): number {
  if (isSparseMatrix(X)) return X.rows;
  if (isMatrix(X)) return X.rows;
  return Array.isArray(X) ? X.length : -1;
}

/** Rows of a CSR matrix: one pass to size the arrays, one to copy the entries. */
function takeSparseRows(X: SparseMatrix, index: ArrayLike<number>): SparseMatrix {
  const { indptr, indices, values } = X;
  const outIndptr = new Int32Array(index.length + 1);
  let nnz = 0;
  for (let r = 0; r < index.length; r++) {
    const i = index[r];
    nnz += indptr[i + 1] - indptr[i];
    outIndptr[r + 1] = nnz;
  }
  const outIndices = new Int32Array(nnz);
  const outValues = new Float64Array(nnz);
  for (let r = 0; r < index.length; r++) {
    const i = index[r];
    const from = indptr[i];
    const to = indptr[i + 1];
    outIndices.set(indices.subarray(from, to), outIndptr[r]);
    outValues.set(values.subarray(from, to), outIndptr[r]);
  }
  return {
    format: 'csr',
    rows: index.length,
    cols: X.cols,
    indptr: outIndptr,
    indices: outIndices,
    values: outValues,
  };
}

/**
 * The entries `values[index[0]], values[index[1]], …` (labels, weights): a `Float64Array` for a
 * `Float64Array`, else a plain array. `values` is not modified.
 *
 * @throws {ShapeError} `values` is not an array or Float64Array.
 * @throws {ValueError} an index that is not an integer in [0, values.length).
 */
export function takeValues(values: Float64Array, index: ArrayLike<number>): Float64Array;
export function takeValues<T>(values: readonly T[], index: ArrayLike<number>): T[];
export function takeValues<T>(
  values: readonly T[] | Float64Array,
  index: ArrayLike<number>,
): T[] | Float64Array {
  if (!Array.isArray(values) && !(values instanceof Float64Array)) {
    throw new ShapeError(
      `takeValues: values must be an array or a Float64Array, got ${describe(values)}`,
    );
  }
  checkIndex('takeValues', index, values.length);
  if (values instanceof Float64Array) {
    const out = new Float64Array(index.length);
    for (let r = 0; r < index.length; r++) out[r] = values[index[r]];
    return out;
  }
  const source = values as readonly T[];
  const out = new Array<T>(index.length);
  for (let r = 0; r < index.length; r++) out[r] = source[index[r]];
  return out;
}

function checkIndex(where: string, index: ArrayLike<number>, m: number): void {
  if (typeof index !== 'object' || index === null || !Number.isInteger(index.length)) {
    throw new ShapeError(`${where}: index must be an array of row numbers, got ${describe(index)}`);
  }
  for (let r = 0; r < index.length; r++) {
    const i = index[r];
    if (!(Number.isInteger(i) && i >= 0 && i < m)) {
      throw new ValueError(
        `${where}: index[${r}] must be an integer in [0, ${m}), got ${describe(i)}`,
      );
    }
  }
}
