import type { ByteSource } from './byteSource.js';
import { MissingValues } from './column.js';
import { CsvRangeTable, RangeFull } from './csvRangeTable.js';
import { explainCsvError } from './csvTable.js';
import type { CsvTableOptions } from './csvTable.js';
import { DataFileError } from './dataFileError.js';
import { NotNumeric, parseLines } from './numericCsvLines.js';
import type { Sink } from './numericCsvLines.js';
import { TextCheck } from './textCheck.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * One byte range of a CSV file for a parallel reader (see `readCsvParallel` in src/node, whose
 * worker threads open the file and run {@link parseCsvRange} on it): it starts at a
 * record boundary after the header (a guess, for all but the first range: the reader checks it
 * against the previous range's end) and its rows go into shared memory at `rowOffset`.
 */
export interface CsvRangeTask {
  readonly file: string;
  /** The file as messages name it. */
  readonly shown: string;
  readonly start: number;
  readonly end: number;
  /** True for the range that ends the file (its last record may lack a line break). */
  readonly last: boolean;
  readonly delimiter: string;
  readonly options: Pick<CsvTableOptions, 'naValues' | 'decimal' | 'maxColumns'>;
  readonly header: readonly string[];
  readonly headerLine: number;
  /** Column j's rows are numbers[j·stride + rowOffset + i] (Float64), lines[rowOffset + i]. */
  readonly numbers: SharedArrayBuffer;
  readonly lines: SharedArrayBuffer;
  readonly stride: number;
  readonly rowOffset: number;
  /** The most rows the range may hold (its line feeds + 1). */
  readonly capacity: number;
  /** `ReadLimits.maxLineLength`, checked as the serial reader's guard does. */
  readonly maxLineLength: number;
  readonly chunkBytes: number;
}

/** What a range's parse gives back; lines count from 1 at the range's start. */
export interface CsvRangeResult {
  /** `serial`: something only the serial reader explains or handles (the caller falls back). */
  readonly outcome: 'ok' | 'error' | 'serial';
  readonly rows: number;
  /** 1 + the line breaks in the range (when `ok`). */
  readonly nextLine: number;
  /** True when the range's bytes end with a complete record (when `ok`). */
  readonly atBoundary: boolean;
  readonly error?: { readonly line: number; readonly problem: string };
  /** The texts of the cells that are neither numbers nor missing; `codes` index into it. */
  readonly levels: readonly string[];
  /** Per column: each row's level code (−1: a number or missing), or undefined: no such cell. */
  readonly codes: readonly (Int32Array | undefined)[];
  /** Per column: the range's missing rows (range-relative). */
  readonly missing: readonly Int32Array[];
}

/** Line feeds in [start, end) of the bytes: with 1 added, the most records the range can hold. */
export function countLineFeeds(
  source: ByteSource,
  start: number,
  end: number,
  chunkBytes: number,
): number {
  const buffer = source.allocate(Math.max(1, Math.min(chunkBytes, end - start)));
  let count = 0;
  for (let pos = start; pos < end;) {
    const n = source.read(buffer, 0, Math.min(buffer.length, end - pos), pos);
    if (n === 0) break;
    const chunk = buffer.subarray(0, n);
    for (let k = chunk.indexOf(LF); k >= 0; k = chunk.indexOf(LF, k + 1)) count++;
    pos += n;
  }
  return count;
}

/**
 * Parses one range into the shared columns, as the serial reader reads those bytes: by the
 * one-pass fast path (`parseLines` of fastNumericCsv.ts: plain numbers, and unquoted text cells
 * given their meaning by `CsvRangeTable.putText`), which takes only lines the general reader
 * reads the same way; from the first chunk it refuses (quotes, control bytes, a ragged row, …)
 * by the general byte-level reader (`CsvParser` into the same `CsvRangeTable`). Errors come back
 * as data, with range-relative lines.
 */
export function parseCsvRange(task: CsvRangeTask, source: ByteSource): CsvRangeResult {
  const fields = task.header.length;
  const columns = Array.from(
    { length: fields },
    (_, j) => new Float64Array(task.numbers, (j * task.stride + task.rowOffset) * 8, task.capacity),
  );
  const lines = new Uint32Array(task.lines, task.rowOffset * 4, task.capacity);
  const table = new CsvRangeTable(task.shown, task.options, columns, lines, task.delimiter);
  if (!fastPathApplies(task)) return generalRange(source, task, table, start(task));
  const fast = fastRange(source, task, table, columns, lines);
  return 'outcome' in fast ? fast : generalRange(source, task, table, fast);
}

/** The fast path reads numbers as the general reader does unless tabs, NA numbers or `,` decimals. */
function fastPathApplies(task: CsvRangeTask): boolean {
  if (task.delimiter === '\t' || task.delimiter === ' ') return false;
  if (task.options.decimal === ',' || task.maxLineLength < task.chunkBytes) return false;
  return !new MissingValues(task.options.naValues).hasNumber();
}

/** Writes the fast path's cells column by column. */
class ColumnSink implements Sink {
  field = 0;
  row = 0;
  constructor(
    private readonly table: CsvRangeTable,
    private readonly columns: Float64Array[],
    private readonly lines: Uint32Array,
    private readonly capacity: number,
  ) {}

  put(value: number, line: number): void {
    if (this.field >= this.columns.length || this.row >= this.capacity) throw new NotNumeric(line);
    this.columns[this.field++]![this.row] = value;
  }

  /** Other cells, as the general reader's table reads them (levels, missing values). */
  text(buf: Uint8Array, start: number, end: number, line: number): void {
    if (this.field >= this.columns.length || this.row >= this.capacity) throw new NotNumeric(line);
    this.table.putText(this.field++, this.row, buf, start, end, 0);
  }

  endRow(line: number): void {
    if (this.field !== this.columns.length) throw new NotNumeric(line);
    this.lines[this.row++] = line;
    this.field = 0;
  }
}

/** Where a range's general parse starts: a chunk's first byte, rows and line before it. */
interface Resume {
  readonly pos: number;
  readonly rows: number;
  readonly line: number;
}

function start(task: CsvRangeTask): Resume {
  return { pos: task.start, rows: 0, line: 1 };
}

/**
 * The fast path over the range, chunk by chunk of whole lines; at the first chunk it refuses,
 * where the general parse is to take over (the rows before that chunk stay).
 */
function fastRange(
  source: ByteSource,
  task: CsvRangeTask,
  table: CsvRangeTable,
  columns: Float64Array[],
  lines: Uint32Array,
): CsvRangeResult | Resume {
  const buffer = source.allocate(Math.max(1, Math.min(task.chunkBytes, task.end - task.start)) + 1);
  const sink = new ColumnSink(table, columns, lines, task.capacity);
  const delimiter = task.delimiter.charCodeAt(0);
  let line = 1;
  let pos = task.start;
  let rows = 0;
  try {
    while (pos < task.end) {
      const n = source.read(buffer, 0, Math.min(buffer.length - 1, task.end - pos), pos);
      if (n === 0) break;
      let stop: number;
      if (pos + n < task.end) {
        stop = buffer.lastIndexOf(LF, n - 1) + 1;
        if (stop === 0) return { pos, rows, line }; // a line longer than a chunk
      } else if (buffer[n - 1] === LF) {
        stop = n;
      } else {
        buffer[n] = LF; // the file's last line, without a line break
        stop = n + 1;
      }
      line = parseLines(buffer, stop, delimiter, sink, line, true);
      rows = sink.row;
      pos += Math.min(stop, n);
    }
  } catch (error) {
    if (error instanceof NotNumeric) return { pos, rows, line };
    throw error;
  }
  const cells = table.finish(sink.row);
  return {
    outcome: 'ok',
    rows: sink.row,
    nextLine: line,
    atBoundary: true,
    levels: cells.levels,
    codes: cells.codes,
    missing: cells.missing,
  };
}

/** The general reader over the range from `from` (the rows before it stay as they are). */
function generalRange(
  source: ByteSource,
  task: CsvRangeTask,
  table: CsvRangeTable,
  from: Resume,
): CsvRangeResult {
  table.resume(from.rows);
  const parser = table.createParser(from.line);
  const guard = new TextCheck(task.shown, task.maxLineLength);
  const failed = (outcome: 'error' | 'serial', line = 0, problem = ''): CsvRangeResult => ({
    outcome,
    rows: table.rows,
    nextLine: 0,
    atBoundary: false,
    error: { line, problem },
    levels: [],
    codes: [],
    missing: [],
  });
  try {
    const length = Math.max(1, Math.min(task.chunkBytes, task.end - from.pos));
    let buffer = source.allocate(length);
    for (let pos = from.pos; pos < task.end;) {
      const n = source.read(buffer, 0, Math.min(buffer.length, task.end - pos), pos);
      if (n === 0) break;
      // A plain Uint8Array: the parser's `slice` of what it carries over must copy (a Buffer's
      // `slice` is a view).
      const chunk = new Uint8Array(buffer.buffer, buffer.byteOffset, n);
      if (guard.check(chunk) !== undefined) return failed('serial');
      // The parser keeps a chunk without a line break (and nothing else): then read on into a
      // new buffer.
      const kept = chunk.indexOf(LF) < 0 && chunk.indexOf(CR) < 0;
      parser.write(chunk);
      if (kept) buffer = source.allocate(length);
      pos += n;
    }
    if (task.last) parser.end();
  } catch (error) {
    if (error instanceof RangeFull) return failed('serial'); // more records than line feeds
    const explained = explainCsvError(task.shown, error);
    if (explained instanceof DataFileError && explained.line !== undefined) {
      return failed('error', explained.line, explained.problem);
    }
    throw error;
  }
  const cells = table.finish(table.rows);
  return {
    outcome: 'ok',
    rows: cells.rows,
    nextLine: parser.nextLine,
    atBoundary: task.last || parser.atRecordBoundary,
    levels: cells.levels,
    codes: cells.codes,
    missing: cells.missing,
  };
}
