import { CELL_LEVEL, CELL_MISSING, CELL_NUMBER, CellCache } from './cellCache.js';
import { MissingValues, parseDecimal } from './column.js';
import { CsvParser } from './csvParser.js';
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

  finish(): CsvRangeCells {
    return {
      rows: this.row,
      levels: this.levels,
      codes: this.codes.map((codes) => codes?.subarray(0, this.row)),
      missing: this.missingRows.map((rows) => Int32Array.from(rows)),
    };
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
      const entry = this.cache.find(bytes, start, end, quoted[j]!);
      let kind: number;
      let value: number;
      if (entry >= 0) {
        kind = this.cache.kinds[entry]!;
        value = this.cache.values[entry]!;
      } else {
        const text = this.decimalComma ? withDecimalPoint(record.text(j)) : record.text(j);
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
        this.cache.add(bytes, start, end, quoted[j]!, kind, value);
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
    this.lines[this.row++] = record.line;
  }
}
