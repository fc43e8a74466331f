import { parseDecimal } from './column.js';
import { DataFileError } from './dataFileError.js';
import { DecimalReader } from './decimalReader.js';
import { defaultMaxLineLength, lineTooLong, tooManyRows } from './readLimits.js';

/** What a LIBSVM file holds once read: rows in CSR form (0-based columns) with their labels. */
export interface LibsvmRows {
  readonly rows: number;
  /** The largest feature index of the file (1-based), 0 when no row has a feature. */
  readonly maxIndex: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly labels: Float64Array;
  /** The 1-based file line of each row. */
  readonly lines: Uint32Array;
}

/** The largest feature index that a 0-based Int32 column index can hold. */
const maxFeatureIndex = 2 ** 31 - 1;

/**
 * The default largest LIBSVM feature index accepted (`maxFeatures`, `--max-features`): 10⁷.
 * Reading costs per stored entry whatever the index, and the command line's models keep only the
 * indices that some row uses; but the matrix of `readLibsvmSparse` has as many columns as the
 * largest index (as scikit-learn's `load_svmlight_file`), and a library fit on it keeps a few
 * vectors of that length: 10⁷ features take 80 MB per vector. Files with more features (kdd2010:
 * 2·10⁷) raise the limit.
 */
export const defaultMaxFeatures = 10_000_000;

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const Q_LOWER = 0x71;

/** A byte that ends a token: space, tab, CR, newline or the start of a comment. */
function endsToken(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === NL || c === HASH;
}

/**
 * Parses LIBSVM / SVMlight lines (`label index:value index:value … # comment`, indices 1-based)
 * into growable CSR buffers (capacity doubles, trimmed by {@link finish}).
 *
 * Two parsers, one grammar. The byte parser reads plain ASCII lines straight from the bytes with
 * no string per token (numbers by Clinger's fast path, as `readNumericCsv`: at most 15 significant
 * digits and a decimal exponent within ±22 make m·10^e one correctly rounded operation; longer
 * numbers go through `Number()`). Any line it does not accept — non-ASCII bytes, a malformed token,
 * a repeated index, an unusual number — is parsed again from its text by the string parser, which
 * accepts exactly what the string reader always accepted (tokens split on white space, numbers by
 * `parseDecimal`) and throws the error that names the file and line. So both paths agree, and
 * errors cost nothing on good files.
 *
 * Indices out of order within a line are sorted (CSR wants increasing columns); an index given
 * twice is an error.
 */
export class LibsvmParser {
  private lineNumber = 0;
  private rowCount = 0;
  private nnz = 0;
  private maxIndex = 0;
  private indptr = new Int32Array(1 << 12);
  private labels = new Float64Array(1 << 12);
  private lines = new Uint32Array(1 << 12);
  private indices = new Int32Array(1 << 14);
  private values = new Float64Array(1 << 14);
  private readonly decimal = new DecimalReader();

  /**
   * @param maxFeatures the largest feature index accepted (1 … 2³¹ − 1; see
   *   {@link defaultMaxFeatures}): a larger one is an error naming the line.
   * @param maxLineLength the longest line accepted, in bytes (see `ReadLimits`).
   * @param maxRows the most data rows kept at once (see `ReadLimits.maxRows`): one more is an
   *   error naming its line.
   */
  constructor(
    private readonly file: string,
    private readonly maxFeatures: number = defaultMaxFeatures,
    private readonly maxLineLength: number = defaultMaxLineLength,
    private readonly maxRows: number = Infinity,
  ) {}

  /** Rows parsed and not yet taken. */
  get pendingRows(): number {
    return this.rowCount;
  }

  /**
   * The rows parsed since the last call (possibly none), in trimmed arrays; the parser goes on
   * with empty buffers and the same line count. `maxIndex` is the largest index of these rows.
   * For reading in batches (`readLibsvmBatches`).
   */
  takeRows(): LibsvmRows {
    const rows = this.rowCount;
    const taken: LibsvmRows = {
      rows,
      maxIndex: this.maxIndex,
      indptr: this.indptr.slice(0, rows + 1),
      indices: this.indices.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
      labels: this.labels.slice(0, rows),
      lines: this.lines.slice(0, rows),
    };
    this.rowCount = 0;
    this.nnz = 0;
    this.maxIndex = 0;
    this.indptr = new Int32Array(1 << 12);
    this.labels = new Float64Array(1 << 12);
    this.lines = new Uint32Array(1 << 12);
    this.indices = new Int32Array(1 << 14);
    this.values = new Float64Array(1 << 14);
    return taken;
  }

  /** The 1-based number of the next line to be parsed. */
  get nextLine(): number {
    return this.lineNumber + 1;
  }

