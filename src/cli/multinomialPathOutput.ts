import type { MultinomialPath } from '../model/multinomialPath.js';
import { formatNumber, textTable } from './textTable.js';

/**
 * Per C, each feature's Euclidean norm over its K class coefficients, ‖(w₁ⱼ, …, w_Kⱼ)‖: what
 * `logreg path` prints and plots for a target of more than two classes (one line per feature;
 * 0 exactly where the L1 penalty has dropped the feature from every class).
 */
export function featureNorms(path: MultinomialPath): Float64Array[] {
  const K = path.classes.length;
  const p = path.featureNames.length;
  return path.coefficients.map((w) =>
    Float64Array.from({ length: p }, (_, j) => {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += w[k * p + j] * w[k * p + j];
      return Math.sqrt(sum);
    }),
  );
}

/** `path --json` of a multiclass target: per C the K × p coefficients and the K intercepts. */
export function multinomialPathJson(path: MultinomialPath): string {
  const p = path.featureNames.length;
  const json = {
    model: 'multinomial',
    Cs: path.Cs,
    l1Ratio: path.l1Ratio,
    classes: path.classes,
    featureNames: path.featureNames,
    coefficients: path.coefficients.map((w) =>
      path.classes.map((_, k) => Array.from(w.subarray(k * p, (k + 1) * p))),
    ),
    intercepts: path.intercepts.map((b) => Array.from(b)),
    objectives: path.objectives,
    nonZero: path.nonZero,
    iterations: path.iterations,
    converged: path.converged,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** `path` of a multiclass target as text: per C the objective and each feature's norm over classes. */
export function multinomialPathText(
  path: MultinomialPath,
  dataFile: string,
  penalty: string,
  plot: string | undefined,
): string {
  const norms = featureNorms(path);
  const shown = path.featureNames.slice(0, 6);
  const more = path.featureNames.length > 6;
  const header = [
    'C',
    'nonzero',
    'objective',
    ...shown.map((f) => `‖${f}‖`),
    ...(more ? ['…'] : []),
  ];
  const rows = path.Cs.map((C, i) => [
    formatNumber(C, 4),
    String(path.nonZero[i]),
    formatNumber(path.objectives[i]!, 6),
    ...shown.map((_, j) => formatNumber(norms[i]![j]!, 4)),
    ...(more ? [''] : []),
  ]);
  const notConverged = path.converged.filter((c) => !c).length;
  return (
    `Regularization path of ${dataFile} (${path.classes.length} classes, multinomial model): penalty ${penalty}` +
    (penalty === 'elasticnet' ? ` (l1Ratio ${path.l1Ratio})` : '') +
    `, ${path.Cs.length} values of C, warm-started\n` +
    `(per feature: the norm of its ${path.classes.length} class coefficients in original units; nonzero: features in some class; --json has every coefficient)\n` +
    `${textTable([header, ...rows])}\n` +
    (notConverged > 0 ? `warning: ${notConverged} fit(s) did not converge\n` : '') +
    (plot === undefined ? '' : `coefficient norm paths written to ${plot}\n`)
  );
}
