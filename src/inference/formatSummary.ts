import { formatOddsRatio, rExponential } from './formatOddsRatio.js';
import type { ModelSummary } from './summarize.js';

/** R's significance codes: `***` p < 0.001, `**` < 0.01, `*` < 0.05, `.` < 0.1. */
export function significanceStars(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : p < 0.1 ? '.' : '';
}

/** A statistic as R prints it: 6 significant digits, exponents as R writes them, NA for null. */
export function num(v: number | null, digits = 6): string {
  if (v === null) return 'NA';
  if (!Number.isFinite(v)) return v > 0 ? 'Inf' : v < 0 ? '-Inf' : 'NaN';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? rExponential(v, digits - 2) : v.toPrecision(digits);
}

/** A p-value as R prints it (`<2e-16` at the bottom). */
export function pValue(p: number | null): string {
  if (p === null) return 'NA';
  return p < 2e-16 ? '<2e-16' : p < 1e-4 ? rExponential(p, 2) : p.toPrecision(3);
}

/**
 * The summary as text, laid out like R's `summary(glm)`: the coefficient table with significance
 * stars, then deviances, AIC and the likelihood-ratio test.
 */
export function formatSummary(s: ModelSummary): string {
  const pct = `${+(s.level * 100).toFixed(4)}%`;
  const header = [
    '',
    'Estimate',
    'Std. Error',
    'z value',
    'Pr(>|z|)',
    '',
    `${s.ci === 'profile' ? 'profile ' : ''}${pct} CI lower`,
    'upper',
    'Odds ratio',
  ];
  const rows = s.coefficients.map((c) => [
    c.name,
    c.aliased ? 'NA' : num(c.estimate),
    num(c.stdError),
    c.z === null ? 'NA' : c.z.toFixed(3),
    pValue(c.pValue),
    significanceStars(c.pValue),
    num(c.ciLower),
    num(c.ciUpper),
    c.aliased ? 'NA' : formatOddsRatio(c.oddsRatio),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, j) => (j === 0 || j === 5 ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  const nAliased = s.coefficients.filter((c) => c.aliased).length;
  const title =
    nAliased === 0
      ? 'Coefficients:'
      : `Coefficients: (${nAliased} not defined because of singularities)`;
  const se = standardErrorsLine(s);
  const out: string[] = [
    ...(se === undefined ? [] : [se, '']),
    title,
    line(header),
    ...rows.map(line),
  ];
  if (s.coefficients.some((c) => c.pValue !== null)) {
    out.push('---', "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  }
  out.push('');
  if (s.offset !== undefined)
    out.push(`Offset: ${s.offset} (coefficient 1; the null model keeps it)`);
  out.push(`    Null deviance: ${s.nullDeviance.toFixed(2)}`);
  out.push(`Residual deviance: ${s.deviance.toFixed(2)}   (${s.nObservations} observations)`);
  out.push(
    `Log-likelihood: ${s.logLikelihood.toFixed(3)}   McFadden pseudo-R²: ${s.pseudoR2.toFixed(4)}`,
  );
  if (s.aic !== null && s.bic !== null)
    out.push(`AIC: ${s.aic.toFixed(2)}   BIC: ${s.bic.toFixed(2)}`);
  if (s.lrStatistic !== null && s.lrDf !== null) {
    out.push(
      `Likelihood-ratio test vs the null model: ${s.lrStatistic.toFixed(2)} on ${s.lrDf} df, p-value ${pValue(s.lrPValue)}`,
    );
  }
  out.push(`${s.converged ? 'Converged' : 'Did NOT converge'} in ${s.iterations} iterations`);
  for (const note of s.notes) out.push(`Note: ${note}`);
  return out.join('\n');
}

/**
 * Which covariance the standard errors come from, as lmtest's `coeftest` header says it; printed
 * when it is not the model-based one or when the model stores another.
 */
function standardErrorsLine(s: ModelSummary): string | undefined {
  const { type, cluster, stored } = s.standardErrors;
  if (type === 'model') {
    return stored.length > 1
      ? 'Standard errors: model-based (inverse Fisher information, as vcov(glm))'
      : undefined;
  }
  const T = type.toUpperCase();
  if (cluster === undefined) {
    return `Standard errors: ${T}, heteroskedasticity-consistent (as sandwich::vcovHC(type = "${T}"))`;
  }
  const by = cluster.name === undefined ? '' : ` by ${cluster.name}`;
  return `Standard errors: CR${type.slice(2)}, clustered${by} (${cluster.count} clusters; as sandwich::vcovCL(type = "${T}"))`;
}
