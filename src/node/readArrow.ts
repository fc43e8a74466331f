import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { RecordBatchReader, tableFromIPC } from 'apache-arrow';
import type { Table } from '../data/column.js';
import { DataFileError } from '../data/dataFileError.js';
import { tableFromArrow } from '../data/tableFromArrow.js';
import { fileSystemError, shownName, standardInput } from './openDataStream.js';

/** Options of {@link readArrow} and {@link readArrowBatches}. */
export interface ArrowReadOptions {
  /** Strings that mean "missing" besides the defaults, as `naValues` of the CSV reader. */
  readonly naValues?: readonly string[];
}

/**
 * Reads an Arrow IPC file (`.arrow`, Feather v2) or IPC stream (`.arrows`) into a {@link Table}
 * with apache-arrow's `tableFromIPC`, then {@link tableFromArrow}: the CSV cell rules (nulls and
 * NaN are missing, strings go through the missing-value tokens, booleans and dates are levels),
 * and a non-null `Float64` column of a file with one record batch is the column's `numbers`
 * without a copy (a view of the bytes read). Lines are row numbers (1-based). The file `-` is
 * standard input.
 *
 * @throws {DataFileError} no such file, not Arrow IPC data, no columns, no rows, a nested or
 *   binary column.
 * @example
 * const table = await readArrow('train.arrow');
 * table.columns[0].numbers; // Float64Array
 */
export async function readArrow(file: string, options: ArrowReadOptions = {}): Promise<Table> {
  const name = shownName(file);
  const bytes = await readBytes(file, name);
  let arrow: ReturnType<typeof tableFromIPC>;
  try {
    arrow = tableFromIPC(bytes);
  } catch (error) {
    throw notArrow(name, error);
  }
  if (arrow.schema.fields.length === 0) throw notArrow(name, 'no columns');
  if (arrow.numRows === 0) throw new DataFileError(name, undefined, 'no rows');
  return tableFromArrow(arrow, { name, ...naValues(options) });
}

/**
 * Reads an Arrow IPC stream or file one record batch at a time, each batch a {@link Table} (as
 * {@link readArrow}: its non-null `Float64` columns without a copy) whose `lines` continue the
 * previous batch's row numbers, handed to `onBatch` and awaited before the next is read, so that
 * memory holds about one record batch.
 *
 * @throws {DataFileError} as {@link readArrow}; batches before the problem have been handed over.
 */
export async function readArrowBatches(
  file: string,
  options: ArrowReadOptions,
  onBatch: (batch: Table) => Promise<void>,
): Promise<void> {
  const name = shownName(file);
  if (file !== standardInput) await checkFile(file, name);
  const input = file === standardInput ? process.stdin : createReadStream(file);
  let reader: Awaited<ReturnType<typeof RecordBatchReader.from>> | undefined;
  let start = 0;
  try {
    try {
      reader = await RecordBatchReader.from(input);
      await reader.open();
    } catch (error) {
      throw notArrow(name, error);
    }
    if (reader.schema.fields.length === 0) throw notArrow(name, 'no columns');
    for (;;) {
      let next: IteratorResult<{ numRows: number }>;
      try {
        next = await reader.next();
      } catch (error) {
        throw notArrow(name, error);
      }
      if (next.done === true) break;
      const batch = next.value as unknown as Parameters<typeof tableFromArrow>[0];
      const table = tableFromArrow(batch, { name, ...naValues(options) });
      const lines = table.lines;
      for (let i = 0; i < lines.length; i++) lines[i] = start + i + 1;
      start += table.rowCount;
      await onBatch(table);
    }
  } finally {
    await reader?.cancel();
    if (input !== process.stdin) input.destroy();
  }
}

function naValues(options: ArrowReadOptions): { naValues?: readonly string[] } {
  return options.naValues === undefined ? {} : { naValues: options.naValues };
}

async function checkFile(file: string, name: string): Promise<void> {
  let stats;
  try {
    stats = await stat(file);
  } catch (error) {
    throw fileSystemError(name, error);
  }
  if (stats.isDirectory())
    throw new DataFileError(name, undefined, 'is a directory, not a data file');
}

/** The file's bytes (standard input read whole). */
async function readBytes(file: string, name: string): Promise<Uint8Array> {
  if (file === standardInput) {
    const parts: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts);
  }
  await checkFile(file, name);
  try {
    return await readFile(file);
  } catch (error) {
    throw fileSystemError(name, error);
  }
}

function notArrow(name: string, error: unknown): DataFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DataFileError(name, undefined, `is not readable Arrow IPC data (${detail})`);
}
