import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelFile } from '../../src/data/modelFile.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { openSql } from '../../src/node/sql/openSql.js';
import { tempFolder } from '../node/tempFiles.js';
import { expectSameFit } from '../sql/engineSuite.js';
import { runInProcess } from './runInProcess.js';

// `logreg train --db` and `logreg export --sql` on an embedded DuckDB file, against the in-memory
// fit of the same CSV.
const temp = tempFolder('logreg-traindb-');
const colors = ['red', 'green', "o'brien"];
const lines = ['a,b,color,y'];
for (let i = 0; i < 120; i++) {
  const a = Math.sin(i * 1.7) * 2;
  const b = Math.cos(i * 0.3) + i / 60;
  const y = Math.sin(i * 0.9) + 0.4 * a > 0 ? 'yes' : 'no';
  lines.push(`${i % 29 === 3 ? '' : a},${b},${colors[i % 3]},${y}`);
}
const csv = temp.file('data.csv', `${lines.join('\n')}\n`);
const dbFile = `${temp.folder}/data.duckdb`;
const model = (name: string): string => `${temp.folder}/${name}`;
const columns = ['--target', 'y', '--features', 'a,b,color', '--categorical', 'color'];
const options = ['--penalty', 'l2', '--C', '2', '--tolerance', '1e-11', '-q'];

beforeAll(async () => {
  const db = await openSql(`duckdb:${dbFile}`);
  db.exec(`CREATE TABLE t AS SELECT * FROM read_csv('${csv}', header = true)`);
  await db.close();
});
afterAll(() => temp.cleanup());

function readModel(path: string): LogisticRegressionModel {
  const { model: fitted } = parseModelFile(readFileSync(path, 'utf8'), path);
  if (!(fitted instanceof LogisticRegressionModel)) throw new Error('not binary');
  return fitted;
}

describe('logreg train --db', () => {
  it('fits a DuckDB table as train fits the CSV with --drop-missing, to 1e-9', async () => {
    const inDb = await runInProcess([
      'train',
      '--db',
      `duckdb:${dbFile}`,
      '--table',
      't',
      ...columns,
      ...options,
      '--model',
      model('db.json'),
    ]);
    expect(inDb.stderr).toBe('logreg: note: left out 5 of 120 rows with a NULL in a used column\n');
    expect(inDb.code).toBe(0);
    expect(inDb.stdout).toContain('table t: 115 rows, 4 features');
    const inMemory = await runInProcess([
      'train',
      csv,
      ...columns,
      ...options,
      '--drop-missing',
      '--model',
      model('memory.json'),
    ]);
    expect(inMemory.code).toBe(0);
    expectSameFit(readModel(model('db.json')), readModel(model('memory.json')));
    const file = JSON.parse(readFileSync(model('db.json'), 'utf8')) as {
      training: { rows: number; droppedRows: number };
    };
    expect(file.training).toMatchObject({ rows: 115, droppedRows: 5 });
  });

  it('fits the rows of a query (read_csv in DuckDB) and notes the rows left out', async () => {
    const result = await runInProcess([
      'train',
      '--db',
      'duckdb:',
      '--query',
      `SELECT * FROM read_csv('${csv}', header = true)`,
      ...columns,
      '--penalty',
      'l2',
      '--model',
      model('query.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('left out 5 of 120 rows with a NULL');
    expect(readModel(model('query.json')).featureNames).toEqual([
      'a',
      'b',
      "color=o'brien",
      'color=red',
    ]);
  });

  it('exits 1 naming the engine error for a missing table, without a stack', async () => {
    const result = await runInProcess([
      'train',
      '--db',
      'duckdb:',
      '--table',
      'nope',
      ...columns,
      '--model',
      model('x.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/duckdb refused the query .*nope/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 without --table or --query, and with a data file as well', async () => {
    expect((await runInProcess(['train', '--db', 'duckdb:', ...columns])).code).toBe(2);
    expect(
      (await runInProcess(['train', csv, '--db', 'duckdb:', '--table', 't', ...columns])).code,
    ).toBe(2);
  });
});

describe('logreg export --sql', () => {
  it('prints an expression whose value in DuckDB is predictProba to 1e-12', async () => {
    const result = await runInProcess(['export', model('db.json'), '--sql', 'duckdb']);
    expect(result.code).toBe(0);
    const db = await openSql(`duckdb:${dbFile}`);
    try {
      const rows = db.run({
        text: `SELECT ${result.stdout.trim()}, a, b, color FROM t WHERE a IS NOT NULL`,
        params: [],
      });
      const fitted = readModel(model('db.json'));
      const X = rows.map((r) => [
        Number(r[1]),
        Number(r[2]),
        r[3] === "o'brien" ? 1 : 0,
        r[3] === 'red' ? 1 : 0,
      ]);
      const expected = fitted.positiveProbability(X);
      const difference = Math.max(...rows.map((r, i) => Math.abs(Number(r[0]) - expected[i]!)));
      expect(difference).toBeLessThanOrEqual(1e-12);
    } finally {
      await db.close();
    }
  });
});
