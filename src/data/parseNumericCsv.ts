import type { Matrix } from '../linalg/matrix.js';
import { bytesSource } from './byteSource.js';
import type { ByteSource } from './byteSource.js';
import { countDataLines, headerNames, parseBody, readHeader } from './numericCsvBody.js';
import { CHUNK, NotNumeric } from './numericCsvLines.js';
import type { Sink } from './numericCsvLines.js';

/** What {@link parseNumericCsv} (and `readNumericCsv`) returns: the feature matrix, and the label column if one was named. */
export interface NumericCsv {
  /** Names of the matrix's columns, in order (the header without the label column). */
  readonly columns: readonly string[];
  /** rows × columns.length, row-major. */
  readonly X: Matrix;
  /** The label column's values, when `labelColumn` was given. */
  readonly labels: Float64Array | undefined;
}

/** Options of {@link parseNumericCsv} (and `readNumericCsv`). */
export interface NumericCsvOptions {
  /** One-byte field separator. Default `,`. */
  readonly delimiter?: string;
  /** A header name whose column is returned as `labels` instead of a matrix column. */
  readonly labelColumn?: string;
  /**
   * Makes the matrix to fill (zeroed, rows × cols): e.g. `allocateKernelMatrix`, so that the WASM
   * kernel reads the data in place. Default: an ordinary Float64Array.
   */
  readonly allocate?: (rows: number, cols: number) => Matrix;
}

/**
 * A fast path for the common case of a CSV file that holds only decimal numbers under a header
 * line: two passes over the bytes (count the lines, then parse straight into one row-major
 * `Float64Array`), no strings per cell. Numbers are correctly rounded, as `Number()` gives them:
 * with at most 15 significant digits and a decimal exponent within ±22, m·10^e is one IEEE
 * operation on exact operands (Clinger's fast path); other numbers go through `Number()`.
 *
 * Accepts what `parseDecimal` accepts (`-1.5`, `.5`, `3e-2`, `+7`), cells trimmed of spaces and
 * tabs, CRLF line ends and empty lines. Anything else (quotes, missing cells, text, a UTF-8 BOM,
 * a row of another length) makes it return `undefined`, so that the caller falls back to the
 * general reader (`readTable`), which also explains the problem to the user.
 *
 * This reads bytes in memory (a file dropped on a web page); `readNumericCsv` of `logreg/node`
 * reads a file by the same code ({@link numericCsvFrom}).
 *
 * @example
 * const bytes = new Uint8Array(await droppedFile.arrayBuffer());
 * const csv = parseNumericCsv(bytes, { labelColumn: 'y' });
 * if (csv !== undefined) train(csv.X, Array.from(csv.labels!));
 */
export function parseNumericCsv(
  bytes: Uint8Array,
  options: NumericCsvOptions = {},
): NumericCsv | undefined {
  return numericCsvFrom(bytesSource(bytes), options);
}

/** {@link parseNumericCsv} over any {@link ByteSource} (a file: `readNumericCsv`). */
export function numericCsvFrom(
  source: ByteSource,
  options: NumericCsvOptions = {},
): NumericCsv | undefined {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const buffer = source.allocate(Math.min(CHUNK, Math.max(source.size, 1)) + 1);

  // Pass 1: the header, and the number of non-empty data lines.
  const header = readHeader(source, buffer);
  if (header === undefined) return undefined;
  const names = headerNames(header.text, delimiter);
  if (names === undefined) return undefined;
  const labelIndex = options.labelColumn === undefined ? -1 : names.indexOf(options.labelColumn);
  if (options.labelColumn !== undefined && labelIndex < 0) return undefined;
  const rows = countDataLines(source, buffer, header.end);
  if (rows === 0) return undefined;

  // Pass 2: parse into the matrix.
  const fields = names.length;
  const cols = fields - (labelIndex >= 0 ? 1 : 0);
  const X = options.allocate?.(rows, cols) ?? { rows, cols, data: new Float64Array(rows * cols) };
  const labels = labelIndex >= 0 ? new Float64Array(rows) : undefined;
  const sink = new RowSink(X.data, labels, fields, labelIndex, rows);
  try {
    parseBody(source, buffer, header.end, delimiter, sink);
  } catch (e) {
    if (e instanceof NotNumeric) return undefined;
    throw e;
  }
  if (sink.row !== rows) return undefined;
  return { columns: names.filter((_, k) => k !== labelIndex), X, labels };
}

/** Where parsed values go: row-major X, with one field diverted to the labels. */
class RowSink implements Sink {
  row = 0;
  field = 0;
  private offset = 0;
  constructor(
    private readonly data: Float64Array,
    private readonly labels: Float64Array | undefined,
    private readonly fields: number,
    private readonly labelIndex: number,
    private readonly rows: number,
  ) {}

  put(value: number, line: number): void {
    if (this.field >= this.fields || this.row >= this.rows) throw new NotNumeric(line);
    if (this.field === this.labelIndex) this.labels![this.row] = value;
    else this.data[this.offset++] = value;
    this.field++;
  }

  endRow(line: number): void {
    if (this.field !== this.fields) throw new NotNumeric(line);
    this.row++;
    this.field = 0;
  }
}
