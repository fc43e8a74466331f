import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { parseSqlUrl } from '../../src/node/sql/sqlUrl.js';
import { sqlDialect } from '../../src/sql/sqlDialect.js';
import type { SqlDesign } from '../../src/sql/sqlDesign.js';
import { gramStatement, passStatement } from '../../src/sql/sqlQueries.js';
import { SqlBinder } from '../../src/sql/sqlStatement.js';
import { scoringSql } from '../../src/sql/scoringSql.js';
import { train } from '../../src/index.js';

/** A design of two numeric columns and one categorical column with a quote in a level. */
function design(dialect: 'duckdb' | 'postgres' | 'clickhouse'): SqlDesign {
  return {
    dialect: sqlDialect(dialect),
    source: { table: 't' },
    target: 'y',
    positive: 'yes',
    encodings: [
      { column: 'a', kind: 'numeric' },
      { column: 'b"c', kind: 'numeric' },
      { column: 'color', kind: 'categorical', levels: ['blue', "o'brien"], reference: 'blue' },
    ],
    weights: undefined,
  };
}

describe('SQL dialects', () => {
  it('quote names so that no name ends its quotes', () => {
    expect(sqlDialect('duckdb').quote('a"; DROP TABLE t; --')).toBe('"a""; DROP TABLE t; --"');
    expect(sqlDialect('postgres').quote('x"y')).toBe('"x""y"');
    expect(sqlDialect('clickhouse').quote('a`b\\c')).toBe('`a\\`b\\\\c`');
    expect(() => sqlDialect('duckdb').quote('')).toThrow(OptionError);
    expect(() => sqlDialect('duckdb').quote('a\0b')).toThrow(OptionError);
    expect(() => sqlDialect('mysql')).toThrow(/one of 'duckdb', 'postgres', 'clickhouse'/);
  });

  it('bind values as $k parameters, or in ClickHouse as escaped literals', () => {
    const duck = new SqlBinder(sqlDialect('duckdb'));
    expect(duck.bind(0.1)).toBe('CAST($1 AS DOUBLE)');
    expect(duck.bind("o'b")).toBe('CAST($2 AS VARCHAR)');
    expect(duck.statement('x').params).toEqual([0.1, "o'b"]);
    const ch = new SqlBinder(sqlDialect('clickhouse'));
    expect(ch.bind(-1e-7)).toBe('toFloat64(-1e-7)');
    expect(ch.bind("o'b\\")).toBe("'o\\'b\\\\'");
    expect(ch.statement('x').params).toEqual([]);
    expect(() => duck.bind(Number.NaN)).toThrow(/finite/);
  });
});

describe('pass and Hessian queries', () => {
  for (const dialect of ['duckdb', 'postgres', 'clickhouse'] as const) {
    it(`${dialect}: one query of p + 2 sums, the score written once, every value bound`, () => {
      const w = [0.5, -0.25, 2];
      const statement = passStatement(design(dialect), w, 0.125);
      const sum = sqlDialect(dialect).sum;
      expect(statement.text.split(`${sum}(`).length - 1).toBe(w.length + 2);
      expect(statement.text.match(/ AS __z\b/g)).toHaveLength(1);
      if (dialect === 'clickhouse') {
        expect(statement.params).toEqual([]);
        expect(statement.text).toContain("= 'o\\'brien'");
      } else {
        // The positive class, the coded level, the intercept and the coefficients.
        expect(statement.params).toEqual(expect.arrayContaining(['yes', "o'brien", 0.125, ...w]));
        expect(statement.text).not.toContain('brien');
      }
      // The design and its three stages (z; l and p; r), each fenced.
      if (dialect === 'postgres') expect(statement.text.match(/OFFSET 0/g)).toHaveLength(4);
    });
  }

  it('the Hessian query has one sum per entry of the lower triangle', () => {
    const p = 3;
    const statement = gramStatement(design('duckdb'), [1, 2, 3], 0, [0, 0, 0], [1, 1, 1], true);
    expect(statement.text.split('fsum(').length - 1).toBe(((p + 1) * (p + 2)) / 2);
  });
});

describe('scoringSql', () => {
  it('writes each coefficient with the digits that read back as the same double', () => {
    const model = train(
      [
        [1, 0.3],
        [2, 0.1],
        [3, 0.7],
        [4, 0.2],
        [5, 0.9],
      ],
      [0, 1, 0, 1, 1],
    );
    const text = scoringSql(model, 'postgres');
    for (const c of [model.intercept, ...model.coefficients]) {
      expect(text).toContain(`CAST(${c.toExponential()} AS DOUBLE PRECISION)`);
      expect(Number(c.toExponential())).toBe(c);
    }
    expect(text).toContain('"x0"');
    expect(() => scoringSql(model, 'duckdb', [{ column: 'only', kind: 'numeric' }])).toThrow(
      /code 1 features, but the model has 2/,
    );
  });
});

describe('parseSqlUrl', () => {
  it('reads the three schemes', () => {
    expect(parseSqlUrl('duckdb:')).toEqual({ dialect: 'duckdb', path: ':memory:' });
    expect(parseSqlUrl('duckdb:data/x.duckdb')).toEqual({
      dialect: 'duckdb',
      path: 'data/x.duckdb',
    });
    expect(parseSqlUrl('postgresql://u@h/db')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@h/db',
    });
    expect(parseSqlUrl('clickhouse://me:p%40ss@h:9000/logs')).toEqual({
      dialect: 'clickhouse',
      url: 'http://h:9000',
      username: 'me',
      password: 'p@ss',
      database: 'logs',
    });
    expect(parseSqlUrl('clickhouse://h')).toMatchObject({
      url: 'http://h:8123',
      database: 'default',
    });
    expect(parseSqlUrl('data/x.duckdb')).toEqual({ dialect: 'duckdb', path: 'data/x.duckdb' });
    expect(() => parseSqlUrl('mysql://h')).toThrow(OptionError);
    expect(() => parseSqlUrl('data.csv')).toThrow(/expected duckdb:/);
  });
});
