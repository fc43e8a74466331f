import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parquetRead } from 'hyparquet';
import type { ColumnData, FileMetaData } from 'hyparquet';
import { OptionError } from '../errors.js';
import { MissingValues } from '../data/column.js';
import type { Table } from '../data/column.js';
import { columnFromValues } from '../data/columnFromValues.js';
import type { ColumnValues } from '../data/columnFromValues.js';
import { DataFileError } from '../data/dataFileError.js';
import { defaultMaxRows, tooManyRows } from '../data/readLimits.js';
import type { ReadProgress } from '../data/readLimits.js';
import { shownName, standardInput } from './openDataStream.js';
import { createParquetWorkers, inProcessParquet, withCallingThread } from './parquetWorkers.js';
import { readParquetParallel } from './readParquetParallel.js';
import {
  notParquet,
  openParquet,
  parquetCompressors,
  readMetadata,
  topLevelColumns,
} from './parquetSource.js';

/** Options of {@link readParquet}. */
export interface ParquetReadOptions {
  /** Strings that mean "missing" besides the defaults, as `naValues` of the CSV reader. */
  readonly naValues?: readonly string[];
  /** The most rows accepted (default 10⁸, as the CSV reader; see `ReadLimits.maxRows`). */
  readonly maxRows?: number;
  /** Columns whose cells are also kept as text, in `Column.cells` (see the CSV reader). */
  readonly verbatimColumns?: readonly string[];
  readonly onProgress?: ReadProgress;
}

/**
 * Reads a Parquet file into a {@link Table} (with hyparquet, pure JavaScript: every codec
 * of the format's common use, snappy, gzip, zstd…, plain and dictionary encodings). Each column
 * follows the CSV cell rules (see `columnFromValues`): nulls and NaN are missing, strings go
 * through the missing-value tokens and may be numbers, booleans and dates are levels. A
 * non-null `DOUBLE` column in one row group becomes its column's numbers without a copy. A
 * file of 32 MiB or more (`parallelParquetBytes`) with several row groups is decoded on
 * min(2, cores) threads (worker threads and this one), with the same result; its numeric
 * columns then live in shared memory (`SharedArrayBuffer`).
 *
 * The table's `lines` are row numbers (1-based: a Parquet file has no lines), so messages say
 * `line 5` for the fifth row. The file `-` is standard input, read whole (Parquet is read from
 * its end).
 *
 * @throws {DataFileError} no such file, not a Parquet file (or a corrupt one), no rows, more
 *   than `maxRows` rows, a nested or binary column.
 */
export async function readParquet(file: string, options: ParquetReadOptions = {}): Promise<Table> {
  const maxRows = options.maxRows ?? defaultMaxRows;
  if (!(Number.isInteger(maxRows) && maxRows >= 1)) {
    throw new OptionError(
      `readParquet: maxRows must be a positive integer, got ${String(maxRows)}`,
    );
  }
  const threads = Math.min(2, availableParallelism());
  if (file !== standardInput && sizeOf(file) >= parallelParquetBytes) {
    // One core: the same runs on this thread, for the shared columns (no concatenation).
    const pool = threads > 1 ? createParquetWorkers(threads - 1) : undefined;
    try {
      const table = await readParquetParallel(
        file,
        { ...options, maxRows },
        pool === undefined ? inProcessParquet : withCallingThread(pool),
        { lanes: threads, tasks: 8 * threads },
      );
      if (table !== undefined) return table;
    } finally {
      await pool?.close();
    }
  }
  let table: Table | undefined;
  await readParquetBatches(file, { ...options, batchRows: Infinity, maxRows }, (batch) => {
    table = batch;
    return Promise.resolve();
  });
  return table!;
}

/**
 * Files from this size on, of two row groups or more, are decoded in runs of row groups on
 * min(2, cores) threads, this one and worker threads (see `readParquetParallel`); smaller ones
 * and standard input in one piece on this thread.
 */
