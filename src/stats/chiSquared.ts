import { logGamma } from './logGamma.js';

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a): by the series for P when
 * x < a + 1, otherwise by Legendre's continued fraction (Lentz), as in Numerical Recipes §6.2.
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/**
 * Upper tail P(χ²_df > x) of the chi-squared distribution: the p-value of a likelihood-ratio test.
 *
 * @example
 * chiSquaredSurvival(3.841458820694124, 1); // 0.05
 */
export function chiSquaredSurvival(x: number, df: number): number {
  return upperRegularizedGamma(df / 2, x / 2);
}
