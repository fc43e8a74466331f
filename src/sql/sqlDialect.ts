import { OptionError } from '../errors.js';

/** The SQL engines whose dialects logreg writes. */
export type SqlDialectName = 'duckdb' | 'postgres' | 'clickhouse';

/** The dialect names, for option checks and help texts. */
export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'postgres', 'clickhouse'];

/**
 * What differs between the engines in the queries logreg writes: quoting, the double type, how a
 * value reaches the engine (a bound parameter `$k`, or for ClickHouse 18, which has no query
 * parameters, an escaped literal), the compensated sum, the natural log and the conditional.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** The double-precision type name for CAST. */
  readonly double: string;
  /** The text type name for CAST. */
  readonly text: string;
  /**
   * The sum over rows, compensated where the engine has one (DuckDB `fsum`, ClickHouse
   * `sumKahan`: Kahan–Babuška), so that a result does not depend on the engine's thread count.
   */
  readonly sum: string;
  /** Whether values are bound as `$1, $2, …` parameters (false: written as escaped literals). */
  readonly parameters: boolean;
  /** Whether every derived table gets `OFFSET 0`: PostgreSQL then computes its columns once per row. */
  readonly fenceSubqueries: boolean;
  /** `cond ? a : b` for numbers. */
  ifElse(cond: string, a: string, b: string): string;
  /** The natural logarithm. */
  ln(x: string): string;
  /** A column name or alias as a quoted identifier: no name can end the quotes. */
  quote(name: string): string;
}

/** `"name"` with `"` doubled (SQL standard; DuckDB, PostgreSQL). */
function standardQuote(name: string): string {
  checkIdentifier(name);
  return `"${name.replace(/"/g, '""')}"`;
}

/** `` `name` `` with `\` and `` ` `` escaped by a backslash (ClickHouse's lexer). */
function clickhouseQuote(name: string): string {
  checkIdentifier(name);
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** Identifiers are non-empty and without NUL (which no engine accepts inside quotes). */
function checkIdentifier(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\0')) {
    throw new OptionError(
      `trainSql: a column or table name must be a non-empty string without NUL, got ${JSON.stringify(name)}`,
    );
  }
}

const caseWhen = (cond: string, a: string, b: string): string =>
  `CASE WHEN ${cond} THEN ${a} ELSE ${b} END`;

const dialects: Readonly<Record<SqlDialectName, SqlDialect>> = {
  duckdb: {
    name: 'duckdb',
    double: 'DOUBLE',
    text: 'VARCHAR',
    sum: 'fsum',
    parameters: true,
    fenceSubqueries: false,
    ifElse: caseWhen,
    ln: (x) => `ln(${x})`,
    quote: standardQuote,
  },
  postgres: {
    name: 'postgres',
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    sum: 'sum',
    parameters: true,
    fenceSubqueries: true,
    ifElse: caseWhen,
    ln: (x) => `ln(${x})`,
    quote: standardQuote,
  },
  clickhouse: {
    name: 'clickhouse',
    double: 'Float64',
    text: 'String',
    sum: 'sumKahan',
    parameters: false,
    fenceSubqueries: false,
    ifElse: (cond, a, b) => `if(${cond}, ${a}, ${b})`,
    ln: (x) => `log(${x})`,
    quote: clickhouseQuote,
  },
};

/**
 * The dialect of an engine.
 *
 * @throws {OptionError} an unknown name.
 */
export function sqlDialect(name: string): SqlDialect {
  if (!(SQL_DIALECTS as readonly string[]).includes(name)) {
    throw new OptionError(
      `SQL dialect must be one of ${SQL_DIALECTS.map((d) => `'${d}'`).join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  return dialects[name as SqlDialectName];
}
