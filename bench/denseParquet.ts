/**
 * A dense bench set as Parquet, the same values as its CSV (bench/datasets.ts `denseCsv`, six
 * decimals): one non-null DOUBLE column per feature and the label `y`, snappy, 65,536-row groups,
 * written once with hyparquet-writer into `.bench-cache/` (the layout of bench/csvIngest.ts, so
 * both reuse one file).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { cacheDir, loadX, loadY } from './datasets.js';
import type { DenseSet } from './datasets.js';

/** The set's Parquet file, written on first use; returns the path. */
export function denseParquetFile(set: DenseSet): string {
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
  writeFileSync(`${path}.tmp`, new Uint8Array(bytes));
  renameSync(`${path}.tmp`, path);
  return path;
}
