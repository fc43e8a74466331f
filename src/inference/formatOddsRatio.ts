/** Odds ratios beyond these print as `<1e-300` and `>1e+300`: exp underflows to 0 and overflows to Inf near them. */
const smallest = 1e-300;
const largest = 1e300;

/**
 * An odds ratio exp(β) for a summary table, as R's `format(x, digits = 6)` writes a number: six
 * significant digits, scientific notation (`6.8142e-06`, `1.1326e+26`) below 1e-4 and from 1e6 on,
 * and `<1e-300` / `>1e+300` where exp(β) has under- or overflowed (to 0 or Inf, which say nothing
 * about β; the estimate column still shows it).
 */
export function formatOddsRatio(value: number | null): string {
  if (value === null) return 'NA';
  if (Number.isNaN(value)) return 'NaN';
  if (value < smallest) return '<1e-300';
  if (value > largest) return '>1e+300';
  if (value >= 1e-4 && value < 1e6) return value.toPrecision(6);
  const [mantissa, exponent] = rExponential(value, 5).split('e') as [string, string];
  return `${mantissa.replace(/\.?0+$/, '')}e${exponent}`;
}

/**
 * `value.toExponential(digits)` with R's exponent of at least two digits and its sign
 * (`2.76e-09`, `1.13e+26`), as R's `format` and `format.pval` print them.
 */
export function rExponential(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
}
