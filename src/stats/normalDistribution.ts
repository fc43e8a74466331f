import { erfc } from './erfc.js';

/**
 * Standard normal cumulative distribution Φ(x) = erfc(−x/√2)/2, accurate in both tails
 * (Φ(−10) ≈ 7.62e-24 to full relative precision).
 *
 * @example
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x) = e^(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Two-sided p-value of a z statistic, 2·Φ(−|z|): what R's `summary(glm)` prints as `Pr(>|z|)`.
 */
export function twoSidedNormalPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1: Abramowitz & Stegun 26.2.23 as a start
 * (error < 4.5e-4), then Newton steps on Φ(x) = p until they stop changing x (full precision).
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = Math.min(p, 1 - p);
  const t = Math.sqrt(-2 * Math.log(q));
  let x =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  if (p < 0.5) x = -x;
  for (let k = 0; k < 50; k++) {
    // In the lower tail work with Φ(x) − p; in the upper tail with (1 − Φ(x)) − (1 − p) = Φ(−x) − (1 − p).
    const error = p < 0.5 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
    const step = error / normalPdf(x);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
