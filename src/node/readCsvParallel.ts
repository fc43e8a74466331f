import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Column, Table } from '../data/column.js';
import { CsvParser } from '../data/csvParser.js';
import type { CsvRecord } from '../data/csvParser.js';
import { CsvTable } from '../data/csvTable.js';
import { DataFileError } from '../data/dataFileError.js';
import { InputError } from '../errors.js';
import { defaultMaxLineLength, defaultMaxRows, tooManyRows } from '../data/readLimits.js';
import { chooseDelimiter } from '../data/chooseDelimiter.js';
import type { CsvRangeResult, CsvRangeTask } from '../data/csvRange.js';
import { shownName, standardInput } from './openDataStream.js';
import type { CsvReadOptions } from './readCsv.js';

/** Runs range tasks: in worker threads ({@link createCsvRangeWorkers}) or, in tests, in-process. */
export interface CsvRangeRunner {
  count(task: CsvRangeTask, index: number): Promise<number>;
  parse(task: CsvRangeTask, index: number): Promise<CsvRangeResult>;
}

/** How {@link readCsvParallel} splits a file. */
export interface CsvSplitOptions {
  /** Ranges to aim for (default: the runner's). */
  readonly ranges: number;
  /** Byte positions to split near (default: equal parts); each moves to just after a line feed. */
  readonly splits?: readonly number[];
  /** Bytes read at a time by a range (default 16 MB). */
  readonly chunkBytes?: number;
}

const LF = 0x0a;
const HEAD_BYTES = 1 << 20;

/** Stops the header parse after its first record. */
class HeaderFound {
  constructor(
    readonly names: string[],
    readonly line: number,
    readonly end: number,
    readonly nextLine: number,
  ) {}
}

/**
 * Reads a CSV file as `readCsv` does, in byte ranges parsed at the same time: the header is read
 * here; the rest is cut into ranges just after a line feed; each range's line feeds are counted
 * (so that the rows fit in one shared allocation of columns × rows doubles, no copy), then each
 * range is parsed by the same byte-level reader (`parseCsvRange`) straight into shared memory.
 * A cut inside a quoted field is found, not assumed away: a range must end at a record boundary
 * (its parser holds nothing back), or the file is read serially. Errors name the file line
 * (the range's lines + the lines before it); anything the ranges cannot settle alone (binary
 * data, a row past `maxRows` before an error, lone-CR line ends) goes to `serial`, which reads
 * the whole file and so gives the serial reader's result or error exactly.
 *
 * Returns undefined when the file is not a plain file this reader takes (standard input, gzip,
 * too small a header chunk): the caller reads it serially.
 */
export async function readCsvParallel(
  file: string,
  options: CsvReadOptions,
  runner: CsvRangeRunner,
  split: CsvSplitOptions,
  serial: () => Promise<Table>,
): Promise<Table | undefined> {
  // Notes wait for the outcome: when the serial reader takes over, it gives them itself.
  const notes: string[] = [];
  const flush = (): void => {
    for (const note of notes) options.onNote?.(note);
  };
  let outcome: Table | 'serial' | undefined;
  try {
    outcome = await readRanges(
      file,
      { ...options, onNote: (note) => notes.push(note) },
      runner,
      split,
    );
  } catch (error) {
    if (error instanceof InputError) {
      flush();
      throw error;
    }
    // A file-system error: the serial reader's to explain.
    if ((error as { code?: unknown } | null)?.code !== undefined) return undefined;
    throw error;
  }
  if (outcome === 'serial') return serial();
  if (outcome !== undefined) flush();
  return outcome;
}

