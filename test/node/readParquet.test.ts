import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import { readParquet, readParquetBatches } from '../../src/node/readParquet.js';
import { formatOf, readTable } from '../../src/node/readTable.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
afterAll(() => temp.cleanup());
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

function keys(table: Table, name: string): (string | null)[] {
  const column = table.columns.find((c) => c.name === name)!;
  return Array.from({ length: table.rowCount }, (_, i) => rowKey(column, i));
}

describe('readParquet', () => {
  it('reads the columns of the CSV of the same data, value for value (three row groups)', async () => {
    const parquet = await readParquet(fixture('pima.parquet'));
    const csv = await readTable(fixture('pima.csv'));
    expect(parquet.rowCount).toBe(768);
    expect(parquet.columns.map((c) => c.name)).toEqual(csv.columns.map((c) => c.name));
    parquet.columns.forEach((column, j) => {
      expect(column.numbers).toEqual(csv.columns[j]!.numbers);
      expect(column.text).toBeUndefined();
      expect(column.missingRows).toEqual([]);
    });
    expect(Array.from(parquet.lines.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('a string column gives the CSV keys (categorical levels)', async () => {
    const parquet = await readParquet(fixture('pima_categorical.parquet'));
    const csv = await readTable(fixture('pima_categorical.csv'));
    expect(keys(parquet, 'age_group')).toEqual(keys(csv, 'age_group'));
    expect(parquet.columns.find((c) => c.name === 'w')!.numbers).toEqual(
      csv.columns.find((c) => c.name === 'w')!.numbers,
    );
  });

  it('nulls and NA strings are missing; booleans are levels', async () => {
    const table = await readParquet(fixture('nullable.parquet'));
    const x = table.columns.find((c) => c.name === 'x')!;
    expect(x.missingRows).toEqual([1]);
    expect(keys(table, 'colour')).toEqual(['red', 'blue', null, 'red', null, 'blue']);
    expect(keys(table, 'flag')).toEqual(['true', 'false', 'true', 'false', 'true', 'false']);
    const extra = await readParquet(fixture('nullable.parquet'), { naValues: ['red'] });
    expect(keys(extra, 'colour')).toEqual([null, 'blue', null, null, null, 'blue']);
  });

  it('batches are whole row groups of at least batchRows rows, with their own row numbers', async () => {
    const sizes: number[] = [];
    const firstLines: number[] = [];
    await readParquetBatches(fixture('pima.parquet'), { batchRows: 300 }, (batch) => {
      sizes.push(batch.rowCount);
      firstLines.push(batch.lines[0]!);
      return Promise.resolve();
    });
    expect(sizes).toEqual([512, 256]);
    expect(firstLines).toEqual([1, 513]);
  });

  it('errors name the file: not Parquet, no such file, too many rows', async () => {
    const notParquet = temp.file('fake.parquet', 'a,b\n1,2\n');
    await expect(readParquet(notParquet)).rejects.toThrow(
      new RegExp(`^${notParquet.replace(/[.]/g, '\\.')}: is not a readable Parquet file`),
    );
    await expect(readParquet(temp.file('x', '') + '.none.parquet')).rejects.toThrow(
      /no such file$/,
    );
    const error = await readParquet(fixture('pima.parquet'), { maxRows: 100 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).problem).toMatch(/^more than 100 data rows/);
  });

  it('formatOf and readTable know .parquet', async () => {
    expect(formatOf('a.parquet')).toBe('parquet');
    expect(formatOf('A.PARQ')).toBe('parquet');
    expect((await readTable(fixture('pima.parquet'))).rowCount).toBe(768);
  });
});
