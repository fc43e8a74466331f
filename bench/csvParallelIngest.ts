/**
 * Ingest of the large numeric CSV (1,000,000 × 100 in the full bench) and of a variant with a
 * third of its columns categorical, same run: the serial byte-level reader (`readCsvSerial`),
 * the parallel reader on 2 worker threads (`readCsvParallel`, the path `readCsv` takes for large
 * files), pandas `read_csv` and DuckDB `read_csv` (into an in-memory table). Each read runs in a
 * process of its own, so that its peak RSS is its own; MB/s are of the CSV file's size.
 *
 * The worker pool is started (and its modules loaded) before the clock starts: run from the
 * TypeScript sources a worker first loads tsx, which costs far more than a worker of the built
 * package does; the start is reported beside the reading time.
 *
 * Usage: `tsx bench/csvParallelIngest.ts [rows] [cols]`; `npm run bench` calls
 * {@link parallelIngestRows} from its ingest section.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheDir, denseCsv, denseSet, loadX, loadY } from './datasets.js';
import type { DenseSet } from './datasets.js';
import { runPython } from './pythonPeer.js';

/** One measured reader: seconds, MB/s and peak RSS against the design matrix's bytes. */
export interface ParallelIngestRow {
  readonly reader: string;
  readonly data: string;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly peakRssBytes: number;
  /** Peak RSS ÷ (rows × feature columns × 8 bytes). */
  readonly peakOverMatrix: number;
  readonly note?: string;
}

/** What a child process reports. */
interface ChildReport {
  readonly seconds: number;
  readonly maxRss: number;
  readonly rows: number;
  readonly note?: string;
}

/**
 * The set with every third column (x2, x5, …) as a category: the value's bucket of width 0.5,
 * written `L0`…`L12` (13 levels). Written once into the bench cache.
 */
export function categoricalCsv(set: DenseSet): string {
  const path = `${cacheDir}${set.name}-cat.csv`;
  if (existsSync(path)) return path;
  const X = loadX(set, false);
  const y = loadY(set);
  const { rows: m, cols: p, data } = X;
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, [...Array.from({ length: p }, (_, j) => `x${j}`), 'y'].join(',') + '\n');
  let lines: string[] = [];
  for (let i = 0; i < m; i++) {
    const fields = new Array<string>(p + 1);
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j]!;
      fields[j] =
        j % 3 === 2 ? `L${Math.min(12, Math.max(0, Math.floor((v + 3.25) * 2)))}` : v.toFixed(6);
    }
    fields[p] = String(y[i]);
    lines.push(fields.join(','));
    if (lines.length === 4096 || i === m - 1) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return path;
}

const pandasScript = `
import json, resource, sys, time
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rows": len(df),
  "maxRss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
  "note": "pandas " + pd.__version__}))
`;

/** Runs one reader in a child process (this file with `--child`). */
function runChild(reader: string, file: string): ChildReport {
  if (reader === 'pandas') {
    const out = runPython(['-c', pandasScript, file]);
    if (out.status !== 0) throw new Error(`pandas failed: ${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildReport;
  }
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', reader, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`${reader} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildReport;
}

/** The child's read, timed; prints a {@link ChildReport}. */
async function child(reader: string, file: string): Promise<void> {
  let rows: number;
  let note: string | undefined;
  let seconds: number;
  if (reader === 'serial') {
    const { readCsvSerial } = await import('../src/node/readCsv.js');
    const t0 = performance.now();
    rows = (await readCsvSerial(file, {})).rowCount;
    seconds = (performance.now() - t0) / 1000;
  } else if (reader === 'parallel') {
    const { createCsvRangeWorkers } = await import('../src/node/csvRangeWorkers.js');
    const { readCsvParallel } = await import('../src/node/readCsvParallel.js');
    const t = performance.now();
    const pool = createCsvRangeWorkers(2);
    // A request each, so that the workers have loaded their modules.
    const none = { file, start: 0, end: 0, chunkBytes: 1 } as never;
    await Promise.all([pool.count(none, 0), pool.count(none, 1)]);
    note = `pool start ${((performance.now() - t) / 1000).toFixed(2)} s (tsx) not included`;
    const t0 = performance.now();
    const table = await readCsvParallel(file, {}, pool, { ranges: 2 }, () => {
      throw new Error('the parallel reader fell back to the serial one');
    });
    seconds = (performance.now() - t0) / 1000;
    rows = table!.rowCount;
    await pool.close();
  } else if (reader === 'duckdb') {
    const duckdb = await import('@duckdb/node-api');
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const t0 = performance.now();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
    seconds = (performance.now() - t0) / 1000;
    const count = await con.runAndReadAll('SELECT count(*) FROM t');
    rows = Number(count.getRows()[0]![0]);
    const threads = await con.runAndReadAll("SELECT current_setting('threads')");
    note = `DuckDB ${duckdb.version()}, ${String(threads.getRows()[0]![0])} threads, in-memory table`;
    con.closeSync();
    instance.closeSync();
  } else {
    throw new Error(`unknown reader ${reader}`);
  }
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, maxRss, rows, ...(note === undefined ? {} : { note }) }));
}

/**
 * The four readers on the numeric file and on its categorical variant, best of `rounds` (each
 * read in a fresh process, readers interleaved).
 */
export function parallelIngestRows(rows: number, cols: number, rounds = 1): ParallelIngestRow[] {
  const set = denseSet(rows, cols);
  const out: ParallelIngestRow[] = [];
  const matrixBytes = rows * cols * 8;
  for (const [kind, file] of [
    ['numeric', denseCsv(set)],
    ['⅓ categorical', categoricalCsv(set)],
  ] as const) {
    const bytes = statSync(file).size;
    const data = `${rows}×${cols} ${kind}, CSV ${(bytes / 1e6).toFixed(0)} MB`;
    const best = new Map<string, ChildReport>();
    for (let r = 0; r < rounds; r++) {
      for (const reader of ['parallel', 'serial', 'pandas', 'duckdb']) {
        const report = runChild(reader, file);
        if (report.rows !== rows) throw new Error(`${reader} read ${report.rows} rows of ${rows}`);
        const old = best.get(reader);
        if (old === undefined || report.seconds < old.seconds) best.set(reader, report);
      }
    }
    for (const [reader, report] of best) {
      const name = {
        parallel: 'readCsvParallel, 2 workers',
        serial: 'readCsvSerial (byte-level, 1 thread)',
        pandas: 'pandas read_csv',
        duckdb: 'DuckDB read_csv',
      }[reader]!;
      out.push({
        reader: name,
        data,
        seconds: report.seconds,
        mbPerSecond: bytes / report.seconds / 1e6,
        peakRssBytes: report.maxRss,
        peakOverMatrix: report.maxRss / matrixBytes,
        ...(report.note === undefined ? {} : { note: report.note }),
      });
    }
  }
  return out;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const cols = Number(process.argv[3] ?? 100);
  const rounds = Number(process.argv[4] ?? 1);
  for (const row of parallelIngestRows(rows, cols, rounds)) {
    console.log(
      `${row.reader.padEnd(38)} ${row.data.padEnd(36)} ${row.seconds.toFixed(2).padStart(6)} s ` +
        `${row.mbPerSecond.toFixed(0).padStart(4)} MB/s  peak RSS ${(row.peakRssBytes / 1e6).toFixed(0)} MB ` +
        `= ${row.peakOverMatrix.toFixed(2)} × X  ${row.note ?? ''}`,
    );
  }
}
