import { ColumnBuilder, MissingValues } from './column.js';
import type { Table } from './column.js';
import { CsvParser, CsvSyntaxError } from './csvParser.js';
import type { CsvRecord } from './csvParser.js';
import { DataFileError } from './dataFileError.js';
import { DecimalReader } from './decimalReader.js';
import { tooManyRows } from './readLimits.js';
import { OptionError } from '../errors.js';

/** How a {@link CsvTable} reads cells into columns (options of `readCsv` too). */
export interface CsvTableOptions {
  /** Receives remarks for the user (a guessed delimiter, a renamed blank header). */
  readonly onNote?: (note: string) => void;
  /**
   * Cells that mean "missing" besides the default ones (`NA`, `NaN`, `N/A`, `null`, `#N/A`, `?`,
   * empty), compared on trimmed text without regard to case.
   */
  readonly naValues?: readonly string[];
  /**
   * The most columns accepted (default {@link defaultMaxColumns}, 100,000): a wider header is
   * an error naming the file, line and option as soon as the header is read, before a column is
   * made (each column costs memory and time per row).
   */
  readonly maxColumns?: number;
  /**
   * Columns whose cells are also kept as written, in `Column.cells` (identifiers to copy
   * through, such as `007`, which the numbers hold as 7). Names the header lacks are ignored.
   */
  readonly verbatimColumns?: readonly string[];
  /**
   * The decimal mark of numbers (default `.`): with `,` a cell such as `1,5` or `-0,25e3` is the
   * number 1.5 or -250 (as R's `read.csv2`); the delimiter must then be another character.
   */
  readonly decimal?: '.' | ',';
}

/**
 * Default {@link CsvTableOptions.maxColumns}: 100,000 columns (`--max-columns`). Wider data is
 * usually sparse and belongs in a LIBSVM file, whose reader costs per stored value.
 */
export const defaultMaxColumns = 100_000;

/**
 * A table read from CSV records as they come: the header, then rows pushed into typed columns
 * (see `ColumnBuilder`), with each row's file line. Browser-safe: give it bytes through
 * {@link CsvTable.createParser} (a {@link CsvParser}) and take the {@link CsvTable.finish}ed
 * table; `readCsv` of `logreg/node` feeds it a file's bytes.
 */
export class CsvTable {
  private builders: ColumnBuilder[] = [];
  // A typed array, not number[]: V8 refuses arrays past 2²⁷ elements ("invalid size error"),
  // which 268 million short rows (a gzip bomb, or just a big file) reach.
  private lines: Uint32Array = new Uint32Array(1024);
  private rowCount = 0;
  private headerLine = 0;
  private delimiter = ',';
  private readonly decimal = new DecimalReader();
  /** False when a missing-value token is a number (`-999`): every cell then goes through text. */
  private readonly numbersFromBytes: boolean;
  private readonly decimalComma: boolean;
  private readonly onNote: ((note: string) => void) | undefined;
  private readonly missing: MissingValues;
  private readonly maxColumns: number;
  private readonly verbatim: ReadonlySet<string>;

  constructor(
    /** The file as messages name it. */
    readonly file: string,
    options: CsvTableOptions,
    private readonly maxRows: number,
  ) {
    this.onNote = options.onNote;
    this.missing = new MissingValues(options.naValues);
    this.maxColumns = options.maxColumns ?? defaultMaxColumns;
    this.verbatim = new Set(options.verbatimColumns);
    this.decimalComma = options.decimal === ',';
    if (!(options.decimal === undefined || options.decimal === '.' || this.decimalComma)) {
      throw new OptionError(
        `readCsv: decimal must be "." or ",", got ${JSON.stringify(options.decimal)}`,
      );
    }
    this.numbersFromBytes = !this.missing.hasNumber() && !this.decimalComma;
    for (const [name, value] of [
      ['maxColumns', this.maxColumns],
      ['maxRows', maxRows],
    ] as const) {
      if (!(value === Infinity || (Number.isInteger(value) && value >= 1))) {
        throw new OptionError(`readCsv: ${name} must be a positive integer, got ${String(value)}`);
      }
    }
  }

  /** The names of the header record (blank ones renamed), checked as {@link record} does. */
  headerNames(names: string[], line: number): string[] {
    this.headerLine = line;
    this.builders = this.header(names, line);
    return this.builders.map((b) => b.name);
  }

