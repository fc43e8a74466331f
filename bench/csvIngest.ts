/**
 * Ingest of one numeric data set through the general readers, same run: the byte-level CSV
 * reader (`readTable`), the csv-parse path it replaced (kept here as the reference: csv-parse's
 * stream parser, one string per cell into the same column builders), and `readParquet` of the
 * same data (one DOUBLE column per feature, written with hyparquet-writer, snappy, 64k-row
 * groups). Best of `repeats`, after a warm-up read.
 *
 * Usage: `tsx bench/csvIngest.ts [rows] [cols]` (default 100,000 × 20); `npm run bench` calls
 * {@link csvIngestRows} from its ingest section.
 */
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ColumnBuilder } from '../src/data/column.js';
import { readParquet } from '../src/node/readParquet.js';
import { readTable } from '../src/node/readTable.js';
import { cacheDir, denseCsv, denseSet, loadX, loadY } from './datasets.js';
import type { DenseSet } from './datasets.js';

/** One measured reader. */
export interface IngestRow {
  readonly reader: string;
  readonly data: string;
  readonly seconds: number;
  readonly mbPerSecond: number;
}

/** The csv-parse path of readCsv before the byte-level reader (columns as it built them). */
async function csvParseReference(file: string): Promise<number> {
  let builders: ColumnBuilder[] | undefined;
  let rows = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 16 }).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_quotes: true }),
  );
  for await (const record of parser as AsyncIterable<string[]>) {
    if (builders === undefined) {
      builders = record.map((name) => new ColumnBuilder(name));
      continue;
    }
    for (let j = 0; j < builders.length; j++) builders[j]!.push(record[j]!);
    rows++;
  }
  for (const builder of builders ?? []) builder.finish();
  return rows;
}

/** The set as Parquet (once): DOUBLE features, the label as INT32. */
function denseParquet(set: DenseSet): string {
  const path = `${cacheDir}${set.name}.parquet`;
  if (existsSync(path)) return path;
  const X = loadX(set, false);
  const y = loadY(set);
  const { rows, cols, data } = X;
  const columnData = Array.from({ length: cols }, (_, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = Number(data[i * cols + j]!.toFixed(6));
    return { name: `x${j}`, data: values, type: 'DOUBLE' as const, nullable: false };
  });
  columnData.push({ name: 'y', data: Float64Array.from(y), type: 'DOUBLE', nullable: false });
  const bytes = parquetWriteBuffer({ columnData, rowGroupSize: 65536, statistics: false });
  writeFileSync(path, new Uint8Array(bytes));
  return path;
}

async function timed(repeats: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  let seconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await run();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return seconds;
}

/**
 * MB/s (of the CSV file's size, so that the rows compare the same data) of the byte-level CSV
 * reader, the csv-parse reference and Parquet.
 */
export async function csvIngestRows(rows: number, cols: number, repeats = 2): Promise<IngestRow[]> {
  const set = denseSet(rows, cols);
  const csv = denseCsv(set);
  const parquet = denseParquet(set);
  const bytes = statSync(csv).size;
  const data = `${rows}×${cols}, CSV ${(bytes / 1e6).toFixed(1)} MB, Parquet ${(statSync(parquet).size / 1e6).toFixed(1)} MB`;
  const out: IngestRow[] = [];
  for (const [reader, run] of [
    ['readTable CSV (byte-level reader)', () => readTable(csv)],
    ['csv-parse reference (the former readCsv path)', () => csvParseReference(csv)],
    ['readParquet (hyparquet), same data', () => readParquet(parquet)],
  ] as const) {
    const seconds = await timed(repeats, run);
    out.push({ reader, data, seconds, mbPerSecond: bytes / seconds / 1e6 });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100_000);
  const cols = Number(process.argv[3] ?? 20);
  for (const row of await csvIngestRows(rows, cols)) {
    console.log(
      `${row.reader.padEnd(48)} ${row.data}  ${row.seconds.toFixed(3)} s  ${row.mbPerSecond.toFixed(1)} MB/s`,
    );
  }
}
