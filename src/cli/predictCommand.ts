import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import type { PredictOptions } from '../options/predictOptions.js';
import { offsetColumn } from '../data/offsetColumn.js';
import { UsageError } from '../data/usageError.js';
import { buildDesignMatrix } from '../data/designMatrix.js';
import { formatOf } from '../node/readTable.js';
import { checkWritable, writeFileAtomicStreaming } from '../node/writeFileAtomic.js';
import { csvField } from './csvField.js';
import { note, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { libsvmDesignMatrix } from '../data/libsvmData.js';
import { loadLibsvmBatches } from './loadTable.js';
import { loadTableBatches } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from '../node/readModelFile.js';
import { Progress } from './progress.js';
import { uncertaintyColumns } from './predictionUncertainty.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { levelFlag, listFlag } from './flagParsers.js';
import { addReadOptions, dataFileArgument } from './sharedOptions.js';
import { PredictRows } from './predictRows.js';

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
 * of the file, and the output is the same bytes for every batch size.
 */
export async function predictCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: PredictFlags,
  batchRows = predictBatchRows,
): Promise<void> {
  if (flags.output !== undefined) await checkWritable(flags.output, [modelPath, dataFile]);
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  // Every format streams: rows go out in batches as they are read, in bounded memory, to stdout
  // or into the temporary file of --output (renamed over it once all rows are written).
  const stream = async (write: (text: string) => Promise<void>): Promise<void> => {
    let first = true;
    const emit = async (
      X: FeatureMatrix,
      keep: readonly string[] = [],
      kept: readonly (readonly string[])[] = [],
      offset?: Float64Array,
    ): Promise<void> => {
      const text = predictionText(model, X, flags, first, keep, kept, offset);
      first = false;
      await write(text);
    };
    // A model fitted with an offset reads it from the column it names.
    const offsetName = model instanceof LogisticRegressionModel ? model.offset : undefined;
    if ((flags.format ?? formatOf(dataFile)) === 'libsvm') {
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
        emit(libsvmDesignMatrix(data, file.features)),
      );
    } else {
      const keep = flags.keep ?? [];
      const select = new PredictRows(
        file.features.map((encoding) => encoding.column),
        flags.dropMissing,
        keep,
      );
      const readFlags = keep.length === 0 ? flags : { ...flags, verbatimColumns: keep };
      await loadTableBatches(io, progress, dataFile, readFlags, batchRows, (table) => {
        const { rows, kept } = select.select(table);
        const offset = offsetName === undefined ? undefined : offsetColumn(table, offsetName, rows);
        return emit(buildDesignMatrix(table, file.features, rows), keep, kept, offset);
      });
      const message = select.note(flags.quiet);
      if (message !== undefined) note(io, message);
    }
  };
  if (flags.output === undefined) await stream((text) => writeOut(io, text));
  else await writeFileAtomicStreaming(flags.output, stream);
}

/**
 * The CSV rows of the predictions for X (with the header line when `header`): the `keep`
 * columns' cells (`kept`, one array per column), the label, with `proba` the probability of the
 * positive class (binary) or of each class (multiclass; binary too with `classProbabilities`),
 * and with `se` / `interval` the columns of {@link uncertaintyColumns}; `offset`, the rows'
 * offsets for a model fitted with one.
 */
function predictionText(
  model: FittedModel,
  X: FeatureMatrix,
  flags: Pick<PredictFlags, 'proba' | 'classProbabilities' | 'se' | 'interval'>,
  header: boolean,
  keep: readonly string[],
  kept: readonly (readonly string[])[],
  offset: Float64Array | undefined,
): string {
  const perClass = flags.classProbabilities;
  const proba = flags.proba || perClass;
  const uncertainty = uncertaintyColumns(model, X, flags, offset);
  const options = offset === undefined ? {} : { offset };
  const labels =
    model instanceof LogisticRegressionModel ? model.predict(X, options) : model.predict(X);
  // Binary: one probability column, or with perClass one per class; multiclass: one per class,
  // in `classes` order.
  const binary = model instanceof LogisticRegressionModel;
  const values = proba ? probabilityValues(model, X, perClass, options) : undefined;
  const k = binary && !perClass ? 1 : model.classes.length;
  const probabilityHeader =
    k === 1 ? 'probability' : model.classes.map((c) => csvField(`p(${String(c)})`)).join(',');
  const prefix = keep.map((name) => `${csvField(name)},`).join('');
  const lines: string[] = [];
  if (header) {
    lines.push(
      `${prefix}${proba ? `prediction,${probabilityHeader}` : 'prediction'}${uncertainty?.header ?? ''}\n`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    let text = '';
    for (const cells of kept) text += `${csvField(cells[i]!)},`;
    text += csvField(String(labels[i]));
    if (values !== undefined) {
      for (let j = 0; j < k; j++) text += `,${String(values[i * k + j])}`;
    }
    if (uncertainty !== undefined) {
      for (const column of uncertainty.columns) text += `,${String(column[i])}`;
    }
    lines.push(`${text}\n`);
  }
  return lines.join('');
}

/**
 * The probabilities, row-major: binary models P(positive) per row (`predictProba`), or with
 * `perClass` P(classes[0]), P(classes[1]) per row, the negative class's as σ(−z) from the score
 * z = w·x + b so that a small probability keeps its digits (1 − p would round it away);
 * multiclass models one per class.
 */
function probabilityValues(
  model: FittedModel,
  X: FeatureMatrix,
  perClass: boolean,
  options: PredictOptions,
): Float64Array {
  // predictProba is n × K in `classes` order for every model; a binary model's one column is
  // P(positive class).
  if (model instanceof LogisticRegressionModel) {
    return perClass ? model.predictProba(X, options).data : model.positiveProbability(X, options);
  }
  return model.predictProba(X).data;
}
