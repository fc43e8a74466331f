// The README's SQL example: a model fitted inside DuckDB (the rows never leave the engine), then
// scored by the engine itself with the SQL expression logreg writes for it.
import { scoringSql } from 'logreg';
import { openSql, trainSql } from 'logreg/node';

const db = await openSql('duckdb:'); // in memory; or 'duckdb:file.duckdb', 'postgres://…', 'clickhouse://…'
db.exec(`CREATE TABLE visits AS SELECT * FROM (VALUES
  (23, 'basic', 0), (35, 'pro', 1), (41, 'basic', 0), (52, 'pro', 1), (29, 'basic', 1),
  (61, 'pro', 1), (33, 'basic', 0), (47, 'pro', 0), (38, 'basic', 1), (55, 'pro', 1),
  (26, 'basic', 0), (44, 'pro', 1), (NULL, 'pro', 1)) AS v(age, plan, renewed)`);

// One aggregate query per objective evaluation; the row with a NULL is left out and counted.
export const { model, encodings, rows, droppedRows, passes } = await trainSql(db, {
  table: 'visits',
  target: 'renewed',
  features: ['age', 'plan'],
  categorical: ['plan'],
});
console.log(model.featureNames, model.coefficients, `${rows} rows, ${droppedRows} dropped`);

// P(renewed) computed by DuckDB from the model: `logreg export model.json --sql duckdb` prints it.
export const expression = scoringSql(model, 'duckdb', encodings);
export const scored = db.run({
  text: `SELECT age, plan, ${expression} AS probability FROM visits WHERE age IS NOT NULL`,
  params: [],
});
console.log(scored.slice(0, 3));
await db.close();
