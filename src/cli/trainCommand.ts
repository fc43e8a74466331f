import { SeparationError } from '../errors.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label, MulticlassTrainOptions, SolverName } from '../options/trainOptions.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { train } from '../model/train.js';
import type { MultiClassStrategy } from '../options/trainOptions.js';
import { tuneThreshold } from '../model/tuneThreshold.js';
import type { ThresholdTuning } from '../model/tuneThreshold.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { lossCurveSvg } from '../plot/index.js';
import { withLineNumbers } from './classChecks.js';
import { fitWarnings } from './fitWarnings.js';
import { warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { loadTrainingData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, modelFileText } from './modelFile.js';
import type { ModelFile } from './modelFile.js';
import { explainIgnoredFlags, planOf, trainOptionsOf } from './modelOptionFlags.js';
import type { ModelOptionFlags } from './modelOptionFlags.js';
import { Progress } from './progress.js';
import { formatNumber, keyValueLines, shortest } from './textTable.js';
import { UsageError } from './usageError.js';
import type { TrainingDataFlags } from './trainingData.js';
import { covarianceOf, robustTrainLine } from './robustFlags.js';
import type { RobustFlags } from './robustFlags.js';

/** The flags of `logreg train`, parsed. */
export interface TrainFlags extends ReadFlags, TrainingDataFlags, ModelOptionFlags, RobustFlags {
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
  await checkWritable(flags.model, [dataFile]);
  if (flags.plotLoss !== undefined) await checkWritable(flags.plotLoss, [dataFile, flags.model]);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const { data, format, rowCount } = await loadTrainingData(io, progress, dataFile, flags);
  const { target, rows, classes, positiveClass, sampleWeight } = data;

  const multiclass = classes.length > 2;
  const covariance = covarianceOf(flags, data.cluster);
  const fitOptions: MulticlassTrainOptions = {
    ...trainOptionsOf(flags, data),
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
    training: { file: dataFile, rows: rows.length, droppedRows: rowCount - rows.length },
    model: model.toJSON(),
  };
  if (flags.plotLoss !== undefined) {
    await writeFileAtomic(
      flags.plotLoss,
      lossCurveSvg(report.lossHistory, { title: `Loss curve (${report.solver})` }),
    );
  }
  await writeFileAtomic(flags.model, modelFileText(file));

  if (flags.json) {
    const json: TrainJson = {
      model: flags.model,
      solver: report.solver,
      iterations: report.iterations,
      converged: report.converged,
      objective: report.objective,
      trainLogLoss: report.logLoss,
      nObservations: report.nObservations,
      nFeatures: report.nFeatures,
      classCounts: Object.fromEntries(
        model.classes.map((c, k) => [String(c), report.classCounts?.[k] ?? 0]),
      ),
      threshold: thresholdOf(model) ?? null,
      warnings,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    await writeOut(
      io,
      trainText(
        model,
        dataFile,
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

/** `"no" 480, "yes" 520`: the training rows per class. */
function classCountsText(classes: readonly Label[], report: FitReport): string {
  return classes.map((c, k) => `"${String(c)}" ${report.classCounts?.[k] ?? '?'}`).join(', ');
}

function trainText(
  model: FittedModel,
  dataFile: string,
  flags: TrainFlags,
  report: FitReport,
  target: string,
  positiveClass: Label | undefined,
  classes: readonly Label[],
  threshold: number | undefined,
  robust: string | undefined,
): string {
  const name =
    report.penalty === 'elasticnet'
      ? `elastic net (l1Ratio ${formatNumber(report.l1Ratio ?? NaN)})`
      : report.penalty === 'l1' || report.penalty === 'l2'
        ? report.penalty.toUpperCase()
        : report.penalty;
  const penalty = report.C === null ? name : `${name}, C = ${formatNumber(report.C)}`;
  const rows: [string, string][] = [
    ['data', `${dataFile}: ${report.nObservations} rows, ${report.nFeatures} features`],
    [
      'target',
      positiveClass === undefined
        ? `${target}: ${classes.length} classes, ${flags.multiClass === 'ovr' ? 'one-vs-rest' : 'multinomial'}`
        : `${target} (positive class "${String(positiveClass)}" of ${classes.map((c) => `"${String(c)}"`).join(', ')})`,
    ],
    ['classes', classCountsText(model.classes, report)],
    ['penalty', penalty + (report.standardize ? ', standardized features' : '')],
    [
      'solver',
      `${report.solver}, ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'} (${report.stopReason})`,
    ],
    ['objective', formatNumber(report.objective)],
    ['log loss', `${formatNumber(report.logLoss)} (training data)`],
    ['model', flags.model],
  ];
  if (threshold !== undefined) {
    rows.push([
      'threshold',
      `${formatNumber(threshold)} (--tune-threshold ${flags.tuneThreshold ?? ''} on the training data)`,
    ]);
  }
  if (flags.ci === 'profile') {
    rows.push([
      'profile CI',
      `${shortest(flags.level)} level intervals stored (summary --ci profile)`,
    ]);
  }
  if (robust !== undefined) rows.push(['robust SE', robust]);
  if (flags.plotLoss !== undefined) rows.push(['loss curve', flags.plotLoss]);
  return `Trained a logistic regression\n${keyValueLines(rows)}\n`;
}