/** {@link readCsvParallel} but for its notes; 'serial' when the serial reader must take over. */
async function readRanges(
  file: string,
  options: CsvReadOptions,
  runner: CsvRangeRunner,
  split: CsvSplitOptions,
): Promise<Table | 'serial' | undefined> {
  if (file === standardInput || /\.gz$/i.test(file) || options.verbatimColumns !== undefined) {
    return undefined;
  }
  const shown = shownName(file);
  const fd = openSync(file, 'r');
  let size: number;
  let head: Buffer;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    size = stats.size;
    head = Buffer.allocUnsafe(Math.min(HEAD_BYTES, size));
    head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
  if (head.length < 2 || (head[0] === 0x1f && head[1] === 0x8b)) return undefined;

  const maxRows = options.maxRows ?? defaultMaxRows;
  const maxLineLength = options.maxLineLength ?? defaultMaxLineLength;
  const table = new CsvTable(shown, options, maxRows);
  const delimiter = chooseDelimiter(shown, head, options);
  table.createParser(delimiter); // checks the delimiter against the options
  const code = delimiter.charCodeAt(0);
  if (code < 0x20 && code !== 0x09) return undefined; // the binary guard's business
  const header = readHeader(head, code);
  if (header === undefined || !textOnly(head, header.end, maxLineLength)) return undefined;
  const names = table.headerNames(header.names, header.line);

  const chunkBytes = split.chunkBytes ?? 16 << 20;
  const bounds = rangeBounds(file, header.end, size, split);
  const base = {
    file,
    shown,
    delimiter,
    options: {
      ...(options.naValues === undefined ? {} : { naValues: options.naValues }),
      ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    },
    header: names,
    headerLine: header.line,
    maxLineLength,
    chunkBytes,
  };
  const placeholder = new SharedArrayBuffer(0);
  const sketches = bounds.slice(0, -1).map((start, k) => ({
    ...base,
    start,
    end: bounds[k + 1]!,
    last: k === bounds.length - 2,
    numbers: placeholder,
    lines: placeholder,
    stride: 0,
    rowOffset: 0,
    capacity: 0,
  }));
  const feeds = await Promise.all(sketches.map((task, k) => runner.count(task, k)));
  const stride = feeds.reduce((sum, n) => sum + n + 1, 0);
  const numbers = new SharedArrayBuffer(stride * names.length * 8);
  const lines = new SharedArrayBuffer(stride * 4);
  const offsets: number[] = [];
  const tasks = sketches.map((task, k): CsvRangeTask => {
    offsets.push(k === 0 ? 0 : offsets[k - 1]! + feeds[k - 1]! + 1);
    return { ...task, numbers, lines, stride, rowOffset: offsets[k]!, capacity: feeds[k]! + 1 };
  });
  const results = await Promise.all(tasks.map((task, k) => runner.parse(task, k)));

  // In file order: a range's error is real when the ranges before it ended at record boundaries.
  let lineOffset = header.nextLine - 1;
  let rowsBefore = 0;
  const lineOffsets: number[] = [];
  for (const [k, result] of results.entries()) {
    if (result.outcome === 'serial') return 'serial';
    if (result.outcome === 'error') {
      if (rowsBefore + result.rows > maxRows) return 'serial';
      throw new DataFileError(shown, result.error!.line + lineOffset, result.error!.problem);
    }
    if (!result.atBoundary && k < results.length - 1) return 'serial';
    lineOffsets.push(lineOffset);
    lineOffset += result.nextLine - 1;
    rowsBefore += result.rows;
  }
  if (rowsBefore === 0) return table.finish(); // throws: a header but no data rows
  const merged = mergeRanges(shown, names, results, tasks, lineOffsets);
  if (merged.rowCount > maxRows) throw tooManyRows(shown, merged.lines[maxRows]!, maxRows);
  options.onProgress?.(size, size);
  return merged;
}

/** The header record of `head` (its names, line, end and the next record's line), if it ends there. */
function readHeader(head: Buffer, delimiter: number): HeaderFound | undefined {
  const parser = new CsvParser(delimiter, (record: CsvRecord) => {
    throw new HeaderFound(record.fields(), record.line, record.end, parser.nextLine);
  });
  try {
    parser.write(head);
  } catch (found) {
    if (found instanceof HeaderFound) return found.end < head.length ? found : undefined;
    return undefined; // a syntax error: the serial reader names it
  }
  return undefined;
}

