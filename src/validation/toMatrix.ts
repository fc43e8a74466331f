import { ShapeError, ValueError } from '../errors.js';
import { isMatrix } from '../linalg/matrix.js';
import type { DenseMatrixInput, Matrix, MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix, SparseMatrix } from '../linalg/sparseMatrix.js';

/**
 * Checks a feature matrix at the public boundary: a CSR {@link SparseMatrix} is checked and used
 * as is (never densified, never copied); anything else goes through {@link toMatrix}.
 * `checkFinite: false` skips the scan of a dense {@link Matrix} for NaN and infinities, for a
 * caller that finds them in a pass of its own (`train`, through the column moments).
 *
 * @throws {ShapeError} a malformed CSR structure (named by row and entry), or as {@link toMatrix}.
 * @throws {ValueError} a NaN or infinite stored value (named by row and column, 0-based).
 */
export function toFeatureMatrix(
  X: MatrixInput,
  where: string,
  name = 'X',
  checkFinite = true,
): FeatureMatrix {
  if (isSparseMatrix(X)) return checkSparse(X, where, name);
  if (!checkFinite && isMatrix(X)) return checkShape(X, where, name);
  return toMatrix(X, where, name);
}

function checkSparse(X: SparseMatrix, where: string, name: string): SparseMatrix {
  const { rows, cols, indptr, indices, values } = X;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`${where}: ${name} has invalid shape ${rows} × ${cols}`);
  }
  if (rows === 0) throw new ShapeError(`${where}: ${name} has no rows`);
  if (indptr.length !== rows + 1) {
    throw new ShapeError(
      `${where}: ${name}.indptr has length ${indptr.length}, but rows + 1 = ${rows + 1}`,
    );
  }
  const nnz = indptr[rows];
  if (indptr[0] !== 0 || indices.length !== nnz || values.length !== nnz) {
    throw new ShapeError(
      `${where}: ${name} must have indptr[0] = 0 and indices, values of length indptr[rows] = ${nnz}; got indptr[0] = ${indptr[0]}, ${indices.length} indices, ${values.length} values`,
    );
  }
  for (let i = 0; i < rows; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    if (end < start) {
      throw new ShapeError(`${where}: ${name}.indptr decreases at row ${i} (${start} → ${end})`);
    }
    let previous = -1;
    for (let k = start; k < end; k++) {
      const j = indices[k];
      if (j <= previous || j >= cols) {
        throw new ShapeError(
          `${where}: ${name} row ${i} has column index ${j} at entry ${k}; indices must increase within a row and lie in [0, ${cols})`,
        );
      }
      if (!Number.isFinite(values[k])) throw nonFinite(where, name, i, j, values[k]);
      previous = j;
    }
  }
  return X;
}

/**
 * Checks a feature matrix at the public boundary and returns it row-major.
 * A {@link Matrix} is used as is (never copied, never mutated); rows of numbers are copied once.
 *
 * @param where - the calling function's name, for messages (`"train"`, `"predictProba"`).
 * @throws {ShapeError} empty input, ragged rows, or `data.length !== rows * cols`.
 * @throws {ValueError} a NaN or infinite entry (named by row and column, 0-based).
 */
export function toMatrix(X: MatrixInput, where: string, name = 'X'): Matrix {
  if (isSparseMatrix(X)) {
    throw new ShapeError(`${where}: ${name} must be dense here, got a sparse (CSR) matrix`);
  }
  return toDenseMatrix(X, where, name);
}

/** The shape checks of a {@link Matrix}, without the scan for non-finite entries. */
function checkShape(X: Matrix, where: string, name: string): Matrix {
  const { rows, cols, data } = X;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`${where}: ${name} has invalid shape ${rows} × ${cols}`);
  }
  if (data.length !== rows * cols) {
    throw new ShapeError(
      `${where}: ${name}.data has length ${data.length}, but rows × cols = ${rows} × ${cols} = ${rows * cols}`,
    );
  }
  if (rows === 0) throw new ShapeError(`${where}: ${name} has no rows`);
  return X;
}

function toDenseMatrix(X: DenseMatrixInput, where: string, name: string): Matrix {
  if (isMatrix(X)) {
    const { cols, data } = checkShape(X, where, name);
    for (let k = 0; k < data.length; k++) {
      if (!Number.isFinite(data[k])) {
        throw nonFinite(where, name, Math.floor(k / cols), k % cols, data[k]);
      }
    }
    return X;
  }
  if (!Array.isArray(X)) {
    throw new ShapeError(
      `${where}: ${name} must be an array of rows or a { rows, cols, data } matrix, got ${describe(X)}`,
    );
  }
  const rows = X.length;
  if (rows === 0) throw new ShapeError(`${where}: ${name} has no rows`);
  const first = X[0];
  if (!Array.isArray(first)) {
    throw new ShapeError(
      `${where}: ${name}[0] must be an array of numbers, got ${describe(first)}`,
    );
  }
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = X[i];
    if (!Array.isArray(row)) {
      throw new ShapeError(
        `${where}: ${name}[${i}] must be an array of numbers, got ${describe(row)}`,
      );
    }
    if (row.length !== cols) {
      throw new ShapeError(
        `${where}: ${name} is ragged: row 0 has ${cols} values, but row ${i} has ${row.length}`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw nonFinite(where, name, i, j, v);
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

function nonFinite(where: string, name: string, i: number, j: number, v: unknown): ValueError {
  return new ValueError(
    `${where}: ${name}[${i}][${j}] must be a finite number, got ${describe(v)}`,
  );
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}
