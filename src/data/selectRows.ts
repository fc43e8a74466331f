import type { Table } from './column.js';
import { completeRows, findMissing } from './completeRows.js';
import { DataFileError } from './dataFileError.js';
import { missingCell } from './designMatrix.js';

/**
 * The rows to use: all of them, or with `--drop-missing` those without a missing cell in the
 * `used` columns (saying how many were dropped, through `note`). Without `--drop-missing` a missing cell is an
 * error naming its line and column.
 *
 * @throws {DataFileError} a missing cell, or every row dropped.
 */
export function selectRows(
  note: (message: string) => void,
  table: Table,
  used: readonly string[],
  flags: { readonly dropMissing: boolean; readonly quiet: boolean },
): Uint32Array {
  if (!flags.dropMissing) {
    const missing = findMissing(table, used);
    if (missing !== undefined) {
      const error = missingCell(table, missing.column, missing.row);
      throw new DataFileError(
        table.file,
        error.line,
        `${error.problem}; --drop-missing drops such rows`,
      );
    }
    return Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  }
  const { rows, dropped } = completeRows(table, used);
  if (rows.length === 0) {
    throw new DataFileError(
      table.file,
      undefined,
      `all ${table.rowCount} rows have missing values`,
    );
  }
  // Dropped rows change the data: said even with --quiet (and "0 dropped" is only chatter).
  if (!flags.quiet || dropped > 0) {
    note(`--drop-missing dropped ${dropped} of ${table.rowCount} rows with missing values`);
  }
  return rows;
}
