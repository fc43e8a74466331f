import type { Matrix } from '../linalg/matrix.js';
import { parseDecimal, rowKey } from './column.js';
import type { Column, Table } from './column.js';
import { DataFileError } from './dataFileError.js';

/** A numeric input column: one feature, the column's value. */
export interface NumericEncoding {
  readonly column: string;
  readonly kind: 'numeric';
}

/**
 * A categorical input column, one-hot coded: one 0/1 feature `column=level` per level except the
 * `reference` level (R's treatment contrasts), or per level when `reference` is null.
 */
export interface CategoricalEncoding {
  readonly column: string;
  readonly kind: 'categorical';
  /** The levels seen in training, sorted (see {@link sortLevels}). */
  readonly levels: readonly string[];
  /** The level coded as all zeros (the first), or null when every level has its own feature. */
  readonly reference: string | null;
}

/** How one input column becomes features; stored in the model file for prediction. */
export type FeatureEncoding = NumericEncoding | CategoricalEncoding;

/** Options of {@link fitEncodings}. */
export interface FitEncodingOptions {
  /** The feature columns, in order. */
  readonly features: readonly string[];
  /** Columns to code as categorical even if their values are numbers. */
  readonly categorical?: readonly string[];
  /** Whether the model has an intercept (it decides which categorical levels are coded). */
  readonly fitIntercept: boolean;
  /** The rows to learn levels from (0-based, ascending). Default: all rows. */
  readonly rows?: Uint32Array;
}

/** Levels beyond this count earn a note: such a column is usually an identifier. */
const manyLevels = 100;

/**
 * A column is "numbers with a few stray cells" when at most this share of its non-missing cells
 * are not numbers: such cells (`N/A`, `inf`, `1e309`, `0x10`, `1,5`) are almost always missing
 * markers or typos, so they are an error, not a reason to one-hot code the column.
 */
const strayShare = 0.05;
/** Stray cells named in the error. */
const strayShown = 5;

/**
 * Learns how to turn the feature columns of a training table into a design matrix.
 *
 * A column is categorical when named in `categorical` or when more than 5 % of its non-missing
 * cells are not numbers (that earns a note). A column of numbers with a few other cells (at most
 * 5 %) is an error naming them: they are missing markers or typos more often than levels. Its levels are the distinct cells of the given rows, sorted numerically
 * when all are numbers and by UTF-16 code units otherwise (R sorts by locale, scikit-learn by code
 * point; both agree on ASCII). Coding follows R's `model.matrix` with treatment contrasts: with an
 * intercept each categorical column drops its first level (the reference); without one, the first
 * categorical column keeps all levels and the others drop their first, so the design has full rank.
 *
 * `notes` say what the coding did to the data (a column made categorical, a level-less column);
 * `advice` suggests what the user may want instead (leave out an identifier-like column).
 *
 * @throws {DataFileError} a feature column that the table does not have; a column of numbers with
 *   a few cells that are not (naming their lines and values, and the remedies `--na-values` and
 *   `--categorical`).
 */
export function fitEncodings(
  table: Table,
  options: FitEncodingOptions,
): { encodings: FeatureEncoding[]; notes: string[]; advice: string[] } {
  requireColumns(table, options.features);
  const byName = columnsByName(table);
  const categorical = new Set(options.categorical ?? []);
  const notes: string[] = [];
  const advice: string[] = [];
  let fullCodingAvailable = !options.fitIntercept;
  const encodings = options.features.map((name): FeatureEncoding => {
    const column = byName.get(name)!;
    if (!categorical.has(name) && column.text === undefined)
      return { column: name, kind: 'numeric' };
    if (!categorical.has(name)) checkStrayCells(table, column, options.rows);
    const levels = sortLevels(distinctKeys(column, options.rows ?? table.rowCount));
    const reference = fullCodingAvailable ? null : (levels[0] ?? null);
    fullCodingAvailable = false;
    if (!categorical.has(name)) {
      const example = firstText(table, column);
      notes.push(
        `column "${name}" is not numeric (${example}); treating it as categorical with ` +
          `${levels.length} level${levels.length === 1 ? '' : 's'}` +
          (reference === null ? '' : `, reference "${reference}"`),
      );
    }
    if (levels.length === 1 && reference !== null) {
      notes.push(`column "${name}" has a single level "${reference}": it adds no feature`);
    }
    if (levels.length > manyLevels) {
      advice.push(
        `column "${name}" has ${levels.length} levels; if it is an identifier, leave it out with --exclude`,
      );
    }
    return { column: name, kind: 'categorical', levels, reference };
  });
  return { encodings, notes, advice };
}

