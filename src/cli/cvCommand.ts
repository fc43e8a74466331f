import { chooseC } from '../selection/chooseC.js';
import type { ChooseCResult, ChooseCScoring } from '../selection/chooseC.js';
import { chooseCMulticlass, multiclassChooseCScorings } from '../selection/chooseCMulticlass.js';
import type {
  MulticlassChooseCResult,
  MulticlassChooseCScoring,
} from '../selection/chooseCMulticlass.js';
import { crossValidateMulticlass } from '../selection/crossValidateMulticlass.js';
import type {
  MulticlassCrossValidationResult,
  MulticlassCvMetricName,
} from '../selection/crossValidateMulticlass.js';
import { crossValidate } from '../selection/crossValidate.js';
import type { CrossValidationResult } from '../selection/crossValidate.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { cvCurveSvg } from '../plot/index.js';
import { note, warn, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { loadTrainingData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { MODEL_FILE_FORMAT, MODEL_FILE_VERSION, modelFileText } from '../data/modelFile.js';
import type { ModelFile } from '../data/modelFile.js';
import { explainIgnoredFlags, planOf, trainOptionsOf } from './modelOptionFlags.js';
import type { ModelOptionFlags } from './modelOptionFlags.js';
import { Progress } from './progress.js';
import { formatNumber, keyValueLines, shortest, textTable } from './textTable.js';
import type { TrainingDataFlags } from '../data/trainingData.js';
import { checkGridSize } from './gridLimit.js';
import { UsageError } from '../data/usageError.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import { chooseCScorings, defaultChooseCOptions } from '../selection/chooseC.js';
import { defaultCrossValidateOptions } from '../selection/crossValidate.js';
import { csFlag, limitFlag, numberFlag } from './flagParsers.js';
import { defaultMaxGrid } from './gridLimit.js';
import {
  addModelOptions,
  addReadOptions,
  addTrainingDataOptions,
  dropMissingOption,
  jsonOption,
  quietOption,
  withoutLibraryDefaults,
  dataFileArgument,
} from './sharedOptions.js';

/** The flags of `logreg cv`, parsed. */
export interface CvFlags extends ReadFlags, TrainingDataFlags, ModelOptionFlags {
  readonly folds: number;
  /** Seed of the fold assignment (and of the sgd shuffles). */
  readonly seed: number;
  /** False (`--no-shuffle`): folds in file order within each class, as scikit-learn's StratifiedKFold. */
  readonly shuffle: boolean;
  /** A count of log-spaced values or the values of C: choose C instead of scoring one fit. */
  readonly Cs?: number | readonly number[];
  /** `--max-grid`: the most values `--Cs` may give (see `checkGridSize`). */
  readonly maxGrid?: number;
  readonly scoring: ChooseCScoring;
  readonly oneSe: boolean;
  readonly plotCv?: string;
  readonly model?: string;
  readonly json: boolean;
}

/**
 * Adds `logreg cv <data>`: its argument and options (the model options' defaults are the library's, as for train).
 * Commander parses and checks the flags into `CvFlags` and calls `cvCommand`.
 */
export function addCvCommand(program: Command, io: CliIO): void {
  const cv = program
    .command('cv')
    .summary('cross-validate the train options, or choose C with --Cs')
    .description(
      'Stratified k-fold cross-validation: fit on k − 1 folds with the train options, score the ' +
        "held-out fold, and print each metric's mean and standard deviation over folds (each " +
        'fold too with --json). With --Cs, choose the L2 strength C instead: fit the grid with warm ' +
        'starts in every fold, score by the cross-validated --scoring, pick the best mean (or with ' +
        '--one-se the smallest C within one standard error), print the curve, and refit on all ' +
        'rows (--model writes that model). A target of more than two classes gets the multinomial ' +
        'model, and --Cs scores it by log loss, accuracy, macro F1 or one-vs-rest macro ROC AUC.',
    )
    .argument('<data>', dataFileArgument);
  addReadOptions(cv);
  addTrainingDataOptions(cv);
  addModelOptions(cv);
  cv.addOption(
    new Option('--folds <k>', 'number of stratified folds, ≥ 2')
      .argParser(numberFlag(2, { inclusive: true, integer: true }))
      .default(defaultCrossValidateOptions.folds),
  )
    .addOption(
      new Option('--seed <n>', 'seed of the fold assignment (and of --solver sgd)')
        .argParser(numberFlag(0, { inclusive: true, integer: true }))
        .default(defaultCrossValidateOptions.seed),
    )
    .addOption(
      new Option(
        '--no-shuffle',
        "keep each class's rows in file order when dealing them to folds, so that the folds equal scikit-learn's StratifiedKFold(shuffle=False) (default: shuffled by --seed)",
      ),
    )
    .addOption(
      new Option(
        '--Cs <grid>',
        'choose C: a count of values log-spaced over [1e-4, 1e4] (such as 10) or values such as 0.01,0.1,1,10 (default: none, cross-validate --C)',
      ).argParser(csFlag),
    )
    .addOption(
      new Option(
        '--max-grid <n>',
        'the most values of C that --Cs may give (each is one fit per fold); more is a usage error',
      )
        .argParser(limitFlag(2 ** 31 - 1))
        .default(defaultMaxGrid),
    )
    .addOption(
      new Option('--scoring <metric>', 'the cross-validated score that chooses C with --Cs')
        .choices([...chooseCScorings])
        .default(defaultChooseCOptions.scoring),
    )
    .addOption(
      new Option(
        '--one-se',
        'with --Cs: the smallest C whose mean score is within one standard error of the best (cv.glmnet lambda.1se)',
      ).default(defaultChooseCOptions.oneStandardError),
    )
    .addOption(
      new Option('--plot-cv <file.svg>', 'with --Cs: write the score curve as SVG (default: none)'),
    )
    .addOption(
      new Option(
        '-m, --model <file>',
        'with --Cs: write the model refitted on all rows at the chosen C (default: none)',
      ),
    )
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (data: string, flags: CvFlags, command: Command) =>
      // --seed of cv also seeds the folds: it keeps its default.
      cvCommand(io, data, { ...withoutLibraryDefaults(command, flags), seed: flags.seed }),
    );
}

/** Metric names as printed. */
const metricLabels: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  balancedAccuracy: 'balanced accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1',
  logLoss: 'log loss',
  rocAuc: 'ROC AUC',
  averagePrecision: 'average precision',
  brierScore: 'Brier score',
};

