import { shownName } from '../node/openDataStream.js';
import { SeparationError } from '../errors.js';
import type { MulticlassTrainOptions, SolverName } from '../options/trainOptions.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { train } from '../model/train.js';
import type { MultiClassStrategy } from '../options/trainOptions.js';
import { tuneThreshold } from '../model/tuneThreshold.js';
import type { ThresholdTuning } from '../model/tuneThreshold.js';
import { checkWritable } from '../node/writeFileAtomic.js';
import { classesFlag, withLineNumbers } from './classChecks.js';
import { fitWarnings } from './fitWarnings.js';
import { warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { loadTrainingData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION } from '../data/modelFile.js';
import type { ModelFile } from '../data/modelFile.js';
import { explainIgnoredFlags, planOf, trainOptionsOf } from './modelOptionFlags.js';
import type { ModelOptionFlags } from './modelOptionFlags.js';
import { Progress } from './progress.js';
import { trainText } from './trainText.js';
import { trainJsonOf, writeTrainFiles } from './trainOutput.js';
import { trainDbCommand } from './trainDbCommand.js';
import type { DbFlags } from './trainDbCommand.js';

import { streamOptions } from './streamFlags.js';
import type { StreamFlags } from './streamFlags.js';
import { streamTrainCommand } from './streamTrainCommand.js';
import { UsageError } from '../data/usageError.js';
import type { TrainingDataFlags } from '../data/trainingData.js';
import { covarianceOf, robustTrainLine, seFlagChoices } from './robustFlags.js';
import type { RobustFlags } from './robustFlags.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { levelFlag, numberFlag, recallFlag } from './flagParsers.js';
import {
  addModelOptions,
  addReadOptions,
  addTrainingDataOptions,
  dropMissingOption,
  jsonOption,
  withoutLibraryDefaults,
  dataFileArgument,
} from './sharedOptions.js';

/** The flags of `logreg train`, parsed. */
export interface TrainFlags
  extends ReadFlags, TrainingDataFlags, ModelOptionFlags, RobustFlags, StreamFlags {
  readonly model: string;
  /** `profile` also stores profile-likelihood intervals at `--level` (for `summary --ci profile`). */
  readonly ci: 'wald' | 'profile';
  readonly level: number;
  readonly tuneThreshold?: ThresholdTuning['criterion'];
  readonly targetRecall?: number;
  /** With more than two classes: one softmax model, or one binary model per class. */
  readonly multiClass: MultiClassStrategy;
  readonly plotLoss?: string;
  readonly json: boolean;
}

/**
 * Adds `logreg train <data>`: its argument and options (the model options' defaults are the library's `defaultTrainOptions`, which `--help` shows and train leaves to the library unless given).
 * Commander parses and checks the flags into `TrainFlags` and calls `trainCommand`.
 */
export function addTrainCommand(program: Command, io: CliIO): void {
  const train = program
    .command('train')
    .summary('fit a model to a data file and write the model file')
    .description(
      'Fit a logistic regression to a data file and write the model file (atomically): binary ' +
        'for two classes, multinomial (or --multi-class ovr) for more.\n\n' +
        'The features are every column except the target and the weights, unless --features or ' +
        '--exclude says otherwise. A column of text (more than 5% of its cells not numbers) is ' +
        'categorical: one 0/1 feature "column=level" per level except the first in sorted order ' +
        '(the reference); a column of numbers with a few other cells is an error naming them. ' +
        'Missing values (empty, NA, NaN, N/A, null, #N/A, ?, any case, and --na-values) are errors ' +
        'unless --drop-missing.',
    )
    .argument('[data]', `${dataFileArgument} (or --db)`);
  addReadOptions(train);
  addTrainingDataOptions(train);
  addModelOptions(train);
  train
    .addOption(new Option('-m, --model <file>', 'where to write the model').default('model.json'))
    .addOption(
      new Option(
        '--ci <method>',
        'confidence intervals for summary: wald, or profile to also compute and store profile-likelihood intervals at --level',
      )
        .choices(['wald', 'profile'])
        .default('wald'),
    )
    .addOption(
      new Option('--level <number>', 'confidence level of --ci profile, in (0, 1)')
        .argParser(levelFlag)
        .default(0.95),
    )
    .addOption(
      new Option(
        '--se <type>',
        'also compute and store robust standard errors (with --penalty none): hc0, hc1, hc2, hc3 as sandwich::vcovHC, or robust (= hc1, as Stata); summary shows them (default: none)',
      ).choices([...seFlagChoices]),
    )
    .addOption(
      new Option(
        '--cluster <column>',
        'also compute and store cluster-robust standard errors, clustered by this column (with --penalty none): CR1 as sandwich::vcovCL(type = "HC1") and Stata, or CR0 with --se hc0 (default: none)',
      ),
    )
    .addOption(
      new Option(
        '--offset <column>',
        "a column of known score terms, added to w·x + b with coefficient 1 (as R's glm(offset = )); the model file names it, and predict, evaluate and drop1 read it from their data (not with --kernel wasm or more than two classes; default: none)",
      ),
    )
    .addOption(
      new Option(
        '--classes <labels>',
        'the expected labels of the target, comma-separated (CSV quoting): any other label, or a listed one that is absent, is an error (default: any)',
      ).argParser(classesFlag),
    )
    .addOption(
      new Option(
        '--multi-class <strategy>',
        'with more than two classes: multinomial (one softmax model) or ovr (one-vs-rest)',
      )
        .choices(['multinomial', 'ovr'])
        .default('multinomial'),
    )
    .addOption(
      new Option(
        '--tune-threshold <criterion>',
        'store the decision threshold that maximizes f1 or youden (J = TPR − FPR), or the highest reaching --target-recall, tuned on the training data; predict and evaluate use it (default: none, P > 0.5)',
      ).choices(['f1', 'youden', 'recall']),
    )
    .addOption(
      new Option(
        '--target-recall <number>',
        'the recall that --tune-threshold recall must reach, in (0, 1] (default: none)',
      ).argParser(recallFlag),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the row shuffles of --solver sgd')
        .argParser(numberFlag(0, { inclusive: true, integer: true }))
        .default(0),
    )
    .addOption(dropMissingOption())
    .addOption(
      new Option(
        '--db <url>',
        'fit inside a SQL engine instead of on a data file: duckdb: (in memory), duckdb:<file.duckdb>, postgres://…, clickhouse://host:port/db; with --table or --query, --target and --features (rows with a NULL are left out; default: none, a data file)',
      ),
    )
    .addOption(new Option('--table <name>', 'with --db: the table to fit on (default: none)'))
    .addOption(
      new Option(
        '--query <select>',
        "with --db: a SELECT whose rows to fit on (e.g. read_parquet('x.parquet') in DuckDB; default: none)",
      ),
    );
  for (const option of streamOptions()) train.addOption(option);
  train
    .addOption(new Option('--plot-loss <file.svg>', 'write the loss curve as SVG (default: none)'))
    .addOption(jsonOption())
    .addOption(
      new Option(
        '-q, --quiet',
        'no progress bar and no advice; notes on what changed the data (rows dropped, columns made categorical, header fields renamed) and warnings still print',
      ).default(false),
    )
    .action(async (data: string | undefined, flags: TrainFlags & DbFlags, command: Command) => {
      const given = withoutLibraryDefaults(command, flags);
      if (flags.db !== undefined) {
        if (data !== undefined) throw new UsageError(`train: give a data file or --db, not both`);
        if (flags.formula !== undefined) {
          throw new UsageError(
            '--formula reads a data file; with --db give --target and --features',
          );
        }
        return trainDbCommand(io, given);
      }
      if (data === undefined) throw new UsageError('train: name a data file (or --db <url>)');
      return trainCommand(io, data, given);
    });
}

/** What `train --json` prints. */
export interface TrainJson {
  readonly model: string;
  readonly solver: SolverName;
  readonly iterations: number;
  readonly converged: boolean;
  readonly objective: number;
  readonly trainLogLoss: number;
  readonly nObservations: number;
  readonly nFeatures: number;
  /** Training rows per class label (in the model's class order). */
  readonly classCounts: Readonly<Record<string, number>>;
  /** The tuned decision threshold, or null (P > 0.5). */
  readonly threshold: number | null;
  readonly warnings: readonly string[];
}

/**
 * `logreg train <data>`: reads the data, builds the design matrix, fits with the library's
 * `train`, writes the model file (atomically) and the loss curve, and reports the fit.
 */
export async function trainCommand(io: CliIO, dataFile: string, flags: TrainFlags): Promise<void> {
  checkThresholdFlags(flags);
  if (flags.formula !== undefined && flags.memoryLimit !== undefined) {
    throw new UsageError('--formula builds the design in memory; leave out --memory-limit');
  }
  if (flags.memoryLimit !== undefined) {
    await streamTrainCommand(io, dataFile, { ...flags, memoryLimit: flags.memoryLimit });
    return;
  }
  if (flags.cache !== undefined) throw new UsageError('--cache goes with --memory-limit');
  if (flags.progress === true) throw new UsageError('--progress goes with --memory-limit');
  await checkWritable(flags.model, [dataFile]);
  if (flags.plotLoss !== undefined) await checkWritable(flags.plotLoss, [dataFile, flags.model]);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const { data, format, rowCount } = await loadTrainingData(io, progress, dataFile, flags);
  const { target, rows, classes, positiveClass, sampleWeight } = data;

  const multiclass = classes.length > 2;
  const covariance = covarianceOf(flags, data.cluster);
  if (flags.offset !== undefined && data.offset === undefined) {
    throw new UsageError('--offset names a column of a CSV or TSV file; a LIBSVM file has none');
  }
  if (flags.offset !== undefined && flags.tuneThreshold !== undefined) {
    throw new UsageError(
      '--tune-threshold does not take --offset: the threshold is tuned on scores without one',
    );
  }
  const fitOptions: MulticlassTrainOptions = {
    // A formula says whether there is an intercept ("- 1", "+ 0").
    ...trainOptionsOf(
      data.formula === undefined ? flags : { ...flags, intercept: data.formula.intercept },
      data,
    ),
    ...(data.offset === undefined || flags.offset === undefined
      ? {}
      : { offset: data.offset, offsetName: flags.offset }),
    ...(covariance === undefined ? {} : { covariance }),
    ...(flags.ci === 'profile' ? { profileConfidenceLevel: flags.level } : {}),
    ...(data.declaredClasses === undefined ? {} : { classes: data.declaredClasses }),
    ...(multiclass ? { multiClass: flags.multiClass } : {}),
  };
  // The library's own plan names the solver and its iteration cap.
  const plan = planOf(fitOptions, data);
  if (!flags.quiet) explainIgnoredFlags(io, flags, plan.solver);
  const onIteration = progress.fitting(plan.solver, plan.maxIterations);
  const options = { ...fitOptions, ...(onIteration === undefined ? {} : { onIteration }) };
  if (multiclass && covariance !== undefined) {
    throw new UsageError(
      `--se and --cluster apply to two classes; the target column "${target}" has ${classes.length}`,
    );
  }
  if (multiclass && flags.tuneThreshold !== undefined) {
    throw new UsageError(
      `--tune-threshold applies to two classes; the target column "${target}" has ${classes.length}`,
    );
  }
  let model: FittedModel;
  try {
    model = train(data.X, data.labels, options);
  } catch (error) {
    if (error instanceof SeparationError) {
      const firth =
        multiclass && flags.multiClass === 'multinomial'
          ? '--multi-class ovr --penalty firth'
          : '--penalty firth';
      throw new SeparationError(
        `${error.message}\nOn the command line: ${firth}, or the default --penalty l2 ` +
          '(leave out --penalty none), or --on-separation warn to fit anyway.',
        error.kind,
        error.features,
        error.classes,
      );
    }
    throw error;
  } finally {
    progress.stop();
  }
  if (flags.tuneThreshold !== undefined && model instanceof LogisticRegressionModel) {
    model = tuneThreshold(model, data.X, data.labels, {
      criterion: flags.tuneThreshold,
      ...(flags.targetRecall === undefined ? {} : { targetRecall: flags.targetRecall }),
      ...(sampleWeight === undefined ? {} : { sampleWeight }),
    });
  }
  const report = model.fitReport;
  const warnings = withLineNumbers(
    fitWarnings(report, flags),
    data.labels,
    model.classes,
    data.lines,
  );
  for (const message of warnings) warn(io, message);

  const file: ModelFile = {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    target,
    weights: flags.weights ?? null,
    dataFormat: format,
    features: data.encodings,
    ...(data.formula === undefined ? {} : { formula: data.formula }),
    training: { file: shownName(dataFile), rows: rows.length, droppedRows: rowCount - rows.length },
    model: model.toJSON(),
  };
  await writeTrainFiles(flags, file, report);

  if (flags.json) {
    const json: TrainJson = {
      ...trainJsonOf(flags.model, model.classes, report, warnings, thresholdOf(model) ?? null),
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    await writeOut(
      io,
      trainText(
        model,
        shownName(dataFile),
        flags,
        report,
        target,
        positiveClass,
        classes,
        thresholdOf(model),
        model instanceof LogisticRegressionModel && model.inference?.robust !== undefined
          ? robustTrainLine(covariance)
          : undefined,
      ),
    );
  }
}

function thresholdOf(model: FittedModel): number | undefined {
  return model instanceof LogisticRegressionModel ? model.threshold : undefined;
}

/** `--target-recall` goes with, and only with, `--tune-threshold recall`. */
export function checkThresholdFlags(flags: {
  readonly tuneThreshold?: string;
  readonly targetRecall?: number;
}): void {
  if (flags.tuneThreshold === 'recall' && flags.targetRecall === undefined) {
    throw new UsageError('--tune-threshold recall needs --target-recall <r>, such as 0.9');
  }
  if (flags.tuneThreshold !== 'recall' && flags.targetRecall !== undefined) {
    throw new UsageError('--target-recall goes with --tune-threshold recall');
  }
}
