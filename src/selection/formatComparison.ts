import { significanceStars } from '../inference/formatSummary.js';
import type { ModelComparison } from './compareModels.js';

/**
 * A {@link ModelComparison} as text, laid out like R's `anova(small, big, test = "LRT")` with
 * AIC and BIC columns added.
 *
 * @param labels - how to name the two models (file names, formulas); default `small`, `big`.
 */
export function formatComparison(
  c: ModelComparison,
  labels: readonly [string, string] = ['small', 'big'],
): string {
  const header = ['', 'Resid. Df', 'Resid. Dev', 'Df', 'Deviance', 'Pr(>Chi)', '', 'AIC', 'BIC'];
  const p = c.pValue < 2.2e-16 ? '< 2.2e-16' : c.pValue.toPrecision(4);
  const rows = [
    [
      '1',
      String(c.small.residualDf),
      dev(c.small.deviance),
      '',
      '',
      '',
      '',
      dev(c.small.aic),
      dev(c.small.bic),
    ],
    [
      '2',
      String(c.big.residualDf),
      dev(c.big.deviance),
      String(c.df),
      c.lrStatistic.toPrecision(5),
      p,
      significanceStars(c.pValue),
      dev(c.big.aic),
      dev(c.big.bic),
    ],
  ];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, j) => (j === 6 ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  const out = [
    'Analysis of Deviance Table (likelihood-ratio test)',
    '',
    `Model 1: ${labels[0]}`,
    `Model 2: ${labels[1]} (adds ${c.addedFeatures.join(', ') || 'the intercept'})`,
    line(header),
    ...rows.map(line),
    '---',
    "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
    '',
    `AIC difference (2 − 1): ${signed(c.aicDifference)}   BIC difference (2 − 1): ${signed(c.bicDifference)}`,
  ];
  for (const note of c.notes) out.push(`Note: ${note}`);
  return out.join('\n');
}

function dev(v: number): string {
  return v.toFixed(2);
}

function signed(v: number): string {
  return `${v > 0 ? '+' : ''}${v.toFixed(3)}`;
}
