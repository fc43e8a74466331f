import { binaryReport, rocCurve } from '../metrics/index.js';
import type { BinaryReport } from '../metrics/index.js';
import type { Label } from '../model/options.js';
import { buildDesignMatrix, columnsByName, requireColumns } from '../node/designMatrix.js';
import { libsvmLabelColumn } from '../node/readLibsvm.js';
import { indicatorOf } from '../node/targetLabels.js';
import { checkWritable, writeFileAtomic } from '../node/writeFileAtomic.js';
import { rocCurveSvg } from '../plot/index.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { loadTable } from './loadTable.js';
import type { ReadFlags } from './loadTable.js';
import { readModelFile } from './modelFile.js';
import { Progress } from './progress.js';
import { selectRows } from './selectRows.js';
import { formatNumber, keyValueLines, textTable } from './textTable.js';

/** The flags of `logreg evaluate`, parsed. */
export interface EvaluateFlags extends ReadFlags {
  readonly target?: string;
  readonly json: boolean;
  readonly roc?: string;
  readonly dropMissing: boolean;
}

/** What `evaluate --json` prints. */
export interface EvaluateJson {
  readonly n: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  readonly rocAuc: number;
  readonly brierScore: number;
  readonly confusionMatrix: BinaryReport['confusionMatrix'];
  readonly positiveClass: Label;
}

/**
 * `logreg evaluate <model> <data>`: the model's probabilities on the data against its target
 * column, scored by the metrics module's `binaryReport` (threshold 0.5), and the ROC curve.
 */
export async function evaluateCommand(
  io: CliIO,
  modelPath: string,
  dataFile: string,
  flags: EvaluateFlags,
): Promise<void> {
  if (flags.roc !== undefined) await checkWritable(flags.roc);
  const { file, model } = await readModelFile(modelPath);
  const progress = new Progress(io, io.stderr.isTTY === true && !flags.quiet);
  const minFeatures = file.dataFormat === 'libsvm' ? file.features.length : undefined;
  const table = await loadTable(io, progress, dataFile, flags, minFeatures);
  const target = flags.target ?? (table.format === 'libsvm' ? libsvmLabelColumn : file.target);
  const features = file.features.map((encoding) => encoding.column);
  requireColumns(table, [target, ...features]);

  const used = [target, ...features];
  const rows = selectRows(io, table, used, flags);

  const y = indicatorOf(
    table,
    columnsByName(table).get(target)!,
    rows,
    model.classes,
    model.positiveClass,
  );
  const probability = model.predictProba(buildDesignMatrix(table, file.features, rows));
  const report = binaryReport(y, probability);
  if (flags.roc !== undefined) {
    const svg = rocCurveSvg(rocCurve(y, probability), report.rocAuc, {
      title: `ROC curve: ${target} = ${String(model.positiveClass)}`,
    });
    await writeFileAtomic(flags.roc, svg);
  }

  if (flags.json) {
    const json: EvaluateJson = {
      n: report.n,
      accuracy: report.accuracy,
      precision: report.precision,
      recall: report.recall,
      f1: report.f1,
      logLoss: report.logLoss,
      rocAuc: report.rocAuc,
      brierScore: report.brierScore,
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
    ['precision', formatNumber(report.precision, 4)],
    ['recall', formatNumber(report.recall, 4)],
    ['F1', formatNumber(report.f1, 4)],
    ['log loss', formatNumber(report.logLoss, 4)],
    ['ROC AUC', formatNumber(report.rocAuc, 4)],
    ['Brier score', formatNumber(report.brierScore, 4)],
  ];
  if (flags.roc !== undefined) metrics.push(['ROC curve', flags.roc]);
  const confusion = textTable([
    ['', `predicted ${negative}`, `predicted ${positive}`],
    [`actual ${negative}`, String(tn), String(fp)],
    [`actual ${positive}`, String(fn), String(tp)],
  ]);
  await writeOut(
    io,
    `Evaluation of ${modelPath} on ${dataFile} (target ${target}, positive class "${positive}", threshold 0.5)\n` +
      `${keyValueLines(metrics)}\n\nConfusion matrix\n${confusion}\n`,
  );
}
