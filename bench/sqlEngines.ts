/**
 * The SQL part of `npm run bench`: one fit (L2, L-BFGS) of 200,000 × 20 rows (`--quick`: 20,000)
 * inside DuckDB (embedded), PostgreSQL and ClickHouse (servers started here on 127.0.0.1 and
 * stopped by PID, as the tests start them), ClickHouse on one server and over a Distributed table
 * of two shards on the same machine. Each engine makes the same rows itself from the row number
 * (x_j = sin(i·(j + 1)·0.6180339887 + j), y from a noisy linear score), so nothing is loaded
 * through the client. Reported: seconds per fit, aggregate queries, seconds and rows/s per pass.
 */
import { openSql } from '../src/node/sql/openSql.js';
import type { SqlConnection } from '../src/node/sql/openSql.js';
import { trainSql } from '../src/node/sql/trainSql.js';
import {
  clickhouseBin,
  postgresBin,
  startClickhouse,
  startPostgres,
} from '../test/helpers/sqlServers.js';
import type { BenchRow } from './sparseCases.js';

const p = 20;
export const features = Array.from({ length: p }, (_, j) => `x${j + 1}`);

/**
 * The SELECT list that makes row `i`'s features and label, in any of the three dialects; with
 * `digits`, the features rounded to that many decimals (as a CSV written with them holds them).
 */
export function generatedColumns(
  i: string,
  ifElse: (c: string, a: string, b: string) => string,
  digits?: number,
): string {
  const xs = features.map((name, j) => {
    const x = `sin(${i} * ${((j + 1) * 0.6180339887).toFixed(10)} + ${j})`;
    return `${digits === undefined ? x : `round(${x}, ${digits})`} AS ${name}`;
  });
  const score = `sin(${i} * 0.37) + 0.8 * sin(${i} * 0.6180339887) - 0.5 * sin(${i} * 1.2360679774 + 1)`;
  return [...xs, `${ifElse(`${score} > 0`, '1', '0')} AS y`].join(', ');
}

export const caseWhen = (c: string, a: string, b: string): string =>
  `CASE WHEN ${c} THEN ${a} ELSE ${b} END`;

/** One timed fit on `table`: a bench row. */
async function timedFit(
  db: SqlConnection,
  table: string,
  engine: string,
  m: number,
): Promise<BenchRow> {
  const t0 = performance.now();
  const fit = await trainSql(db, { table, target: 'y', features, penalty: 'l2', C: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const perPass = seconds / fit.passes;
  return {
    section: 'sql',
    data: `${m}×${p}`,
    what: engine,
    value: `${seconds.toFixed(2)} s`,
    ratio: '—',
    note: `${fit.passes} queries, ${(perPass * 1000).toFixed(0)} ms/pass, ${(m / perPass / 1e6).toFixed(2)} M rows/s/pass`,
  };
}

/** The SQL section's rows; engines that are not installed get a "skipped" row. */
export async function sqlSection(quick: boolean, say: (text: string) => void): Promise<BenchRow[]> {
  const m = quick ? 20_000 : 200_000;
  const rows: BenchRow[] = [];
  const skipped = (what: string, why: string): BenchRow => ({
    section: 'sql',
    data: `${m}×${p}`,
    what,
    value: `skipped: ${why}`,
    ratio: '—',
  });

  say(`sql: DuckDB ${m}×${p}`);
  const duck = await openSql('duckdb:');
  try {
    duck.exec(`CREATE TABLE t AS SELECT ${generatedColumns('i', caseWhen)} FROM range(${m}) r(i)`);
    rows.push(await timedFit(duck, 't', 'DuckDB (embedded)', m));
  } finally {
    await duck.close();
  }

  if (postgresBin() === undefined) rows.push(skipped('PostgreSQL', 'postgresql not installed'));
  else {
    say(`sql: PostgreSQL ${m}×${p}`);
    const server = await startPostgres();
    try {
      const db = await openSql(server.url);
      try {
        db.exec(
          `CREATE TABLE t AS SELECT ${generatedColumns('i::float8', caseWhen)} FROM generate_series(0, ${m - 1}) i`,
        );
        db.exec('ANALYZE t');
        rows.push(await timedFit(db, 't', 'PostgreSQL', m));
      } finally {
        await db.close();
      }
    } finally {
      await server.stop();
    }
  }

  if (clickhouseBin() === undefined)
    rows.push(skipped('ClickHouse', 'clickhouse-server not installed'));
  else {
    say(`sql: ClickHouse ${m}×${p}, 1 server and 2 shards`);
    const cluster = await startClickhouse(2);
    try {
      const dbs = [await openSql(cluster.urls[0]!), await openSql(cluster.urls[1]!)];
      try {
        createClickhouseTables(dbs, m);
        rows.push(await timedFit(dbs[0]!, 't', 'ClickHouse, 1 server', m));
        rows.push(await timedFit(dbs[0]!, 't_dist', 'ClickHouse, 2 shards (Distributed)', m));
      } finally {
        for (const db of dbs) await db.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  return rows;
}

/**
 * The generated rows on a two-shard ClickHouse cluster: all `m` in table `t` on the first server,
 * and split by row parity into `t_local` on each shard, read together through `t_dist`.
 */
export function createClickhouseTables(
  dbs: readonly SqlConnection[],
  m: number,
  digits?: number,
): void {
  const ifElse = (c: string, a: string, b: string): string => `if(${c}, ${a}, ${b})`;
  const columns = `${features.map((f) => `${f} Float64`).join(', ')}, y UInt8`;
  const make = (table: string, where: string): string =>
    `INSERT INTO ${table} SELECT ${generatedColumns('toFloat64(number)', ifElse, digits)} FROM numbers(${m}) WHERE ${where}`;
  dbs[0]!.exec(`CREATE TABLE t (${columns}) ENGINE = MergeTree() ORDER BY tuple()`);
  dbs[0]!.exec(make('t', '1'));
  for (const [k, db] of dbs.entries()) {
    db.exec(`CREATE TABLE t_local (${columns}) ENGINE = MergeTree() ORDER BY tuple()`);
    db.exec(make('t_local', `number % 2 = ${k}`));
  }
  dbs[0]!.exec(
    'CREATE TABLE t_dist AS t_local ENGINE = Distributed(two_shards, default, t_local, rand())',
  );
}
