import { CELL_LEVEL, CELL_MISSING, CELL_NUMBER, CellCache } from './cellCache.js';
import { MissingValues, parseDecimal } from './column.js';
import { CsvParser, decodeCell } from './csvParser.js';
import type { CsvRecord } from './csvParser.js';
import { fieldCountError, withDecimalPoint } from './csvTable.js';
import type { CsvTableOptions } from './csvTable.js';
import { DecimalReader } from './decimalReader.js';

/** Thrown by a {@link CsvRangeTable} when a range holds more records than its storage. */
export class RangeFull extends Error {}

/** What a {@link CsvRangeTable} read, besides the numbers and lines in its storage. */
export interface CsvRangeCells {
  readonly rows: number;
  /** The non-number, non-missing cells' texts; `codes` index into it. */
  readonly levels: string[];
  /** Per column: each row's level code (−1: a number or missing), or undefined: no such cell. */
  readonly codes: (Int32Array | undefined)[];
  /** Per column: the missing rows, ascending. */
  readonly missing: Int32Array[];
}

/**
 * The rows of one byte range of a CSV file (a parallel reader's part, after the header) read
 * into preallocated storage, cell by cell as `CsvTable` with `ColumnBuilder` reads them: an
 * unquoted decimal number from its bytes; any other cell through its text (a missing-value
 * token; a decimal number, after `,` → `.` with `decimal: ','`; else a level). Browser-safe.
 *
 * Unlike `CsvTable` it keeps no string per cell: a cell's meaning is looked up by its bytes (see
 * {@link CellCache}), so that a categorical column costs one string per level, and the levels
 * travel as codes. The reader that merges the ranges rebuilds `Column.text` from them.
 *
 * @throws {RangeFull} from the parser's `write`/`end`: more records than `lines.length`.
 * @throws {DataFileError} a record whose field count is not the header's (line range-relative).
 */
export class CsvRangeTable {
  private row = 0;
  private readonly cache = new CellCache();
  private readonly levels: string[] = [];
  private readonly codes: (Int32Array | undefined)[];
  private readonly missingRows: number[][];
  private readonly decimal = new DecimalReader();
  private readonly missing: MissingValues;
  private readonly numbersFromBytes: boolean;
  private readonly decimalComma: boolean;

  constructor(
    private readonly file: string,
    options: Pick<CsvTableOptions, 'naValues' | 'decimal'>,
    /** One array per header column, each as long as `lines`. */
    private readonly columns: readonly Float64Array[],
    private readonly lines: Uint32Array,
    private readonly delimiter: string,
  ) {
    this.missing = new MissingValues(options.naValues);
    this.decimalComma = options.decimal === ',';
    this.numbersFromBytes = !this.missing.hasNumber() && !this.decimalComma;
    this.codes = columns.map(() => undefined);
    this.missingRows = columns.map(() => []);
  }

  /** A parser whose records come here, counting lines from `firstLine`. */
  createParser(firstLine: number): CsvParser {
    return new CsvParser(this.delimiter.charCodeAt(0), (record) => this.record(record), {
      firstLine,
    });
  }

  /** What was read in the first `rows` rows (rows read by another sink count: see resume). */
  finish(rows: number = this.row): CsvRangeCells {
    return {
      rows,
      levels: this.levels,
      codes: this.codes.map((codes) => codes?.subarray(0, rows)),
      missing: this.missingRows.map((missing) => Int32Array.from(missing)),
    };
  }

  /**
   * Continues at row `rows` (a parse of the same bytes from there on follows): the rows after
   * it are dropped from the missing rows; their numbers, codes and lines will be overwritten.
   */
  resume(rows: number): void {
    this.row = rows;
    for (const missing of this.missingRows) {
      while (missing.length > 0 && missing[missing.length - 1]! >= rows) missing.pop();
    }
  }

  /** Rows read so far. */
  get rows(): number {
    return this.row;
  }

  /**
   * Cell j of row `row`, bytes [start, end) (inside the quotes when quoted), that is not read as
   * a number from its bytes: missing, a number or a level, as `ColumnBuilder.push` reads its text
   * (the text made once per distinct cell: see {@link CellCache}). `record` gives the text of a
   * parsed record's field (doubled quotes undone); without it the bytes are decoded.
   */
  putText(
    j: number,
    row: number,
    bytes: Uint8Array,
    start: number,
    end: number,
    quoted: number,
    record?: CsvRecord,
  ): void {
    const columns = this.columns;
    const entry = this.cache.find(bytes, start, end, quoted);
    let kind: number;
    let value: number;
    if (entry >= 0) {
      kind = this.cache.kinds[entry]!;
      value = this.cache.values[entry]!;
    } else {
      const raw = record === undefined ? decodeCell(bytes, start, end) : record.text(j);
      const text = this.decimalComma ? withDecimalPoint(raw) : raw;
      if (this.missing.has(text)) {
        kind = CELL_MISSING;
        value = NaN;
      } else {
        value = parseDecimal(text);
        kind = value === value ? CELL_NUMBER : CELL_LEVEL;
        if (kind === CELL_LEVEL) {
          value = this.levels.length;
          this.levels.push(text);
        }
      }
      this.cache.add(bytes, start, end, quoted, kind, value);
    }
    if (kind === CELL_NUMBER) {
      columns[j]![row] = value;
    } else if (kind === CELL_MISSING) {
      columns[j]![row] = NaN;
      this.missingRows[j]!.push(row);
    } else {
      columns[j]![row] = NaN;
      let codes = this.codes[j];
      if (codes === undefined) {
        codes = new Int32Array(this.lines.length).fill(-1);
        this.codes[j] = codes;
      }
      codes[row] = value;
    }
  }

  private record(record: CsvRecord): void {
    const columns = this.columns;
    if (record.count !== columns.length) {
      throw fieldCountError(this.file, record.line, columns.length, record.count, this.delimiter);
    }
    const row = this.row;
    if (row === this.lines.length) throw new RangeFull();
    const { bytes, starts, ends, quoted } = record;
    const decimal = this.decimal;
    for (let j = 0; j < columns.length; j++) {
      const start = starts[j]!;
      const end = ends[j]!;
      if (this.numbersFromBytes && quoted[j] === 0 && end > start) {
        const value = decimal.read(bytes, start);
        if (value === value && decimal.end === end) {
          columns[j]![row] = value;
          continue;
        }
      }
      this.putText(j, row, bytes, start, end, quoted[j]!, record);
    }
    this.lines[this.row++] = record.line;
  }
}