  createParser(delimiter: string, range?: { readonly firstLine: number }): CsvParser {
    const code = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || code > 0x7f || code === 0x22 || code === 0x0a || code === 0x0d) {
      throw new OptionError(
        `readCsv: delimiter must be one ASCII character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
      );
    }
    if (this.decimalComma && delimiter === ',') {
      throw new OptionError(
        'the decimal mark "," needs another field separator: set the delimiter (--delimiter ";", option delimiter)',
      );
    }
    this.delimiter = delimiter;
    return new CsvParser(code, (record) => this.record(record), range);
  }

  /**
   * One record: the header, or a row pushed into the columns. An unquoted cell that is a whole
   * decimal number is read from its bytes (no string; the value `Number()` gives, see
   * `DecimalReader`); any other cell goes through its text, as `ColumnBuilder.push` reads it.
   */
  private record(record: CsvRecord): void {
    const line = record.line;
    if (this.headerLine === 0) {
      this.headerLine = line;
      this.builders = this.header(record.fields(), line);
      return;
    }
    const builders = this.builders;
    if (record.count !== builders.length) {
      throw fieldCountError(this.file, line, builders.length, record.count, this.delimiter);
    }
    if (this.rowCount >= this.maxRows) throw tooManyRows(this.file, line, this.maxRows);
    const { bytes, starts, ends, quoted } = record;
    const decimal = this.decimal;
    for (let j = 0; j < builders.length; j++) {
      const builder = builders[j]!;
      if (this.numbersFromBytes && quoted[j] === 0 && !builder.verbatim) {
        const start = starts[j]!;
        const end = ends[j]!;
        if (end > start) {
          const value = decimal.read(bytes, start);
          if (value === value && decimal.end === end) {
            builder.pushNumber(value);
            continue;
          }
        }
      }
      const text = record.text(j);
      builder.push(this.decimalComma ? withDecimalPoint(text) : text);
    }
    if (this.rowCount === this.lines.length) {
      const bigger = new Uint32Array(this.lines.length * 2);
      bigger.set(this.lines);
      this.lines = bigger;
    }
    this.lines[this.rowCount++] = line;
  }

  private header(names: string[], line: number): ColumnBuilder[] {
    if (names.length > this.maxColumns) {
      throw new DataFileError(
        this.file,
        line,
        `the header has ${names.length} columns, above the limit of ${this.maxColumns}: raise ` +
          'it (--max-columns, option maxColumns), or store wide sparse data as LIBSVM',
      );
    }
    const seen = new Map<string, number>();
    return names.map((raw, j) => {
      let name = raw;
      if (name === '') {
        name = `column${j + 1}`;
        this.onNote?.(
          `${this.file}: header field ${j + 1} is blank; calling that column "${name}"`,
        );
      }
      const previous = seen.get(name);
      if (previous !== undefined) {
        throw new DataFileError(
          this.file,
          line,
          `duplicate column name "${name}" (header fields ${previous + 1} and ${j + 1})`,
        );
      }
      seen.set(name, j);
      return new ColumnBuilder(name, this.missing, this.verbatim.has(name));
    });
  }

  /**
   * The parser's syntax errors as messages naming the file, the line and the problem; the
   * reader's own errors as they are; undefined for any other error (the caller's to explain).
   */
  explain(error: unknown): Error | undefined {
    return explainCsvError(this.file, error);
  }

  /** Rows read and not yet handed over. */
  get pendingRows(): number {
    return this.rowCount;
  }

  /** The rows read so far as a table; the reader goes on with empty columns. */
  takeBatch(): Table {
    const batch = this.finish();
    this.builders = this.builders.map((b) => new ColumnBuilder(b.name, this.missing, b.verbatim));
    this.lines = new Uint32Array(1024);
    this.rowCount = 0;
    return batch;
  }

  finish(): Table {
    if (this.headerLine === 0) {
      throw new DataFileError(
        this.file,
        1,
        'the file is empty: expected a header row and data rows',
      );
    }
    if (this.rowCount === 0) {
      throw new DataFileError(this.file, this.headerLine + 1, 'a header row but no data rows');
    }
    return {
      file: this.file,
      format: 'csv',
      rowCount: this.rowCount,
      columns: this.builders.map((b) => b.finish()),
      lines: this.lines.slice(0, this.rowCount),
    };
  }
}

/** The error of a record whose field count is not the header's. */
export function fieldCountError(
  file: string,
  line: number,
  expected: number,
  got: number,
  delimiter: string,
): DataFileError {
  const hint =
    got === 1 && expected > 1
      ? ''
      : delimiter === ','
        ? ' (a field containing a comma must be quoted)'
        : '';
  return new DataFileError(
    file,
    line,
    `expected ${expected} fields as in the header, got ${got}${hint}`,
  );
}

/**
 * The parser's syntax errors as messages naming the file, the line and the problem; the
 * reader's own errors as they are; undefined for any other error (the caller's to explain).
 */
export function explainCsvError(file: string, error: unknown): Error | undefined {
  if (error instanceof DataFileError || error instanceof OptionError) return error;
  if (error instanceof CsvSyntaxError) {
    return new DataFileError(
      file,
      error.line,
      error.kind === 'unterminated quote'
        ? 'unterminated quoted field: a field opens with " here and no closing " follows'
        : 'text after a closing quote: inside a quoted field write a quote as ""',
    );
  }
  return undefined;
}

/** A decimal number written with a decimal comma (`-1,5e3`) → with a point; other text as is. */
export function withDecimalPoint(cell: string): string {
  return /^[+-]?\d*,\d*(?:[eE][+-]?\d+)?$/.test(cell) && /\d/.test(cell)
    ? cell.replace(',', '.')
    : cell;
}
