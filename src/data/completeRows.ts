import type { Table } from './column.js';
import { columnsByName } from './designMatrix.js';

/** Where a missing value is: the 0-based row and the column name. */
export interface MissingCell {
  readonly row: number;
  readonly column: string;
}

/**
 * The first missing cell among the named columns, by row and then by the order of `columns`;
 * undefined when there is none. Columns absent from the table are skipped.
 */
export function findMissing(table: Table, columns: readonly string[]): MissingCell | undefined {
  const byName = columnsByName(table);
  let first: MissingCell | undefined;
  for (const name of columns) {
    const row = byName.get(name)?.missingRows[0];
    if (row !== undefined && (first === undefined || row < first.row))
      first = { row, column: name };
  }
  return first;
}

/**
 * The rows (0-based, ascending) where none of the named columns is missing, and how many rows
 * that leaves out. Columns absent from the table are skipped.
 */
export function completeRows(
  table: Table,
  columns: readonly string[],
): { rows: Uint32Array; dropped: number } {
  const byName = columnsByName(table);
  const incomplete = new Uint8Array(table.rowCount);
  for (const name of columns) {
    for (const row of byName.get(name)?.missingRows ?? []) incomplete[row] = 1;
  }
  let kept = 0;
  for (let i = 0; i < incomplete.length; i++) kept += 1 - incomplete[i]!;
  const rows = new Uint32Array(kept);
  for (let i = 0, k = 0; i < incomplete.length; i++) if (incomplete[i] === 0) rows[k++] = i;
  return { rows, dropped: table.rowCount - kept };
}
