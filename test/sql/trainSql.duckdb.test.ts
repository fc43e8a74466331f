import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../../src/node/sql/openSql.js';
import type { SqlConnection } from '../../src/node/sql/openSql.js';
import { trainSql } from '../../src/node/sql/trainSql.js';
import { OptionError, ValueError } from '../../src/errors.js';
import { engineSuite, expectSameFit } from './engineSuite.js';
import { createTableSql, insertSql, referenceFit, sqlRows, sqlSpec } from './sqlFixture.js';

// DuckDB, embedded (npm @duckdb/node-api): the default engine, in memory.
const rows = sqlRows();
let db: SqlConnection;

beforeAll(async () => {
  db = await openSql('duckdb:');
  db.exec(createTableSql('duckdb', 't'));
  db.exec(insertSql('duckdb', 't', rows));
});
afterAll(async () => {
  await db.close();
});

describe('trainSql on DuckDB', () => {
  engineSuite(() => db, 't', rows, 'SELECT count(*) FROM "t"');

  it('refuses what it cannot do in SQL, naming the option', async () => {
    await expect(trainSql(db, { ...sqlSpec, table: 't', penalty: 'l1' })).rejects.toThrow(
      OptionError,
    );
    await expect(
      trainSql(db, { ...sqlSpec, table: 't', sampleWeight: [1] } as never),
    ).rejects.toThrow(/option 'sampleWeight' is not supported/);
    await expect(trainSql(db, { ...sqlSpec })).rejects.toThrow(/either 'table' or 'query'/);
  });

  it('refuses a target without exactly two values', async () => {
    await expect(
      trainSql(db, { ...sqlSpec, table: 't', target: 'color', features: ['b'], categorical: [] }),
    ).rejects.toThrow(ValueError);
  });

  it('fits a Parquet or CSV file named as the table (DuckDB reads it in place)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'logreg-duckdb-'));
    try {
      const parquet = join(folder, 't.parquet');
      const csv = join(folder, 't.csv');
      db.exec(`COPY t TO '${parquet}' (FORMAT parquet)`);
      db.exec(`COPY t TO '${csv}' (FORMAT csv, HEADER)`);
      const options = { penalty: 'l2', C: 0.5, tolerance: 1e-11 } as const;
      const reference = referenceFit(rows, options);
      for (const table of [parquet, csv]) {
        const fit = await trainSql(db, { table, ...sqlSpec, ...options });
        expectSameFit(fit.model, reference);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('opens and closes a connection from a URL', async () => {
    const fit = await trainSql('duckdb:', {
      query: 'SELECT range % 2 AS y, sin(range) AS x FROM range(50)',
      target: 'y',
      features: ['x'],
    });
    expect(fit.rows).toBe(50);
    expect(fit.model.featureNames).toEqual(['x']);
  });
});