  /** Parses the whole lines in buf[start, end); buf[end − 1] must be a newline. */
  parseLines(buf: Buffer, start: number, end: number): void {
    let k = start;
    while (k < end) {
      const line = ++this.lineNumber;
      const next = this.fastLine(buf, k, line);
      if (next >= 0) {
        if (next - k - 1 > this.maxLineLength) {
          throw lineTooLong(this.file, line, this.maxLineLength);
        }
        k = next;
        continue;
      }
      this.nnz = this.indptr[this.rowCount]; // drop what the byte parser stored of this row
      const nl = buf.indexOf(NL, k);
      if (nl - k > this.maxLineLength) throw lineTooLong(this.file, line, this.maxLineLength);
      this.textLine(buf.toString('utf8', k, nl), line);
      k = nl + 1;
    }
  }

  /** The rows read, in trimmed arrays. @throws {DataFileError} no data rows. */
  finish(): LibsvmRows {
    const rows = this.rowCount;
    if (rows === 0) {
      throw new DataFileError(
        this.file,
        this.lineNumber === 0 ? undefined : this.lineNumber,
        this.lineNumber === 0 ? 'the file is empty' : 'no data rows (only blank or comment lines)',
      );
    }
    return {
      rows,
      maxIndex: this.maxIndex,
      indptr: this.indptr.slice(0, rows + 1),
      indices: this.indices.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
      labels: this.labels.slice(0, rows),
      lines: this.lines.slice(0, rows),
    };
  }

  /**
   * One line from its bytes, starting at k: returns the position after its newline, or −1 when
   * the line needs the string parser (nothing of the row is kept then).
   */
  private fastLine(buf: Buffer, start: number, line: number): number {
    let k = start;
    let c = buf[k];
    while (c === SPACE || c === TAB || c === CR) c = buf[++k];
    if (c === NL) return k + 1;
    if (c === HASH) return skipComment(buf, k);
    const label = this.decimal.read(buf, k);
    if (Number.isNaN(label)) return -1;
    k = this.decimal.end;
    c = buf[k];
    if (!endsToken(c)) return -1;
    // The row's entries go straight into the buffers through locals (the hot loop of the reader).
    const rowStart = this.nnz;
    let nnz = rowStart;
    let indices = this.indices;
    let values = this.values;
    let previous = -1;
    let largest = -1;
    let sorted = true;
    for (;;) {
      while (c === SPACE || c === TAB || c === CR) c = buf[++k];
      if (c === HASH) {
        k = skipComment(buf, k) - 1;
        if (k < 0) return -1;
        c = NL;
      }
      if (c === NL) break;
      if (c === Q_LOWER) {
        // qid:… is skipped, as SVMlight's ranking id.
        if (buf[k + 1] !== 0x69 || buf[k + 2] !== 0x64 || buf[k + 3] !== COLON) return -1;
        k += 4;
        c = buf[k];
        while (!endsToken(c)) c = buf[++k];
        continue;
      }
      let index = 0;
      const indexStart = k;
      while (c >= ZERO && c <= NINE) {
        index = index * 10 + (c - ZERO);
        c = buf[++k];
      }
      if (c !== COLON || k === indexStart || index < 1 || index > this.maxFeatures) return -1;
      const value = this.decimal.read(buf, k + 1);
      if (Number.isNaN(value)) return -1;
      k = this.decimal.end;
      c = buf[k];
      if (!endsToken(c)) return -1;
      const column = index - 1;
      if (column <= previous) sorted = false;
      else if (column > largest) largest = column;
      previous = column;
      if (nnz === indices.length) {
        this.nnz = nnz;
        this.grow();
        indices = this.indices;
        values = this.values;
      }
      indices[nnz] = column;
      values[nnz++] = value;
    }
    this.nnz = nnz;
    if (largest >= this.maxIndex) this.maxIndex = largest + 1;
    if (!sorted && !this.sortRow(rowStart)) return -1; // a repeated index: the text path names it
    this.endRow(label, line);
    return k + 1;
  }

