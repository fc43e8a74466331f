import { OptionError } from '../../errors.js';
import type { SqlDialectName } from '../../sql/sqlDialect.js';

/** Where a connection URL points, per engine. */
export type SqlTarget =
  | { readonly dialect: 'duckdb'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string }
  | {
      readonly dialect: 'clickhouse';
      readonly url: string;
      readonly username: string;
      readonly password: string;
      readonly database: string;
    };

/**
 * Reads a connection URL: `duckdb:` (in memory), `duckdb:<file.duckdb>` (or the bare path of a
 * `.duckdb` or `.ddb` file: DuckDB is the default engine), `postgres://…` or
 * `postgresql://…` (as `pg` reads it), `clickhouse://[user[:password]@]host[:port][/database]`
 * (HTTP, port 8123 by default).
 *
 * @throws {OptionError} another scheme, or a ClickHouse URL that does not parse.
 */
export function parseSqlUrl(url: string): SqlTarget {
  if (url === 'duckdb:' || url === 'duckdb::memory:')
    return { dialect: 'duckdb', path: ':memory:' };
  if (url.startsWith('duckdb:')) return { dialect: 'duckdb', path: url.slice('duckdb:'.length) };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', url };
  }
  if (url.startsWith('clickhouse://')) {
    let parsed: URL;
    try {
      parsed = new URL(`http://${url.slice('clickhouse://'.length)}`);
    } catch {
      throw new OptionError(`--db: ${JSON.stringify(url)} is not a valid clickhouse:// URL`);
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'default';
    return {
      dialect: 'clickhouse',
      url: `http://${parsed.hostname}:${parsed.port || '8123'}`,
      username: decodeURIComponent(parsed.username) || 'default',
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  // DuckDB is the default engine: a bare path to a database file needs no scheme.
  if (/\.(duckdb|ddb)$/i.test(url) && !url.includes('://')) {
    return { dialect: 'duckdb', path: url };
  }
  throw new OptionError(
    `--db: expected duckdb:, duckdb:<file>, a .duckdb file, postgres://… or clickhouse://…, got ${JSON.stringify(url)}`,
  );
}

/** The engine a URL names. */
export function dialectOfUrl(url: string): SqlDialectName {
  return parseSqlUrl(url).dialect;
}
