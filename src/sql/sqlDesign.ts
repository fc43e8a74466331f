import { codedLevels } from '../data/designMatrix.js';
import type { FeatureEncoding } from '../data/designMatrix.js';
import type { SqlDialect } from './sqlDialect.js';
import { SqlBinder } from './sqlStatement.js';
import type { SqlValue } from './sqlStatement.js';

/** Where the rows come from: a table (a name, or schema-qualified parts) or the user's SELECT. */
export type SqlSource =
  | { readonly table: string | readonly string[]; readonly query?: undefined }
  | { readonly query: string; readonly table?: undefined };

/**
 * How the engine turns a source's rows into the fit's design: the target compared with the
 * positive class (both as text), the feature columns (numeric, or categorical one-hot coded by
 * level), the weight column. Rows with a missing value in any of these columns are left out.
 */
export interface SqlDesign {
  readonly dialect: SqlDialect;
  readonly source: SqlSource;
  readonly target: string;
  /**
   * The positive class: a number is compared with the target as a double (no per-row cast to
   * text), a text with the target's text (CAST(target AS text), as the engine writes it).
   */
  readonly positive: SqlValue;
  readonly encodings: readonly FeatureEncoding[];
  readonly weights: string | undefined;
}

/** One derived column: its alias and its SQL expression. */
export type SqlColumn = readonly [alias: string, expression: string];

/** The FROM item of a source: the quoted table, or the user's query as a derived table. */
export function sourceSql(dialect: SqlDialect, source: SqlSource): string {
  if (source.query !== undefined) return `(${source.query}) AS __source`;
  const parts = typeof source.table === 'string' ? [source.table] : source.table;
  return parts.map((part) => dialect.quote(part)).join('.');
}

/** The columns a design reads, target first: a row counts only when none is NULL. */
export function designColumnNames(
  target: string,
  columns: readonly string[],
  weights: string | undefined,
): string[] {
  return [target, ...columns, ...(weights === undefined ? [] : [weights])];
}

/** `a IS NOT NULL AND b IS NOT NULL …`: the complete rows. */
export function completeCondition(dialect: SqlDialect, columns: readonly string[]): string {
  return columns.map((c) => `${dialect.quote(c)} IS NOT NULL`).join(' AND ');
}

/** `CAST(x AS text)`. */
export function asText(dialect: SqlDialect, expression: string): string {
  return `CAST(${expression} AS ${dialect.text})`;
}

/** `CAST(x AS double)`. */
export function asDouble(dialect: SqlDialect, expression: string): string {
  return `CAST(${expression} AS ${dialect.double})`;
}

/**
 * The design's columns: `__y` (1 for the positive class, else 0), `__s` (the weight, or 1) and
 * `__x0 … __x{p−1}` (numeric columns as doubles; each coded level of a categorical column 1 where
 * the column's text equals the level, else 0, so an unseen level is the reference's coding).
 */
export function designColumns(design: SqlDesign, binder: SqlBinder): SqlColumn[] {
  const { dialect } = design;
  const q = (name: string): string => dialect.quote(name);
  const one = asDouble(dialect, '1');
  const zero = asDouble(dialect, '0');
  const columns: SqlColumn[] = [
    [
      '__y',
      dialect.ifElse(
        typeof design.positive === 'number'
          ? `${asDouble(dialect, q(design.target))} = ${binder.bind(design.positive)}`
          : `${asText(dialect, q(design.target))} = ${binder.bind(design.positive)}`,
        one,
        zero,
      ),
    ],
    ['__s', design.weights === undefined ? one : asDouble(dialect, q(design.weights))],
  ];
  for (const encoding of design.encodings) {
    if (encoding.kind === 'numeric') {
      columns.push([`__x${columns.length - 2}`, asDouble(dialect, q(encoding.column))]);
      continue;
    }
    const text = asText(dialect, q(encoding.column));
    for (const level of codedLevels(encoding)) {
      columns.push([
        `__x${columns.length - 2}`,
        dialect.ifElse(`${text} = ${binder.bind(level)}`, one, zero),
      ]);
    }
  }
  return columns;
}

/** The input columns of the encodings, in order. */
export function inputColumns(encodings: readonly FeatureEncoding[]): string[] {
  return encodings.map((e) => e.column);
}

/**
 * A query that derives columns row by row in stages, each stage able to use the previous ones,
 * then aggregates: every derived value is computed once per row, not once per aggregate that uses
 * it. DuckDB and PostgreSQL nest one derived table per stage (PostgreSQL's carry `OFFSET 0`, which
 * keeps the planner from pulling them up and copying the expressions into every SUM); ClickHouse
 * names the expressions in `WITH` and aggregates straight from the source, so that on a
 * Distributed table each shard sums its own rows.
 */
export function stagedAggregate(
  design: SqlDesign,
  binder: SqlBinder,
  stages: readonly (readonly SqlColumn[])[],
  aggregates: readonly string[],
): string {
  const { dialect } = design;
  const from = sourceSql(dialect, design.source);
  const where = completeCondition(
    dialect,
    designColumnNames(design.target, inputColumns(design.encodings), design.weights),
  );
  const base = designColumns(design, binder);
  const list = (columns: readonly SqlColumn[]): string =>
    columns.map(([alias, expression]) => `${expression} AS ${alias}`).join(', ');
  if (dialect.name === 'clickhouse') {
    const named = [base, ...stages].flat();
    return `WITH ${list(named)} SELECT ${aggregates.join(', ')} FROM ${from} WHERE ${where}`;
  }
  const fence = dialect.fenceSubqueries ? ' OFFSET 0' : '';
  let relation = `SELECT ${list(base)} FROM ${from} WHERE ${where}${fence}`;
  stages.forEach((stage, k) => {
    relation = `SELECT *, ${list(stage)} FROM (${relation}) AS __stage${k}${fence}`;
  });
  return `SELECT ${aggregates.join(', ')} FROM (${relation}) AS __rows`;
}

/** A statement from a staged aggregate, with its binder's values. */
export function stagedStatement(
  design: SqlDesign,
  stages: (binder: SqlBinder) => readonly (readonly SqlColumn[])[],
  aggregates: readonly string[],
): { text: string; params: readonly SqlValue[] } {
  const binder = new SqlBinder(design.dialect);
  const text = stagedAggregate(design, binder, stages(binder), aggregates);
  return binder.statement(text);
}
