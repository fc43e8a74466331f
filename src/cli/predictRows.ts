import type { Table } from '../data/column.js';
import { completeRows, findMissing } from '../data/completeRows.js';
import { DataFileError } from '../data/dataFileError.js';
import { columnsByName, missingCell, requireColumns } from '../data/designMatrix.js';

/** File lines of dropped rows named in the note of `--drop-missing`; the rest are counted. */
const shownLines = 10;

/**
 * The rows of `logreg predict`, batch by batch: with `--drop-missing` those without a missing
 * cell in the model's columns (the dropped rows' file lines are collected for one note at the
 * end), else all rows, a missing cell being an error naming its line and column; and the
 * `--keep` columns' cells as written, to copy through.
 */
export class PredictRows {
  private dropped = 0;
  private total = 0;
  private readonly droppedLines: number[] = [];

  constructor(
    /** The columns the model reads. */
    private readonly used: readonly string[],
    private readonly dropMissing: boolean,
    /** `--keep`: columns copied to the output, in this order. */
    private readonly keep: readonly string[],
  ) {}

  /**
   * The rows of `table` to predict (undefined: all of them) and, per `--keep` column, their
   * cells as written.
   *
   * @throws {DataFileError} a `--keep` column the table lacks; without `--drop-missing`, a
   *   missing cell in a column the model reads.
   */
  select(table: Table): { rows: Uint32Array | undefined; kept: (readonly string[])[] } {
    requireColumns(table, this.keep);
    this.total += table.rowCount;
    let rows: Uint32Array | undefined;
    if (this.dropMissing) {
      const complete = completeRows(table, this.used);
      if (complete.dropped > 0) {
        rows = complete.rows;
        this.dropped += complete.dropped;
        this.collectLines(table, complete.rows);
      }
    } else {
      const missing = findMissing(table, this.used);
      if (missing !== undefined) {
        const error = missingCell(table, missing.column, missing.row);
        throw new DataFileError(
          table.file,
          error.line,
          `${error.problem}; --drop-missing drops such rows`,
        );
      }
    }
    const byName = columnsByName(table);
    const kept = this.keep.map((name) => {
      const cells = byName.get(name)!.cells ?? [];
      return rows === undefined ? cells : Array.from(rows, (row) => cells[row]!);
    });
    return { rows, kept };
  }

  /**
   * The note of `--drop-missing`: rows dropped, with their first lines; undefined without the
   * flag, or when `quiet` and none was dropped (dropped rows change the output: said even then).
   */
  note(quiet: boolean): string | undefined {
    if (!this.dropMissing || (quiet && this.dropped === 0)) return undefined;
    const lines = this.droppedLines.join(', ');
    const more = this.dropped > shownLines ? `, …` : '';
    return (
      `--drop-missing dropped ${this.dropped} of ${this.total} rows with missing values` +
      (this.dropped > 0 ? ` (line${this.dropped > 1 ? 's' : ''} ${lines}${more})` : '') +
      '; they have no prediction'
    );
  }

  private collectLines(table: Table, complete: Uint32Array): void {
    let k = 0;
    for (let row = 0; row < table.rowCount && this.droppedLines.length < shownLines; row++) {
      if (k < complete.length && complete[k] === row) k++;
      else this.droppedLines.push(table.lines[row]!);
    }
  }
}
