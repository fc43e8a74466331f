/**
 * Writes the Parquet test fixtures from CSV fixtures of the same data, with hyparquet-writer
 * (a devDependency; the tests only read the files):
 *
 * - `test/fixtures/pima.parquet`: `pima.csv`, every feature `DOUBLE` (not null), `y` `INT32`,
 *   in three row groups of 256 rows (the reader joins row groups; `predict` batches by them).
 * - `test/fixtures/pima_categorical.parquet`: `pima_categorical.csv`, `age_group` a `STRING`
 *   column (a categorical feature), `w` `DOUBLE` weights, `y` `INT32`, one row group.
 * - `test/fixtures/nullable.parquet`: 6 rows with nulls in a `DOUBLE` and a `STRING` column and
 *   a `BOOLEAN` column, for the missing-value rules.
 *
 * Usage: `tsx scripts/parquetFixtures.ts`. The output is deterministic (no dates, no random).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

/** The header and the rows of a small CSV file without quoting. */
function readSimpleCsv(name: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(`${fixtures}${name}`, 'utf8').trimEnd().split('\n');
  return { header: head!.split(','), rows: lines.map((line) => line.split(',')) };
}

function write(name: string, columnData: ColumnSource[], rowGroupSize: number): void {
  const bytes = parquetWriteBuffer({ columnData, rowGroupSize, statistics: false });
  writeFileSync(`${fixtures}${name}`, new Uint8Array(bytes));
  console.log(`wrote test/fixtures/${name} (${bytes.byteLength} bytes)`);
}

function numericColumns(
  header: readonly string[],
  rows: readonly string[][],
  strings: ReadonlySet<string>,
): ColumnSource[] {
  return header.map((name, j): ColumnSource => {
    if (strings.has(name)) {
      return { name, data: rows.map((r) => r[j]!), type: 'STRING', nullable: false };
    }
    if (name === 'y') {
      return {
        name,
        data: Int32Array.from(rows, (r) => Number(r[j])),
        type: 'INT32',
        nullable: false,
      };
    }
    return {
      name,
      data: Float64Array.from(rows, (r) => Number(r[j])),
      type: 'DOUBLE',
      nullable: false,
    };
  });
}

const pima = readSimpleCsv('pima.csv');
write('pima.parquet', numericColumns(pima.header, pima.rows, new Set()), 256);

const categorical = readSimpleCsv('pima_categorical.csv');
write(
  'pima_categorical.parquet',
  numericColumns(categorical.header, categorical.rows, new Set(['age_group'])),
  categorical.rows.length,
);

write(
  'nullable.parquet',
  [
    { name: 'x', data: [0.5, null, -1, 2, 1.5, -0.5], type: 'DOUBLE' },
    { name: 'colour', data: ['red', 'blue', null, 'red', 'NA', 'blue'], type: 'STRING' },
    { name: 'flag', data: [true, false, true, false, true, false], type: 'BOOLEAN' },
    { name: 'y', data: Int32Array.from([1, 0, 1, 0, 1, 0]), type: 'INT32', nullable: false },
  ],
  6,
);
