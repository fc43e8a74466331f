import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../../src/node/sql/openSql.js';
import type { SqlConnection } from '../../src/node/sql/openSql.js';
import { postgresBin, sqlServersRequired, startPostgres } from '../helpers/sqlServers.js';
import type { TestServer } from '../helpers/sqlServers.js';
import { engineSuite } from './engineSuite.js';
import { createTableSql, insertSql, sqlRows } from './sqlFixture.js';

// PostgreSQL (Debian's postgresql, npm pg): a server started for this file and stopped by PID.
const available = postgresBin() !== undefined;
if (!available && !sqlServersRequired) {
  console.warn(
    'PostgreSQL is not installed (/usr/lib/postgresql/*/bin): its SQL tests are skipped',
  );
}
const rows = sqlRows();
let server: TestServer | undefined;
let db: SqlConnection | undefined;

describe.skipIf(!available && !sqlServersRequired)('trainSql on PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres();
    db = await openSql(server.url);
    db.exec(createTableSql('postgres', 't'));
    db.exec(insertSql('postgres', 't', rows));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  }, 120_000);

  engineSuite(() => db!, 't', rows, 'SELECT count(*) FROM "t"');

  it('reaches a table by its schema-qualified name', () => {
    const [count] = db!.run({ text: 'SELECT count(*) FROM "public"."t"', params: [] });
    expect(Number(count![0])).toBe(rows.length);
  });
});
