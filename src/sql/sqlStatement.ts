import { ValueError } from '../errors.js';
import type { SqlDialect } from './sqlDialect.js';

/** A value sent with a query: a double or a text (a categorical level, a class label). */
export type SqlValue = number | string;

/** A query for one engine: its text and, in order, the values of its `$1, $2, …` parameters. */
export interface SqlStatement {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

/**
 * Collects the values of one statement. In dialects with parameters a value becomes `$k`, cast to
 * the double or text type (the engine then never reads it as SQL); in ClickHouse 18, which has no
 * query parameters, a double is written in JavaScript's shortest round-trip form (it parses back
 * to the same double) and a text is quoted with `\` and `'` escaped, as its lexer reads them.
 */
export class SqlBinder {
  private readonly values: SqlValue[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  /** The SQL that stands for `value` in the statement. */
  bind(value: SqlValue): string {
    const { dialect } = this;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ValueError(`trainSql: a value sent to the engine must be finite, got ${value}`);
    }
    if (!dialect.parameters) {
      return typeof value === 'number'
        ? `toFloat64(${String(value)})`
        : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    }
    this.values.push(value);
    const type = typeof value === 'number' ? dialect.double : dialect.text;
    return `CAST($${this.values.length} AS ${type})`;
  }

  /** The statement of `text` (built with this binder's {@link bind}). */
  statement(text: string): SqlStatement {
    return { text, params: [...this.values] };
  }
}
