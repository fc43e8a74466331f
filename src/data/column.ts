/**
 * One column of a table read from a file, stored by type so that a numeric column costs eight
 * bytes per row and no strings.
 */
export interface Column {
  readonly name: string;
  /** Each row's value as a number; NaN where the cell is missing or is not a decimal number. */
  readonly numbers: Float64Array;
  /**
   * Each row's {@link cellKey} when some cell of the column is not a number (null where the cell is
   * missing); undefined for a column whose cells are all numbers or missing.
   */
  readonly text: readonly (string | null)[] | undefined;
  /** The 0-based rows whose cell is missing, ascending. */
  readonly missingRows: readonly number[];
  /**
   * Each row's cell as written (trimmed, unquoted), kept only when the reader was asked to
   * (`verbatimColumns` of the CSV readers): `007` stays `007`, where {@link numbers} hold 7.
   */
  readonly cells?: readonly string[];
}

/** A table read from a data file, column by column. */
export interface Table {
  /** The file as the user named it, for messages. */
  readonly file: string;
  readonly format: 'csv' | 'libsvm';
  readonly rowCount: number;
  readonly columns: readonly Column[];
  /** The 1-based file line on which each row starts (in CSV the header is line 1). */
  readonly lines: Uint32Array;
}

/**
 * The cells that mean "missing" by default, compared without regard to case: R's `NA`, pandas'
 * `NaN`, `N/A`, `null` and `#N/A` (a subset of pandas' defaults), and UCI's `?`. `none` is not
 * among them: it is a common level ("smoker: none").
 */
export const defaultNaValues: readonly string[] = ['', 'NA', 'NaN', 'N/A', 'null', '#N/A', '?'];

/**
 * Decides which cells are missing: the {@link defaultNaValues} plus `extra` (a CSV reader's
 * `naValues`, `--na-values`), compared on trimmed text without regard to case.
 */
export class MissingValues {
  private readonly tokens: ReadonlySet<string>;
  private readonly longest: number;

  constructor(extra: readonly string[] = []) {
    const all = [...defaultNaValues, ...extra].map((token) => token.trim().toLowerCase());
    this.tokens = new Set(all);
    this.longest = Math.max(...all.map((token) => token.length));
  }

  /** True when some token is a decimal number (`-999`), so that a number may be missing. */
  hasNumber(): boolean {
    for (const token of this.tokens) if (!Number.isNaN(parseDecimal(token))) return true;
    return false;
  }

  /** True when a (trimmed) cell is a missing value. */
  has(cell: string): boolean {
    return cell.length <= this.longest && this.tokens.has(cell.toLowerCase());
  }

  /** The tokens, as a user reads them in a message: `an empty cell, NA, NaN, …`. */
  describe(): string {
    return ['an empty cell', ...[...this.tokens].filter((t) => t !== '')].join(', ');
  }
}

const defaultMissing = new MissingValues();

/** True when a (trimmed) cell is one of the {@link defaultNaValues}, in any case. */
export function isMissing(cell: string): boolean {
  return defaultMissing.has(cell);
}

/**
 * The value of a decimal number written as text (`-1.5`, `.5`, `3e-2`, `+7`), else NaN.
 * Stricter than `Number()`, which also reads `0x1f`, `0b1`, `Infinity` and blank text as numbers;
 * a number too large for a double (`1e400`) is not finite and so also gives NaN.
 */
export function parseDecimal(cell: string): number {
  const c = cell.charCodeAt(0);
  // First character: a digit, '+', '-' or '.'; this rules out blanks, 'Infinity' and words.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return NaN;
  const value = Number(cell);
  if (!Number.isFinite(value)) return NaN;
  if (c === 48 && cell.length > 1) {
    const prefix = cell.charCodeAt(1) | 0x20; // lower case
    if (prefix === 120 || prefix === 111 || prefix === 98) return NaN; // 0x…, 0o…, 0b…
  }
  return value;
}

/**
 * The text that stands for a cell when its column is categorical or a label: a number is written
 * in JavaScript's shortest form (`4.0` and `4` are the same level, `"4"`), anything else as is.
 * Training and prediction both go through this, so they agree on what a level is.
 */
export function cellKey(cell: string): string {
  const value = parseDecimal(cell);
  return Number.isNaN(value) ? cell : String(value);
}

/** The key of row `row` of a column (see {@link cellKey}), or null when the cell is missing. */
export function rowKey(column: Column, row: number): string | null {
  if (column.text !== undefined) return column.text[row] ?? null;
  const value = column.numbers[row]!;
  return Number.isNaN(value) ? null : String(value);
}

/**
 * Accumulates the cells of one column as they are read. Cells are pushed in row order; `finish`
 * hands the column over (the builder must not be used afterwards).
 */
export class ColumnBuilder {
  // Small to start: a wide file has one builder per column, and a file of 300,000 columns × 2
  // rows must not cost 300,000 × 8 KB. Doubling keeps the copying linear in the rows.
  private numbers = new Float64Array(8);
  private length = 0;
  private text: (string | null)[] | undefined;
  private readonly missingRows: number[] = [];
  private readonly cells: string[] | undefined;

  /** With `verbatim`, the column also keeps each cell as written (see {@link Column.cells}). */
  constructor(
    readonly name: string,
    private readonly missing: MissingValues = defaultMissing,
    readonly verbatim = false,
  ) {
    this.cells = verbatim ? [] : undefined;
  }

  /** Appends a cell given as (trimmed) text. */
  push(cell: string): void {
    const row = this.grow();
    this.cells?.push(cell);
    if (this.missing.has(cell)) {
      this.numbers[row] = NaN;
      this.missingRows.push(row);
      this.text?.push(null);
      return;
    }
    const value = parseDecimal(cell);
    this.numbers[row] = value;
    if (!Number.isNaN(value)) {
      this.text?.push(String(value));
      return;
    }
    // The first non-number: from now on every row also keeps its key.
    this.text ??= this.keysSoFar(row);
    this.text.push(cell);
  }

  /** Appends a cell that is a number already (LIBSVM values). */
  pushNumber(value: number): void {
    const row = this.grow();
    this.numbers[row] = value;
    this.text?.push(String(value));
    this.cells?.push(String(value));
  }

  finish(): Column {
    return {
      name: this.name,
      numbers: this.numbers.slice(0, this.length),
      text: this.text,
      missingRows: this.missingRows,
      ...(this.cells === undefined ? {} : { cells: this.cells }),
    };
  }

  /** Reserves the next row and returns its index. */
  private grow(): number {
    if (this.length === this.numbers.length) {
      const bigger = new Float64Array(this.numbers.length * 2);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
    return this.length++;
  }

  private keysSoFar(count: number): (string | null)[] {
    const keys: (string | null)[] = new Array<string | null>(count);
    for (let i = 0; i < count; i++) {
      const value = this.numbers[i]!;
      keys[i] = Number.isNaN(value) ? null : String(value);
    }
    return keys;
  }
}
