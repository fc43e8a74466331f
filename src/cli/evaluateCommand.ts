import { shownName } from '../node/openDataStream.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import {
  binaryReport,
  calibrationCurve,
  expectedCalibrationError,
  precisionRecallCurve,
  rocCurve,
} from '../metrics/index.js';
import type { BinaryReport } from '../metrics/index.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label } from '../options/trainOptions.js';
import { offsetColumn } from '../data/offsetColumn.js';
import { columnsByName, requireColumns } from '../data/designMatrix.js';
import { modelDesignMatrix, modelInputColumns } from '../data/modelInputs.js';
import { libsvmLabelColumn } from '../data/libsvmData.js';
import { indicatorOf } from '../data/targetLabels.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { calibrationSvg, precisionRecallSvg, rocCurveSvg } from '../plot/index.js';
import { note, writeOut } from './io.js';
import type { CliIO } from './io.js';
import { libsvmDesignMatrix, libsvmLabelTable } from '../data/libsvmData.js';
import { loadData } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from '../node/readModelFile.js';
import { classIndices, multiclassEvaluation } from './multiclassOutput.js';
import { Progress } from './progress.js';
import { selectRows } from '../data/selectRows.js';
import { formatNumber, keyValueLines, textTable } from './textTable.js';
import { UsageError } from '../data/usageError.js';
import { Option } from 'commander';
import type { Command } from 'commander';
import {
  addReadOptions,
  dropMissingOption,
  jsonOption,
  quietOption,
  dataFileArgument,
} from './sharedOptions.js';

/** Equal-width bins of the calibration curve and its expected calibration error. */
const calibrationBins = 10;

/** The flags of `logreg evaluate`, parsed. */
export interface EvaluateFlags extends ReadFlags {
  readonly target?: string;
  readonly json: boolean;
  readonly roc?: string;
  readonly pr?: string;
  readonly calibration?: string;
  readonly dropMissing: boolean;
}

/**
 * Adds `logreg evaluate <model> <data>`: its arguments and options.
 * Commander parses and checks the flags into `EvaluateFlags` and calls `evaluateCommand`.
 */
