import type { SparseMatrix } from '../linalg/sparseMatrix.js';
import type { Label } from '../options/trainOptions.js';
import type { Table } from './column.js';
import { DataFileError } from './dataFileError.js';
import type { FeatureEncoding } from './designMatrix.js';
import type { LibsvmRows } from './libsvmParser.js';
import { storedColumns } from './storedColumns.js';
import { distinctLabels } from './targetLabels.js';
import { UsageError } from './usageError.js';

/** The name of the label column of a LIBSVM table. */
export const libsvmLabelColumn = 'label';

/** The name of the column of LIBSVM feature `index` (1-based, as in the file): `x1`, `x2`, … */
export function libsvmFeatureName(index: number): string {
  return `x${index}`;
}

/** A LIBSVM file as a CSR matrix and labels (what `readLibsvmSparse` of logreg/node returns). */
export interface LibsvmData {
  /** The file as named, for messages. */
  readonly file: string;
  /** rows × d, d = the largest feature index (or `minFeatures`); column j is feature j + 1. */
  readonly X: SparseMatrix;
  /** One label per row, as written (e.g. +1/−1 or 0/1). */
  readonly labels: Float64Array;
  /**
   * The feature names `x1 … xd` (see {@link libsvmFeatureName}), made on first use: reading a file
   * builds no per-column strings.
   */
  readonly featureNames: readonly string[];
  /** The 1-based file line of each row. */
  readonly lines: Uint32Array;
}

/** Parsed LIBSVM rows as {@link LibsvmData}, CSR with at least `minFeatures` columns; the feature
 * names are made on first use (10⁷ names would cost hundreds of megabytes up front). */
export function libsvmDataOf(file: string, rows: LibsvmRows, minFeatures: number): LibsvmData {
  const cols = Math.max(rows.maxIndex, minFeatures);
  let names: readonly string[] | undefined;
  return {
    file,
    X: {
      format: 'csr',
      rows: rows.rows,
      cols,
      indptr: rows.indptr,
      indices: rows.indices,
      values: rows.values,
    },
    labels: rows.labels,
    get featureNames(): readonly string[] {
      names ??= Array.from({ length: cols }, (_, j) => libsvmFeatureName(j + 1));
      return names;
    },
    lines: rows.lines,
  };
}

