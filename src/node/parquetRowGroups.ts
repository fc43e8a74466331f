import { parquetRead } from 'hyparquet';
import type { ColumnData } from 'hyparquet';
import { DataFileError } from '../data/dataFileError.js';
import { notParquet, openParquet, parquetCompressors, readMetadata } from './parquetSource.js';
import type { ParquetSource } from './parquetSource.js';

/**
 * Rows [start, end) of a Parquet file (whole row groups) for one worker of `readParquetParallel`
 * to decode. `targets` are shared `Float64Array`s of all the file's rows, by column name: a
 * column chunk decoded as a numeric typed array is written there at its rows.
 */
export interface ParquetRowsTask {
  readonly file: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly targets: Readonly<Record<string, Float64Array>>;
}

/** A decoded column chunk: in its column's target (`values` undefined) or as its values. */
export interface ParquetChunk {
  readonly column: string;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly values?: ArrayLike<unknown>;
}

/**
 * What a task gives back: its chunks, or the `problem` of the `DataFileError` the serial reader
 * throws (a corrupt file, one gone meanwhile), for the calling thread to throw.
 */
export type ParquetRowsResult =
  { readonly chunks: ParquetChunk[]; readonly problem?: undefined } | { readonly problem: string };

type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** The typed arrays `columnFromValues` reads as numbers (it converts them to doubles). */
export function isNumericTypedArray(values: unknown): values is NumericTypedArray {
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

/**
 * Decodes a task's rows with hyparquet: numeric typed chunks and arrays of finite numbers go
 * into their column's target (converted to doubles, as `columnFromValues` would), the others are handed back as values
 * (a typed array copied to a buffer of its own, so that posting it sends only its rows).
 */
export async function decodeParquetRows(task: ParquetRowsTask): Promise<ParquetRowsResult> {
  let source: ParquetSource;
  try {
    source = await openParquet(task.file, task.name);
  } catch (error) {
    if (error instanceof DataFileError) return { problem: error.problem };
    throw error;
  }
  try {
    const metadata = await readMetadata(task.name, source.buffer);
    const chunks: ParquetChunk[] = [];
    const { start, end } = task;
    await parquetRead({
      file: source.buffer,
      compressors: parquetCompressors(),
      metadata,
      rowStart: start,
      rowEnd: end,
      onChunk: (chunk: ColumnData) => {
        const rowStart = Math.max(start, chunk.rowStart);
        const rowEnd = Math.min(end, chunk.rowEnd);
        const from = rowStart - chunk.rowStart;
        const values = chunk.columnData;
        const target = task.targets[chunk.columnName];
        if (target !== undefined && isNumericTypedArray(values)) {
          target.set(values.subarray(from, from + rowEnd - rowStart), rowStart);
          chunks.push({ column: chunk.columnName, rowStart, rowEnd });
        } else if (target !== undefined && allFinite(values, from, from + rowEnd - rowStart)) {
          // A dictionary-encoded chunk comes as an array of numbers: all finite, it makes the
          // column `columnFromValues` makes of it (numbers, none missing, `String(x)` cells).
          for (let i = from; i < from + rowEnd - rowStart; i++) {
            target[rowStart + i - from] = values[i] as number;
          }
          chunks.push({ column: chunk.columnName, rowStart, rowEnd });
        } else {
          const own = values.slice(from, from + rowEnd - rowStart) as ArrayLike<unknown>;
          chunks.push({ column: chunk.columnName, rowStart, rowEnd, values: own });
        }
      },
    });
    return { chunks };
  } catch (error) {
    const known = error instanceof DataFileError ? error : notParquet(task.name, error);
    return { problem: known.problem };
  } finally {
    await source.close();
  }
}

/** Whether `values[from..to)` are all finite numbers. */
function allFinite(values: ArrayLike<unknown>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}
