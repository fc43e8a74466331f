import { num, pValue, significanceStars } from '../inference/formatSummary.js';
import type { MultinomialSummary } from '../inference/multinomialSummary.js';

/**
 * `summary --data` of a multinomial model: one coefficient table per class against the reference
 * class, as statsmodels' `MNLogit` summary (estimates, standard errors, z, p-values with R's
 * significance stars, Wald intervals), then the likelihoods and the likelihood-ratio test.
 */
export function multinomialInferenceText(s: MultinomialSummary): string {
  const pct = `${+(s.level * 100).toFixed(4)}%`;
  const header = [
    '',
    'Estimate',
    'Std. Error',
    'z value',
    'Pr(>|z|)',
    '',
    `${pct} CI lower`,
    'upper',
  ];
  const blocks = s.classes.map((c) => {
    const rows = c.coefficients.map((r) => [
      r.name,
      num(r.estimate),
      num(r.stdError),
      r.z === null ? 'NA' : r.z.toFixed(3),
      pValue(r.pValue),
      significanceStars(r.pValue),
      num(r.ciLower),
      num(r.ciUpper),
    ]);
    const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
    const line = (cells: string[]): string =>
      cells
        .map((cell, j) => (j === 0 || j === 5 ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
        .join('  ')
        .trimEnd();
    return [
      `Class "${String(c.class)}" against "${String(s.reference)}":`,
      line(header),
      ...rows.map(line),
    ].join('\n');
  });
  return [
    `Standard errors of the maximum-likelihood fit, against the reference class "${String(s.reference)}" (as statsmodels MNLogit)`,
    '',
    blocks.join('\n\n'),
    '---',
    "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
    '',
    `Log-likelihood: ${s.logLikelihood.toFixed(3)}   null: ${s.nullLogLikelihood.toFixed(3)}   (${s.nObservations} observations)`,
    `AIC: ${s.aic.toFixed(2)}   BIC: ${s.bic.toFixed(2)}`,
    `Likelihood-ratio test vs the intercept-only model: ${s.lrStatistic.toFixed(2)} on ${s.lrDf} df, p-value ${pValue(s.lrPValue)}`,
    '',
  ].join('\n');
}
