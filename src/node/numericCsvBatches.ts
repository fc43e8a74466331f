import { closeSync, openSync } from 'node:fs';
import { numericCsvBatchesFrom } from '../data/numericCsvBatches.js';
import type { NumericCsvBatch, NumericCsvBatchOptions } from '../data/numericCsvBatches.js';
import { fileByteSource } from './fileByteSource.js';

export type { NumericCsvBatch, NumericCsvBatchOptions } from '../data/numericCsvBatches.js';

/**
 * `numericCsvBatchesFrom` (src/data/numericCsvBatches.ts) over a file: the numeric CSV fast
 * path, streaming, in batches of rows. Returns the header's names, or undefined when the file is
 * not plain numbers (the caller starts again with the general reader).
 */
export function readNumericCsvBatches(
  file: string,
  options: NumericCsvBatchOptions,
  onBatch: (batch: NumericCsvBatch) => void,
): string[] | undefined {
  const fd = openSync(file, 'r');
  try {
    return numericCsvBatchesFrom(fileByteSource(fd), options, onBatch);
  } finally {
    closeSync(fd);
  }
}