export function addEvaluateCommand(program: Command, io: CliIO): void {
  const evaluate = program
    .command('evaluate')
    .summary('score a model file on labelled data')
    .description(
      "Score a model on labelled data at the model's threshold (0.5 unless train " +
        '--tune-threshold stored one): accuracy, balanced accuracy, precision, recall, F1, ' +
        'log loss, ROC AUC, average precision, Brier score, expected calibration error ' +
        '(10 equal-width bins) and the confusion matrix.',
    )
    .argument('<model>', 'model file written by logreg train')
    .argument('<data>', dataFileArgument);
  addReadOptions(evaluate);
  evaluate
    .addOption(
      new Option(
        '-t, --target <column>',
        "the column of true labels (default: the model's target column)",
      ),
    )
    .addOption(
      new Option('--roc <file.svg>', 'write the ROC curve with its AUC as SVG (default: none)'),
    )
    .addOption(
      new Option(
        '--pr <file.svg>',
        'write the precision-recall curve with its average precision as SVG (default: none)',
      ),
    )
    .addOption(
      new Option(
        '--calibration <file.svg>',
        'write the calibration curve (10 equal-width bins) with its ECE as SVG (default: none)',
      ),
    )
    .addOption(dropMissingOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .action(async (model: string, data: string, flags: EvaluateFlags) =>
      evaluateCommand(io, model, data, flags),
    );
}

/** What `evaluate --json` prints. */
export interface EvaluateJson {
  readonly n: number;
  readonly threshold: number;
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  readonly rocAuc: number;
  readonly averagePrecision: number;
  readonly brierScore: number;
  /** Expected calibration error over 10 equal-width bins. */
  readonly expectedCalibrationError: number;
  readonly confusionMatrix: BinaryReport['confusionMatrix'];
  readonly positiveClass: Label;
}

/**
 * `logreg evaluate <model> <data>`: the model's probabilities on the data against its target
 * column, scored by the metrics module's `binaryReport` at the model's threshold (0.5 unless
 * `train --tune-threshold` stored one) and `expectedCalibrationError`, with the ROC,
 * precision-recall and calibration curves as SVG on request.
 */
export async function evaluateCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: EvaluateFlags,
): Promise<void> {
  for (const plot of [flags.roc, flags.pr, flags.calibration]) {
    if (plot !== undefined) await checkWritable(plot, [modelPath, dataFile]);
  }
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
  const loaded = await loadData(io, progress, dataFile, flags, minFeatures);
  // LIBSVM: the labels as a one-column table; the features stay in the CSR matrix.
  const table = loaded.kind === 'libsvm' ? libsvmLabelTable(loaded.libsvm) : loaded.table;
  const target = flags.target ?? (table.format === 'libsvm' ? libsvmLabelColumn : file.target);
  const features = loaded.kind === 'libsvm' ? [] : modelInputColumns(file);
  // A model fitted with an offset reads it from the column it names.
  const offsetName = model instanceof LogisticRegressionModel ? model.offset : undefined;
  if (offsetName !== undefined && loaded.kind === 'libsvm') {
    throw new UsageError(
      `the model was fitted with the offset column "${offsetName}"; a LIBSVM file has no such column`,
    );
  }
  const offsets = offsetName === undefined ? [] : [offsetName];
  requireColumns(table, [target, ...features, ...offsets]);

  const used = [target, ...features, ...offsets];
  const rows = selectRows((message) => note(io, message), table, used, flags);
  const design = (): FeatureMatrix =>
    loaded.kind === 'libsvm'
      ? libsvmDesignMatrix(loaded.libsvm, file.features)
      : modelDesignMatrix(file, table, rows);
  if (!(model instanceof LogisticRegressionModel)) {
    const given = (
      [
        [flags.roc, '--roc'],
        [flags.pr, '--pr'],
        [flags.calibration, '--calibration'],
      ] as const
    )
      .filter(([path]) => path !== undefined)
      .map(([, flag]) => flag);
    if (given.length > 0) {
      throw new UsageError(`${given.join(', ')}: the curves are for two-class models`);
    }
    const column = columnsByName(table).get(target)!;
    const y = classIndices(table, column, rows, model.classes);
    const P = model.predictProba(design());
    const heading = `Evaluation of ${modelPath} on ${shownName(dataFile)} (target ${target}, ${model.classes.length} classes, predicted class: the most probable)`;
    await writeOut(io, multiclassEvaluation(y, P, model.classes, heading, flags.json));
    return;
  }

  const y = indicatorOf(
    table,
    columnsByName(table).get(target)!,
    rows,
    model.classes,
    model.positiveClass,
  );
  const probability = model.positiveProbability(
    design(),
    offsetName === undefined ? undefined : { offset: offsetColumn(table, offsetName, rows) },
  );
  const threshold = model.threshold ?? 0.5;
  const report = binaryReport(y, probability, { threshold });
  const ece = expectedCalibrationError(y, probability, { bins: calibrationBins });
  const what = `${target} = ${String(model.positiveClass)}`;
  if (flags.roc !== undefined) {
    const svg = rocCurveSvg(rocCurve(y, probability), report.rocAuc, {
      title: `ROC curve: ${what}`,
    });
    await writeFileAtomic(flags.roc, svg);
  }
  if (flags.pr !== undefined) {
    const svg = precisionRecallSvg(precisionRecallCurve(y, probability), report.averagePrecision, {
      title: `Precision-recall curve: ${what}`,
      prevalence: prevalence(report.confusionMatrix),
    });
    await writeFileAtomic(flags.pr, svg);
  }
  if (flags.calibration !== undefined) {
    const curve = calibrationCurve(y, probability, { bins: calibrationBins });
    const svg = calibrationSvg(curve, { title: `Calibration: ${what}`, ece });
    await writeFileAtomic(flags.calibration, svg);
  }

  if (flags.json) {
    const json: EvaluateJson = {
      n: report.n,
      threshold,
      accuracy: report.accuracy,
      balancedAccuracy: report.balancedAccuracy,
      precision: report.precision,
      recall: report.recall,
      f1: report.f1,
      logLoss: report.logLoss,
      rocAuc: report.rocAuc,
      averagePrecision: report.averagePrecision,
      brierScore: report.brierScore,
      expectedCalibrationError: ece,
      confusionMatrix: report.confusionMatrix,
      positiveClass: model.positiveClass,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const [negative, positive] = [String(model.negativeClass), String(model.positiveClass)];
  const [[tn, fp], [fn, tp]] = report.confusionMatrix;
  const metrics: [string, string][] = [
    ['rows', String(report.n)],
    ['accuracy', formatNumber(report.accuracy, 4)],
    ['balanced accuracy', formatNumber(report.balancedAccuracy, 4)],
    ['precision', formatNumber(report.precision, 4)],
    ['recall', formatNumber(report.recall, 4)],
    ['F1', formatNumber(report.f1, 4)],
    ['log loss', formatNumber(report.logLoss, 4)],
    ['ROC AUC', formatNumber(report.rocAuc, 4)],
    ['average precision', formatNumber(report.averagePrecision, 4)],
    ['Brier score', formatNumber(report.brierScore, 4)],
    ['calibration error', `${formatNumber(ece, 4)} (ECE, ${calibrationBins} bins)`],
  ];
  if (flags.roc !== undefined) metrics.push(['ROC curve', flags.roc]);
  if (flags.pr !== undefined) metrics.push(['PR curve', flags.pr]);
  if (flags.calibration !== undefined) metrics.push(['calibration curve', flags.calibration]);
  const confusion = textTable([
    ['', `predicted ${negative}`, `predicted ${positive}`],
    [`actual ${negative}`, String(tn), String(fp)],
    [`actual ${positive}`, String(fn), String(tp)],
  ]);
  await writeOut(
    io,
    `Evaluation of ${modelPath} on ${shownName(dataFile)} (target ${target}, positive class "${positive}", threshold ${formatNumber(threshold)}${model.threshold === undefined ? '' : ' (tuned)'})\n` +
      `${keyValueLines(metrics)}\n\nConfusion matrix\n${confusion}\n`,
  );
}

/** The share of positive rows: (fn + tp) / total of `[[tn, fp], [fn, tp]]`. */
function prevalence([[tn, fp], [fn, tp]]: BinaryReport['confusionMatrix']): number {
  return (fn + tp) / (tn + fp + fn + tp);
}
