import { expect, it } from 'vitest';
import type { SqlConnection } from '../../src/node/sql/openSql.js';
import { trainSql } from '../../src/node/sql/trainSql.js';
import { SqlEngineError } from '../../src/sql/sqlEngineError.js';
import type { SqlFitOptions } from '../../src/sql/fitSql.js';
import { scoringSql } from '../../src/sql/scoringSql.js';
import { codedLevels } from '../../src/data/designMatrix.js';
import { ODD_COLUMN, quoteName, referenceFit, sqlSpec } from './sqlFixture.js';
import type { SqlRow } from './sqlFixture.js';

/** Every coefficient and the intercept of two models agree to `tolerance` (absolute). */
export function expectSameFit(
  actual: { coefficients: readonly number[]; intercept: number; featureNames: readonly string[] },
  expected: { coefficients: readonly number[]; intercept: number; featureNames: readonly string[] },
  tolerance = 1e-9,
): void {
  expect(actual.featureNames).toEqual(expected.featureNames);
  const difference = Math.max(
    Math.abs(actual.intercept - expected.intercept),
    ...actual.coefficients.map((c, j) => Math.abs(c - expected.coefficients[j]!)),
  );
  expect(difference).toBeLessThanOrEqual(tolerance);
}

/**
 * The specification every engine meets, on `table` holding `rows` (see sqlFixture.ts): the fit
 * inside the engine equals the in-memory fit on the same rows to 1e-9 (L2 with standardize by
 * L-BFGS, and maximum likelihood by Newton with its Hessian in SQL), NULL rows are left out and
 * counted, a query works as a source, and a hostile table name reaches the engine as a name.
 */
export function engineSuite(
  connection: () => SqlConnection,
  table: string,
  rows: readonly SqlRow[],
  countSql: string,
): void {
  const fits: [string, SqlFitOptions][] = [
    ['L2, standardized, L-BFGS', { penalty: 'l2', C: 0.5, standardize: true, tolerance: 1e-11 }],
    ['maximum likelihood, Newton with the Hessian in SQL', { penalty: 'none' }],
  ];
  for (const [name, options] of fits) {
    it(`fits as in memory to 1e-9: ${name}`, async () => {
      const fit = await trainSql(connection(), { table, ...sqlSpec, ...options });
      const reference = referenceFit(rows, options);
      expectSameFit(fit.model, reference);
      expect(fit.model.fitReport.converged).toBe(true);
      expect(fit.model.fitReport.solver).toBe(reference.fitReport.solver);
      expect(fit.rows).toBe(rows.filter((r) => r.a !== null).length);
      expect(fit.droppedRows).toBe(rows.filter((r) => r.a === null).length);
      expect(fit.model.fitReport.sumWeights).toBeCloseTo(reference.fitReport.sumWeights, 9);
      expect(fit.model.fitReport.logLoss).toBeCloseTo(reference.fitReport.logLoss, 12);
      expect(fit.model.fitReport.classCounts).toEqual(reference.fitReport.classCounts);
      const inference = fit.model.inference!;
      const expected = reference.inference!;
      expect(inference.logLikelihood).toBeCloseTo(expected.logLikelihood, 8);
      expect(inference.nullLogLikelihood).toBeCloseTo(expected.nullLogLikelihood, 8);
      expect(inference.nObservations).toBe(expected.nObservations);
      if (options.penalty === 'none') {
        // R's vcov(glm): the inverse information at the estimate, to the fit's precision.
        const covariance = inference.covariance!;
        expect(covariance).toHaveLength(expected.covariance!.length);
        covariance.forEach((c, k) => {
          const e = expected.covariance![k]!;
          expect(Math.abs(c - e)).toBeLessThanOrEqual(1e-7 * Math.abs(e) + 1e-12);
        });
      } else {
        expect(inference.covariance).toBeNull();
      }
    });
  }

  it('fits the rows of a query as those of a table', async () => {
    const options: SqlFitOptions = { penalty: 'l2', C: 2, tolerance: 1e-11 };
    const q = connection().dialect === 'clickhouse' ? '`' : '"';
    const fit = await trainSql(connection(), {
      query: `SELECT * FROM ${q}${table}${q} WHERE b > 0`,
      ...sqlSpec,
      ...options,
    });
    expectSameFit(fit.model, referenceFit(rows, options));
  });

  it('scores in the engine as predictProba does, to 1e-12', async () => {
    const db = connection();
    const { model, encodings } = await trainSql(db, { table, ...sqlSpec, penalty: 'l2', C: 3 });
    const q = (name: string): string => quoteName(db.dialect, name);
    const expression = scoringSql(model, db.dialect, encodings);
    const found = db.run({
      text: `SELECT ${expression}, ${q('a')}, ${q('b')}, ${q(ODD_COLUMN)}, ${q('color')} FROM ${q(table)} WHERE ${q('a')} IS NOT NULL`,
      params: [],
    });
    const color = encodings[3]!;
    const levels = color.kind === 'categorical' ? codedLevels(color) : [];
    const X = found.map((r) => [
      Number(r[1]),
      Number(r[2]),
      Number(r[3]),
      ...levels.map((l) => (r[4] === l ? 1 : 0)),
    ]);
    const expected = model.positiveProbability(X);
    expect(found.length).toBe(rows.filter((r) => r.a !== null).length);
    const difference = Math.max(...found.map((r, i) => Math.abs(Number(r[0]) - expected[i]!)));
    expect(difference).toBeLessThanOrEqual(1e-12);
  });

  it('sends a hostile table or column name as a name, never as SQL', async () => {
    for (const spec of [
      { ...sqlSpec, table: `${table}"; DROP TABLE ${table}; --` },
      { ...sqlSpec, table: `${table}\`; DROP TABLE ${table}; --` },
      { ...sqlSpec, table, target: `y") FROM ${table}; DROP TABLE ${table}; --` },
    ]) {
      await expect(trainSql(connection(), spec)).rejects.toThrow(SqlEngineError);
    }
    const [count] = connection().run({ text: countSql, params: [] });
    expect(Number(count![0])).toBe(rows.length);
  });
}
