import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../data/dataFileError.js';
import { featureNamesOf, sortLevels } from '../data/designMatrix.js';
import type { FeatureEncoding } from '../data/designMatrix.js';
import { UsageError } from '../data/usageError.js';
import type { RowChunk, RowChunkSource } from '../model/rowChunkSource.js';
import type { Label } from '../options/trainOptions.js';
import { cacheKey, checkCache } from './csvCacheFile.js';
import type { CacheLayout } from './csvCacheFile.js';
import { CsvCacheWriter } from './csvCacheWriter.js';
import type { CacheColumns } from './csvCacheWriter.js';
import { readCsvBatches } from './readCsv.js';
import { numericFastPath } from './numericFastPath.js';
import type { CsvReadOptions } from './readCsv.js';

/** Options of {@link csvCacheSource}: which columns, how to read the CSV, where to cache. */
export interface CsvCacheOptions extends CsvReadOptions, CacheColumns {
  /** The class of target 1 (as text). Default: the second of the sorted classes. */
  readonly positiveClass?: string | undefined;
  /** Whether the model has an intercept (it decides which categorical levels are coded). */
  readonly fitIntercept?: boolean | undefined;
  /**
   * Keep the binary cache at this path; default a temporary file that `close()` removes. When the
   * path holds a cache of the same file (path, size, modification time) made with the same
   * options, the parse is skipped and the cache read as it is; a stale one is rebuilt.
   */
  readonly cacheFile?: string | undefined;
  /** Bytes of cached rows read per chunk (the data's share of memory). Default 8 MB. */
  readonly chunkBytes?: number | undefined;
  /** CSV rows parsed per batch in the first pass. Default 8192. */
  readonly batchRows?: number | undefined;
}

/** A CSV file as a {@link RowChunkSource}: its binary cache, read chunk by chunk. */
export interface CsvCacheSource extends RowChunkSource {
  /** Rows in the fit (the file's rows less those dropped for missing values). */
  readonly rows: number;
  readonly fileRows: number;
  readonly droppedRows: number;
  /**
   * How the feature columns became the design's features (for the model file).
   * @internal the command line's model file records them; the encodings are not public API.
   */
  readonly encodings: readonly FeatureEncoding[];
  /** The cache's path, and the bytes of its rows (its trailer, the layout as JSON, is extra). */
  readonly cacheFile: string;
  readonly cacheBytes: number;
  /** Called after each chunk with the rows read so far in this pass and the rows in all. */
  onChunk: ((rowsRead: number, rows: number) => void) | undefined;
  /** Removes the cache unless `cacheFile` named it. Idempotent. */
  close(): void;
}

/**
 * Reads a CSV file once, streaming (its first pass: parse the text, check every cell, learn the
 * levels and labels), into a compact binary cache of doubles on disk, and returns a
 * {@link RowChunkSource} whose passes read that cache in chunks of `chunkBytes` at disk speed:
 * memory holds one CSV batch, then one chunk, never the data. Float64 keeps every value exact.
 *
 * Columns: as `logreg train` chooses them, except that a column is categorical when named in
 * `categorical` or when more than 5 % of its non-missing cells in the first batch are not numbers
 * (then text further on in a numeric column is an error naming its line); levels are sorted and
 * coded as `fitEncodings` codes them (treatment contrasts). Binary targets only.
 *
 * @throws {DataFileError} as `readCsv`; a missing cell (unless `dropMissing`), text in a numeric
 *   column, a bad weight, a target of other than two classes; a positiveClass that is no class.
 */
export async function csvCacheSource(
  file: string,
  options: CsvCacheOptions,
): Promise<CsvCacheSource> {
  const keep = options.cacheFile !== undefined;
  const directory = keep ? undefined : mkdtempSync(join(tmpdir(), 'logreg-cache-'));
  const cacheFile = options.cacheFile ?? join(directory!, 'rows.f64');
  const writing = keep ? `${cacheFile}.${process.pid}.tmp` : cacheFile;
  const removeAll = (): void => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    else rmSync(writing, { force: true });
  };
  const batchRows = options.batchRows ?? 8192;
  const keyOptions = { ...options, batchRows };
  if (keep && file !== '-') {
    const check = checkCache(cacheFile, file, keyOptions);
    if (check?.usable === true) {
      options.onNote?.(`reusing the row cache "${cacheFile}" (${file} is unchanged)`);
      return openSource(file, cacheFile, check.layout, options, undefined);
    }
    if (check !== undefined) {
      options.onNote?.(`the row cache "${cacheFile}" is stale (${check.reason}); rebuilding it`);
    }
  }
  let writer = new CsvCacheWriter(file, writing, options);
  try {
    // Files of plain numbers take the fast byte parser (no strings per cell); anything else (text,
    // missing cells, quotes, gzip), found at any row, starts the pass again with the general one.
    const numeric = numericFastPath(file, options, writer);
    if (!numeric) {
      writer.close();
      writer = new CsvCacheWriter(file, writing, options);
      await readCsvBatches(file, { ...options, batchRows }, async (batch) => {
        writer.add(batch);
        return Promise.resolve();
      });
    }
    writer.finish(file, cacheKey(keyOptions, numeric));
    writer.close();
  } catch (error) {
    try {
      writer.close();
    } catch {
      // already closed
    }
    removeAll();
    throw error;
  }
  if (keep) renameSync(writing, cacheFile);
  try {
    return openSource(file, cacheFile, writer, options, keep ? undefined : directory);
  } catch (error) {
    if (keep) rmSync(cacheFile, { force: true });
    else removeAll();
    throw error;
  }
}

