import { ColumnBuilder, MissingValues } from './column.js';
import type { Column } from './column.js';
import { DataFileError } from './dataFileError.js';

/** Arrays of values as columnar formats decode them (Parquet column chunks, Arrow vectors). */
export type ColumnValues = ArrayLike<unknown>;

/**
 * A {@link Column} from the decoded values of a columnar format, chunk after chunk (the row
 * groups of a Parquet file, the record batches of an Arrow table), following the rules of a CSV
 * cell: `null`, `undefined` and NaN are missing; finite numbers and bigints are numbers; strings
 * go through the missing-value tokens (`missing`) and the decimal reader as CSV cells do, so
 * `"NA"` is missing and `"1.5"` is 1.5; booleans are the text `true` / `false` and dates their
 * ISO text (categorical levels); ±Infinity is the text `Infinity` (a stray cell in a numeric
 * column, an error naming it, as in CSV).
 *
 * A single `Float64Array` chunk becomes the column's `numbers` without a copy (its NaNs are the
 * missing rows); other numeric typed arrays are converted in one pass.
 *
 * @throws {DataFileError} naming `file` and the column: a nested or binary value (a list, a
 *   struct, bytes), which has no cell.
 */
export function columnFromValues(
  file: string,
  name: string,
  chunks: readonly ColumnValues[],
  missing: MissingValues = new MissingValues(),
  verbatim = false,
): Column {
  if (chunks.every(isNumericTypedArray)) {
    const numbers =
      chunks.length === 1 && chunks[0] instanceof Float64Array
        ? chunks[0]
        : concatNumbers(chunks as readonly NumericTypedArray[]);
    // One plain loop for the missing rows and ±Infinity (TypedArray.every with a callback took
    // most of the time of a 1,000,000 × 100 Parquet file's columns).
    const missingRows: number[] = [];
    let infinite = false;
    for (let i = 0; i < numbers.length; i++) {
      const x = numbers[i]!;
      if (x !== x) missingRows.push(i);
      else if (x === Infinity || x === -Infinity) infinite = true;
    }
    if ((infinite || missingRows.length > 0) && missingRows.length < numbers.length) {
      return generic(file, name, chunks, missing, verbatim);
    }
    return {
      name,
      numbers,
      text: undefined,
      missingRows,
      ...(verbatim
        ? { cells: Array.from(numbers, (x) => (Number.isNaN(x) ? '' : String(x))) }
        : {}),
    };
  }
  return generic(file, name, chunks, missing, verbatim);
}

type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

function isNumericTypedArray(values: ColumnValues): values is NumericTypedArray {
  return (
    values instanceof Float64Array ||
    values instanceof Float32Array ||
    values instanceof Int32Array ||
    values instanceof Uint32Array ||
    values instanceof Int16Array ||
    values instanceof Uint16Array ||
    values instanceof Int8Array ||
    values instanceof Uint8Array
  );
}

function concatNumbers(chunks: readonly NumericTypedArray[]): Float64Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Float64Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Value by value through a {@link ColumnBuilder}, as a CSV reader's cells. */
function generic(
  file: string,
  name: string,
  chunks: readonly ColumnValues[],
  missing: MissingValues,
  verbatim: boolean,
): Column {
  const builder = new ColumnBuilder(name, missing, verbatim);
  let row = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++, row++) {
      const value = chunk[i];
      if (value === null || value === undefined) builder.push('');
      else if (typeof value === 'number') {
        if (Number.isFinite(value)) builder.pushNumber(value);
        else builder.push(Number.isNaN(value) ? '' : String(value));
      } else if (typeof value === 'bigint') builder.pushNumber(Number(value));
      else if (typeof value === 'string') builder.push(value.trim());
      else if (typeof value === 'boolean') builder.push(String(value));
      else if (value instanceof Date) builder.push(value.toISOString());
      else {
        throw new DataFileError(
          file,
          undefined,
          `column "${name}": row ${row + 1} holds a ${describe(value)}, which is not a cell ` +
            '(nested and binary columns are not read; leave the column out)',
        );
      }
    }
  }
  return builder.finish();
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return 'byte array';
  if (typeof value !== 'object' || value === null) return typeof value;
  return Array.isArray(value) || Symbol.iterator in value ? 'list' : 'struct';
}
