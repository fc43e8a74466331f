import { MissingValues } from './column.js';
import type { Table } from './column.js';
import { columnFromValues } from './columnFromValues.js';
import type { ColumnValues } from './columnFromValues.js';

/**
 * The part of an Arrow vector (a column of an apache-arrow `Table`) that {@link tableFromArrow}
 * reads: described by shape, so that the library needs no Arrow package.
 */
export interface ArrowVectorLike {
  readonly length: number;
  /** The number of null entries. */
  readonly nullCount: number;
  /** The values: a typed array for numeric types (nulls hold arbitrary values), else an array. */
  toArray(): ArrayLike<unknown>;
  /** False where the entry is null. */
  isValid(index: number): boolean;
}

/** The part of an Arrow table (apache-arrow's `Table`) that {@link tableFromArrow} reads. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  getChildAt(index: number): ArrowVectorLike | null;
}

/** Options of {@link tableFromArrow}. */
export interface TableFromArrowOptions {
  /** The table's name in messages (default `Arrow table`). */
  readonly name?: string;
  /** Strings that mean "missing" besides the defaults (`NA`, `NaN`, `N/A`, `null`, `#N/A`, `?`, empty). */
  readonly naValues?: readonly string[];
}

/**
 * A {@link Table} from an Arrow table, such as apache-arrow's `tableFromIPC(bytes)` of an IPC
 * stream or file, or a table from DuckDB or Polars: one column per field, with the rules of a CSV
 * cell (nulls and NaN are missing; strings go through the missing-value tokens and may be
 * numbers; booleans and dates are levels; dictionary-encoded strings are read as their strings).
 * A non-null `Float64` column of one record batch becomes the column's numbers without a copy.
 * The table's `lines` are row numbers (1-based), which messages call lines. Browser-safe: the
 * table is read by its shape ({@link ArrowTableLike}), with no Arrow package.
 *
 * @throws {DataFileError} a nested or binary column (lists, structs, bytes).
 * @example
 * import { tableFromIPC } from 'apache-arrow';
 * const table = tableFromArrow(tableFromIPC(bytes));
 * table.columns[0].numbers; // Float64Array
 */
export function tableFromArrow(arrow: ArrowTableLike, options: TableFromArrowOptions = {}): Table {
  const name = options.name ?? 'Arrow table';
  const missing = new MissingValues(options.naValues);
  const rowCount = arrow.numRows;
  const columns = arrow.schema.fields.map((field, j) => {
    const vector = arrow.getChildAt(j);
    const values = vector === null ? new Array<null>(rowCount).fill(null) : valuesOf(vector);
    return columnFromValues(name, field.name, [values], missing);
  });
  const lines = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) lines[i] = i + 1;
  return { file: name, format: 'csv', rowCount, columns, lines };
}

/** The vector's values, nulls as NaN (numeric typed arrays) or null (everything else). */
function valuesOf(vector: ArrowVectorLike): ColumnValues {
  const values = vector.toArray();
  if (vector.nullCount === 0) return values;
  const numeric =
    ArrayBuffer.isView(values) &&
    !(values instanceof BigInt64Array || values instanceof BigUint64Array);
  if (numeric) {
    const out = Float64Array.from(values as ArrayLike<number>);
    for (let i = 0; i < out.length; i++) if (!vector.isValid(i)) out[i] = NaN;
    return out;
  }
  const out = Array.from(values);
  for (let i = 0; i < out.length; i++) if (!vector.isValid(i)) out[i] = null;
  return out;
}
