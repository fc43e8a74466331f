import type { Table } from './column.js';
import { DataFileError } from './dataFileError.js';
import { columnsByName, requireColumns } from './designMatrix.js';

/**
 * The offset of each row (`train --offset column`; `predict`, `evaluate` and `drop1` read the
 * column the model names): the column's numbers on `rows` (default every row of the table).
 *
 * @throws {DataFileError} an absent column, or a cell that is missing or not a finite number,
 *   naming its line.
 */
export function offsetColumn(table: Table, name: string, rows?: Uint32Array): Float64Array {
  requireColumns(table, [name]);
  const column = columnsByName(table).get(name)!;
  const n = rows === undefined ? table.rowCount : rows.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : rows[i]!;
    const value = column.numbers[row]!;
    if (!Number.isFinite(value)) {
      const shown = column.text?.[row] ?? (Number.isNaN(value) ? '' : String(value));
      throw new DataFileError(
        table.file,
        table.lines[row],
        `column "${name}": an offset must be a finite number, got "${shown}"`,
      );
    }
    out[i] = value;
  }
  return out;
}
