/** U+2212, the typographic minus: the same width as `+` and the digits, unlike the hyphen. */
const MINUS = '\u2212';

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

function withMinus(text: string): string {
  return text.replace(/-/g, MINUS);
}

/** `2.50e+7` → `2.5e7`: mantissa without trailing zeros, exponent without `+`. */
function compactExponential(text: string): string {
  const [mantissa = '', exponent = '0'] = text.split('e');
  return `${String(Number(mantissa))}e${String(Number(exponent))}`;
}

/**
 * A number for a label (`C = 0.01`, `final = 0.0123`), with `significantDigits` significant
 * digits and no trailing zeros: plain decimals for magnitudes in [1e-4, 1e6), otherwise
 * `1.5e−7`. Negative numbers use the typographic minus U+2212; non-finite values read `n/a`,
 * `∞` or `−∞`, so a label never says `NaN`.
 *
 * @example
 * formatNumber(0.012345); // '0.0123'
 * formatNumber(1e-7); // '1e−7'
 * formatNumber(NaN); // 'n/a'
 */
export function formatNumber(value: number, significantDigits = 3): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return `${MINUS}∞`;
  if (value === 0) return '0';
  const digits = Math.min(21, Math.max(1, Math.round(significantDigits)));
  const magnitude = Math.abs(value);
  const text =
    magnitude >= 1e-4 && magnitude < 1e6
      ? String(Number(value.toPrecision(digits)))
      : compactExponential(value.toExponential(digits - 1));
  return withMinus(text);
}

/** Digits after the point needed to write `value` exactly in plain decimals (5e-7 → 7). */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const point = mantissa.indexOf('.');
  const mantissaDecimals = point < 0 ? 0 : mantissa.length - point - 1;
  return Math.max(0, mantissaDecimals - Number(exponent));
}

/**
 * Labels for linear-axis ticks, all with the same number of decimals (`0.0, 0.5, 1.0`), the
 * fewest that show every tick exactly. Ticks of magnitude ≥ 1e6, or needing more than four
 * decimals, are written `2.5e−7`.
 *
 * @example
 * formatTickLabels([0, 0.2, 0.4]); // ['0.0', '0.2', '0.4']
 * formatTickLabels([-50, 0, 50]); // ['−50', '0', '50']
 */
export function formatTickLabels(ticks: readonly number[]): string[] {
  let largest = 0;
  let decimals = 0;
  for (const tick of ticks) {
    largest = Math.max(largest, Math.abs(tick));
    decimals = Math.max(decimals, decimalsOf(tick));
  }
  if (largest >= 1e6 || decimals > 4) {
    return ticks.map((tick) =>
      tick === 0 ? '0' : withMinus(compactExponential(tick.toExponential())),
    );
  }
  return ticks.map((tick) => {
    const text = tick.toFixed(decimals);
    return withMinus(Number(text) === 0 ? text.replace('-', '') : text);
  });
}

/**
 * Labels for log-axis ticks (powers of ten): plain decimals (`0.001` … `10000`) when every tick
 * lies in that range, otherwise `10⁻⁵`-style superscripts for all of them.
 *
 * @example
 * formatLogTickLabels([0.01, 0.1, 1]); // ['0.01', '0.1', '1']
 * formatLogTickLabels([1e-6, 1e-3, 1]); // ['10⁻⁶', '10⁻³', '10⁰']
 */
export function formatLogTickLabels(ticks: readonly number[]): string[] {
  const exponents = ticks.map((tick) => Math.round(Math.log10(tick)));
  if (exponents.every((k) => k >= -3 && k <= 4)) {
    return ticks.map((tick) => String(tick));
  }
  return exponents.map(
    (k) =>
      `10${String(k)
        .split('')
        .map((c) => SUPERSCRIPTS[c] ?? c)
        .join('')}`,
  );
}
