import { ColumnBuilder, MissingValues } from '../data/column.js';
import { CsvParser, CsvSyntaxError } from '../data/csvParser.js';
import type { CsvRecord } from '../data/csvParser.js';
import { DecimalReader } from '../data/decimalReader.js';
import type { Table } from '../data/column.js';
import { OptionError } from '../errors.js';
import { DataFileError } from '../data/dataFileError.js';
import { defaultMaxRows, tooManyRows } from '../data/readLimits.js';
import { fileSystemError, openDataStream, shownName } from './openDataStream.js';
import type { ReadLimits, ReadProgress } from '../data/readLimits.js';

/** Options of {@link readCsv}. */
export interface CsvReadOptions extends ReadLimits {
  /**
   * The field separator, one character. Default: a tab for `.tsv`/`.tab` files; otherwise a comma,
   * unless the header line has no comma but semicolons, tabs or bars (then the most frequent of them).
   */
  readonly delimiter?: string;
  readonly onProgress?: ReadProgress;
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
 * Default {@link CsvReadOptions.maxColumns}: 100,000 columns (`--max-columns`). Wider data is
 * usually sparse and belongs in a LIBSVM file, whose reader costs per stored value.
 */
export const defaultMaxColumns = 100_000;

/** Candidate separators when the header line has no comma. */
const otherDelimiters = [';', '\t', '|'];

/**
 * Reads a delimited text file with a header row (CSV by RFC 4180: fields may be quoted with `"`,
 * a quote inside a quoted field is doubled, quoted fields may span lines), streaming, into
 * columns, with the byte-level parser of `src/data/csvParser.ts`. Cells are trimmed; a UTF-8
 * byte-order mark is dropped; LF, CRLF and lone CR end lines in any mix; empty lines are skipped
 * (and counted: messages name the line an editor shows).
 * A gzipped file is decompressed (see {@link openDataStream}); the file `-` is standard input.
 *
 * @throws {DataFileError} naming the file and line: no such file, binary data, an empty file, a
 *   header without rows, a duplicate column name, a row whose field count differs from the
 *   header's, an unterminated quoted field, text after a closing quote.
 */
export async function readCsv(file: string, options: CsvReadOptions = {}): Promise<Table> {
  const state = new CsvState(shownName(file), options, options.maxRows ?? defaultMaxRows);
  await parseCsv(file, options, state);
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
  const state = new CsvState(shownName(file), options, Infinity);
  let handed = 0;
  await parseCsv(file, options, state, async () => {
    if (state.pendingRows < batchRows) return;
    const batch = state.takeBatch();
    handed += batch.rowCount;
    await onBatch(batch);
  });
  if (handed === 0 || state.pendingRows > 0) await onBatch(state.finish());
}

/** Streams the file through the byte-level CSV parser into `state`; `afterChunk` runs after each chunk. */
async function parseCsv(
  file: string,
  options: CsvReadOptions,
  state: CsvState,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const data = await openDataStream(file, options.onProgress, options);
  let parser: CsvParser | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;

  const feed = (chunk: Buffer): void => {
    if (parser === undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      if (chunk.indexOf(0x0a) < 0 && headBytes < 1 << 20) return;
      const text = Buffer.concat(head);
      head = [];
      parser = state.createParser(chooseDelimiter(file, text, options));
      chunk = text;
    }
    parser.write(chunk);
  };

  try {
    for await (const chunk of data.readable as AsyncIterable<Buffer>) {
      feed(chunk);
      if (afterChunk !== undefined) await afterChunk();
    }
    if (parser === undefined && headBytes > 0) {
      const text = Buffer.concat(head);
      parser = state.createParser(chooseDelimiter(file, text, options));
      parser.write(text);
    }
    parser?.end();
  } catch (error) {
    throw state.explain(error);
  } finally {
    await data.close();
  }
}

/** What the reader has seen so far; turns the parser's records and errors into a table or a message. */
class CsvState {
  private builders: ColumnBuilder[] = [];
  // A typed array, not number[]: V8 refuses arrays past 2²⁷ elements ("invalid size error"),
  // which 268 million short rows (a gzip bomb, or just a big file) reach.
  private lines = new Uint32Array(1024);
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
    private readonly file: string,
    options: CsvReadOptions,
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

  createParser(delimiter: string): CsvParser {
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
    return new CsvParser(code, (record) => this.record(record));
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
      const got = record.count;
      const hint =
        got === 1 && builders.length > 1
          ? ''
          : this.delimiter === ','
            ? ' (a field containing a comma must be quoted)'
            : '';
      throw new DataFileError(
        this.file,
        line,
        `expected ${builders.length} fields as in the header, got ${got}${hint}`,
      );
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

  /** Rewrites the parser's syntax errors as messages naming the file, the line and the problem. */
  explain(error: unknown): unknown {
    if (error instanceof DataFileError || error instanceof OptionError) return error;
    if (error instanceof CsvSyntaxError) {
      return new DataFileError(
        this.file,
        error.line,
        error.kind === 'unterminated quote'
          ? 'unterminated quoted field: a field opens with " here and no closing " follows'
          : 'text after a closing quote: inside a quoted field write a quote as ""',
      );
    }
    return fileSystemError(this.file, error);
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

function chooseDelimiter(file: string, head: Buffer, options: CsvReadOptions): string {
  if (options.delimiter !== undefined) return options.delimiter;
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return '\t';
  const end = head.indexOf(0x0a);
  const firstLine = head.toString('utf8', 0, end < 0 ? head.length : end);
  if (firstLine.includes(',')) return ',';
  let best = ',';
  let bestCount = 0;
  for (const candidate of otherDelimiters) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  if (best !== ',') {
    const shown = best === '\t' ? 'tabs' : `"${best}"`;
    options.onNote?.(
      `${shownName(file)}: the header has no commas; reading fields separated by ${shown} (set --delimiter to override)`,
    );
  }
  return best;
}

/** A decimal number written with a decimal comma (`-1,5e3`) → with a point; other text as is. */
function withDecimalPoint(cell: string): string {
  return /^[+-]?\d*,\d*(?:[eE][+-]?\d+)?$/.test(cell) && /\d/.test(cell)
    ? cell.replace(',', '.')
    : cell;
}
