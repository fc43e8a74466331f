import { closeSync, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../data/usageError.js';
import type { CachedColumn } from './csvCacheWriter.js';

/**
 * What a row cache holds besides its rows: the columns (kinds, levels in code order), the target's
 * labels in code order, the row counts, and the source file and options it was made from (so a
 * later fit can tell whether it may skip the parse).
 */
export interface CacheLayout {
  readonly columns: readonly CachedColumn[];
  readonly labels: readonly string[];
  readonly numericLabels: boolean;
  readonly stride: number;
  readonly rows: number;
  readonly fileRows: number;
  readonly droppedRows: number;
}

/** The trailer's JSON: the layout, the source's identity and the options that shaped the cache. */
interface CacheTrailer extends CacheLayout {
  readonly version: 1;
  readonly source: { readonly path: string; readonly size: number; readonly mtimeMs: number };
  readonly key: string;
}

/** The last 8 bytes of a row cache (after the trailer and its 4-byte length). */
const MAGIC = 'LRCACHE1';

/**
 * The options that decide a cache's bytes, as a stable string: every read and column option
 * except the ones applied when the cache is opened (positive class, intercept, chunk size) and
 * callbacks. `batchRows` decides which columns are categorical (by their first batch) only when
 * the general reader wrote the cache; a file of plain numbers reads the same at any batch size.
 */
export function cacheKey(options: object, numericParser: boolean): string {
  const skip = new Set(['positiveClass', 'fitIntercept', 'cacheFile', 'chunkBytes']);
  if (numericParser) skip.add('batchRows');
  const entries = Object.entries(options)
    .filter(([k, v]) => !skip.has(k) && v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/**
 * Appends the trailer to a finished cache open at `fd`: `[rows × stride float64][JSON]
 * [uint32 LE length of the JSON]["LRCACHE1"]`. Readers take the rows from offset 0 as before.
 */
export function writeCacheTrailer(
  fd: number,
  layout: CacheLayout,
  sourceFile: string,
  key: string,
): void {
  // Standard input ('-') has no identity: its cache is never reused.
  const stats = sourceFile === '-' ? { size: -1, mtimeMs: -1 } : statSync(sourceFile);
  const trailer: CacheTrailer = {
    version: 1,
    source: { path: resolve(sourceFile), size: stats.size, mtimeMs: stats.mtimeMs },
    key,
    columns: layout.columns.map((c) => ({ ...c, levels: [...c.levels] })),
    labels: [...layout.labels],
    numericLabels: layout.numericLabels,
    stride: layout.stride,
    rows: layout.rows,
    fileRows: layout.fileRows,
    droppedRows: layout.droppedRows,
  };
  const json = Buffer.from(JSON.stringify(trailer), 'utf8');
  const tail = Buffer.alloc(12);
  tail.writeUInt32LE(json.length, 0);
  tail.write(MAGIC, 4, 'latin1');
  writeSync(fd, json);
  writeSync(fd, tail);
}

/** Whether an existing cache can be used, and if not, why. */
export type CacheCheck =
  | { readonly usable: true; readonly layout: CacheLayout & { readonly numericParser: boolean } }
  | { readonly usable: false; readonly reason: string };

/**
 * Checks the row cache at `cacheFile` against the source and options of this fit: its trailer
 * reads, its size is the rows' bytes plus the trailer, and it was made from the same file (path,
 * size and modification time) with the same options. A stale cache is reported (to be rebuilt).
 *
 * @throws {UsageError} the file exists but is no row cache (it is not overwritten).
 */
export function checkCache(
  cacheFile: string,
  sourceFile: string,
  options: object,
): CacheCheck | undefined {
  let fd: number;
  try {
    fd = openSync(cacheFile, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const trailer = readTrailer(fd, size);
    if (trailer === undefined) {
      throw new UsageError(
        `--cache "${cacheFile}" exists and is not a logreg row cache; remove it or name another file`,
      );
    }
    const stats = statSync(sourceFile);
    const { source } = trailer;
    if (source.path !== resolve(sourceFile)) {
      return { usable: false, reason: `it was made from "${source.path}"` };
    }
    // Modification times within a millisecond (what utimes and most copies keep).
    if (source.size !== stats.size || !(Math.abs(source.mtimeMs - stats.mtimeMs) < 1)) {
      return { usable: false, reason: `"${sourceFile}" changed since it was made` };
    }
    for (const numericParser of [true, false]) {
      if (trailer.key === cacheKey(options, numericParser)) {
        return { usable: true, layout: { ...trailer, numericParser } };
      }
    }
    return { usable: false, reason: 'it was made with other column or read options' };
  } finally {
    closeSync(fd);
  }
}

/** The trailer of a cache of `size` bytes, or undefined when the file is no (whole) row cache. */
function readTrailer(fd: number, size: number): CacheTrailer | undefined {
  if (size < 12) return undefined;
  const tail = Buffer.alloc(12);
  readSync(fd, tail, 0, 12, size - 12);
  if (tail.toString('latin1', 4) !== MAGIC) return undefined;
  const length = tail.readUInt32LE(0);
  if (length > size - 12) return undefined;
  const json = Buffer.alloc(length);
  readSync(fd, json, 0, length, size - 12 - length);
  let trailer: CacheTrailer;
  try {
    trailer = JSON.parse(json.toString('utf8')) as CacheTrailer;
  } catch {
    return undefined;
  }
  if (trailer.version !== 1 || !Array.isArray(trailer.columns)) return undefined;
  if (trailer.rows * trailer.stride * 8 !== size - 12 - length) return undefined;
  return trailer;
}
