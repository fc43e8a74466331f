import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Table } from '../data/column.js';
import { CsvTable } from '../data/csvTable.js';
import type { CsvTableOptions } from '../data/csvTable.js';
import { defaultMaxRows } from '../data/readLimits.js';
import { CsvByteReader } from '../data/csvByteReader.js';
import { createCsvRangeWorkers } from './csvRangeWorkers.js';
import { fileSystemError, openDataStream, shownName, standardInput } from './openDataStream.js';
import { readCsvParallel } from './readCsvParallel.js';
import type { ReadLimits, ReadProgress } from '../data/readLimits.js';

/** Options of {@link readCsv}. */
export interface CsvReadOptions extends ReadLimits, CsvTableOptions {
  /**
   * The field separator, one character. Default: a tab for `.tsv`/`.tab` files; otherwise a comma,
   * unless the header line has no comma but semicolons, tabs or bars (then the most frequent of them).
   */
  readonly delimiter?: string;
  readonly onProgress?: ReadProgress;
}

export { defaultMaxColumns } from '../data/csvTable.js';

/**
 * Reads a delimited text file with a header row (CSV by RFC 4180: fields may be quoted with `"`,
 * a quote inside a quoted field is doubled, quoted fields may span lines), streaming, into
 * columns, with the byte-level parser of `src/data/csvParser.ts`. Cells are trimmed; a UTF-8
 * byte-order mark is dropped; LF, CRLF and lone CR end lines in any mix; empty lines are skipped
 * (and counted: messages name the line an editor shows).
 * A gzipped file is decompressed (see {@link openDataStream}); the file `-` is standard input.
 * A plain file of {@link parallelCsvBytes} or more is read on min(2, cores) worker threads in
 * byte ranges (see `readCsvParallel`), with the same result; its numbers then live in shared
 * memory (`SharedArrayBuffer`).
 *
 * @throws {DataFileError} naming the file and line: no such file, binary data, an empty file, a
 *   header without rows, a duplicate column name, a row whose field count differs from the
 *   header's, an unterminated quoted field, text after a closing quote.
 */
export async function readCsv(file: string, options: CsvReadOptions = {}): Promise<Table> {
  const workers = Math.min(2, availableParallelism());
  if (workers > 1 && file !== standardInput && sizeOf(file) >= parallelCsvBytes) {
    const pool = createCsvRangeWorkers(workers);
    try {
      const table = await readCsvParallel(file, options, pool, { ranges: workers }, () =>
        readCsvSerial(file, options),
      );
      if (table !== undefined) return table;
    } finally {
      await pool.close();
    }
  }
  return readCsvSerial(file, options);
}

/**
 * Files from this size on are read in parallel byte ranges (see `readCsvParallel`), on
 * min(2, cores) worker threads; smaller ones, standard input and gzip serially.
 */
export const parallelCsvBytes = 32 << 20;

/** The file's size, or 0 when it cannot be seen (the serial reader then explains why). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** {@link readCsv} on the calling thread, streaming, whatever the file's size. */
export async function readCsvSerial(file: string, options: CsvReadOptions): Promise<Table> {
  const state = new CsvTable(shownName(file), options, options.maxRows ?? defaultMaxRows);
  await streamCsv(file, options, state);
  return state.finish();
}

/**
 * Reads a CSV file as {@link readCsv} does, but hands the rows over in tables of about
 * `batchRows` rows (each with the header's columns and its rows' file lines) as they are read,
 * waiting for `onBatch` before reading on: memory stays bounded by the batch, and the first rows
 * can be used before the file ends (`logreg predict` streams this way).
 *
 * @throws {DataFileError} as {@link readCsv}; rows before the problem have been handed over.
 */
export async function readCsvBatches(
  file: string,
  options: CsvReadOptions & { readonly batchRows?: number },
  onBatch: (batch: Table) => Promise<void>,
): Promise<void> {
  const batchRows = options.batchRows ?? 8192;
  const state = new CsvTable(shownName(file), options, Infinity);
  let handed = 0;
  await streamCsv(file, options, state, async () => {
    if (state.pendingRows < batchRows) return;
    const batch = state.takeBatch();
    handed += batch.rowCount;
    await onBatch(batch);
  });
  if (handed === 0 || state.pendingRows > 0) await onBatch(state.finish());
}

/** Streams the file through the byte-level CSV reader (`CsvByteReader`) into `state`; `afterChunk` runs after each chunk. */
async function streamCsv(
  file: string,
  options: CsvReadOptions,
  state: CsvTable,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const data = await openDataStream(file, options.onProgress, options);
  const reader = new CsvByteReader(shownName(file), options, state);
  try {
    for await (const chunk of data.readable as AsyncIterable<Buffer>) {
      reader.write(chunk);
      if (afterChunk !== undefined) await afterChunk();
    }
    reader.end();
  } catch (error) {
    throw state.explain(error) ?? fileSystemError(state.file, error);
  } finally {
    await data.close();
  }
}
