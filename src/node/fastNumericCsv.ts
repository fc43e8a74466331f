import { closeSync, openSync } from 'node:fs';
import { numericCsvFrom } from '../data/parseNumericCsv.js';
import type { NumericCsv, NumericCsvOptions } from '../data/parseNumericCsv.js';
import { fileByteSource } from './fileByteSource.js';

export type { NumericCsv, NumericCsvOptions } from '../data/parseNumericCsv.js';

/**
 * A fast path for the common case of a CSV file that holds only decimal numbers under a header
 * line: `parseNumericCsv` (src/data/parseNumericCsv.ts, which states the grammar and the
 * rounding) over the file's bytes, read in chunks of 16 MB, so that memory holds one chunk and
 * the matrix. Returns `undefined` for anything but plain numbers: the caller falls back to the
 * general reader (`readTable`), which also explains the problem to the user.
 *
 * @example
 * const csv = readNumericCsv('data.csv', { labelColumn: 'y', allocate: allocateKernelMatrix });
 * if (csv !== undefined) train(csv.X, Array.from(csv.labels!));
 */
export function readNumericCsv(
  file: string,
  options: NumericCsvOptions = {},
): NumericCsv | undefined {
  const fd = openSync(file, 'r');
  try {
    return numericCsvFrom(fileByteSource(fd), options);
  } finally {
    closeSync(fd);
  }
}
