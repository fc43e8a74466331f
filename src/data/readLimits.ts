import { DataFileError } from './dataFileError.js';

/** Called with the bytes of the file read so far (compressed bytes for gzip) and its size. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/** Limits on hostile input, shared by the readers (each has a sane default). */
export interface ReadLimits {
  /**
   * The longest line accepted, in bytes (default {@link defaultMaxLineLength}, 64 MiB): input
   * without line breaks (`/dev/zero`, a 1 GB single line) is an error naming the line instead of
   * memory growing without limit.
   */
  readonly maxLineLength?: number;
  /**
   * The largest ratio of decompressed to compressed bytes of a gzipped file (default
   * {@link defaultMaxExpansion}, 200), checked once more than 8 MiB have been decompressed: a
   * gzip bomb is an error instead of filling memory. Text data rarely compresses beyond 20×.
   */
  readonly maxExpansion?: number;
  /**
   * The most data rows a whole-file reader accepts (default {@link defaultMaxRows}, 10⁸): more
   * is an error naming the line of the first row past the limit, before memory runs out (268
   * million short rows, a gzip bomb or a runaway export, killed Node). The batch readers of
   * `predict`, which keep one batch in memory, have no row limit.
   */
  readonly maxRows?: number;
}

/** Default {@link ReadLimits.maxLineLength}: 64 MiB, three times a dense row of 10⁶ features. */
export const defaultMaxLineLength = 64 * 1024 * 1024;
/** Default {@link ReadLimits.maxRows}: 10⁸ rows (0.8 GB per numeric column). */
export const defaultMaxRows = 100_000_000;

/**
 * The error of a row past `maxRows` (see {@link ReadLimits}), naming the file, its line and the
 * option that raises the limit.
 */
export function tooManyRows(file: string, line: number, maxRows: number): DataFileError {
  return new DataFileError(
    file,
    line,
    `more than ${maxRows} data rows: raise the limit (--max-rows, option maxRows) or read a sample`,
  );
}

/** Default {@link ReadLimits.maxExpansion}. */
export const defaultMaxExpansion = 200;

/** The error of a line longer than `maxLineLength` bytes (see {@link ReadLimits}). */
export function lineTooLong(file: string, line: number, maxLineLength: number): DataFileError {
  return new DataFileError(
    file,
    line,
    `the line is longer than ${maxLineLength} bytes (no line break): not a data file, or raise ` +
      'the limit (--max-line-length, option maxLineLength)',
  );
}
