import type { Table } from '../data/column.js';
import type { ReadLimits, ReadProgress } from '../data/readLimits.js';
import { readCsv } from './readCsv.js';
import { readLibsvm } from './readLibsvm.js';
import { readParquet } from './readParquet.js';
import { formatOf } from '../data/formatOf.js';
import type { DataFormat } from '../data/formatOf.js';

export { formatOf } from '../data/formatOf.js';
export type { DataFormat } from '../data/formatOf.js';

/** Options of {@link readTable}. */
export interface ReadTableOptions extends ReadLimits {
  /** Default: by extension (see {@link formatOf}). */
  readonly format?: DataFormat;
  /** CSV field separator (see `CsvReadOptions.delimiter` in readCsv.ts). */
  readonly delimiter?: string;
  /** LIBSVM: make at least this many feature columns. */
  readonly minFeatures?: number;
  /** LIBSVM: the largest feature index accepted (`maxFeatures` of `readLibsvm`). */
  readonly maxFeatures?: number;
  readonly onProgress?: ReadProgress;
  readonly onNote?: (note: string) => void;
  /** CSV: cells that mean "missing" besides the defaults (see `CsvReadOptions.naValues`). */
  readonly naValues?: readonly string[];
  /** CSV: the decimal mark, `.` or `,` (see `CsvReadOptions.decimal`). */
  readonly decimal?: '.' | ',';
  /**
   * The most columns (see `CsvReadOptions.maxColumns`; default 100,000): of a CSV header, or of
   * the dense table of a LIBSVM file (its largest feature index).
   */
  readonly maxColumns?: number;
}

/**
 * Reads a data file in any supported format into a {@link Table}: CSV, TSV, LIBSVM or Parquet
 * (see `readParquet`).
 *
 * @throws {DataFileError} see {@link readCsv}, {@link readLibsvm} and `readParquet`.
 */
export function readTable(file: string, options: ReadTableOptions = {}): Promise<Table> {
  const format = options.format ?? formatOf(file);
  const progress = {
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
    ...(options.maxExpansion === undefined ? {} : { maxExpansion: options.maxExpansion }),
    ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
  };
  if (format === 'libsvm') {
    return readLibsvm(file, {
      ...progress,
      ...(options.minFeatures === undefined ? {} : { minFeatures: options.minFeatures }),
      ...(options.maxFeatures === undefined ? {} : { maxFeatures: options.maxFeatures }),
      ...(options.maxColumns === undefined ? {} : { maxColumns: options.maxColumns }),
    });
  }
  if (format === 'parquet') {
    return readParquet(file, {
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
      ...(options.naValues === undefined ? {} : { naValues: options.naValues }),
    });
  }
  const delimiter = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  return readCsv(file, {
    ...progress,
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(options.onNote === undefined ? {} : { onNote: options.onNote }),
    ...(options.naValues === undefined ? {} : { naValues: options.naValues }),
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    ...(options.maxColumns === undefined ? {} : { maxColumns: options.maxColumns }),
  });
}
