import { OptionError } from '../errors.js';
import { codedLevels } from '../data/designMatrix.js';
import type { FeatureEncoding } from '../data/designMatrix.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { sqlDialect } from './sqlDialect.js';
import type { SqlDialect, SqlDialectName } from './sqlDialect.js';

/** A double as a literal every engine reads as that double: the shortest round-trip digits. */
function doubleLiteral(dialect: SqlDialect, value: number): string {
  return `CAST(${value.toExponential()} AS ${dialect.double})`;
}

/** A text literal: `''` doubled in DuckDB and PostgreSQL, `\` escapes in ClickHouse. */
function textLiteral(dialect: SqlDialect, text: string): string {
  return dialect.name === 'clickhouse'
    ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : `'${text.replace(/'/g, "''")}'`;
}

/**
 * A SQL expression that computes a binary model's P(positive class) inside an engine, to paste
 * into `SELECT <expression> AS probability FROM t`: the score z = b + Σⱼ wⱼ·xⱼ over the input
 * columns (numeric ones cast to double; each coded level of a categorical column adds its
 * coefficient where the column's text equals the level, so the reference level and a level not
 * seen in training add nothing), then σ(z) = 1/(1 + e^−z) for z ≥ 0 and e^z/(1 + e^z) below, with
 * the exponent capped at ±700 (PostgreSQL raises an error where e^z under- or overflows; the cap
 * changes no probability by more than 1e−304). Coefficients are written with the shortest digits
 * that read back as the same double, names quoted, levels escaped.
 *
 * @param columns - the input columns (a model file's `features`); default one numeric column per
 *   feature name.
 * @throws {OptionError} an unknown dialect, or columns that do not code the model's features.
 * @example
 * const model = train([[1], [2], [3], [4]], [0, 1, 0, 1]);
 * scoringSql(model, 'duckdb'); // 'CASE WHEN (CAST(… AS DOUBLE) + …) >= 0 THEN … END'
 */
export function scoringSql(
  model: LogisticRegressionModel,
  dialect: SqlDialectName,
  columns?: readonly FeatureEncoding[],
): string {
  const d = sqlDialect(dialect);
  const encodings =
    columns ?? model.featureNames.map((column): FeatureEncoding => ({ column, kind: 'numeric' }));
  const terms = [doubleLiteral(d, model.intercept)];
  let j = 0;
  const w = model.coefficients;
  for (const encoding of encodings) {
    const name = d.quote(encoding.column);
    if (encoding.kind === 'numeric') {
      terms.push(`${doubleLiteral(d, w[j++]!)} * CAST(${name} AS ${d.double})`);
      continue;
    }
    const text = `CAST(${name} AS ${d.text})`;
    for (const level of codedLevels(encoding)) {
      const zero = doubleLiteral(d, 0);
      terms.push(d.ifElse(`${text} = ${textLiteral(d, level)}`, doubleLiteral(d, w[j++]!), zero));
    }
  }
  if (j !== w.length) {
    throw new OptionError(
      `scoringSql: the columns code ${j} features, but the model has ${w.length}`,
    );
  }
  const z = `(${terms.join(' + ')})`;
  const one = doubleLiteral(d, 1);
  const cap = doubleLiteral(d, 700);
  const up = `exp(-least(${z}, ${cap}))`;
  const down = `exp(greatest(${z}, -${cap}))`;
  return d.ifElse(
    `${z} >= ${doubleLiteral(d, 0)}`,
    `${one} / (${one} + ${up})`,
    `${down} / (${one} + ${down})`,
  );
}