/**
 * `logreg cv <data>`: stratified k-fold cross-validation of the train options (the library's
 * `crossValidate`: each metric's mean and standard deviation over folds); with `--Cs`, the choice
 * of C along a warm-started grid by a cross-validated score (`chooseC`), its curve, and the model
 * refitted on all rows at the chosen C.
 */
export async function cvCommand(io: CliIO, dataFile: string, flags: CvFlags): Promise<void> {
  checkGridSize(flags.Cs, flags.maxGrid);
  const choosing = flags.Cs !== undefined;
  if (!choosing) {
    const stray = (
      [
        ['plotCv', '--plot-cv'],
        ['model', '--model'],
      ] as const
    ).filter(([key]) => flags[key] !== undefined);
    if (stray.length > 0) {
      throw new UsageError(
        `${stray.map(([, f]) => f).join(' and ')} ${stray.length === 1 ? 'needs' : 'need'} --Cs (choosing C)`,
      );
    }
  } else if (flags.C !== undefined) {
    throw new UsageError('give --C or --Cs, not both: --Cs chooses C by cross-validation');
  }
  for (const path of [flags.plotCv, flags.model]) {
    if (path !== undefined) await checkWritable(path, [dataFile]);
  }
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const { data, format, rowCount } = await loadTrainingData(io, progress, dataFile, flags);
  const multiclass = data.classes.length > 2;
  if (multiclass && choosing && !isMulticlassScoring(flags.scoring)) {
    throw new UsageError(
      `--scoring ${flags.scoring} is for two classes; the target column "${data.target}" has ${data.classes.length} classes (use ${multiclassChooseCScorings.join(', ')})`,
    );
  }
  // A formula says whether there is an intercept ("- 1", "+ 0").
  const trainOptions = trainOptionsOf(
    data.formula === undefined ? flags : { ...flags, intercept: data.formula.intercept },
    data,
  );
  if (!flags.quiet) {
    explainIgnoredFlags(io, flags, planOf(trainOptions, data).solver, { seedIsSgdOnly: false });
  }
  const folds = { folds: flags.folds, seed: flags.seed, shuffle: flags.shuffle };

  if (multiclass && !choosing) {
    const cv = crossValidateMulticlass(
      data.X,
      data.labels,
      { ...trainOptions, multiClass: 'multinomial' },
      folds,
    );
    for (const message of cv.warnings) warn(io, message);
    await writeOut(
      io,
      flags.json
        ? multiclassCvJson(cv, flags)
        : multiclassCvText(cv, dataFile, flags, data.classes.length),
    );
    return;
  }

  if (!choosing) {
    const cv = crossValidate(data.X, data.labels, trainOptions, folds);
    for (const message of cv.warnings) warn(io, message);
    await writeOut(io, flags.json ? cvJson(cv, flags) : cvText(cv, dataFile, flags));
    return;
  }
  const grid = { ...folds, Cs: flags.Cs as number | number[], oneStandardError: flags.oneSe };
  const choice: Choice = multiclass
    ? chooseCMulticlass(
        data.X,
        data.labels,
        { ...trainOptions, multiClass: 'multinomial' },
        { ...grid, scoring: flags.scoring as MulticlassChooseCScoring },
      )
    : chooseC(data.X, data.labels, trainOptions, { ...grid, scoring: flags.scoring });
  for (const message of choice.warnings) warn(io, message);
  if (flags.plotCv !== undefined) {
    const svg = cvCurveSvg({
      Cs: choice.Cs,
      mean: choice.mean,
      std: choice.std,
      best: choice.bestC,
      metric: metricLabel(choice.metric, multiclass),
    });
    await writeFileAtomic(flags.plotCv, svg);
  }
  if (flags.model !== undefined) {
    const file: ModelFile = {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      target: data.target,
      weights: flags.weights ?? null,
      dataFormat: format,
      features: data.encodings,
      ...(data.formula === undefined ? {} : { formula: data.formula }),
      training: {
        file: dataFile,
        rows: data.rows.length,
        droppedRows: rowCount - data.rows.length,
      },
      model: choice.model.toJSON(),
    };
    await writeFileAtomic(flags.model, modelFileText(file));
  } else if (!flags.quiet) {
    note(io, `add --model <file> to write the model refitted at C = ${shortest(choice.bestC)}`);
  }
  await writeOut(
    io,
    flags.json
      ? chooseCJson(choice, flags, multiclass)
      : chooseCText(choice, dataFile, flags, multiclass),
  );
}

