import type { Table } from '../data/column.js';
import type { LibsvmData } from '../data/libsvmData.js';
import { readCsvBatches } from '../node/readCsv.js';
import { readLibsvmSparse } from '../node/readLibsvm.js';
import { readLibsvmBatches } from '../node/readLibsvmBatches.js';
import { formatOf, readTable } from '../node/readTable.js';
import { readParquetBatches } from '../node/readParquet.js';
import type { DataFormat } from '../node/readTable.js';
import { note } from './io.js';
import type { CliIO } from './io.js';
import type { Progress } from './progress.js';
import { prepareLibsvmTrainingData, prepareTrainingData } from '../data/trainingData.js';
import type { TrainingData, TrainingDataFlags } from '../data/trainingData.js';

/** The flags that say how to read a data file. */
export interface ReadFlags {
  readonly format?: DataFormat;
  readonly delimiter?: string;
  /** `--max-features`: the largest LIBSVM feature index accepted. */
  readonly maxFeatures?: number;
  /** `--max-line-length`, `--max-expansion`: see `ReadLimits`. */
  readonly maxLineLength?: number;
  readonly maxExpansion?: number;
  /** `--max-rows`, `--max-columns`: see `ReadLimits.maxRows`, `CsvReadOptions.maxColumns`. */
  readonly maxRows?: number;
  readonly maxColumns?: number;
  /** `--na-values`: more cells that mean "missing". */
  readonly naValues?: readonly string[];
  /** `--decimal`: the decimal mark of CSV/TSV numbers. */
  readonly decimal?: '.' | ',';
  /** Columns whose cells are also kept as written (`CsvReadOptions.verbatimColumns`). */
  readonly verbatimColumns?: readonly string[];
  readonly quiet: boolean;
}

/** Reads a data file with a progress bar (unless `--quiet`) and notes on stderr. */
export async function loadTable(
  io: CliIO,
  progress: Progress,
  file: string,
  flags: ReadFlags,
  minFeatures?: number,
): Promise<Table> {
  const onProgress = progress.reading(file);
  try {
    return await readTable(file, {
      ...(flags.format === undefined ? {} : { format: flags.format }),
      ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }),
      ...(minFeatures === undefined ? {} : { minFeatures }),
      ...readLimits(flags),
      ...(flags.naValues === undefined ? {} : { naValues: flags.naValues }),
      ...(flags.decimal === undefined ? {} : { decimal: flags.decimal }),
      ...(onProgress === undefined ? {} : { onProgress }),
      // The reader's notes say how it read the data (renamed header fields, a guessed
      // delimiter): they print even with --quiet.
      onNote: (message: string) => note(io, message),
    });
  } finally {
    progress.stop();
  }
}

/**
 * Reads a CSV or TSV file in batches of about `batchRows` rows (see `readCsvBatches`), with the
 * same options, progress bar and notes as {@link loadTable}.
 */
export async function loadTableBatches(
  io: CliIO,
  progress: Progress,
  file: string,
  flags: ReadFlags,
  batchRows: number,
  onBatch: (table: Table) => Promise<void>,
): Promise<void> {
  const onProgress = progress.reading(file);
  const format = flags.format ?? formatOf(file);
  const delimiter = flags.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  const handOver = async (table: Table): Promise<void> => {
    progress.stop();
    await onBatch(table);
  };
  try {
    if (format === 'parquet') {
      await readParquetBatches(
        file,
        {
          batchRows,
          ...(flags.naValues === undefined ? {} : { naValues: flags.naValues }),
          ...(flags.verbatimColumns === undefined
            ? {}
            : { verbatimColumns: flags.verbatimColumns }),
          ...(onProgress === undefined ? {} : { onProgress }),
        },
        handOver,
      );
      return;
    }
    await readCsvBatches(
      file,
      {
        batchRows,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...readLimits(flags),
        ...(flags.naValues === undefined ? {} : { naValues: flags.naValues }),
        ...(flags.decimal === undefined ? {} : { decimal: flags.decimal }),
        ...(flags.verbatimColumns === undefined ? {} : { verbatimColumns: flags.verbatimColumns }),
        ...(onProgress === undefined ? {} : { onProgress }),
        ...(flags.quiet ? {} : { onNote: (message: string) => note(io, message) }),
      },
      handOver,
    );
  } finally {
    progress.stop();
  }
}

/** The read limits among the flags, as library options. */
export function readLimits(flags: {
  readonly maxFeatures?: number;
  readonly maxLineLength?: number;
  readonly maxExpansion?: number;
  readonly maxRows?: number;
  readonly maxColumns?: number;
}): {
  maxFeatures?: number;
  maxLineLength?: number;
  maxExpansion?: number;
  maxRows?: number;
  maxColumns?: number;
} {
  return {
    ...(flags.maxRows === undefined ? {} : { maxRows: flags.maxRows }),
    ...(flags.maxColumns === undefined ? {} : { maxColumns: flags.maxColumns }),
    ...(flags.maxFeatures === undefined ? {} : { maxFeatures: flags.maxFeatures }),
    ...(flags.maxLineLength === undefined ? {} : { maxLineLength: flags.maxLineLength }),
    ...(flags.maxExpansion === undefined ? {} : { maxExpansion: flags.maxExpansion }),
  };
}