/** The source over a finished cache: classes, codes → features, and the chunked reader. */
function openSource(
  file: string,
  cacheFile: string,
  writer: CacheLayout,
  options: CsvCacheOptions,
  directory: string | undefined,
): CsvCacheSource {
  const { classes, positiveClass, labelTarget } = chooseClasses(file, writer, options);
  // Treatment contrasts as fitEncodings: without an intercept the first categorical column keeps
  // every level.
  let fullCoding = options.fitIntercept === false;
  const encodings: FeatureEncoding[] = [];
  // Per column: its first feature's offset, and per code the feature it sets (−1: reference).
  const offsets: number[] = [];
  const positions: (Int32Array | undefined)[] = [];
  let p = 0;
  for (const column of writer.columns) {
    offsets.push(p);
    if (column.kind === 'numeric') {
      encodings.push({ column: column.name, kind: 'numeric' });
      positions.push(undefined);
      p++;
      continue;
    }
    const levels = sortLevels(column.levels);
    const reference = fullCoding ? null : (levels[0] ?? null);
    fullCoding = false;
    const coded = levels.filter((level) => level !== reference);
    const at = new Map(coded.map((level, k) => [level, k]));
    positions.push(Int32Array.from(column.levels, (level) => at.get(level) ?? -1));
    encodings.push({ column: column.name, kind: 'categorical', levels, reference });
    if (column.detected) {
      options.onNote?.(
        `column "${column.name}" is not numeric; treating it as categorical with ${levels.length} level${levels.length === 1 ? '' : 's'}` +
          (reference === null ? '' : `, reference "${reference}"`),
      );
    }
    p += coded.length;
  }
  const stride = writer.stride;
  const rows = writer.rows;
  const weighted = options.weights !== undefined;
  const bytesPerRow = 8 * (stride + p + 2);
  const chunkRows = Math.max(
    1,
    Math.min(rows, Math.floor((options.chunkBytes ?? 8 << 20) / bytesPerRow)),
  );
  const raw = new Float64Array(chunkRows * stride);
  const rawBytes = new Uint8Array(raw.buffer);
  const X = new Float64Array(chunkRows * p);
  const y = new Float64Array(chunkRows);
  const s = weighted ? new Float64Array(chunkRows) : undefined;
  const k = writer.columns.length;
  let closed = false;
  const source: CsvCacheSource = {
    features: p,
    classes,
    positiveClass,
    featureNames: featureNamesOf(encodings),
    rows,
    fileRows: writer.fileRows,
    droppedRows: writer.droppedRows,
    encodings,
    cacheFile,
    cacheBytes: rows * stride * 8,
    onChunk: undefined,
    *chunks(): Generator<RowChunk> {
      const fd = openSync(cacheFile, 'r');
      try {
        for (let start = 0; start < rows; start += chunkRows) {
          const n = Math.min(chunkRows, rows - start);
          readFully(fd, rawBytes, n * stride * 8, start * stride * 8);
          X.fill(0, 0, n * p);
          for (let i = 0; i < n; i++) {
            const base = i * stride;
            const out = i * p;
            for (let c = 0; c < k; c++) {
              const map = positions[c];
              if (map === undefined) X[out + offsets[c]!] = raw[base + c]!;
              else {
                const f = map[raw[base + c]!]!;
                if (f >= 0) X[out + offsets[c]! + f] = 1;
              }
            }
            y[i] = labelTarget[raw[base + k]!]!;
            if (s !== undefined) s[i] = raw[base + k + 1]!;
          }
          yield {
            X: { rows: n, cols: p, data: X.subarray(0, n * p) },
            y: y.subarray(0, n),
            sampleWeight: s?.subarray(0, n),
          };
          source.onChunk?.(start + n, rows);
        }
      } finally {
        closeSync(fd);
      }
    },
    close(): void {
      if (closed) return;
      closed = true;
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
  return source;
}

/** Reads `length` bytes at `position` into the start of `into`. */
function readFully(fd: number, into: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const got = readSync(fd, into, done, length - done, position + done);
    if (got === 0) throw new Error(`the row cache ended early, at byte ${position + done}`);
    done += got;
  }
}

/** The two classes (numbers when every label is), the positive one, and each code's 0/1 target. */
function chooseClasses(
  file: string,
  writer: CacheLayout,
  options: CsvCacheOptions,
): { classes: [Label, Label]; positiveClass: Label; labelTarget: Float64Array } {
  const keys = writer.labels;
  if (keys.length !== 2) {
    const shown = sortLevels(keys)
      .slice(0, 5)
      .map((key) => `"${key}"`)
      .join(', ');
    throw new DataFileError(
      file,
      undefined,
      `column "${options.target}" has ${keys.length} class${keys.length === 1 ? '' : 'es'} (${shown}); a streamed fit (--memory-limit) takes two`,
    );
  }
  const sorted = sortLevels(keys);
  const label = (key: string): Label => (writer.numericLabels ? Number(key) : key);
  const positiveKey = options.positiveClass ?? sorted[1]!;
  if (!sorted.includes(positiveKey)) {
    throw new UsageError(
      `--positive-class "${positiveKey}" is not a class of column "${options.target}" (${sorted.map((k) => `"${k}"`).join(', ')})`,
    );
  }
  return {
    classes: [label(sorted[0]!), label(sorted[1]!)],
    positiveClass: label(positiveKey),
    labelTarget: Float64Array.from(keys, (key) => (key === positiveKey ? 1 : 0)),
  };
}