/** True when bytes [0, end) pass the serial reader's binary guard (see `TextGuard`). */
function textOnly(head: Buffer, end: number, maxLineLength: number): boolean {
  if (end > maxLineLength) return false;
  for (let i = 0; i < end; i++) {
    const byte = head[i]!;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) return false;
  }
  return true;
}

/** Range starts from `start`, each just after a line feed near a split point, then `size`. */
function rangeBounds(file: string, start: number, size: number, split: CsvSplitOptions): number[] {
  const points =
    split.splits ??
    Array.from(
      { length: split.ranges - 1 },
      (_, k) => start + Math.floor(((size - start) * (k + 1)) / split.ranges),
    );
  const bounds = [start];
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (const point of [...points].sort((a, b) => a - b)) {
      let at = Math.max(point, bounds[bounds.length - 1]!);
      let found = -1;
      while (found < 0 && at < size) {
        const n = readSync(fd, buffer, 0, buffer.length, at);
        if (n === 0) break;
        const k = buffer.subarray(0, n).indexOf(LF);
        if (k >= 0) found = at + k + 1;
        at += n;
      }
      if (found > bounds[bounds.length - 1]! && found < size) bounds.push(found);
    }
  } finally {
    closeSync(fd);
  }
  bounds.push(size);
  return bounds;
}

/**
 * The ranges' rows as one table: numbers and lines moved together in the shared buffers (only
 * when a range held fewer rows than its line feeds), lines made file lines, text columns
 * rebuilt from the ranges' levels (a number's key is its shortest form, as `ColumnBuilder`'s).
 */
function mergeRanges(
  file: string,
  names: readonly string[],
  results: readonly CsvRangeResult[],
  tasks: readonly CsvRangeTask[],
  lineOffsets: readonly number[],
): Table {
  const { numbers: shared, lines: sharedLines, stride } = tasks[0]!;
  const all = new Float64Array(shared);
  const lines = new Uint32Array(sharedLines);
  const starts: number[] = [];
  let rowCount = 0;
  for (const [k, result] of results.entries()) {
    const from = tasks[k]!.rowOffset;
    starts.push(rowCount);
    if (from !== rowCount) {
      for (let j = 0; j < names.length; j++) {
        all.copyWithin(j * stride + rowCount, j * stride + from, j * stride + from + result.rows);
      }
      lines.copyWithin(rowCount, from, from + result.rows);
    }
    const offset = lineOffsets[k]!;
    for (let i = rowCount; i < rowCount + result.rows; i++) lines[i] += offset;
    rowCount += result.rows;
  }
  const columns = names.map((name, j): Column => {
    const values = new Float64Array(shared, j * stride * 8, rowCount);
    const missingRows: number[] = [];
    for (const [k, result] of results.entries()) {
      for (const row of result.missing[j]!) missingRows.push(starts[k]! + row);
    }
    let text: (string | null)[] | undefined;
    if (results.some((result) => result.codes[j] !== undefined)) {
      text = new Array<string | null>(rowCount);
      for (const [k, result] of results.entries()) {
        const codes = result.codes[j];
        const levels = result.levels;
        for (let r = 0; r < result.rows; r++) {
          const i = starts[k]! + r;
          const code = codes === undefined ? -1 : codes[r]!;
          const value = values[i]!;
          text[i] = code >= 0 ? levels[code]! : value === value ? String(value) : null;
        }
        // Done with these codes: let them go before the next column's text is made.
        (result.codes as (Int32Array | undefined)[])[j] = undefined;
      }
    }
    return { name, numbers: values, text, missingRows };
  });
  return { file, format: 'csv', rowCount, columns, lines: lines.subarray(0, rowCount) };
}
