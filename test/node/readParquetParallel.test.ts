import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/column.js';
import { DataFileError } from '../../src/data/dataFileError.js';
import {
  createParquetWorkers,
  inProcessParquet,
  withCallingThread,
} from '../../src/node/parquetWorkers.js';
import type { ParquetRowsRunner } from '../../src/node/parquetWorkers.js';
import { readParquet } from '../../src/node/readParquet.js';
import type { ParquetReadOptions } from '../../src/node/readParquet.js';
import { readParquetParallel } from '../../src/node/readParquetParallel.js';
import { tempFolder } from './tempFiles.js';

const temp = tempFolder();
const pools = [1, 2, 3].map((size) => createParquetWorkers(size));
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  temp.cleanup();
});

type Lanes = { lanes: number; tasks: number };
/** Every runner with its lanes and tasks: in-process, 1, 2 and 3 workers, with this thread. */
const runners: [string, ParquetRowsRunner, Lanes][] = [
  ['in-process, 1 task', inProcessParquet, { lanes: 1, tasks: 1 }],
  ['in-process, 2 lanes, 3 tasks', inProcessParquet, { lanes: 2, tasks: 3 }],
  ...pools.flatMap((pool): [string, ParquetRowsRunner, Lanes][] => [
    [`${pool.size} worker(s)`, pool, { lanes: pool.size, tasks: pool.size * 2 }],
    [
      `${pool.size} worker(s) and this thread`,
      withCallingThread(pool),
      { lanes: pool.size + 1, tasks: pool.size * 3 + 1 },
    ],
  ]),
];

let files = 0;
function writeParquet(columnData: ColumnSource[], rowGroupSize: number): string {
  const bytes = parquetWriteBuffer({ columnData, rowGroupSize });
  return temp.file(`t${files++}.parquet`, new Uint8Array(bytes));
}

/** A table as plain data: the numbers as an array (the parallel ones live in shared memory). */
function plain(table: Table): unknown {
  return {
    ...table,
    lines: Array.from(table.lines),
    columns: table.columns.map((c) => ({ ...c, numbers: Array.from(c.numbers) })),
  };
}

/** The parallel read (or its error) under every runner equals the serial read (or its error). */
async function expectSameAsSerial(file: string, options: ParquetReadOptions = {}): Promise<void> {
  const serial = await readParquet(file, options).then(plain, (error: unknown) => error);
  for (const [label, runner, tasks] of runners) {
    const parallel = await readParquetParallel(file, { maxRows: 1e8, ...options }, runner, tasks)
      .then((table) => (table === undefined ? undefined : plain(table)))
      .catch((error: unknown) => error);
    expect(parallel, label).toEqual(serial);
    if (serial instanceof Error) expect((parallel as Error).message, label).toBe(serial.message);
  }
}

/** Mixed columns of `n` rows: numbers with and without nulls, NaN, text, booleans. */
function mixedColumns(n: number, pick: (i: number) => number): ColumnSource[] {
  const optional = Array.from({ length: n }, (_, i) => (pick(i) % 7 === 0 ? null : pick(i) / 4));
  return [
    {
      name: 'd',
      data: Float64Array.from({ length: n }, (_, i) => pick(i) / 8 - 3),
      type: 'DOUBLE',
      nullable: false,
    },
    {
      name: 'nan',
      data: Float64Array.from({ length: n }, (_, i) => (i === n - 2 ? NaN : i)),
      type: 'DOUBLE',
      nullable: false,
    },
    { name: 'full', data: Array.from({ length: n }, (_, i) => i * 0.5), type: 'DOUBLE' },
    { name: 'holes', data: optional, type: 'DOUBLE' },
    {
      name: 'f',
      data: Float32Array.from({ length: n }, (_, i) => pick(i) / 3),
      type: 'FLOAT',
      nullable: false,
    },
    {
      name: 'k',
      data: Int32Array.from({ length: n }, (_, i) => pick(i) - 50),
      type: 'INT32',
      nullable: false,
    },
    {
      name: 'kn',
      data: Array.from({ length: n }, (_, i) => (pick(i) % 5 === 0 ? null : pick(i))),
      type: 'INT32',
    },
    {
      name: 'big',
      data: BigInt64Array.from({ length: n }, (_, i) => BigInt(pick(i))),
      type: 'INT64',
      nullable: false,
    },
    {
      name: 's',
      data: Array.from(
        { length: n },
        (_, i) => ['red', 'NA', ' blue ', null, '2.5', ''][pick(i) % 6]!,
      ),
      type: 'STRING',
    },
    {
      name: 'b',
      data: Array.from({ length: n }, (_, i) => pick(i) % 3 === 0),
      type: 'BOOLEAN',
      nullable: false,
    },
  ];
}

