/**
 * `npm run bench -- --scale [--rows N]`: how the cost of a pass grows with rows and shards. A
 * seeded m × 20 set (default m = 10,000,000; x_j = sin(i·(j + 1)·0.618… + j) to 6 decimals, y
 * from a noisy score, as bench/sqlEngines.ts makes it) is written once by DuckDB as Parquet and
 * CSV into .bench-cache/. Rows:
 * (a) the fit in DuckDB straight from `read_parquet` (pushdown: only sums leave the engine)
 *     against `logreg train x.parquet` (load into memory, then fit; its own process, peak RSS);
 * (b) seconds and rows/s per pass: DuckDB on a loaded table, PostgreSQL (rows loaded by COPY),
 *     ClickHouse on 1 server and over a Distributed table of 2 shards (each holding half of the
 *     rows) on this machine (ClickHouse 18.16 reads no Parquet: it makes the same rows by the
 *     same formula), and `trainStream` over the binary row cache of the CSV against the
 *     same passes over the rows in memory. The servers start on 127.0.0.1 in temporary folders
 *     and stop by PID, as the tests start them. Per-pass rows run 2 solver iterations.
 * Alone: `npx tsx bench/scaleBench.ts [--rows N]` (needs `npm run build` for the CLI row).
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matrixChunkSource } from '../src/data/matrixChunkSource.js';
import { trainStream } from '../src/model/trainStream.js';
import { csvCacheSource } from '../src/node/csvCacheSource.js';
import { openSql } from '../src/node/sql/openSql.js';
import type { SqlConnection } from '../src/node/sql/openSql.js';
import { trainSql } from '../src/node/sql/trainSql.js';
import {
  clickhouseBin,
  postgresBin,
  startClickhouse,
  startPostgres,
} from '../test/helpers/sqlServers.js';
import { cacheDir } from './datasets.js';
import type { BenchRow } from './sparseCases.js';
import { runCli } from './streamMemory.js';
import { caseWhen, createClickhouseTables, features, generatedColumns } from './sqlEngines.js';

const p = features.length;
const iterations = 2;

/** Row `i`'s features (6 decimals, as the bench's CSV holds them) and label. */
const generated = (i: string, ifElse: (c: string, a: string, b: string) => string): string =>
  generatedColumns(i, ifElse, 6);

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

/** The Parquet and CSV files of m rows, written once by DuckDB. */
async function scaleFiles(m: number, say: (t: string) => void): Promise<[string, string]> {
  const base = `${cacheDir}scale-${m}x${p}`;
  const [parquet, csv] = [`${base}.parquet`, `${base}.csv`];
  if (existsSync(parquet) && existsSync(csv)) return [parquet, csv];
  say(`scale: writing ${m}×${p} Parquet and CSV with DuckDB`);
  const duck = await openSql('duckdb:');
  try {
    duck.exec(`CREATE TABLE g AS SELECT ${generated('i', caseWhen)} FROM range(${m}) r(i)`);
    duck.exec(`COPY g TO '${parquet}.tmp' (FORMAT parquet)`);
    duck.exec(`COPY g TO '${csv}.tmp' (FORMAT csv, HEADER true)`);
  } finally {
    await duck.close();
  }
  renameSync(`${parquet}.tmp`, parquet);
  renameSync(`${csv}.tmp`, csv);
  return [parquet, csv];
}

/** A bench row for a fit of `passes` passes in `s` seconds over m rows. */
function passRow(m: number, what: string, s: number, passes: number, note = ''): BenchRow {
  const perPass = s / passes;
  return {
    section: 'scale',
    data: `${(m / 1e6).toFixed(m < 1e6 ? 2 : 0)}M×${p}`,
    what,
    value: `${(perPass * 1000).toFixed(0)} ms/pass`,
    ratio: `${(m / perPass / 1e6).toFixed(2)}`,
    note: `M rows/s per pass; ${passes} passes in ${s.toFixed(1)} s${note}`,
  };
}

/** A timed trainSql on `spec` (a table or a query), at most `maxIterations` L-BFGS iterations. */
async function sqlFit(
  db: SqlConnection,
  source: { table: string } | { query: string },
  maxIterations?: number,
): Promise<{ seconds: number; passes: number }> {
  const t0 = performance.now();
  const fit = await trainSql(db, {
    ...source,
    target: 'y',
    features,
    penalty: 'l2',
    C: 1,
    ...(maxIterations === undefined ? {} : { maxIterations }),
  });
  return { seconds: seconds(t0), passes: fit.passes };
}