/**
 * Throws when `column` is numbers but for at most 5 % of its non-missing cells (see
 * {@link strayShare}), naming the first few of those cells.
 */
function checkStrayCells(table: Table, column: Column, rows: Uint32Array | undefined): void {
  const text = column.text;
  if (text === undefined) return;
  const n = rows === undefined ? table.rowCount : rows.length;
  let numbers = 0;
  const stray: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : rows[i]!;
    if (!Number.isNaN(column.numbers[row]!)) numbers++;
    else if (text[row] != null) stray.push(row);
  }
  if (numbers === 0 || stray.length > strayShare * (numbers + stray.length)) return;
  const shown = stray
    .slice(0, strayShown)
    .map((row) => `line ${table.lines[row]} "${text[row]}"`)
    .join(', ');
  const more = stray.length > strayShown ? `, and ${stray.length - strayShown} more` : '';
  // Tokens with a comma cannot be listed in --na-values (a comma separates them).
  const tokens = [...new Set(stray.map((row) => text[row]!))].filter((t) => !t.includes(','));
  const naValues = tokens.length === 0 ? '' : ` "${tokens.slice(0, 3).join(',')}"`;
  throw new DataFileError(
    table.file,
    table.lines[stray[0]!],
    `column "${column.name}" holds numbers, but ${stray.length} of its ${numbers + stray.length} ` +
      `cells ${stray.length === 1 ? 'is' : 'are'} not: ${shown}${more}. If they mean "missing", ` +
      `say so with --na-values${naValues} (and --drop-missing to leave those rows out); if the ` +
      `column is categorical, name it in --categorical`,
  );
}

/** The feature names of the design matrix: the column name, or `column=level` per coded level. */
export function featureNamesOf(encodings: readonly FeatureEncoding[]): string[] {
  const names: string[] = [];
  for (const encoding of encodings) {
    if (encoding.kind === 'numeric') names.push(encoding.column);
    else for (const level of codedLevels(encoding)) names.push(`${encoding.column}=${level}`);
  }
  return names;
}

/** The levels of a categorical column that have a feature of their own, in order. */
export function codedLevels(encoding: CategoricalEncoding): readonly string[] {
  return encoding.reference === null
    ? encoding.levels
    : encoding.levels.filter((level) => level !== encoding.reference);
}

/** Rows per block of {@link buildDesignMatrix}: a block of 100 features is 400 KB, in L2. */
const blockRows = 512;

/**
 * Builds the row-major design matrix of the given rows, one column per name of
 * {@link featureNamesOf}. Pure: reads the table, returns a new matrix, from `allocate` when given
 * (zero-filled rows × cols: e.g. `allocateKernelMatrix`, so that training reads X in place
 * instead of copying it into kernel memory).
 *
 * Columns are written into rows in blocks of {@link blockRows} rows, every feature of a block
 * before the next block: the block's rows stay in cache while each column is scattered into them
 * (column by column over all rows, each write touched a new cache line; 2.4 s against 0.4 s at
 * 1,000,000 × 100).
 *
 * @throws {DataFileError} a feature column absent from the table (all such columns named), a
 *   missing cell, text in a numeric column, or a level not seen in training (naming the line,
 *   column and value; the first such row of the first block that has one).
 */
export function buildDesignMatrix(
  table: Table,
  encodings: readonly FeatureEncoding[],
  rows?: Uint32Array,
  allocate?: (rows: number, cols: number) => Matrix,
): Matrix {
  requireColumns(
    table,
    encodings.map((e) => e.column),
  );
  const byName = columnsByName(table);
  const n = rows === undefined ? table.rowCount : rows.length;
  const cols = featureNamesOf(encodings).length;
  const X = allocate?.(n, cols) ?? { rows: n, cols, data: new Float64Array(n * cols) };
  const data = X.data;
  const fillers: ((from: number, to: number) => void)[] = [];
  let offset = 0;
  for (const encoding of encodings) {
    const column = byName.get(encoding.column)!;
    const at = offset;
    if (encoding.kind === 'numeric') {
      const numbers = column.numbers;
      fillers.push((from, to) => {
        for (let i = from; i < to; i++) {
          const row = rows === undefined ? i : rows[i]!;
          const value = numbers[row]!;
          if (Number.isNaN(value)) throw badNumber(table, column, row);
          data[i * cols + at] = value;
        }
      });
      offset += 1;
    } else {
      const position = new Map<string, number>();
      codedLevels(encoding).forEach((level, k) => position.set(level, k));
      const known = new Set(encoding.levels);
      fillers.push((from, to) => {
        for (let i = from; i < to; i++) {
          const row = rows === undefined ? i : rows[i]!;
          const key = rowKey(column, row);
          if (key === null) throw missingCell(table, column.name, row);
          const k = position.get(key);
          if (k !== undefined) data[i * cols + at + k] = 1;
          else if (!known.has(key)) throw unseenLevel(table, encoding, row, key);
        }
      });
      offset += position.size;
    }
  }
  for (let from = 0; from < n; from += blockRows) {
    const to = Math.min(n, from + blockRows);
    for (const fill of fillers) fill(from, to);
  }
  return X;
}