  /**
   * One line from its text: the reference grammar (white-space separated tokens, numbers by
   * `parseDecimal`), which names the file and line of any problem.
   */
  private textLine(raw: string, line: number): void {
    for (let k = 0; k < raw.length; k++) {
      const c = raw.charCodeAt(k);
      if (c < TAB || (c > CR && c < SPACE && c !== 0x1a)) {
        throw new DataFileError(
          this.file,
          line,
          `binary data (byte 0x${c.toString(16).padStart(2, '0')}): this is not a text file (CSV, TSV or LIBSVM)`,
        );
      }
    }
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const tokens = content.split(/\s+/);
    const labelText = tokens[0]!;
    const label = parseDecimal(labelText);
    if (Number.isNaN(label)) {
      throw new DataFileError(this.file, line, `the label "${labelText}" is not a number`);
    }
    const rowStart = this.nnz;
    let sorted = true;
    for (let t = 1; t < tokens.length; t++) {
      const token = tokens[t]!;
      const colon = token.indexOf(':');
      if (colon < 0) {
        throw new DataFileError(this.file, line, `expected index:value, got "${token}"`);
      }
      const indexText = token.slice(0, colon);
      if (indexText === 'qid') continue;
      const index = Number(indexText);
      if (!/^\d+$/.test(indexText) || !Number.isSafeInteger(index) || index < 1) {
        throw new DataFileError(
          this.file,
          line,
          `the feature index "${indexText}" in "${token}" is not a positive integer`,
        );
      }
      if (index > this.maxFeatures) {
        throw new DataFileError(
          this.file,
          line,
          `the feature index ${index} in "${token}" is above the limit of ${this.maxFeatures} features; ` +
            'if the data really has that many, raise the limit (--max-features, option maxFeatures)',
        );
      }
      const valueText = token.slice(colon + 1);
      const value = parseDecimal(valueText);
      if (Number.isNaN(value)) {
        throw new DataFileError(
          this.file,
          line,
          `the value "${valueText}" of feature ${index} in "${token}" is not a number`,
        );
      }
      // Until an index comes out of order, indices increase and cannot repeat; after, check all.
      const previous = this.nnz > rowStart ? this.indices[this.nnz - 1] : -1;
      if (!sorted || index - 1 <= previous) {
        if (this.indices.subarray(rowStart, this.nnz).includes(index - 1)) {
          throw new DataFileError(this.file, line, `feature ${index} appears twice`);
        }
        sorted = false;
      }
      this.push(index - 1, value);
    }
    if (!sorted) this.sortRow(rowStart);
    this.endRow(label, line);
  }

  private push(column: number, value: number): void {
    if (this.nnz === this.indices.length) this.grow();
    this.indices[this.nnz] = column;
    this.values[this.nnz++] = value;
    if (column >= this.maxIndex) this.maxIndex = column + 1;
  }

  /** Doubles the capacity of the entry buffers (full at `nnz`). */
  private grow(): void {
    if (this.nnz >= maxFeatureIndex) {
      throw new DataFileError(
        this.file,
        this.lineNumber,
        `more than ${maxFeatureIndex} stored entries: too many for one sparse matrix`,
      );
    }
    const capacity = Math.min(this.nnz * 2, maxFeatureIndex);
    this.indices = grown(this.indices, new Int32Array(capacity));
    this.values = grown(this.values, new Float64Array(capacity));
  }

  private endRow(label: number, line: number): void {
    const row = this.rowCount;
    if (row >= this.maxRows) throw tooManyRows(this.file, line, this.maxRows);
    if (row + 1 === this.indptr.length) {
      this.indptr = grown(this.indptr, new Int32Array(this.indptr.length * 2));
      this.labels = grown(this.labels, new Float64Array(this.labels.length * 2));
      this.lines = grown(this.lines, new Uint32Array(this.lines.length * 2));
    }
    this.labels[row] = label;
    this.lines[row] = line;
    this.indptr[row + 1] = this.nnz;
    this.rowCount = row + 1;
  }

  /**
   * Sorts the current row's entries by column (insertion sort: rows are short and mostly in
   * order). Returns false when a column repeats.
   */
  private sortRow(rowStart: number): boolean {
    const { indices, values } = this;
    for (let k = rowStart + 1; k < this.nnz; k++) {
      const j = indices[k];
      const v = values[k];
      let m = k - 1;
      while (m >= rowStart && indices[m] > j) {
        indices[m + 1] = indices[m];
        values[m + 1] = values[m];
        m--;
      }
      indices[m + 1] = j;
      values[m + 1] = v;
    }
    for (let k = rowStart + 1; k < this.nnz; k++) if (indices[k] === indices[k - 1]) return false;
    return true;
  }
}

/**
 * The position after the newline that ends the comment at buf[k], or −1 when the comment holds a
 * control byte that text does not contain (the text parser then reports binary data).
 */
function skipComment(buf: Buffer, start: number): number {
  for (let k = start; ; k++) {
    const c = buf[k];
    if (c === NL) return k + 1;
    if (c < TAB || (c > CR && c < SPACE && c !== 0x1a)) return -1;
  }
}

/** `into` with `from` copied to its start. */
function grown<T extends Int32Array | Uint32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}
