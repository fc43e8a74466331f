import { ShapeError, ValueError } from '../errors.js';
import { isMatrix } from '../linalg/matrix.js';
import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import { describe } from '../validation/toMatrix.js';

/**
 * The rows `index[0], index[1], …` of `X` as a new row-major matrix (rows may repeat). Values
 * are copied straight into one preallocated `Float64Array`: no per-row or per-element
 * allocation. `X` is not modified.
 *
 * @param X - m × p: a `{ rows, cols, data }` matrix or rows of numbers (not checked for
 *   finiteness here; `train` and `predictProba` check what they receive).
 * @param index - row numbers in [0, m), e.g. a split's `trainIndex`.
 * @returns `index.length` × p.
 * @throws {ShapeError} `X` is neither form, or has ragged rows.
 * @throws {ValueError} an index that is not an integer in [0, m).
 * @example
 * const { trainIndex, testIndex } = trainTestSplit(X, y);
 * const model = train(takeRows(X, trainIndex), takeValues(y, trainIndex));
 * model.predictProba(takeRows(X, testIndex));
 */
export function takeRows(X: MatrixInput, index: ArrayLike<number>): Matrix {
  const m = isMatrix(X) ? X.rows : Array.isArray(X) ? X.length : -1;
  if (m < 0) {
    throw new ShapeError(
      `takeRows: X must be an array of rows or a { rows, cols, data } matrix, got ${describe(X)}`,
    );
  }
  checkIndex('takeRows', index, m);
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
