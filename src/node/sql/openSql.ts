import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { SqlRunner } from '../../sql/fitSql.js';
import type { SqlDialectName } from '../../sql/sqlDialect.js';
import { SqlEngineError } from '../../sql/sqlEngineError.js';
import type { SqlStatement, SqlValue } from '../../sql/sqlStatement.js';
import { parseSqlUrl } from './sqlUrl.js';
import { sqlWorkerMain } from './sqlWorkerMain.js';
import type { SqlWorkerReply } from './sqlWorkerMain.js';

/** The npm driver of each engine. */
const drivers: Readonly<Record<SqlDialectName, string>> = {
  duckdb: '@duckdb/node-api',
  postgres: 'pg',
  clickhouse: '@clickhouse/client',
};

/**
 * An open connection to a SQL engine whose statements run synchronously (see {@link openSql}):
 * what {@link trainSql} fits through. `run` blocks the calling thread until the engine answers.
 */
export interface SqlConnection extends SqlRunner {
  /** Runs a statement (text, and the values of `$1, $2, …` where the engine has parameters). */
  run(statement: SqlStatement): (readonly unknown[])[];
  /** Runs SQL text without parameters and without a result (set-up: CREATE TABLE, INSERT, COPY). */
  exec(text: string): (readonly unknown[])[];
  /** Closes the connection and ends its worker thread. */
  close(): Promise<void>;
}

/**
 * Opens a connection to DuckDB (`duckdb:` in memory, `duckdb:<file.duckdb>`), PostgreSQL
 * (`postgres://…`, npm `pg`) or ClickHouse (`clickhouse://host:port/db`, npm
 * `@clickhouse/client` over HTTP). The drivers are asynchronous and logreg's solvers are not: the
 * connection lives in a worker thread, and each statement is posted to it while the calling
 * thread waits on a shared flag (Atomics.wait), then reads the reply from the port
 * (receiveMessageOnPort). Close it when done.
 *
 * @throws {OptionError} an unknown URL scheme.
 * @throws {SqlEngineError} the engine cannot be reached or refuses the connection.
 * @example
 * const db = await openSql('duckdb:');
 * db.exec("CREATE TABLE t AS SELECT * FROM read_csv('data.csv')");
 * const { model } = await trainSql(db, { table: 't', target: 'y', features: ['x1', 'x2'] });
 * await db.close();
 */
export async function openSql(url: string): Promise<SqlConnection> {
  const target = parseSqlUrl(url);
  const driver = createRequire(import.meta.url).resolve(drivers[target.dialect]);
  const flag = new SharedArrayBuffer(8);
  const state = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  // `__name`: what esbuild's keepNames (tsx, vitest) wraps named functions in; a no-op here.
  const source = `const { workerData, parentPort } = require('node:worker_threads');
const __name = (f) => f;
(${String(sqlWorkerMain)})(require, workerData, parentPort);`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { target: { ...target }, driver, flag, port: port2 },
    transferList: [port2],
  });
  const ready = await new Promise<{ ready: boolean; message?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!ready.ready) {
    await worker.terminate();
    port1.close();
    throw new SqlEngineError(`${redact(url)}: cannot connect: ${ready.message ?? 'unknown error'}`);
  }
  let closed = false;
  const request = (message: unknown, what: string): (readonly unknown[])[] => {
    if (closed) throw new SqlEngineError(`${redact(url)}: the connection is closed`);
    Atomics.store(state, 0, 0);
    port1.postMessage(message);
    const reply = waitForReply(state, port1);
    if (!reply.ok) throw new SqlEngineError(`${target.dialect} refused ${what}: ${reply.message}`);
    return reply.rows;
  };
  return {
    dialect: target.dialect,
    run(statement) {
      return request(
        { text: statement.text, params: [...statement.params] as SqlValue[] },
        `the query ${abbreviate(statement.text)}`,
      );
    },
    exec(text) {
      return request({ text, params: [], command: true }, `the statement ${abbreviate(text)}`);
    },
    async close() {
      if (closed) return;
      try {
        request({ close: true }, 'to close');
      } finally {
        closed = true;
        port1.close();
        await worker.terminate();
      }
    },
  };
}

/** Seconds without a heartbeat after which the worker thread counts as dead. */
const SILENT_WORKER_SECONDS = 10;

/**
 * Blocks until the worker replies on `port`. A query may take as long as it takes, but a worker
 * whose heartbeat (state[1], see sqlWorkerMain) stops for 10 s has died: an error, not a hang.
 */
function waitForReply(state: Int32Array, port: MessagePort): SqlWorkerReply {
  let beat = Atomics.load(state, 1);
  let silent = 0;
  for (;;) {
    Atomics.wait(state, 0, 0, 1000);
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as SqlWorkerReply;
    const now = Atomics.load(state, 1);
    silent = now === beat ? silent + 1 : 0;
    beat = now;
    if (silent >= SILENT_WORKER_SECONDS) {
      throw new SqlEngineError(
        `the thread that holds the connection stopped answering for ${SILENT_WORKER_SECONDS} s`,
      );
    }
  }
}

/** The first 200 characters of a statement, for error messages. */
function abbreviate(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** A URL without its password. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
