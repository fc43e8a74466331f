import { num, pValue, significanceStars } from './formatSummary.js';
import type { MarginalEffects } from './marginalEffects.js';

/**
 * Average marginal effects as a table, laid out as statsmodels' `get_margeff().summary()`:
 * dy/dx, standard error, z, p-value with significance stars and the interval, one row per
 * feature (discrete changes marked `(d)`, as Stata does).
 */
export function formatMarginalEffects(e: MarginalEffects): string {
  const pct = `${+(e.level * 100).toFixed(4)}%`;
  const header = ['', 'dy/dx', 'Std. Error', 'z value', 'Pr(>|z|)', '', `${pct} CI lower`, 'upper'];
  const rows = e.effects.map((x) => [
    x.discrete ? `${x.feature} (d)` : x.feature,
    num(x.effect),
    num(x.stdError),
    x.z === null ? 'NA' : x.z.toFixed(3),
    pValue(x.pValue),
    significanceStars(x.pValue),
    num(x.ciLower),
    num(x.ciUpper),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, j) => (j === 0 || j === 5 ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
      .join('  ')
      .trimEnd();
  const out = [
    `Average marginal effects on P(positive) over ${e.nObservations} rows (delta-method standard errors; as statsmodels get_margeff(at='overall'))`,
    line(header),
    ...rows.map(line),
  ];
  if (e.effects.some((x) => x.discrete))
    out.push('(d): discrete change of the 0/1 feature from 0 to 1');
  if (e.note !== undefined) out.push(`Note: ${e.note}`);
  return out.join('\n');
}
