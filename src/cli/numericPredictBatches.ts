import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Column, Table } from '../data/column.js';
import { readNumericCsvBatches } from '../node/numericCsvBatches.js';
import { readNumericCsvBatchesOnThread } from '../node/numericCsvBatchThread.js';
import type { NumericCsvColumnBatch } from '../node/numericCsvBatchThread.js';
import type { NumericCsvBatch } from '../node/numericCsvBatches.js';
import { standardInput } from '../node/openDataStream.js';
import { defaultMaxLineLength } from '../data/readLimits.js';
import type { ReadProgress } from '../data/readLimits.js';
import { defaultMaxColumns } from '../data/csvTable.js';
import type { ReadFlags } from './loadTable.js';

/** The byte-level reader's batch holds this many rows and doubles at most (allocated whole). */
const maxBatchRows = 1 << 16;
const maxBatchEntries = 1 << 22;
/** Its chunks: the longest line it takes is one chunk (no shorter than the header read). */
const minChunk = 1 << 16;
const maxChunk = 1 << 24;

/** Thrown from the batch handler to leave the byte-level reader early; caught below. */
class Leave {}

/** How far {@link numericPredictBatches} got. */
export interface NumericPass {
  /** True when every row of the file was handed over. */
  readonly done: boolean;
  /** The data rows handed over (the general reader skips them when it goes on). */
  readonly rows: number;
}

/**
 * `logreg predict`'s fast path for a plain numeric CSV/TSV file: the byte-level reader
 * (`readNumericCsvBatches`: no string per cell, several times the general reader's speed) hands
 * over batches as tables of numeric columns, the general reader's tables for such a file, and
 * `onTable` scores and writes each one synchronously (the reader is synchronous). `onTable`
 * returns false to stop after its batch: the output is full and must drain before more is
 * produced, so that memory stays bounded; the caller then goes on with the general reader,
 * skipping the rows already handed over, as it does when a cell turns out not to be a plain
 * number. Not tried (done false, no rows) where {@link batchSize} says.
 */
export function numericPredictBatches(
  file: string,
  flags: ReadFlags,
  delimiter: string | undefined,
  batchRows: number,
  onProgress: ReadProgress | undefined,
  onTable: (table: Table) => boolean,
): NumericPass {
  const size = batchSize(file, flags, delimiter, batchRows);
  if (size === undefined) return { done: false, rows: 0 };
  let rows = 0;
  const tables = new BatchTables(file, delimiter);
  const onBatch = (batch: NumericCsvBatch): void => {
    const more = onTable(tables.table(batch, rows));
    rows += batch.rows;
    if (!more) throw new Leave();
  };
  try {
    const names = readNumericCsvBatches(
      file,
      {
        batchRows: size.rows,
        chunkBytes: size.chunkBytes,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...(onProgress === undefined ? {} : { onProgress }),
      },
      onBatch,
    );
    return { done: names !== undefined && rows > 0, rows };
  } catch (error) {
    if (error instanceof Leave) return { done: false, rows };
    throw error;
  }
}

/**
 * {@link numericPredictBatches} with the byte-level reader on a worker thread
 * (`readNumericCsvBatchesOnThread`), so that parsing the next batch overlaps scoring, formatting
 * and writing this one: the same tables in the same order, the same result. `onTable` may wait
 * (for the output to drain) before the next batch; the worker parses a few batches ahead at most.
 */
export async function numericPredictBatchesOnThread(
  file: string,
  flags: ReadFlags,
  delimiter: string | undefined,
  batchRows: number,
  onProgress: ReadProgress | undefined,
  onTable: (table: Table) => Promise<boolean> | boolean,
): Promise<NumericPass> {
  const size = batchSize(file, flags, delimiter, batchRows);
  if (size === undefined) return { done: false, rows: 0 };
  let rows = 0;
  const tables = new BatchTables(file, delimiter);
  try {
    const names = await readNumericCsvBatchesOnThread(
      file,
      {
        batchRows: size.rows,
        chunkBytes: size.chunkBytes,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...(onProgress === undefined ? {} : { onProgress }),
      },
      async (batch) => {
        const more = await onTable(tables.of(batch, rows));
        rows += batch.rows;
        if (!more) throw new Leave();
      },
    );
    return { done: names !== undefined && rows > 0, rows };
  } catch (error) {
    if (error instanceof Leave) return { done: false, rows };
    throw error;
  }
}

/**
 * The byte-level reader's batches as the general reader's tables for such a file: one numeric
 * column per field, no missing cells (column buffers reused: a table is valid until the next).
 */