describe('readParquetParallel', () => {
  it('equals the serial read: several row groups, nullable, text and boolean columns', async () => {
    const file = writeParquet(
      mixedColumns(1000, (i) => (i * 7919) % 101),
      128,
    );
    await expectSameAsSerial(file);
    await expectSameAsSerial(file, { naValues: ['red'], verbatimColumns: ['d', 's'] });
  });

  it('equals the serial read on random row groups and values (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        async (values, groupRows) => {
          // At least two row groups (one is left to the serial reader).
          const rows = Math.min(groupRows, Math.ceil(values.length / 2));
          const file = writeParquet(
            mixedColumns(values.length, (i) => values[i]!),
            rows,
          );
          await expectSameAsSerial(file);
        },
      ),
      { seed: 12, numRuns: 15 },
    );
  });

  it('a whole numeric column decoded as typed arrays lands in shared memory', async () => {
    const file = writeParquet(
      mixedColumns(300, (i) => i % 17),
      50,
    );
    const table = (await readParquetParallel(file, { maxRows: 1e8 }, pools[1]!, {
      lanes: 2,
      tasks: 4,
    }))!;
    const column = (name: string) => table.columns.find((c) => c.name === name)!;
    expect(column('d').numbers.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(column('k').numbers[1]).toBe(1 - 50);
    expect(column('holes').missingRows).toEqual(
      Array.from({ length: 300 }, (_, i) => i).filter((i) => (i % 17) % 7 === 0),
    );
  });

  it('a nested (JSON) column is the same error as serially (row and column named)', async () => {
    const file = writeParquet(
      [
        {
          name: 'x',
          data: Float64Array.from({ length: 40 }, (_, i) => i),
          type: 'DOUBLE',
          nullable: false,
        },
        {
          name: 'raw',
          data: Array.from({ length: 40 }, (_, i) => ({ a: i })),
          type: 'JSON',
          nullable: false,
        },
      ],
      10,
    );
    await expect(readParquet(file)).rejects.toThrow(/column "raw": row 1 holds a struct/);
    await expectSameAsSerial(file);
  });

  it('a corrupt column chunk is the same error as serially', async () => {
    const good = writeParquet(
      mixedColumns(400, (i) => (i * 31) % 97),
      100,
    );
    const bytes = new Uint8Array(readFileSync(good));
    // Garble the first page header of one column chunk of the third row group.
    const chunk = parquetMetadata(bytes.buffer).row_groups[2]!.columns[0]!.meta_data!;
    const at = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    bytes.fill(0xff, at, at + 6);
    const file = temp.file('corrupt.parquet', bytes);
    await expect(readParquet(file)).rejects.toThrow(DataFileError);
    await expectSameAsSerial(file);
  });

  it('too many rows and a missing file are the serial errors; one row group is left to it', async () => {
    const file = writeParquet(
      mixedColumns(30, (i) => i),
      10,
    );
    await expectSameAsSerial(file, { maxRows: 29 });
    await expectSameAsSerial(`${temp.folder}/none.parquet`);
    const single = writeParquet(
      mixedColumns(30, (i) => i),
      30,
    );
    expect(
      await readParquetParallel(single, { maxRows: 100 }, inProcessParquet, { lanes: 2, tasks: 2 }),
    ).toBeUndefined();
  });
});
