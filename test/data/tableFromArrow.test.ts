import {
  Table as ArrowTable,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { tableFromArrow } from '../../src/data/tableFromArrow.js';

function keys(table: Table, name: string): (string | null)[] {
  const column = table.columns.find((c) => c.name === name)!;
  return Array.from({ length: table.rowCount }, (_, i) => rowKey(column, i));
}

describe('tableFromArrow', () => {
  it('a non-null Float64 column is the Arrow buffer itself (no copy); Int32 is converted', () => {
    const x = new Float64Array([1.5, -2, 3]);
    const arrow = tableFromArrays({ x, i: new Int32Array([4, 5, 6]) });
    const table = tableFromArrow(arrow);
    expect(table.rowCount).toBe(3);
    expect(table.columns[0]!.numbers.buffer).toBe(x.buffer);
    expect(Array.from(table.columns[1]!.numbers)).toEqual([4, 5, 6]);
    expect(Array.from(table.lines)).toEqual([1, 2, 3]);
    expect(table.file).toBe('Arrow table');
  });

  it('nulls are missing in numeric, string, boolean and int64 columns, through an IPC round trip', () => {
    const arrow = new ArrowTable({
      x: vectorFromArray([1.5, null, 3]),
      s: vectorFromArray(['a', null, 'NA']),
      b: vectorFromArray([true, false, null]),
      l: vectorFromArray([1n, null, 3n]),
    });
    const table = tableFromArrow(tableFromIPC(tableToIPC(arrow)), { name: 'batch.arrow' });
    expect(table.file).toBe('batch.arrow');
    expect(table.columns.map((c) => c.missingRows)).toEqual([[1], [1, 2], [2], [1]]);
    expect(keys(table, 'x')).toEqual(['1.5', null, '3']);
    expect(keys(table, 's')).toEqual(['a', null, null]);
    expect(keys(table, 'b')).toEqual(['true', 'false', null]);
    expect(Array.from(table.columns[3]!.numbers)).toEqual([1, NaN, 3]);
  });

  it('dictionary-encoded strings are read as strings; numeric strings are numbers', () => {
    const table = tableFromArrow(tableFromArrays({ s: ['1', '2.5', '1'] }));
    expect(table.columns[0]!.text).toBeUndefined();
    expect(Array.from(table.columns[0]!.numbers)).toEqual([1, 2.5, 1]);
  });

  it('a list column is an error naming the column and row', () => {
    const arrow = new ArrowTable({ v: vectorFromArray([[1, 2], [3]]) });
    expect(() => tableFromArrow(arrow)).toThrow(DataFileError);
    expect(() => tableFromArrow(arrow)).toThrow(/column "v": row 1 holds a list/);
  });
});
