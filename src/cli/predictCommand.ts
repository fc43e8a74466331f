import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { offsetColumn } from '../data/offsetColumn.js';
import { UsageError } from '../data/usageError.js';
import { modelDesignMatrix, modelInputColumns } from '../data/modelInputs.js';
import { formatOf } from '../node/readTable.js';
import { checkWritable, writeFileAtomicStreaming } from '../node/writeFileAtomic.js';
import { note, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { libsvmDesignMatrix } from '../data/libsvmData.js';
import { loadLibsvmBatches } from './loadTable.js';
import { loadTableBatches } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from '../node/readModelFile.js';
import { Progress } from './progress.js';
import { predictionText } from './predictionText.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { levelFlag, listFlag } from './flagParsers.js';
import { addReadOptions, dataFileArgument } from './sharedOptions.js';
import { PredictRows } from './predictRows.js';
import {
  numericPredictBatches,
  numericPredictBatchesOnThread,
  withoutFirstRows,
} from './numericPredictBatches.js';
import type { Table } from '../data/column.js';

/** The flags of `logreg predict`, parsed. */
export interface PredictFlags extends ReadFlags {
  readonly proba: boolean;
  readonly output?: string;
  /** Add the link, its standard error and the probability's (predict.glm se.fit). */
  readonly se: boolean;
  /** Add confidence intervals at this level on the link and probability scales. */
  readonly interval?: number;
  /** One probability column `p(<class>)` per class, binary models too (implies `proba`). */
  readonly classProbabilities: boolean;
  /** Leave out rows with a missing value in a column the model reads, with a note. */
  readonly dropMissing: boolean;
  /** Columns copied through to the output, before the predictions. */
  readonly keep?: readonly string[];
}

/**
 * Adds `logreg predict <model> <data>`: its arguments and options.
 * Commander parses and checks the flags into `PredictFlags` and calls `predictCommand`.
 */
export function addPredictCommand(program: Command, io: CliIO): void {
  const predict = program
    .command('predict')
    .summary('predict with a model file; CSV to stdout')
    .description(
      'Predict the class of each row of a data file: CSV on stdout (or --output) with a ' +
        '"prediction" column and, with --proba, a "probability" column (the probability of the ' +
        'positive class). The target column may be absent; extra columns are ignored unless --keep copies them.',
    )
    .argument('<model>', 'model file written by logreg train')
    .argument('<data>', dataFileArgument);
  addReadOptions(predict);
  predict
    .addOption(
      new Option(
        '--proba',
        'add the probability of the positive class (multiclass: one column p(<class>) per class)',
      ).default(false),
    )
    .addOption(
      new Option(
        '--class-probabilities',
        'add one probability column p(<class>) per class, for binary models too (implies --proba)',
      ).default(false),
    )
    .addOption(
      new Option(
        '--keep <columns>',
        'copy these columns to the output as written, before the predictions (ids for joins), comma-separated, quoted as in CSV (default: none)',
      ).argParser(listFlag),
    )
    .addOption(
      new Option(
        '--drop-missing',
        'leave out rows with a missing value in a column the model reads (they get no output row; a note names their lines)',
      ).default(false),
    )
    .addOption(
      new Option(
        '--se',
        "add the linear predictor and its standard error (link, link_se) and the probability's (probability_se), from the stored covariance, as R predict.glm(se.fit = TRUE)",
      ).default(false),
    )
    .addOption(
      new Option(
        '--interval <level>',
        'add confidence intervals at this level, in (0, 1): link_lower, link_upper, and their inverse logits probability_lower, probability_upper (default: none)',
      ).argParser(levelFlag),
    )
    .addOption(
      new Option(
        '-o, --output <file>',
        'write the CSV to a file instead of stdout, streamed in batches into a temporary file renamed over it at the end (default: stdout)',
      ),
    )
    .addOption(
      new Option(
        '-q, --quiet',
        'no progress bar and no advice; notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
      ).default(false),
    )
    .action(async (model: string, data: string, flags: PredictFlags) =>
      predictCommand(io, model, data, flags),
    );
}

/** Rows per batch read and written (to stdout or the --output file). */
export const predictBatchRows = 8192;

/**
 * `logreg predict <model> <data>`: CSV with a `prediction` column (the library's `predict`) and,
 * with `--proba`, a `probability` column (`positiveProbability`, the probability of the positive class)
 * or, for a multiclass model, one column `p(<class>)` per class in the model's class order;
 * probabilities in JavaScript's shortest round-trip form, one row per data row. The target column may
 * be absent; other extra columns are ignored.
 *
 * The rows stream: read, scored and written `batchRows` at a time (default
 * {@link predictBatchRows}; Parquet a few row groups at a time), each batch written before the
 * next is read (waiting while the pipe or file is full), so memory holds a batch whatever the size
 * of the file, and the output is the same bytes for every batch size. A plain numeric CSV/TSV file
 * of {@link predictThreadBytes} or more (or as `parseThread` says) is parsed on a worker thread,
 * a few batches ahead of the one being scored and written, given two cores: the same bytes.
 */
export async function predictCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: PredictFlags,
  batchRows = predictBatchRows,
  parseThread?: boolean,
): Promise<void> {
  if (flags.output !== undefined) await checkWritable(flags.output, [modelPath, dataFile]);
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  // Every format streams: rows go out in batches as they are read, in bounded memory, to stdout
  // or into the temporary file of --output (renamed over it once all rows are written).
  // `writeNow` writes at once and says whether the output can take more before it drains.
  const stream = async (
    write: (text: string) => Promise<void>,
    writeNow: (text: string) => boolean,
  ): Promise<void> => {
    let first = true;
    const text = (
      X: FeatureMatrix,
      keep: readonly string[] = [],
      kept: readonly (readonly string[])[] = [],
      offset?: Float64Array,
    ): string => {
      const lines = predictionText(model, X, flags, first, keep, kept, offset);
      first = false;
      return lines;
    };
    // A model fitted with an offset reads it from the column it names.
    const offsetName = model instanceof LogisticRegressionModel ? model.offset : undefined;
    const format = flags.format ?? formatOf(dataFile);
    if (format === 'libsvm') {
      if (flags.keep !== undefined) {
        throw new UsageError('--keep copies CSV/TSV columns; LIBSVM data have none to copy');
      }
      if (offsetName !== undefined) {
        throw new UsageError(
          `the model was fitted with the offset column "${offsetName}"; a LIBSVM file has no such column`,
        );
      }
      const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
      await loadLibsvmBatches(progress, dataFile, flags, batchRows, minFeatures, (data) =>
        write(text(libsvmDesignMatrix(data, file.features))),
      );
    } else {
      const keep = flags.keep ?? [];
      const select = new PredictRows(modelInputColumns(file), flags.dropMissing, keep);
      const readFlags = keep.length === 0 ? flags : { ...flags, verbatimColumns: keep };
      const score = (table: Table): string => {
        const { rows, kept } = select.select(table);
        const offset = offsetName === undefined ? undefined : offsetColumn(table, offsetName, rows);
        return text(modelDesignMatrix(file, table, rows), keep, kept, offset);
      };
      // Plain numbers take the byte-level reader; the general reader reads anything else, or the
      // rest of the file after the rows the fast path handed over.
      const delimiter = flags.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      let pass = { done: false, rows: 0 };
      if (format !== 'parquet' && (parseThread ?? parseOnThread(dataFile))) {
        // The output waits here, when full, without leaving the byte-level reader.
        pass = await numericPredictBatchesOnThread(
          dataFile,
          readFlags,
          delimiter,
          batchRows,
          progress.reading(dataFile),
          async (table) => {
            if (!writeNow(score(table))) await write('');
            return true;
          },
        );
      } else if (format !== 'parquet') {
        pass = numericPredictBatches(
          dataFile,
          readFlags,
          delimiter,
          batchRows,
          progress.reading(dataFile),
          (table) => writeNow(score(table)),
        );
      }
      progress.stop();
      if (!pass.done) {
        await write(''); // waits for the output to drain
        let skip = pass.rows;
        await loadTableBatches(io, progress, dataFile, readFlags, batchRows, async (table) => {
          const rest = withoutFirstRows(table, skip);
          skip -= table.rowCount - rest.rowCount;
          if (rest.rowCount > 0 || skip === 0) await write(score(rest));
        });
      }
      const message = select.note(flags.quiet);
      if (message !== undefined) note(io, message);
    }
  };
  if (flags.output === undefined) {
    await stream(
      (lines) => writeOut(io, lines),
      (lines) => {
        io.stdout.write(lines);
        return pendingBytes(io.stdout) < stdoutPendingLimit;
      },
    );
  } else {
    await writeFileAtomicStreaming(flags.output, (write, writeSync) =>
      stream(write, (lines) => {
        writeSync(lines);
        return true;
      }),
    );
  }
}

/**
 * Files from this size on are parsed on a worker thread, given two cores (starting one costs
 * some tens of milliseconds: smaller files are read on the calling thread).
 */
export const predictThreadBytes = 32 << 20;

/** Whether the byte-level reader should run on a worker thread for this file. */
function parseOnThread(file: string): boolean {
  if (availableParallelism() < 2) return false;
  try {
    return statSync(file).size >= predictThreadBytes;
  } catch {
    return false; // the readers say why
  }
}

/**
 * Bytes written to stdout but not yet taken by the pipe past which the byte-level reader stops
 * (Node writes stdout synchronously to files and, on Linux, to pipes; elsewhere the output queues).
 */
const stdoutPendingLimit = 1 << 24;

/** The bytes a stream holds, waiting to be written. */
function pendingBytes(stream: NodeJS.WritableStream): number {
  return (stream as { writableLength?: number }).writableLength ?? 0;
}
