import { multiclassReport } from '../metrics/multiclassReport.js';
import type { MulticlassReport } from '../metrics/multiclassReport.js';
import type { Matrix } from '../linalg/matrix.js';
import type { FitReport } from '../options/fitReport.js';
import type { MultinomialLogisticRegressionModel } from '../model/multinomialModel.js';
import type { OneVsRestModel } from '../model/oneVsRestModel.js';
import type { Label } from '../options/trainOptions.js';
import { INTERCEPT_NAME } from '../model/train.js';
import type { Column, Table } from '../data/column.js';
import { indicatorOf } from '../data/targetLabels.js';
import type { ModelFile } from '../data/modelFile.js';
import type { MultinomialSummary } from '../inference/multinomialSummary.js';
import { multinomialInferenceText } from './multinomialInferenceText.js';
import { alignDecimals, formatNumber, keyValueLines, textTable } from './textTable.js';

/** A multiclass model of the library. */
export type MulticlassModel = MultinomialLogisticRegressionModel | OneVsRestModel;

/** What `evaluate --json` prints for a multiclass model. */
export interface MulticlassEvaluateJson extends MulticlassReport {
  readonly classes: readonly Label[];
}

/**
 * The index in `classes` of each row's label (the metrics' class coding).
 * @throws {DataFileError} a missing cell or a label the model does not know, naming its line.
 */
export function classIndices(
  table: Table,
  column: Column,
  rows: Uint32Array,
  classes: readonly Label[],
): Int32Array {
  const y = new Int32Array(rows.length);
  classes.forEach((c, k) => {
    const isClass = indicatorOf(table, column, rows, classes, c);
    for (let i = 0; i < rows.length; i++) if (isClass[i] === 1) y[i] = k;
  });
  return y;
}

/** The multiclass report (`multiclassReport`) as JSON or text, with the labelled confusion matrix. */
export function multiclassEvaluation(
  y: Int32Array,
  probabilities: Matrix,
  classes: readonly Label[],
  heading: string,
  json: boolean,
): string {
  const report = multiclassReport(y, probabilities);
  if (json) {
    const out: MulticlassEvaluateJson = { ...report, classes };
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const metrics: [string, string][] = [
    ['rows', String(report.n)],
    ['accuracy', formatNumber(report.accuracy, 4)],
    ['log loss', formatNumber(report.logLoss, 4)],
    ['macro precision', formatNumber(report.macroPrecision, 4)],
    ['macro recall', formatNumber(report.macroRecall, 4)],
    ['macro F1', formatNumber(report.macroF1, 4)],
    ['weighted precision', formatNumber(report.weightedPrecision, 4)],
    ['weighted recall', formatNumber(report.weightedRecall, 4)],
    ['weighted F1', formatNumber(report.weightedF1, 4)],
    [
      'ROC AUC (one-vs-rest)',
      report.macroRocAuc === null || report.weightedRocAuc === null
        ? 'undefined (a class is absent from the data)'
        : `macro ${formatNumber(report.macroRocAuc, 4)}, weighted ${formatNumber(report.weightedRocAuc, 4)}`,
    ],
  ];
  const names = classes.map(String);
  const confusion = textTable([
    ['actual \\ predicted', ...names],
    ...report.confusionMatrix.map((row, k) => [names[k]!, ...row.map((v) => formatNumber(v))]),
  ]);
  return `${heading}\n${keyValueLines(metrics)}\n\nConfusion matrix (rows: actual class)\n${confusion}\n`;
}

/** What `summary --json` prints for a multiclass model. */
export interface MulticlassSummaryJson {
  readonly kind: MulticlassModel['kind'];
  readonly target: string;
  readonly classes: readonly Label[];
  /** Per class: `(Intercept)` first when fitted, then the features. */
  readonly coefficients: readonly {
    readonly class: Label;
    readonly coefficients: readonly { readonly name: string; readonly estimate: number }[];
  }[];
  readonly notes: readonly string[];
  readonly fitReport: Omit<FitReport, 'lossHistory'>;
  /** With `--data` (multinomial models): standard errors against the reference class. */
  readonly inference?: MultinomialSummary;
}

const note =
  'multiclass fit: per-class coefficients only; a multinomial fit with --penalty none gets standard errors, p-values and intervals from summary --data <training file>';

/**
 * Per-class coefficient tables and the fit report; with `inference` (`summary --data` of a
 * multinomial model) also the standard errors against the reference class.
 */
export function multiclassSummary(
  file: ModelFile,
  model: MulticlassModel,
  json: boolean,
  inference?: MultinomialSummary,
): string {
  const report = model.fitReport;
  const perClass = model.classes.map((c, k) => ({
    class: c,
    coefficients: [
      ...(report.fitIntercept ? [{ name: INTERCEPT_NAME, estimate: model.intercepts[k]! }] : []),
      ...model.featureNames.map((name, j) => ({ name, estimate: model.coefficients[k]![j]! })),
    ],
  }));
  if (json) {
    const rest: Omit<FitReport, 'lossHistory'> & { lossHistory?: unknown } = { ...report };
    delete rest.lossHistory;
    const out: MulticlassSummaryJson = {
      kind: model.kind,
      target: file.target,
      classes: model.classes,
      coefficients: perClass,
      notes: inference === undefined ? [note] : [],
      fitReport: rest,
      ...(inference === undefined ? {} : { inference }),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const strategy =
    model.kind === 'multinomial'
      ? 'multinomial (softmax) logistic regression'
      : 'one-vs-rest logistic regressions';
  const tables = perClass.map(({ class: c, coefficients }) => {
    const estimates = alignDecimals(coefficients.map((e) => formatNumber(e.estimate, 7)));
    const table = textTable([
      ['', 'estimate'],
      ...coefficients.map((e, j) => [e.name, estimates[j]!]),
    ]);
    return `Class "${String(c)}"\n${table}`;
  });
  const fit: [string, string][] = [
    ['target', `${file.target}, ${model.classes.length} classes`],
    ['model', strategy],
    [
      'penalty',
      report.penalty === 'l2' ? `L2, C = ${formatNumber(report.C ?? NaN)}` : report.penalty,
    ],
    [
      'solver',
      `${report.solver}, ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'} (${report.stopReason})`,
    ],
    ['log loss', `${formatNumber(report.logLoss)} (training data)`],
    ['observations', String(report.nObservations)],
  ];
  let text =
    `Coefficients per class (${strategy})\n\n${tables.join('\n\n')}\n\n` +
    (inference === undefined ? '' : `${multinomialInferenceText(inference)}\n`) +
    `Fit\n${keyValueLines(fit)}\n${inference === undefined ? `Note: ${note}\n` : ''}`;
  if (report.warnings.length > 0)
    text += `\nWarnings\n${report.warnings.map((w) => `  ${w}`).join('\n')}\n`;
  return text;
}