/** How rows were dealt to folds: shuffled by the seed, or in file order (`--no-shuffle`). */
function foldOrder(flags: CvFlags): string {
  return flags.shuffle ? `seed ${flags.seed}` : 'not shuffled';
}

/** `cv --json`: per metric mean and std, and each fold's values. */
function cvJson(cv: CrossValidationResult, flags: CvFlags): string {
  const json = {
    folds: flags.folds,
    seed: flags.seed,
    shuffle: flags.shuffle,
    mean: cv.mean,
    std: cv.std,
    perFold: cv.folds,
    warnings: cv.warnings,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** `cv --json` of a multiclass target. */
function multiclassCvJson(cv: MulticlassCrossValidationResult, flags: CvFlags): string {
  const json = {
    folds: flags.folds,
    seed: flags.seed,
    shuffle: flags.shuffle,
    model: 'multinomial',
    mean: cv.mean,
    std: cv.std,
    perFold: cv.folds,
    warnings: cv.warnings,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** `cv` of a multiclass target: the multinomial model's metrics over the folds. */
function multiclassCvText(
  cv: MulticlassCrossValidationResult,
  dataFile: string,
  flags: CvFlags,
  classCount: number,
): string {
  const labels: Record<MulticlassCvMetricName, string> = {
    accuracy: 'accuracy',
    logLoss: 'log loss',
    macroF1: 'macro F1',
    weightedF1: 'weighted F1',
    macroRocAuc: 'ROC AUC (one-vs-rest, macro)',
    weightedRocAuc: 'ROC AUC (one-vs-rest, weighted)',
  };
  const rows = cv.metrics.map((m) => [
    labels[m],
    formatNumber(cv.mean[m], 4),
    formatNumber(cv.std[m], 4),
  ]);
  return (
    `Cross-validation of ${dataFile} (${classCount} classes, multinomial model): ${flags.folds} stratified folds, ${foldOrder(flags)} ` +
    `(mean and population standard deviation over folds; predicted class: the most probable)\n` +
    `${textTable([['metric', 'mean', 'std'], ...rows])}\n`
  );
}

function cvText(cv: CrossValidationResult, dataFile: string, flags: CvFlags): string {
  const rows = cv.metrics.map((m) => [
    metricLabels[m] ?? m,
    formatNumber(cv.mean[m], 4),
    formatNumber(cv.std[m], 4),
  ]);
  return (
    `Cross-validation of ${dataFile}: ${flags.folds} stratified folds, ${foldOrder(flags)} ` +
    `(mean and population standard deviation over folds; label metrics at threshold 0.5)\n` +
    `${textTable([['metric', 'mean', 'std'], ...rows])}\n`
  );
}

/** The choice of C of a two-class or (multinomial) multiclass model: the same fields. */
type Choice = ChooseCResult | MulticlassChooseCResult;

function isMulticlassScoring(scoring: string): scoring is MulticlassChooseCScoring {
  return (multiclassChooseCScorings as readonly string[]).includes(scoring);
}

/** A metric's printed name; on more than two classes F1 and ROC AUC are the macro averages. */
function metricLabel(metric: string, multiclass: boolean): string {
  if (multiclass && metric === 'f1') return 'macro F1';
  if (multiclass && metric === 'rocAuc') return 'ROC AUC (one-vs-rest, macro)';
  return metricLabels[metric] ?? metric;
}

/** `cv --Cs --json`: the score curve, the chosen C and where the model went. */
function chooseCJson(choice: Choice, flags: CvFlags, multiclass: boolean): string {
  const json = {
    ...(multiclass ? { multiClass: 'multinomial' } : {}),
    folds: flags.folds,
    seed: flags.seed,
    shuffle: flags.shuffle,
    scoring: choice.metric,
    oneStandardError: choice.oneStandardError,
    Cs: choice.Cs,
    mean: choice.mean,
    std: choice.std,
    standardError: choice.standardError,
    perFold: choice.perFold,
    bestC: choice.bestC,
    bestIndex: choice.bestIndex,
    bestMeanIndex: choice.bestMeanIndex,
    model: flags.model ?? null,
    warnings: choice.warnings,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function chooseCText(
  choice: Choice,
  dataFile: string,
  flags: CvFlags,
  multiclass: boolean,
): string {
  const metric = metricLabel(choice.metric, multiclass);
  const rows = choice.Cs.map((C, i) => [
    shortest(C),
    formatNumber(choice.mean[i]!, 4),
    formatNumber(choice.std[i]!, 4),
    formatNumber(choice.standardError[i]!, 4),
    i === choice.bestIndex ? '← chosen' : i === choice.bestMeanIndex ? 'best mean' : '',
  ]);
  const rule = choice.oneStandardError
    ? 'the smallest C within one standard error of the best mean'
    : `the best mean ${metric}`;
  const result: [string, string][] = [
    ['chosen C', `${shortest(choice.bestC)} (${rule})`],
    [`mean ${metric}`, formatNumber(choice.mean[choice.bestIndex]!, 4)],
  ];
  if (flags.model !== undefined) result.push(['model', `${flags.model} (refitted on all rows)`]);
  if (flags.plotCv !== undefined) result.push(['CV curve', flags.plotCv]);
  return (
    `Choosing C for ${dataFile}${multiclass ? ` (${choice.model.classes.length} classes, multinomial model)` : ''} by ${flags.folds}-fold cross-validated ${metric} (${foldOrder(flags)})\n` +
    `${textTable([['C', `mean ${metric}`, 'std', 'std. error', ''], ...rows])}\n\n${keyValueLines(result)}\n`
  );
}