/** The 1-based LIBSVM feature index of a column name `x<k>`, or undefined for any other name. */
export function libsvmFeatureIndex(name: string): number | undefined {
  const match = /^x([1-9]\d*)$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Checks the target flag against a LIBSVM file: its only target is the `label` column.
 *
 * @throws {DataFileError} another target column.
 */
export function libsvmTarget(data: LibsvmData, target: string | undefined): string {
  if (target !== undefined && target !== libsvmLabelColumn) {
    throw new DataFileError(
      data.file,
      undefined,
      `no column "${target}" (LIBSVM columns are ${libsvmLabelColumn}, x1 … x${data.X.cols})`,
    );
  }
  return libsvmLabelColumn;
}

/** The labels of a LIBSVM file, as numbers, and its classes (sorted). */
export function libsvmLabels(data: LibsvmData): { labels: Label[]; classes: Label[] } {
  const labels: Label[] = Array.from(data.labels);
  const classes = distinctLabels(labels);
  if (classes.length < 2) {
    throw new DataFileError(
      data.file,
      undefined,
      `the target column "${libsvmLabelColumn}" has a single value ("${String(classes[0])}"); a classifier needs two classes`,
    );
  }
  return { labels, classes };
}

/**
 * The feature columns to train on, as 0-based CSR columns: `--features` as given, else every
 * column that holds a stored entry (see {@link storedColumns}) less `--exclude`. An index that
 * no row uses is left out of the model (its coefficient would be 0 or undetermined), so a file
 * whose largest index is 10⁷ but that uses a few features makes a model of a few features;
 * the model keeps each feature's name `x<k>`, from which `predict` finds its index again.
 *
 * @throws {UsageError} --categorical or --weights (a LIBSVM file has neither), both column flags.
 * @throws {DataFileError} a named column that the file does not have.
 */
export function libsvmFeatureColumns(
  data: LibsvmData,
  flags: {
    readonly features?: readonly string[];
    readonly exclude?: readonly string[];
    readonly categorical?: readonly string[];
    readonly weights?: string;
  },
): number[] {
  if (flags.categorical !== undefined) {
    throw new UsageError('--categorical applies to CSV and TSV files; LIBSVM features are numbers');
  }
  if (flags.weights !== undefined) {
    throw new UsageError('--weights names a CSV or TSV column; a LIBSVM file has no weight column');
  }
  if (flags.features !== undefined && flags.exclude !== undefined) {
    throw new UsageError('give --features or --exclude, not both');
  }
  const named = [...(flags.features ?? []), ...(flags.exclude ?? [])];
  const absent = named.filter((name) => {
    const index = libsvmFeatureIndex(name);
    return index === undefined || index > data.X.cols;
  });
  if (absent.length > 0) throw missingColumns(data, absent);
  if (flags.features !== undefined) {
    return [...new Set(flags.features.map((name) => libsvmFeatureIndex(name)! - 1))];
  }
  const excluded = new Set((flags.exclude ?? []).map((name) => libsvmFeatureIndex(name)! - 1));
  return storedColumns(data.X).filter((j) => !excluded.has(j));
}

/**
 * The design matrix of a LIBSVM file for a model's input columns (`x<k>`, numeric): column c of
 * the result is the file's feature named by `encodings[c]`. Stays CSR; features of the file that
 * the model does not use are dropped. With the common encodings `x1 … xd` and a file of d
 * features, the file's matrix is returned as is.
 *
 * @throws {DataFileError} a categorical input or a column that is not a LIBSVM feature.
 */
export function libsvmDesignMatrix(
  data: LibsvmData,
  encodings: readonly FeatureEncoding[],
): SparseMatrix {
  const absent = encodings
    .filter((e) => e.kind !== 'numeric' || libsvmFeatureIndex(e.column) === undefined)
    .map((e) => e.column);
  if (absent.length > 0) throw missingColumns(data, absent);
  return selectColumns(
    data.X,
    encodings.map((e) => libsvmFeatureIndex(e.column)! - 1),
  );
}

/**
 * Column c of the result is column `columns[c]` of X (a column beyond X's is all zeros); every
 * other column is dropped. Returns X itself when `columns` is 0, 1, …, X.cols − 1.
 */
export function selectColumns(X: SparseMatrix, columns: readonly number[]): SparseMatrix {
  if (columns.length === X.cols && columns.every((j, c) => j === c)) return X;
  const { rows, indptr, indices, values } = X;
  const position = columnPositions(X.cols, indptr[rows] + columns.length, columns);
  let nnz = 0;
  for (let k = 0; k < indptr[rows]; k++) if (position(indices[k]) >= 0) nnz++;
  const outIndptr = new Int32Array(rows + 1);
  const outIndices = new Int32Array(nnz);
  const outValues = new Float64Array(nnz);
  const increasing = columns.every((j, c) => c === 0 || j > columns[c - 1]!);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const start = n;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const c = position(indices[k]);
      if (c >= 0) {
        outIndices[n] = c;
        outValues[n++] = values[k];
      }
    }
    if (!increasing) sortEntries(outIndices, outValues, start, n);
    outIndptr[i + 1] = n;
  }
  return {
    format: 'csr',
    rows,
    cols: columns.length,
    indptr: outIndptr,
    indices: outIndices,
    values: outValues,
  };
}

/**
 * The position of each column of X among `columns` (−1 for a column not kept): a table indexed
 * by column while X has no more columns than a few times `size` (the stored entries and kept
 * columns), else a map, so that memory follows the data and not X's largest column index.
 */
function columnPositions(
  cols: number,
  size: number,
  columns: readonly number[],
): (j: number) => number {
  if (cols <= 8 * size + 4096) {
    const table = new Int32Array(cols).fill(-1);
    columns.forEach((j, c) => {
      if (j < cols) table[j] = c;
    });
    return (j) => table[j];
  }
  const map = new Map<number, number>();
  columns.forEach((j, c) => {
    if (j < cols) map.set(j, c);
  });
  return (j) => map.get(j) ?? -1;
}

/** Sorts entries [from, to) by column (insertion sort: rows are short). */
function sortEntries(indices: Int32Array, values: Float64Array, from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    const j = indices[k];
    const v = values[k];
    let m = k - 1;
    while (m >= from && indices[m] > j) {
      indices[m + 1] = indices[m];
      values[m + 1] = values[m];
      m--;
    }
    indices[m + 1] = j;
    values[m + 1] = v;
  }
}

function missingColumns(data: LibsvmData, names: readonly string[]): DataFileError {
  const list = names.map((name) => `"${name}"`).join(', ');
  return new DataFileError(
    data.file,
    undefined,
    `no ${names.length === 1 ? 'column' : 'columns'} ${list} (LIBSVM columns are ${libsvmLabelColumn}, x1 … x${data.X.cols})`,
  );
}

/**
 * A table of the LIBSVM file's `label` column alone (no feature columns: those stay in the CSR
 * matrix), so that label checks written for tables (classes, line numbers) apply unchanged.
 */
export function libsvmLabelTable(data: LibsvmData): Table {
  return {
    file: data.file,
    format: 'libsvm',
    rowCount: data.X.rows,
    columns: [{ name: libsvmLabelColumn, numbers: data.labels, text: undefined, missingRows: [] }],
    lines: data.lines,
  };
}
