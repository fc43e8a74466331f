import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { offsetColumn } from '../data/offsetColumn.js';
import { UsageError } from '../data/usageError.js';
import { buildDesignMatrix } from '../data/designMatrix.js';
import { formatOf } from '../node/readTable.js';
import { checkWritable, writeFileAtomicStreaming } from '../node/writeFileAtomic.js';
import { csvField } from './csvField.js';
import { writeOut } from './io.js';
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
import { levelFlag } from './flagParsers.js';
import { addReadOptions } from './sharedOptions.js';

/** The flags of `logreg predict`, parsed. */
export interface PredictFlags extends ReadFlags {
  readonly proba: boolean;
  readonly output?: string;
  /** Add the link, its standard error and the probability's (predict.glm se.fit). */
  readonly se: boolean;
  /** Add confidence intervals at this level on the link and probability scales. */
  readonly interval?: number;
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
        'positive class). The target column may be absent; extra columns are ignored.',
    )
    .argument('<model>', 'model file written by logreg train')
    .argument('<data>', 'data file: .csv, .tsv, .svm/.libsvm, optionally .gz');
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
const chunkRows = 8192;

/**
 * `logreg predict <model> <data>`: CSV with a `prediction` column (the library's `predict`) and,
 * with `--proba`, a `probability` column (`predictProba`, the probability of the positive class)
 * or, for a multiclass model, one column `p(<class>)` per class in the model's class order;
 * probabilities in JavaScript's shortest round-trip form, one row per data row. The target column may
 * be absent; other extra columns are ignored.
 */
export async function predictCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: PredictFlags,
): Promise<void> {
  if (flags.output !== undefined) await checkWritable(flags.output, [modelPath, dataFile]);
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  // Every format streams: rows go out in batches as they are read, in bounded memory, to stdout
  // or into the temporary file of --output (renamed over it once all rows are written).
  const stream = async (write: (text: string) => Promise<void>): Promise<void> => {
    let first = true;
    const emit = async (X: FeatureMatrix, offset?: Float64Array): Promise<void> => {
      const text = predictionText(model, X, flags, first, offset);
      first = false;
      await write(text);
    };
    // A model fitted with an offset reads it from the column it names.
    const offsetName = model instanceof LogisticRegressionModel ? model.offset : undefined;
    if ((flags.format ?? formatOf(dataFile)) === 'libsvm') {
      if (offsetName !== undefined) {
        throw new UsageError(
          `the model was fitted with the offset column "${offsetName}"; a LIBSVM file has no such column`,
        );
      }
      const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
      await loadLibsvmBatches(progress, dataFile, flags, chunkRows, minFeatures, (data) =>
        emit(libsvmDesignMatrix(data, file.features)),
      );
    } else {
      await loadTableBatches(io, progress, dataFile, flags, chunkRows, (table) =>
        emit(
          buildDesignMatrix(table, file.features),
          offsetName === undefined ? undefined : offsetColumn(table, offsetName),
        ),
      );
    }
  };
  if (flags.output === undefined) await stream((text) => writeOut(io, text));
  else await writeFileAtomicStreaming(flags.output, stream);
}

/**
 * The CSV rows of the predictions for X (with the header line when `header`): the label, with
 * `proba` the probability of the positive class (binary) or of each class (multiclass), and with
 * `se` / `interval` the columns of {@link uncertaintyColumns}; `offset`, the rows' offsets for a model
 * fitted with one.
 */
function predictionText(
  model: FittedModel,
  X: FeatureMatrix,
  flags: Pick<PredictFlags, 'proba' | 'se' | 'interval'>,
  header: boolean,
  offset: Float64Array | undefined,
): string {
  const { proba } = flags;
  const uncertainty = uncertaintyColumns(model, X, flags, offset);
  const options = offset === undefined ? undefined : { offset };
  const labels =
    model instanceof LogisticRegressionModel ? model.predict(X, options) : model.predict(X);
  // Binary: one probability column; multiclass: one column per class, in `classes` order.
  const binary = model instanceof LogisticRegressionModel;
  const probability = !proba
    ? undefined
    : model instanceof LogisticRegressionModel
      ? model.predictProba(X, options)
      : model.predictProba(X);
  const k = binary ? 1 : model.classes.length;
  const values =
    probability === undefined ? undefined : 'data' in probability ? probability.data : probability;
  const probabilityHeader = binary
    ? 'probability'
    : model.classes.map((c) => csvField(`p(${String(c)})`)).join(',');
  const lines: string[] = [];
  if (header) {
    lines.push(
      `${proba ? `prediction,${probabilityHeader}` : 'prediction'}${uncertainty?.header ?? ''}\n`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    let text = csvField(String(labels[i]));
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
