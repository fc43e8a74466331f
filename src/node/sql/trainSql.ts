import { fitSql } from '../../sql/fitSql.js';
import type { SqlFit, SqlTrainSpec } from '../../sql/fitSql.js';
import { openSql } from './openSql.js';
import type { SqlConnection } from './openSql.js';

/**
 * Fits a binary logistic regression on rows that stay in DuckDB, PostgreSQL or ClickHouse
 * (including a Distributed table, whose shards then each sum their own rows): each objective
 * evaluation is one aggregate query returning the loss and every gradient sum (see `fitSql` for
 * the queries and what is supported). The model equals `train`'s on the same rows to the
 * engine's summation order (the tests hold it to 1e-9).
 *
 * @param connection - a URL (`duckdb:`, `duckdb:<file>`, `postgres://…`, `clickhouse://…`; opened
 *   and closed here) or a connection from {@link openSql} (left open).
 * @throws {OptionError} an unknown URL scheme or option; {@link SqlEngineError} the engine refused
 *   a statement (no such table or column); ValueError as `fitSql`.
 * @example
 * const { model, droppedRows } = await trainSql('duckdb:', {
 *   query: "SELECT * FROM read_parquet('data.parquet')",
 *   target: 'y',
 *   features: ['x1', 'x2', 'color'],
 *   categorical: ['color'],
 * });
 */
export async function trainSql(
  connection: string | SqlConnection,
  spec: SqlTrainSpec,
): Promise<SqlFit> {
  if (typeof connection !== 'string') return fitSql(connection, spec);
  const db = await openSql(connection);
  try {
    return fitSql(db, spec);
  } finally {
    await db.close();
  }
}
