import type { Column, Table } from '../data/column.js';
import type { CsvCacheOptions } from './csvCacheSource.js';
import type { CsvCacheWriter } from './csvCacheWriter.js';
import { readNumericCsvBatches } from './numericCsvBatches.js';
import type { NumericCsvBatch } from './numericCsvBatches.js';

/** Raised inside the fast path's batch handler when the file is not one it can take. */
class NotFast {}

/**
 * The first pass by readNumericCsvBatches, when the options allow it (no categorical columns, no
 * extra missing-value tokens, a one-byte delimiter): each batch of numbers becomes a Table of
 * numeric columns for the writer. False when the file turned out not to be plain numbers with
 * the needed columns (the writer may then hold rows: the caller starts over).
 */
export function numericFastPath(
  file: string,
  options: CsvCacheOptions,
  writer: CsvCacheWriter,
): boolean {
  if ((options.categorical ?? []).length > 0 || options.naValues !== undefined) return false;
  if (options.delimiter !== undefined && options.delimiter.length !== 1) return false;
  const needed = [
    options.target,
    ...(options.weights === undefined ? [] : [options.weights]),
    ...(options.features ?? []),
  ];
  let columns: Float64Array[] = [];
  const onBatch = (batch: NumericCsvBatch): void => {
    const { names, rows, data } = batch;
    if (columns.length === 0) {
      if (!needed.every((name) => names.includes(name))) throw new NotFast();
      if (new Set(names).size !== names.length) throw new NotFast();
      columns = names.map(() => new Float64Array(rows));
    }
    const fields = names.length;
    if (columns[0]!.length < rows) columns = names.map(() => new Float64Array(rows));
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < fields; k++) columns[k]![i] = data[i * fields + k]!;
    }
    const table: Table = {
      file,
      format: 'csv',
      rowCount: rows,
      columns: names.map((name, k): Column => ({
        name,
        numbers: columns[k]!.subarray(0, rows),
        text: undefined,
        missingRows: [],
      })),
      lines: batch.lines,
    };
    writer.add(table);
  };
  try {
    const names = readNumericCsvBatches(
      file,
      {
        ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
        batchRows: options.batchRows ?? 8192,
        chunkBytes: Math.max(options.chunkBytes ?? 8 << 20, 1 << 20),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      },
      onBatch,
    );
    return names !== undefined && writer.fileRows > 0;
  } catch (error) {
    if (error instanceof NotFast) return false;
    throw error;
  }
}