class BatchTables {
  private columns: Float64Array[] = [];

  constructor(
    private readonly file: string,
    private readonly delimiter: string | undefined,
  ) {}

  /** The batch's table; `before`, the rows handed over before it. */
  table(batch: NumericCsvBatch, before: number): Table {
    const { names, data } = batch;
    this.check(names, before);
    const fields = names.length;
    const n = batch.rows;
    if ((this.columns[0]?.length ?? 0) < n) this.columns = names.map(() => new Float64Array(n));
    const columns = this.columns;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < fields; k++) columns[k]![i] = data[i * fields + k]!;
    }
    return this.of(
      { names, rows: n, columns: columns.map((c) => c.subarray(0, n)), lines: batch.lines },
      before,
    );
  }

  /** The table of a batch already in columns (valid as long as they are). */
  of(batch: NumericCsvColumnBatch, before: number): Table {
    this.check(batch.names, before);
    return {
      file: this.file,
      format: 'csv',
      rowCount: batch.rows,
      columns: batch.names.map((name, k): Column => ({
        name,
        numbers: batch.columns[k]!,
        text: undefined,
        missingRows: [],
      })),
      lines: batch.lines,
    };
  }

  /**
   * Before the first batch: a one-field header may be a delimiter the general reader would guess;
   * a repeated name would be renamed by it (with a note): leave both to it.
   */
  private check(names: readonly string[], before: number): void {
    if (
      before === 0 &&
      ((names.length < 2 && this.delimiter === undefined) || new Set(names).size !== names.length)
    ) {
      throw new Leave();
    }
  }
}

/**
 * The rows per batch for the byte-level reader (which holds a whole batch of doubles), or
 * undefined when it may not read the file with these flags: standard input, gzip, options it does
 * not implement (missing-value tokens, a decimal comma, `--keep`), a header wider than
 * `--max-columns` or than one read, a `--max-line-length` below its smallest chunk. It reads in
 * chunks no longer than `--max-line-length`: a longer line does not fit one, so the general reader
 * takes over and names it. `--max-rows` does not apply: predict streams.
 */
function batchSize(
  file: string,
  flags: ReadFlags,
  delimiter: string | undefined,
  batchRows: number,
): { rows: number; chunkBytes: number } | undefined {
  if (file === standardInput || (delimiter !== undefined && delimiter.length !== 1))
    return undefined;
  // A FIFO or device is read once, by the general reader: peeking at its first bytes here would
  // consume them.
  if (!isRegularFile(file)) return undefined;
  if (flags.naValues !== undefined || flags.verbatimColumns !== undefined) return undefined;
  if (flags.decimal !== undefined && flags.decimal !== '.') return undefined;
  const maxLine = flags.maxLineLength ?? defaultMaxLineLength;
  if (maxLine < minChunk) return undefined;
  const head = firstBytes(file, minChunk);
  if (head === undefined || (head[0] === 0x1f && head[1] === 0x8b)) return undefined; // gzip
  const end = head.indexOf(0x0a);
  if (end < 0) return undefined;
  const separator = (delimiter ?? ',').charCodeAt(0);
  let fields = 1;
  for (let i = 0; i < end; i++) if (head[i] === separator) fields++;
  if (fields > (flags.maxColumns ?? defaultMaxColumns)) return undefined;
  return {
    rows: Math.max(1, Math.min(batchRows, maxBatchRows, Math.floor(maxBatchEntries / fields))),
    chunkBytes: Math.min(maxLine, maxChunk),
  };
}

/** Whether `file` is a regular file (not a FIFO, socket or device); false when it cannot be read. */
function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false; // the general reader says why
  }
}

/** The file's first `count` bytes (fewer at its end), or undefined when it cannot be read. */
function firstBytes(file: string, count: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(count);
    return head.subarray(0, readSync(fd, head, 0, count, 0));
  } catch {
    return undefined; // the general reader says why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The table without its first `skip` rows (rows the fast path already handed over). */
export function withoutFirstRows(table: Table, skip: number): Table {
  if (skip <= 0) return table;
  const k = Math.min(skip, table.rowCount);
  return {
    ...table,
    rowCount: table.rowCount - k,
    lines: table.lines.subarray(k),
    columns: table.columns.map((column) => ({
      ...column,
      numbers: column.numbers.subarray(k),
      text: column.text?.slice(k),
      missingRows: column.missingRows.filter((row) => row >= k).map((row) => row - k),
      ...(column.cells === undefined ? {} : { cells: column.cells.slice(k) }),
    })),
  };
}
