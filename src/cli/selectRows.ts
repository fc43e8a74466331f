import type { Table } from '../node/column.js';
import { completeRows, findMissing } from '../node/completeRows.js';
import { DataFileError } from '../node/dataFileError.js';
import { missingCell } from '../node/designMatrix.js';
import { note } from './io.js';
import type { CliIO } from './io.js';

/**
 * The rows to use: all of them, or with `--drop-missing` those without a missing cell in the
 * `used` columns (saying how many were dropped). Without `--drop-missing` a missing cell is an
 * error naming its line and column.
 *
 * @throws {DataFileError} a missing cell, or every row dropped.
 */
export function selectRows(
  io: CliIO,
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
    note(io, `--drop-missing dropped ${dropped} of ${table.rowCount} rows with missing values`);
  }
  return rows;
}
