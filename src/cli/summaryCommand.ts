import type { FitReport } from '../model/fitReport.js';
import { INTERCEPT_NAME } from '../model/train.js';
import type { Label } from '../model/options.js';
import type { CategoricalEncoding } from '../node/designMatrix.js';
import { writeOut } from './io.js';
import type { CliIO } from './io.js';
import { readModelFile } from './modelFile.js';
import { alignDecimals, formatNumber, keyValueLines, shortest, textTable } from './textTable.js';

/** One row of the coefficient table. The inference issue adds standard errors and tests. */
export interface CoefficientRow {
  readonly name: string;
  readonly estimate: number;
}

/** What `summary --json` prints. */
export interface SummaryJson {
  /** `(Intercept)` first when the model has one, then the features in order. */
  readonly coefficients: readonly CoefficientRow[];
  readonly target: string;
  readonly classes: readonly Label[];
  readonly positiveClass: Label;
  readonly categorical: readonly Omit<CategoricalEncoding, 'kind'>[];
  readonly fitReport: Omit<FitReport, 'lossHistory'>;
}

/** `logreg summary <model>`: the coefficient table and the fit report, from the model file alone. */
export async function summaryCommand(
  io: CliIO,
  modelPath: string,
  flags: { readonly json: boolean },
): Promise<void> {
  const { file, model } = await readModelFile(modelPath);
  const report = model.fitReport;
  const coefficients: CoefficientRow[] = [
    ...(report.fitIntercept ? [{ name: INTERCEPT_NAME, estimate: model.intercept }] : []),
    ...model.featureNames.map((name, j) => ({ name, estimate: model.coefficients[j]! })),
  ];
  const categorical = file.features.flatMap((e) =>
    e.kind === 'categorical'
      ? [{ column: e.column, levels: e.levels, reference: e.reference }]
      : [],
  );
  if (flags.json) {
    // The loss history is long and belongs to plots (train --plot-loss), not to a summary.
    const rest: Omit<FitReport, 'lossHistory'> & { lossHistory?: unknown } = { ...report };
    delete rest.lossHistory;
    const json: SummaryJson = {
      coefficients,
      target: file.target,
      classes: model.classes,
      positiveClass: model.positiveClass,
      categorical,
      fitReport: rest,
    };
    await writeOut(io, `${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const estimates = alignDecimals(coefficients.map((c) => formatNumber(c.estimate, 7)));
  const table = textTable([
    ['', 'estimate'],
    ...coefficients.map((c, j) => [c.name, estimates[j]!]),
  ]);
  const classes = model.classes.map((c) => `"${String(c)}"`).join(', ');
  const fit: [string, string][] = [
    [
      'target',
      `${file.target}: P(${file.target} = "${String(model.positiveClass)}"), classes ${classes}`,
    ],
    ['training data', describeTraining(file.training)],
    [
      'penalty',
      report.penalty === 'l2'
        ? `L2, C = ${formatNumber(report.C ?? NaN)}`
        : report.penalty === 'none'
          ? 'none (maximum likelihood)'
          : report.penalty,
    ],
    ['standardized', report.standardize ? 'yes (coefficients in original units)' : 'no'],
    [
      'solver',
      `${report.solver}, ${report.iterations} iterations, ${report.converged ? 'converged' : 'NOT converged'} (${report.stopReason})`,
    ],
    ['objective', formatNumber(report.objective)],
    [
      'gradient norm',
      `${formatNumber(report.gradientNorm, 3)} (tolerance ${shortest(report.tolerance)})`,
    ],
    ['log loss', `${formatNumber(report.logLoss)} (training data)`],
    ['observations', String(report.nObservations)],
    ['features', String(report.nFeatures)],
  ];
  for (const c of categorical) {
    fit.push([
      `levels of ${c.column}`,
      `${c.levels.join(', ')}${c.reference === null ? '' : ` (reference ${c.reference})`}`,
    ]);
  }
  let text = `Coefficients (log-odds of ${file.target} = "${String(model.positiveClass)}")\n${table}\n\nFit\n${keyValueLines(fit)}\n`;
  if (report.warnings.length > 0)
    text += `\nWarnings\n${report.warnings.map((w) => `  ${w}`).join('\n')}\n`;
  await writeOut(io, text);
}

function describeTraining(training: {
  readonly file: string;
  readonly rows: number;
  readonly droppedRows: number;
}): string {
  const from = training.file === '' ? '' : `${training.file}, `;
  const dropped =
    training.droppedRows > 0 ? ` (${training.droppedRows} dropped for missing values)` : '';
  return `${from}${training.rows} rows${dropped}`;
}