/**
 * Sorts levels numerically when every level is a decimal number, else by UTF-16 code units.
 * Returns a new array.
 */
export function sortLevels(levels: Iterable<string>): string[] {
  const sorted = [...levels];
  if (sorted.every((level) => !Number.isNaN(parseDecimal(level)))) {
    return sorted.sort((a, b) => parseDecimal(a) - parseDecimal(b));
  }
  return sorted.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const byNameCache = new WeakMap<readonly Column[], ReadonlyMap<string, Column>>();

/** The table's columns by name (built once per table: a wide table asks many times). */
export function columnsByName(table: Table): ReadonlyMap<string, Column> {
  let byName = byNameCache.get(table.columns);
  if (byName === undefined) {
    byName = new Map(table.columns.map((column) => [column.name, column]));
    byNameCache.set(table.columns, byName);
  }
  return byName;
}

/**
 * Checks that the table has the named columns.
 *
 * @throws {DataFileError} naming every absent column and the columns the file has.
 */
export function requireColumns(table: Table, names: readonly string[]): void {
  const byName = columnsByName(table);
  const absent = names.filter((name) => !byName.has(name));
  if (absent.length > 0) throw missingColumns(table, absent);
}

/** The error for a missing cell: line, column, and the cells that count as missing. */
export function missingCell(table: Table, column: string, row: number): DataFileError {
  return new DataFileError(
    table.file,
    table.lines[row],
    `column "${column}": missing value (an empty cell, NA, NaN, N/A, null, #N/A or ? in any case, or a --na-values token)`,
  );
}

function distinctKeys(column: Column, rows: Uint32Array | number): Set<string> {
  const keys = new Set<string>();
  const n = typeof rows === 'number' ? rows : rows.length;
  for (let i = 0; i < n; i++) {
    const key = rowKey(column, typeof rows === 'number' ? i : rows[i]!);
    if (key !== null) keys.add(key);
  }
  return keys;
}

/** `"red" on line 2`: the first cell that is not a number, for the categorical note. */
function firstText(table: Table, column: Column): string {
  const text = column.text ?? [];
  for (let row = 0; row < text.length; row++) {
    const key = text[row];
    if (key != null && Number.isNaN(column.numbers[row]!)) {
      return `"${key}" on line ${table.lines[row]}`;
    }
  }
  return 'named with --categorical';
}

function missingColumns(table: Table, names: readonly string[]): DataFileError {
  const list = names.map((name) => `"${name}"`).join(', ');
  const plural = names.length === 1 ? 'column' : 'columns';
  const available = table.columns.map((c) => c.name);
  const shown = available.slice(0, 20).join(', ') + (available.length > 20 ? ', …' : '');
  if (table.format === 'libsvm') {
    return new DataFileError(
      table.file,
      undefined,
      `no ${plural} ${list} (LIBSVM columns are ${shown})`,
    );
  }
  return new DataFileError(
    table.file,
    1,
    `no ${plural} ${list} in the header (the file has ${available.length}: ${shown})`,
  );
}

function badNumber(table: Table, column: Column, row: number): DataFileError {
  const key = column.text?.[row];
  if (key === null || key === undefined) return missingCell(table, column.name, row);
  return new DataFileError(
    table.file,
    table.lines[row],
    `column "${column.name}": expected a number, got "${key}"`,
  );
}

function unseenLevel(
  table: Table,
  encoding: CategoricalEncoding,
  row: number,
  key: string,
): DataFileError {
  const levels = encoding.levels.slice(0, 20).map((l) => `"${l}"`);
  if (encoding.levels.length > 20) levels.push('…');
  return new DataFileError(
    table.file,
    table.lines[row],
    `column "${encoding.column}": level "${key}" was not seen in training (levels: ${levels.join(', ')})`,
  );
}
