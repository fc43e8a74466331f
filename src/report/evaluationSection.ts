import {
  binaryReport,
  calibrationCurve,
  expectedCalibrationError,
  multiclassReport,
  precisionRecallCurve,
  rocCurve,
} from '../metrics/index.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { calibrationSvg } from '../plot/calibrationSvg.js';
import { precisionRecallSvg } from '../plot/precisionRecallSvg.js';
import { rocCurveSvg } from '../plot/rocCurveSvg.js';
import { cell, escapeHtml, factList, figure, htmlTable } from './htmlParts.js';
import type { ReportData } from './htmlReport.js';

/** Equal-width bins of the calibration curve and its expected calibration error, as `evaluate`. */
const calibrationBins = 10;

/**
 * The evaluation part of `htmlReport`: rows used and dropped, the count of each class, the
 * metrics (`binaryReport` at the model's threshold, 0.5 unless tuned, with the expected
 * calibration error; or `multiclassReport`), the confusion matrix, and for binary models the ROC,
 * precision–recall and calibration curves.
 */
export function evaluationSection(model: FittedModel, data: ReportData): string {
  const n = data.y.length;
  const counts = model.classes.map(() => 0);
  const binary = model instanceof LogisticRegressionModel;
  const classOfRow = (i: number): number =>
    binary
      ? data.y[i] === 1
        ? model.classes.indexOf(model.positiveClass)
        : model.classes.indexOf(model.negativeClass)
      : data.y[i];
  for (let i = 0; i < n; i++) counts[classOfRow(i)]++;
  const names = model.classes.map((c) => escapeHtml(String(c)));
  const countTable = htmlTable(
    'Rows of each class',
    ['class', 'rows', 'share'],
    names.map((name, k) => [name, String(counts[k]), `${cell((100 * counts[k]) / n, 3)} %`]),
    'class-counts',
  );
  const parts = [
    '<section id="evaluation">',
    `<h2>Evaluation on ${escapeHtml(data.source)}</h2>`,
    factList([
      ['rows used', String(n)],
      ['rows dropped', String(data.droppedRows ?? 0)],
    ]),
    countTable,
  ];
  if (!(model instanceof LogisticRegressionModel)) {
    const report = multiclassReport(data.y, model.predictProba(data.X));
    parts.push(
      factList([
        ['accuracy', cell(report.accuracy)],
        ['log loss', cell(report.logLoss)],
        ['macro precision', cell(report.macroPrecision)],
        ['macro recall', cell(report.macroRecall)],
        ['macro F1', cell(report.macroF1)],
        ['weighted F1', cell(report.weightedF1)],
      ]),
      confusionTable(names, report.confusionMatrix, 'the most probable class'),
      '<p class="note">ROC, precision–recall and calibration curves are drawn for two-class models.</p>',
      '</section>',
    );
    return parts.join('\n');
  }
  const p = model.positiveProbability(data.X);
  const threshold = model.threshold ?? 0.5;
  const report = binaryReport(data.y, p, { threshold });
  const ece = expectedCalibrationError(data.y, p, { bins: calibrationBins });
  const [[tn, fp], [fn, tp]] = report.confusionMatrix;
  const negative = escapeHtml(String(model.negativeClass));
  const positive = escapeHtml(String(model.positiveClass));
  parts.push(
    factList([
      ['accuracy', cell(report.accuracy)],
      ['balanced accuracy', cell(report.balancedAccuracy)],
      ['precision', cell(report.precision)],
      ['recall', cell(report.recall)],
      ['F1', cell(report.f1)],
      ['log loss', cell(report.logLoss)],
      ['ROC AUC', cell(report.rocAuc)],
      ['average precision', cell(report.averagePrecision)],
      ['Brier score', cell(report.brierScore)],
      [`calibration error (ECE, ${calibrationBins} bins)`, cell(ece)],
    ]),
    confusionTable(
      [negative, positive],
      [
        [tn, fp],
        [fn, tp],
      ],
      `P(${String(model.positiveClass)}) ≥ ${cell(threshold)}${model.threshold === undefined ? '' : ' (tuned)'}`,
    ),
  );
  const what = escapeHtml(String(model.positiveClass));
  const prevalence = (fn + tp) / Math.max(1, tn + fp + fn + tp);
  parts.push(
    '<div class="charts">',
    figure(
      'roc',
      rocCurveSvg(rocCurve(data.y, p), report.rocAuc, {
        title: `ROC curve: ${String(model.positiveClass)}`,
      }),
      `True against false positive rate over all thresholds, positive class ${what}.`,
    ),
    figure(
      'pr',
      precisionRecallSvg(precisionRecallCurve(data.y, p), report.averagePrecision, {
        title: `Precision–recall: ${String(model.positiveClass)}`,
        prevalence,
      }),
      'Precision against recall over all thresholds; the dashed line is a model that guesses.',
    ),
    figure(
      'calibration',
      calibrationSvg(calibrationCurve(data.y, p, { bins: calibrationBins }), {
        title: 'Calibration',
        ece,
      }),
      `Observed share of ${what} against the mean predicted probability, in ${calibrationBins} equal-width bins.`,
    ),
    '</div>',
    '</section>',
  );
  return parts.join('\n');
}

/** The confusion matrix, rows the true class, columns the predicted one. */
function confusionTable(
  names: readonly string[],
  matrix: readonly (readonly number[])[],
  rule: string,
): string {
  return htmlTable(
    `Confusion matrix (rows: actual, columns: predicted; predicted class: ${rule})`,
    ['actual \\ predicted', ...names],
    names.map((name, k) => [name, ...matrix[k].map((v) => String(v))]),
    'confusion',
  );
}
