import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../../src/node/sql/openSql.js';
import type { SqlConnection } from '../../src/node/sql/openSql.js';
import { trainSql } from '../../src/node/sql/trainSql.js';
import { clickhouseBin, sqlServersRequired, startClickhouse } from '../helpers/sqlServers.js';
import { engineSuite, expectSameFit } from './engineSuite.js';
import { createTableSql, insertSql, referenceFit, sqlRows, sqlSpec } from './sqlFixture.js';
import type { SqlFitOptions } from '../../src/sql/fitSql.js';

// ClickHouse (Debian's clickhouse-server 18.16, npm @clickhouse/client over HTTP): two servers
// started for this file form the cluster `two_shards`; `t` is a MergeTree table on the first,
// `t_dist` a Distributed table over a local table holding half of the rows on each server.
const available = clickhouseBin() !== undefined;
if (!available && !sqlServersRequired) {
  console.warn('ClickHouse is not installed (clickhouse-server): its SQL tests are skipped');
}
const rows = sqlRows();
let cluster: { urls: string[]; stop(): Promise<void> } | undefined;
const dbs: SqlConnection[] = [];

describe.skipIf(!available && !sqlServersRequired)('trainSql on ClickHouse', () => {
  beforeAll(async () => {
    cluster = await startClickhouse(2);
    for (const url of cluster.urls) dbs.push(await openSql(url));
    const [first, second] = dbs as [SqlConnection, SqlConnection];
    const engine = 'MergeTree() ORDER BY tuple()';
    first.exec(createTableSql('clickhouse', 't', engine));
    first.exec(insertSql('clickhouse', 't', rows));
    const half = Math.floor(rows.length / 2);
    for (const [db, part] of [
      [first, rows.slice(0, half)],
      [second, rows.slice(half)],
    ] as const) {
      db.exec(createTableSql('clickhouse', 't_local', engine));
      db.exec(insertSql('clickhouse', 't_local', part));
    }
    first.exec(
      'CREATE TABLE t_dist AS t_local ENGINE = Distributed(two_shards, default, t_local, rand())',
    );
  }, 120_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await cluster?.stop();
  }, 120_000);

  engineSuite(() => dbs[0]!, 't', rows, 'SELECT count() FROM t');

  it('fits over a Distributed table of two shards as in memory to 1e-9', async () => {
    const [local] = dbs[1]!.run({ text: 'SELECT count() FROM t_local', params: [] });
    expect(Number(local![0])).toBe(rows.length - Math.floor(rows.length / 2));
    for (const options of [
      { penalty: 'l2', C: 0.5, standardize: true, tolerance: 1e-11 },
      { penalty: 'none' },
    ] as SqlFitOptions[]) {
      const fit = await trainSql(dbs[0]!, { table: 't_dist', ...sqlSpec, ...options });
      expectSameFit(fit.model, referenceFit(rows, options));
      expect(fit.rows + fit.droppedRows).toBe(rows.length);
    }
  });
});