export const parallelParquetBytes = 32 * 1024 * 1024;

/** The file's size, or 0 when it cannot be read (the serial reader then says why). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Reads a Parquet file as {@link readParquet} does, handing the rows over a few row groups at a
 * time (at least `batchRows` rows, or the rest of the file), each batch a table with every column
 * and its own rows' numbers in `lines`: `logreg predict` streams Parquet this way, with memory
 * bounded by the row groups of a batch.
 *
 * @throws {DataFileError} as {@link readParquet}; batches before the problem have been handed over.
 */
export async function readParquetBatches(
  file: string,
  options: ParquetReadOptions & { readonly batchRows?: number },
  onBatch: (batch: Table) => Promise<void>,
): Promise<void> {
  const name = shownName(file);
  const batchRows = options.batchRows ?? 8192;
  const missing = new MissingValues(options.naValues);
  const verbatim = new Set(options.verbatimColumns);
  const source = await openParquet(file, name, options.onProgress);
  try {
    const metadata = await readMetadata(name, source.buffer);
    const rowCount = Number(metadata.num_rows);
    if (options.maxRows !== undefined && rowCount > options.maxRows) {
      throw tooManyRows(name, options.maxRows + 1, options.maxRows);
    }
    if (rowCount === 0) throw new DataFileError(name, undefined, 'no rows');
    const names = topLevelColumns(metadata);
    let start = 0;
    for (const size of batchSizes(metadata, batchRows)) {
      const end = start + size;
      // hyparquet may hand over the chunks of several row groups in any order (they are read
      // concurrently): each is kept with its first row, and a column's chunks sorted by it.
      const chunks = new Map<string, { rowStart: number; values: ColumnValues }[]>(
        names.map((column) => [column, []]),
      );
      try {
        await parquetRead({
          file: source.buffer,
          compressors: parquetCompressors(),
          metadata,
          rowStart: start,
          rowEnd: end,
          onChunk: (chunk: ColumnData) => {
            chunks.get(chunk.columnName)?.push({
              rowStart: Math.max(start, chunk.rowStart),
              values: within(chunk, start, end),
            });
          },
        });
      } catch (error) {
        throw error instanceof DataFileError ? error : notParquet(name, error);
      }
      const lines = new Uint32Array(size);
      for (let i = 0; i < size; i++) lines[i] = start + i + 1;
      await onBatch({
        file: name,
        format: 'csv',
        rowCount: size,
        columns: names.map((column) =>
          columnFromValues(
            name,
            column,
            inRowOrder(chunks.get(column)!),
            missing,
            verbatim.has(column),
          ),
        ),
        lines,
      });
      start = end;
    }
  } finally {
    await source.close();
  }
}

/** A column's chunks' values, ordered by their first row. */
function inRowOrder(chunks: { rowStart: number; values: ColumnValues }[]): ColumnValues[] {
  return chunks.sort((a, b) => a.rowStart - b.rowStart).map((chunk) => chunk.values);
}

/** The rows [start, end) of a chunk that may hold rows outside them. */
function within(chunk: ColumnData, start: number, end: number): ColumnValues {
  if (chunk.rowStart >= start && chunk.rowEnd <= end) return chunk.columnData;
  const from = Math.max(start, chunk.rowStart) - chunk.rowStart;
  const to = Math.min(end, chunk.rowEnd) - chunk.rowStart;
  return chunk.columnData.slice(from, to) as ColumnValues;
}

/** Rows per batch: whole row groups, at least `batchRows` rows each but the last. */
function batchSizes(metadata: FileMetaData, batchRows: number): number[] {
  const sizes: number[] = [];
  let pending = 0;
  for (const group of metadata.row_groups) {
    pending += Number(group.num_rows);
    if (pending >= batchRows) {
      sizes.push(pending);
      pending = 0;
    }
  }
  if (pending > 0) sizes.push(pending);
  return sizes;
}
