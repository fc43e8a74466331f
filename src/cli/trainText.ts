import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import { formatNumber, keyValueLines, shortest } from './textTable.js';
import type { TrainFlags } from './trainCommand.js';

/** `"no" 480, "yes" 520`: the training rows per class. */
function classCountsText(classes: readonly Label[], report: FitReport): string {
  return classes.map((c, k) => `"${String(c)}" ${report.classCounts?.[k] ?? '?'}`).join(', ');
}

/**
 * What `logreg train` prints without `--json`: the data, target, classes, penalty, solver and its
 * stopping reason, objective, training log loss and the files written, one `key  value` line each.
 */
export function trainText(
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
  if (flags.offset !== undefined) {
    rows.push(['offset', `${flags.offset} (coefficient 1; predict reads this column)`]);
  }
  if (flags.plotLoss !== undefined) rows.push(['loss curve', flags.plotLoss]);
  return `Trained a logistic regression\n${keyValueLines(rows)}\n`;
}
