import { train } from '../../src/index.js';
import { seededRandom } from '../../src/math/seededRandom.js';
import type { SqlDialectName } from '../../src/sql/sqlDialect.js';
import type { SqlFitOptions } from '../../src/sql/fitSql.js';

/**
 * The rows every engine suite loads: two numeric features (`a` has NULLs), one numeric feature
 * whose name holds every quote and escape character of the three dialects, a categorical column
 * whose levels hold quotes and a backslash, a weight column and a 0/1 target. Seeded, so each
 * engine and the in-memory reference see the same numbers.
 */
export interface SqlRow {
  readonly a: number | null;
  readonly b: number;
  readonly odd: number;
  readonly color: string;
  readonly w: number;
  readonly y: number;
}

/** A column name no quoting can be careless with. */
export const ODD_COLUMN = 'q"u`o\\t\'e; --';

/** Categorical levels, with a quote and a backslash for the ClickHouse literals. */
export const LEVELS = ['red', "o'brien", 'green', 'back\\slash'];

/** `n` seeded rows. */
export function sqlRows(n = 400, seed = 13): SqlRow[] {
  const random = seededRandom(seed);
  const rows: SqlRow[] = [];
  for (let i = 0; i < n; i++) {
    const a = random.float() * 4 - 2;
    const b = random.float() * 10 + 5;
    const odd = random.float() - 0.5;
    const k = random.integer(LEVELS.length);
    const z = 0.8 * a - 0.15 * (b - 10) + 1.5 * odd + [0, 0.7, -0.6, 0.3][k]!;
    const y = random.float() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    rows.push({
      a: i % 37 === 5 ? null : a,
      b,
      odd,
      color: LEVELS[k]!,
      w: 0.5 + random.float(),
      y,
    });
  }
  return rows;
}

/** A column type per dialect. */
const types: Record<
  SqlDialectName,
  { double: string; nullable: string; text: string; int: string }
> = {
  duckdb: { double: 'DOUBLE', nullable: 'DOUBLE', text: 'VARCHAR', int: 'INTEGER' },
  postgres: {
    double: 'DOUBLE PRECISION',
    nullable: 'DOUBLE PRECISION',
    text: 'TEXT',
    int: 'INTEGER',
  },
  clickhouse: { double: 'Float64', nullable: 'Nullable(Float64)', text: 'String', int: 'UInt8' },
};

/** Quotes an identifier for the test's own set-up statements. */
export function quoteName(dialect: SqlDialectName, name: string): string {
  return dialect === 'clickhouse'
    ? `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``
    : `"${name.replace(/"/g, '""')}"`;
}

/** A text literal for the test's own INSERTs. */
function textLiteral(dialect: SqlDialectName, text: string): string {
  return dialect === 'clickhouse'
    ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : `'${text.replace(/'/g, "''")}'`;
}

/** CREATE TABLE for the rows (ClickHouse: `engine`, e.g. MergeTree() ORDER BY tuple()). */
export function createTableSql(dialect: SqlDialectName, table: string, engine = ''): string {
  const t = types[dialect];
  const q = (name: string): string => quoteName(dialect, name);
  return `CREATE TABLE ${q(table)} (${q('a')} ${t.nullable}, ${q('b')} ${t.double}, ${q(ODD_COLUMN)} ${t.double}, ${q('color')} ${t.text}, ${q('w')} ${t.double}, ${q('y')} ${t.int})${engine === '' ? '' : ` ENGINE = ${engine}`}`;
}

/** INSERT of the rows (numbers in their shortest round-trip form). */
export function insertSql(dialect: SqlDialectName, table: string, rows: readonly SqlRow[]): string {
  const values = rows
    .map(
      (r) =>
        `(${r.a === null ? 'NULL' : String(r.a)}, ${r.b}, ${r.odd}, ${textLiteral(dialect, r.color)}, ${r.w}, ${r.y})`,
    )
    .join(', ');
  return `INSERT INTO ${quoteName(dialect, table)} VALUES ${values}`;
}

/**
 * The in-memory fit on the same rows: the complete ones, `color` one-hot coded with its levels
 * sorted and the first dropped (R's treatment contrasts), `w` as sample weights.
 */
export function referenceFit(rows: readonly SqlRow[], options: SqlFitOptions) {
  const complete = rows.filter((r) => r.a !== null);
  const levels = [...new Set(complete.map((r) => r.color))].sort((x, y) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  const coded = levels.slice(1);
  const X = complete.map((r) => [r.a!, r.b, r.odd, ...coded.map((l) => (r.color === l ? 1 : 0))]);
  return train(
    X,
    complete.map((r) => r.y),
    {
      ...options,
      sampleWeight: complete.map((r) => r.w),
      featureNames: ['a', 'b', ODD_COLUMN, ...coded.map((l) => `color=${l}`)],
    },
  );
}

/** The spec of the fit inside the engine that {@link referenceFit} mirrors. */
export const sqlSpec = {
  target: 'y',
  features: ['a', 'b', ODD_COLUMN, 'color'],
  categorical: ['color'],
  weights: 'w',
} as const;
