import type { FileMetaData } from 'hyparquet';
import { MissingValues } from '../data/column.js';
import type { Table } from '../data/column.js';
import { columnFromValues } from '../data/columnFromValues.js';
import type { ColumnValues } from '../data/columnFromValues.js';
import { DataFileError } from '../data/dataFileError.js';
import { tooManyRows } from '../data/readLimits.js';
import { shownName } from './openDataStream.js';
import type { ParquetChunk, ParquetRowsResult } from './parquetRowGroups.js';
import { openParquet, readMetadata, topLevelColumns } from './parquetSource.js';
import type { ParquetRowsRunner } from './parquetWorkers.js';
import type { ParquetReadOptions } from './readParquet.js';

/**
 * Reads a Parquet file as `readParquet` does, its row groups decoded at the same time: the
 * footer is read here; the row groups are cut into `tasks` runs of about equal rows, which
 * `lanes` of the runner (worker threads, which open the file themselves, and this thread) take
 * in turn. A numeric column whose
 * chunks hyparquet decodes as typed arrays (a non-null `DOUBLE`, `FLOAT`, `INT32` column) is
 * written by the workers straight into one shared `Float64Array` of all the rows, which becomes
 * the column's numbers (no copy here, no concatenation); other columns' chunks come back as
 * values and go through `columnFromValues` in row order, so the table is the serial reader's.
 *
 * Returns undefined for a file of fewer than two row groups: the caller reads it serially.
 *
 * @throws {DataFileError} as `readParquet`; of several bad row groups, the first failing run's.
 */
export async function readParquetParallel(
  file: string,
  options: ParquetReadOptions & { readonly maxRows: number },
  runner: ParquetRowsRunner,
  { lanes, tasks }: { readonly lanes: number; readonly tasks: number },
): Promise<Table | undefined> {
  const name = shownName(file);
  const source = await openParquet(file, name);
  let metadata: FileMetaData;
  try {
    metadata = await readMetadata(name, source.buffer);
  } finally {
    await source.close();
  }
  const rowCount = Number(metadata.num_rows);
  if (rowCount > options.maxRows) throw tooManyRows(name, options.maxRows + 1, options.maxRows);
  if (rowCount === 0) throw new DataFileError(name, undefined, 'no rows');
  if (metadata.row_groups.length < 2) return undefined;
  const names = topLevelColumns(metadata);
  const targets: Record<string, Float64Array> = {};
  for (const column of numericColumns(metadata)) {
    targets[column] = new Float64Array(new SharedArrayBuffer(rowCount * 8));
  }
  const runs = rowRuns(metadata, tasks);
  const results: ParquetRowsResult[] = [];
  let next = 0;
  let decoded = 0;
  // Each lane takes the next run when it is done with one: a slower lane takes fewer.
  const lane = async (index: number): Promise<void> => {
    while (next < runs.length) {
      const k = next++;
      const [start, end] = runs[k]!;
      results[k] = await runner.decode({ file, name, start, end, targets }, index);
      decoded += end - start;
      const size = source.buffer.byteLength;
      options.onProgress?.(Math.round((size * decoded) / rowCount), size);
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
  const chunks = new Map<string, ParquetChunk[]>(names.map((column) => [column, []]));
  for (const result of results) {
    if (result.problem !== undefined) throw new DataFileError(name, undefined, result.problem);
    for (const chunk of result.chunks) chunks.get(chunk.column)?.push(chunk);
  }
  const missing = new MissingValues(options.naValues);
  const verbatim = new Set(options.verbatimColumns);
  const lines = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) lines[i] = i + 1;
  return {
    file: name,
    format: 'csv',
    rowCount,
    columns: names.map((column) =>
      columnFromValues(
        name,
        column,
        inRowOrder(chunks.get(column)!, targets[column]),
        missing,
        verbatim.has(column),
      ),
    ),
    lines,
  };
}

/**
 * A column's chunks in row order: the whole shared target when every chunk went there, else
 * each chunk's values (or its rows of the target).
 */
function inRowOrder(chunks: ParquetChunk[], target: Float64Array | undefined): ColumnValues[] {
  chunks.sort((a, b) => a.rowStart - b.rowStart);
  if (target !== undefined && chunks.length > 0 && chunks.every((c) => c.values === undefined)) {
    return [target];
  }
  return chunks.map((c) => c.values ?? target!.subarray(c.rowStart, c.rowEnd));
}

/**
 * Top-level `DOUBLE`, `FLOAT` and `INT32` columns with no nulls (required, or a null count of 0
 * in every row group): hyparquet decodes their chunks as typed arrays, written to shared memory.
 */
function numericColumns(metadata: FileMetaData): string[] {
  const topLevel = new Set(topLevelColumns(metadata));
  const names: string[] = [];
  for (const field of metadata.schema.slice(1)) {
    if ((field.num_children ?? 0) > 0) continue;
    if (field.type !== 'DOUBLE' && field.type !== 'FLOAT' && field.type !== 'INT32') continue;
    const noNulls =
      field.repetition_type === 'REQUIRED' ||
      metadata.row_groups.every((group) =>
        group.columns.some((chunk) => {
          const meta = chunk.meta_data;
          const path = meta?.path_in_schema;
          return (
            path?.length === 1 && path[0] === field.name && meta?.statistics?.null_count === 0n
          );
        }),
      );
    if (noNulls && topLevel.has(field.name)) names.push(field.name);
  }
  return names;
}

/** Row ranges of whole row groups, `tasks` of them (or fewer) of about equal rows. */
function rowRuns(metadata: FileMetaData, tasks: number): [number, number][] {
  const total = Number(metadata.num_rows);
  const runs: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (const group of metadata.row_groups) {
    end += Number(group.num_rows);
    if (end >= (total * (runs.length + 1)) / tasks) {
      runs.push([start, end]);
      start = end;
    }
  }
  if (end > start) runs.push([start, end]);
  return runs;
}