/** A data file read for a command: a table (CSV, TSV), or a CSR matrix and labels (LIBSVM). */
export type LoadedData =
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'libsvm'; readonly libsvm: LibsvmData };

/**
 * Reads a data file: LIBSVM (by `--format` or extension) straight into a CSR sparse matrix, never
 * densified; CSV and TSV into a table.
 */
export async function loadData(
  io: CliIO,
  progress: Progress,
  file: string,
  flags: ReadFlags,
  minFeatures?: number,
): Promise<LoadedData> {
  if ((flags.format ?? formatOf(file)) === 'libsvm') {
    return { kind: 'libsvm', libsvm: await loadLibsvm(progress, file, flags, minFeatures) };
  }
  return { kind: 'table', table: await loadTable(io, progress, file, flags, minFeatures) };
}

/** Training data read from a file, with what the model file records about the file. */
export interface LoadedTrainingData {
  readonly data: TrainingData;
  readonly format: 'csv' | 'libsvm';
  /** Rows in the file (the training rows plus those dropped for missing values). */
  readonly rowCount: number;
}

/**
 * Reads a data file and prepares it for `train`: {@link prepareTrainingData} for a table,
 * {@link prepareLibsvmTrainingData} (X stays CSR) for a LIBSVM file.
 */
export async function loadTrainingData(
  io: CliIO,
  progress: Progress,
  file: string,
  flags: ReadFlags & TrainingDataFlags,
): Promise<LoadedTrainingData> {
  const loaded = await loadData(io, progress, file, flags);
  progress.stop();
  if (loaded.kind === 'libsvm') {
    return {
      data: prepareLibsvmTrainingData(loaded.libsvm, flags),
      format: 'libsvm',
      rowCount: loaded.libsvm.X.rows,
    };
  }
  const { table } = loaded;
  return {
    data: prepareTrainingData((message) => note(io, message), table, flags),
    format: table.format,
    rowCount: table.rowCount,
  };
}

/**
 * Reads a LIBSVM file as a CSR sparse matrix (never densified), with a progress bar.
 * `minFeatures` pads the columns to a model's feature count; `--max-features` caps the index.
 */
export async function loadLibsvm(
  progress: Progress,
  file: string,
  flags: {
    readonly maxFeatures?: number;
    readonly maxLineLength?: number;
    readonly maxExpansion?: number;
    readonly maxRows?: number;
  },
  minFeatures?: number,
): Promise<LibsvmData> {
  const onProgress = progress.reading(file);
  try {
    return await readLibsvmSparse(file, {
      ...(minFeatures === undefined ? {} : { minFeatures }),
      ...(flags.maxFeatures === undefined ? {} : { maxFeatures: flags.maxFeatures }),
      ...(flags.maxLineLength === undefined ? {} : { maxLineLength: flags.maxLineLength }),
      ...(flags.maxExpansion === undefined ? {} : { maxExpansion: flags.maxExpansion }),
      ...(flags.maxRows === undefined ? {} : { maxRows: flags.maxRows }),
      ...(onProgress === undefined ? {} : { onProgress }),
    });
  } finally {
    progress.stop();
  }
}

/**
 * Reads a LIBSVM file in CSR batches of about `batchRows` rows (see `readLibsvmBatches`), with
 * the same limits and progress bar as {@link loadLibsvm}; `predict` streams this way.
 */
export async function loadLibsvmBatches(
  progress: Progress,
  file: string,
  flags: {
    readonly maxFeatures?: number;
    readonly maxLineLength?: number;
    readonly maxExpansion?: number;
  },
  batchRows: number,
  minFeatures: number | undefined,
  onBatch: (data: LibsvmData) => Promise<void>,
): Promise<void> {
  const onProgress = progress.reading(file);
  try {
    await readLibsvmBatches(
      file,
      {
        batchRows,
        ...(minFeatures === undefined ? {} : { minFeatures }),
        ...(flags.maxFeatures === undefined ? {} : { maxFeatures: flags.maxFeatures }),
        ...(flags.maxLineLength === undefined ? {} : { maxLineLength: flags.maxLineLength }),
        ...(flags.maxExpansion === undefined ? {} : { maxExpansion: flags.maxExpansion }),
        ...(onProgress === undefined ? {} : { onProgress }),
      },
      async (data) => {
        progress.stop();
        await onBatch(data);
      },
    );
  } finally {
    progress.stop();
  }
}
