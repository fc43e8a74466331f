import { SeparationError } from '../errors.js';
import type { FitReport } from '../model/fitReport.js';
import { defaultTrainOptions } from '../model/options.js';
import type {
  Label,
  Penalty,
  SeparationPolicy,
  SolverName,
  TrainOptions,
} from '../model/options.js';
import { train } from '../model/train.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { lossCurveSvg } from '../plot/index.js';
import { fitWarnings } from './fitWarnings.js';
import { note, warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { loadTable } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, modelFileText } from './modelFile.js';
import type { ModelFile } from './modelFile.js';
import { Progress } from './progress.js';
import { formatNumber, keyValueLines } from './textTable.js';
import { prepareTrainingData } from './trainingData.js';
import type { TrainingDataFlags } from './trainingData.js';

/** The flags of `logreg train`, parsed. */
export interface TrainFlags extends ReadFlags, TrainingDataFlags {
  readonly model: string;
  // Library options: absent when not given, so that the library applies its defaults.
  readonly penalty?: Penalty;
  readonly C?: number;
  readonly solver?: SolverName;
  readonly learningRate?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  readonly standardize?: boolean;
  readonly classWeight?: 'balanced' | Record<string, number>;
  readonly onSeparation?: SeparationPolicy;
  readonly seed?: number;
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
  readonly warnings: readonly string[];
}

/**
 * `logreg train <data>`: reads the data, builds the design matrix, fits with the library's
 * `train`, writes the model file (atomically) and the loss curve, and reports the fit.
 */
export async function trainCommand(io: CliIO, dataFile: string, flags: TrainFlags): Promise<void> {
  await checkWritable(flags.model);
  if (flags.plotLoss !== undefined) await checkWritable(flags.plotLoss);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const table = await loadTable(io, progress, dataFile, flags);
  const data = prepareTrainingData(io, table, flags);
  const { target, rows, classes, positiveClass, sampleWeight } = data;

  // The solver the library will use, for the progress bar's length only.
  const solver =
    flags.solver ?? (flags.penalty === 'firth' ? 'newton' : defaultTrainOptions.solver);
  if (!flags.quiet) explainIgnoredFlags(io, flags, solver);
  const onIteration = progress.fitting(
    solver,
    flags.maxIterations ?? defaultTrainOptions.maxIterations[solver],
  );
  const options: TrainOptions = {
    ...pick(flags, ['penalty', 'C', 'solver', 'tolerance', 'maxIterations', 'learningRate']),
    ...pick(flags, ['standardize', 'onSeparation', 'classWeight']),
    fitIntercept: flags.intercept,
    featureNames: data.featureNames,
    positiveClass,
    ...(sampleWeight === undefined ? {} : { sampleWeight }),
    ...(onIteration === undefined ? {} : { onIteration }),
  };
  let model;
  try {
    model = train(data.X, data.labels, options);
  } catch (error) {
    if (error instanceof SeparationError) {
      throw new SeparationError(
        `${error.message}\nOn the command line: --penalty firth, or the default --penalty l2 ` +
          '(leave out --penalty none), or --on-separation warn to fit anyway.',
        error.kind,
        error.features,
      );
    }
    throw error;
  } finally {
    progress.stop();
  }
  const report = model.fitReport;
  const warnings = fitWarnings(report, flags);
  for (const message of warnings) warn(io, message);

  const file: ModelFile = {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    target,
    weights: flags.weights ?? null,
    dataFormat: table.format,
    features: data.encodings,
    training: { file: dataFile, rows: rows.length, droppedRows: table.rowCount - rows.length },
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
      warnings,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    await writeOut(io, trainText(dataFile, flags, report, target, positiveClass, classes));
  }
}

/** The entries of `flags` named in `keys` that are defined (exactOptionalPropertyTypes). */
function pick<K extends keyof TrainFlags>(
  flags: TrainFlags,
  keys: readonly K[],
): Partial<Pick<TrainFlags, K>> {
  const picked: Partial<Pick<TrainFlags, K>> = {};
  for (const key of keys) if (flags[key] !== undefined) picked[key] = flags[key];
  return picked;
}

function explainIgnoredFlags(io: CliIO, flags: TrainFlags, solver: SolverName): void {
  if (solver !== 'gd' && flags.learningRate !== undefined) {
    note(io, `--learning-rate applies to --solver gd only; ${solver} ignores it`);
  }
  if (flags.C !== undefined && flags.penalty !== undefined && flags.penalty !== 'l2') {
    note(
      io,
      `--C sets the strength of the L2 penalty; with --penalty ${flags.penalty} it is ignored`,
    );
  }
  if (flags.seed !== undefined) {
    note(
      io,
      `--seed ${flags.seed}: the ${solver} solver is deterministic, so the seed has no effect`,
    );
  }
}

function trainText(
  dataFile: string,
  flags: TrainFlags,
  report: FitReport,
  target: string,
  positiveClass: Label,
  classes: readonly Label[],
): string {
  const penalty =
    report.penalty === 'l2' ? `L2, C = ${formatNumber(report.C ?? NaN)}` : report.penalty;
  const rows: [string, string][] = [
    ['data', `${dataFile}: ${report.nObservations} rows, ${report.nFeatures} features`],
    [
      'target',
      `${target} (positive class "${String(positiveClass)}" of ${classes.map((c) => `"${String(c)}"`).join(', ')})`,
    ],
    ['penalty', penalty + (report.standardize ? ', standardized features' : '')],
    [
      'solver',
      `${report.solver}, ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'} (${report.stopReason})`,
    ],
    ['objective', formatNumber(report.objective)],
    ['log loss', `${formatNumber(report.logLoss)} (training data)`],
    ['model', flags.model],
  ];
  if (flags.plotLoss !== undefined) rows.push(['loss curve', flags.plotLoss]);
  return `Trained a logistic regression\n${keyValueLines(rows)}\n`;
}
