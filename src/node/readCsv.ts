import { Parser } from 'csv-parse';
import type { Options } from 'csv-parse';
import { ColumnBuilder, MissingValues } from '../data/column.js';
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
 * columns. Cells are trimmed; a UTF-8 byte-order mark is dropped; empty lines are skipped.
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

/** Streams the file through csv-parse into `state`; `afterChunk` runs after each chunk. */
async function parseCsv(
  file: string,
  options: CsvReadOptions,
  state: CsvState,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const data = await openDataStream(file, options.onProgress, options);
  let parser: Parser | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;

  const feed = async (chunk: Buffer): Promise<void> => {
    if (parser === undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      if (chunk.indexOf(0x0a) < 0 && headBytes < 1 << 20) return;
      const text = Buffer.concat(head);
      head = [];
      parser = state.createParser(chooseDelimiter(file, text, options));
      chunk = text;
    }
    await writeTo(parser, chunk);
  };

  try {
    for await (const chunk of data.readable as AsyncIterable<Buffer>) {
      await feed(chunk);
      if (afterChunk !== undefined) await afterChunk();
    }
    if (parser === undefined && headBytes > 0) {
      const text = Buffer.concat(head);
      parser = state.createParser(chooseDelimiter(file, text, options));
      await writeTo(parser, text);
    }
    if (parser !== undefined) await endOf(parser);
  } catch (error) {
    throw state.explain(error);
  } finally {
    await data.close();
  }
}

/**
 * csv-parse's stream parser, with each record handed to a callback as it is parsed, together
 * with the parser's live `info` (its line count at the end of that record). csv-parse's own
 * `on_record` and `info` options copy an info object per record, which made reading three times
 * slower; a Transform hands every record to `push`, so this is where they are caught.
 */
class RecordParser extends Parser {
  constructor(
    options: Options,
    private readonly onRecord: (record: string[], info: Parser['info']) => void,
  ) {
    super(options);
  }

  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.onRecord(record as string[], this.info);
    return true;
  }
}

/** What the reader has seen so far; turns csv-parse's records and errors into a table or a message. */
class CsvState {
  private builders: ColumnBuilder[] = [];
  // A typed array, not number[]: V8 refuses arrays past 2²⁷ elements ("invalid size error"),
  // which 268 million short rows (a gzip bomb, or just a big file) reach.
  private lines = new Uint32Array(1024);
  private rowCount = 0;
  private headerLine = 0;
  private lastRecordLine = 0;
  private lastEmptyLines = 0;
  private overcount = 0;
  private delimiter = ',';
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
    for (const [name, value] of [
      ['maxColumns', this.maxColumns],
      ['maxRows', maxRows],
    ] as const) {
      if (!(value === Infinity || (Number.isInteger(value) && value >= 1))) {
        throw new OptionError(`readCsv: ${name} must be a positive integer, got ${String(value)}`);
      }
    }
  }

  createParser(delimiter: string): Parser {
    this.delimiter = delimiter;
    const parser = new RecordParser(
      {
        delimiter,
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_quotes: true,
      },
      (record, info) => this.record(record, info.lines, info.empty_lines),
    );
    // Errors reach the caller through the write and end callbacks; this keeps them from also
    // being thrown as unhandled 'error' events.
    parser.on('error', () => undefined);
    parser.resume();
    return parser;
  }

  private record(fields: string[], parserLines: number, emptyLines: number): void {
    // csv-parse counts every CR and every LF inside a quoted field as a line break, so a CRLF
    // inside quotes counts twice; `overcount` corrects for that to give the lines an editor shows.
    let breaks = 0;
    for (const field of fields) {
      if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
      const counted = lineBreaks(field);
      breaks += counted.lines;
      this.overcount += counted.crlf;
    }
    const endLine = parserLines - this.overcount;
    const startLine = endLine - breaks;
    this.lastRecordLine = endLine;
    this.lastEmptyLines = emptyLines;
    if (this.headerLine === 0) {
      this.headerLine = startLine;
      this.builders = this.header(fields, startLine);
      return;
    }
    if (this.rowCount >= this.maxRows) throw tooManyRows(this.file, startLine, this.maxRows);
    const builders = this.builders;
    for (let j = 0; j < builders.length; j++) builders[j]!.push(fields[j]!);
    if (this.rowCount === this.lines.length) {
      const bigger = new Uint32Array(this.lines.length * 2);
      bigger.set(this.lines);
      this.lines = bigger;
    }
    this.lines[this.rowCount++] = startLine;
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

  /** Rewrites csv-parse's errors as messages naming the file, the line and the problem. */
  explain(error: unknown): unknown {
    if (error instanceof DataFileError) return error;
    const e = error as {
      code?: string;
      lines?: number;
      empty_lines?: number;
      record?: unknown[];
      message?: string;
    };
    const line = typeof e.lines === 'number' ? e.lines - this.overcount : undefined;
    switch (e.code) {
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH': {
        const got = Array.isArray(e.record) ? e.record.length : '?';
        const hint =
          got === 1 && this.builders.length > 1
            ? ''
            : this.delimiter === ','
              ? ' (a field containing a comma must be quoted)'
              : '';
        return new DataFileError(
          this.file,
          line,
          `expected ${this.builders.length} fields as in the header, got ${got}${hint}`,
        );
      }
      case 'CSV_QUOTE_NOT_CLOSED': {
        // The open field starts on the line after the last complete record and the empty lines
        // skipped since.
        const skipped = Math.max(0, (e.empty_lines ?? this.lastEmptyLines) - this.lastEmptyLines);
        return new DataFileError(
          this.file,
          this.lastRecordLine + 1 + skipped,
          'unterminated quoted field: a field opens with " here and no closing " follows',
        );
      }
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return new DataFileError(
          this.file,
          line,
          'text after a closing quote: inside a quoted field write a quote as ""',
        );
      default:
        if (typeof e.code === 'string' && /^(CSV_|INVALID_)/.test(e.code)) {
          return new DataFileError(this.file, line, e.message ?? e.code);
        }
        return fileSystemError(this.file, error);
    }
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

/** Line breaks in a field (LF, CRLF or a lone CR each count once) and how many were CRLF. */
function lineBreaks(field: string): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 0x0a) {
      lines++;
    } else if (c === 0x0d) {
      lines++;
      if (field.charCodeAt(i + 1) === 0x0a) {
        crlf++;
        i++;
      }
    }
  }
  return { lines, crlf };
}

function writeTo(parser: Parser, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function endOf(parser: Parser): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.once('error', reject);
    parser.once('end', () => resolve());
    parser.end();
  });
}