/** The scale section's rows (see the file's comment); engines not installed are skipped. */
export async function scaleSection(m: number, say: (t: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Each row is said as it comes, so a long run shows its numbers before it ends.
  const push = (...more: BenchRow[]): void => {
    for (const row of more) say(`  ${row.what}: ${row.value} (${row.ratio}; ${row.note ?? ''})`);
    rows.push(...more);
  };
  const [parquet, csv] = await scaleFiles(m, say);
  const data = `${(m / 1e6).toFixed(m < 1e6 ? 2 : 0)}M×${p}`;
  const mb = (file: string): string => `${(statSync(file).size / 2 ** 20).toFixed(0)} MB`;

  say(`scale (a): DuckDB pushdown vs load-then-fit, ${data}`);
  const duck = await openSql('duckdb:');
  try {
    const pushdown = await sqlFit(duck, { query: `SELECT * FROM read_parquet('${parquet}')` });
    push({
      section: 'scale',
      data,
      what: 'fit in DuckDB from read_parquet (pushdown)',
      value: `${pushdown.seconds.toFixed(1)} s`,
      ratio: '1.00',
      note: `${pushdown.passes} passes, ${((pushdown.seconds / pushdown.passes) * 1000).toFixed(0)} ms/pass; Parquet ${mb(parquet)}`,
    });
    const work = `${cacheDir}scale-model-${process.pid}.json`;
    try {
      const loaded = runCli(['train', parquet, '--target', 'y', '-q', '-m', work], cacheDir);
      push({
        section: 'scale',
        data,
        what: 'load the Parquet, then fit in memory (logreg train)',
        value: `${loaded.seconds.toFixed(1)} s`,
        ratio: (loaded.seconds / pushdown.seconds).toFixed(2),
        note: `ratio to the pushdown fit; peak RSS ${loaded.peakMB.toFixed(0)} MB`,
      });
    } finally {
      rmSync(work, { force: true });
    }
    say(`scale (b): passes, DuckDB table`);
    duck.exec(`CREATE TABLE t AS SELECT * FROM read_parquet('${parquet}')`);
    const fit = await sqlFit(duck, { table: 't' }, iterations);
    push(passRow(m, 'DuckDB (embedded), loaded table', fit.seconds, fit.passes));
  } finally {
    await duck.close();
  }

  if (postgresBin() !== undefined) {
    say('scale (b): PostgreSQL');
    const server = await startPostgres();
    try {
      const db = await openSql(server.url);
      try {
        db.exec(`CREATE TABLE t (${features.map((f) => `${f} float8`).join(', ')}, y int)`);
        const t0 = performance.now();
        db.exec(`COPY t FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
        db.exec('ANALYZE t');
        const load = seconds(t0);
        const fit = await sqlFit(db, { table: 't' }, iterations);
        push(passRow(m, 'PostgreSQL 15', fit.seconds, fit.passes, `; COPY ${load.toFixed(1)} s`));
      } finally {
        await db.close();
      }
    } finally {
      await server.stop();
    }
  }

  if (clickhouseBin() !== undefined) {
    say('scale (b): ClickHouse, 1 server and 2 shards');
    const cluster = await startClickhouse(2);
    try {
      const dbs = [await openSql(cluster.urls[0]!), await openSql(cluster.urls[1]!)];
      try {
        createClickhouseTables(dbs, m, 6);
        const one = await sqlFit(dbs[0]!, { table: 't' }, iterations);
        push(passRow(m, 'ClickHouse, 1 server', one.seconds, one.passes));
        const two = await sqlFit(dbs[0]!, { table: 't_dist' }, iterations);
        push(passRow(m, 'ClickHouse, 2 shards (Distributed, 1 machine)', two.seconds, two.passes));
      } finally {
        for (const db of dbs) await db.close();
      }
    } finally {
      await cluster.stop();
    }
  }

  say('scale (b): streamed passes over the binary row cache vs in memory');
  const t0 = performance.now();
  const cached = await csvCacheSource(csv, { target: 'y', chunkBytes: 16 << 20 });
  const parse = seconds(t0);
  try {
    let t1 = performance.now();
    const streamed = trainStream(cached, { maxIterations: iterations });
    push(
      passRow(
        m,
        'trainStream over the binary row cache (16 MB chunks)',
        seconds(t1),
        streamed.fitReport.passes!,
        `; first pass (parse ${mb(csv)} of CSV into the cache) ${parse.toFixed(1)} s`,
      ),
    );
    // The same rows in memory: one matrix, streamed in 65,536-row chunks by the same passes.
    const X = new Float64Array(cached.rows * p);
    const y: number[] = [];
    let at = 0;
    for (const chunk of cached.chunks()) {
      X.set(chunk.X.data, at);
      at += chunk.X.data.length;
      for (const label of chunk.y) y.push(label);
    }
    t1 = performance.now();
    const inMemory = trainStream(
      matrixChunkSource({ rows: cached.rows, cols: p, data: X }, y, { chunkRows: 65_536 }),
      { maxIterations: iterations },
    );
    push(
      passRow(m, 'the same passes over rows in memory', seconds(t1), inMemory.fitReport.passes!),
    );
  } finally {
    cached.close();
  }
  return rows;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--rows');
  const m = at >= 0 ? Number(process.argv[at + 1]) : 10_000_000;
  const rows = await scaleSection(m, (t) => process.stderr.write(`${t}\n`));
  for (const row of rows)
    console.log(`${row.data} | ${row.what} | ${row.value} | ${row.ratio} | ${row.note ?? ''}`);
}
