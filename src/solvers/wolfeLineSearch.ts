/** Value and slope of φ(t) = F(x + t·d) at the last evaluated t; filled by a {@link LineFunction}. */
export interface LinePoint {
  value: number;
  slope: number;
}

/** Evaluates φ at t, filling `out` (and, as a side effect, the solver's trial point buffers). */
export type LineFunction = (t: number, out: LinePoint) => void;

/** Result of {@link wolfeLineSearch}: the accepted step, or ok = false. */
export interface LineSearchResult {
  ok: boolean;
  step: number;
  value: number;
  slope: number;
  evaluations: number;
}

const C1 = 1e-4;
const MAX_EVALUATIONS = 40;
/**
 * Relative size of the rounding noise in F: near an optimum, F(x + t·d) − F(x) falls below
 * ε·|F| long before the gradient reaches a tight tolerance, and an exact Armijo test would then
 * reject every step. Within this noise the decision rests on the slope alone (the "approximate
 * Wolfe" idea of Hager & Zhang, 2005).
 */
const VALUE_NOISE = 1e-13;

/**
 * Finds a step t satisfying the strong Wolfe conditions
 * φ(t) ≤ φ(0) + c₁·t·φ'(0) and |φ'(t)| ≤ c₂·|φ'(0)|,
 * by bracketing and zooming with safeguarded cubic interpolation (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Algorithms 3.5 and 3.6). The last call to `phi` is always at the returned
 * step when ok is true, so the caller's trial buffers hold that point.
 *
 * @param f0 - φ(0); `g0` - φ'(0), which must be negative (a descent direction).
 * @param c2 - curvature constant: 0.9 for quasi-Newton directions.
 */
export function wolfeLineSearch(
  phi: LineFunction,
  f0: number,
  g0: number,
  initialStep: number,
  c2: number,
  point: LinePoint,
): LineSearchResult {
  let tPrev = 0;
  let fPrev = f0;
  let gPrev = g0;
  let t = initialStep;
  let evaluations = 0;
  const noise = VALUE_NOISE * Math.abs(f0);
  for (;;) {
    phi(t, point);
    evaluations++;
    const ft = point.value;
    const gt = point.slope;
    if (
      !Number.isFinite(ft) ||
      ft > f0 + C1 * t * g0 + noise ||
      (evaluations > 1 && ft > fPrev + noise)
    ) {
      return zoom(phi, f0, g0, c2, tPrev, fPrev, gPrev, t, ft, gt, evaluations, point, noise);
    }
    if (Math.abs(gt) <= -c2 * g0) return { ok: true, step: t, value: ft, slope: gt, evaluations };
    if (gt >= 0)
      return zoom(phi, f0, g0, c2, t, ft, gt, tPrev, fPrev, gPrev, evaluations, point, noise);
    if (evaluations >= MAX_EVALUATIONS) {
      return { ok: false, step: t, value: ft, slope: gt, evaluations };
    }
    tPrev = t;
    fPrev = ft;
    gPrev = gt;
    t *= 2;
  }
}

/** Zoom into [lo, hi] (lo has the lower value and satisfies sufficient decrease). */
function zoom(
  phi: LineFunction,
  f0: number,
  g0: number,
  c2: number,
  lo: number,
  fLo: number,
  gLo: number,
  hi: number,
  fHi: number,
  gHi: number,
  evaluations: number,
  point: LinePoint,
  noise: number,
): LineSearchResult {
  for (;;) {
    if (evaluations >= MAX_EVALUATIONS || Math.abs(hi - lo) <= 1e-16 * Math.max(1, lo)) {
      // Re-evaluate at lo so that the caller's buffers hold the best point found.
      if (lo > 0 && fLo <= f0 + noise) {
        phi(lo, point);
        return {
          ok: true,
          step: lo,
          value: point.value,
          slope: point.slope,
          evaluations: evaluations + 1,
        };
      }
      return { ok: false, step: lo, value: fLo, slope: gLo, evaluations };
    }
    const t = safeguardedCubic(lo, fLo, gLo, hi, fHi, gHi);
    phi(t, point);
    evaluations++;
    const ft = point.value;
    const gt = point.slope;
    if (!Number.isFinite(ft) || ft > f0 + C1 * t * g0 + noise || ft > fLo + noise) {
      hi = t;
      fHi = ft;
      gHi = gt;
    } else {
      if (Math.abs(gt) <= -c2 * g0) return { ok: true, step: t, value: ft, slope: gt, evaluations };
      if (gt * (hi - lo) >= 0) {
        hi = lo;
        fHi = fLo;
        gHi = gLo;
      }
      lo = t;
      fLo = ft;
      gLo = gt;
    }
  }
}

/**
 * Minimizer of the cubic interpolating (a, fa, ga) and (b, fb, gb), kept at least 10 % of the
 * interval away from its ends; bisection when the cubic has no usable minimizer or b is not finite.
 */
function safeguardedCubic(
  a: number,
  fa: number,
  ga: number,
  b: number,
  fb: number,
  gb: number,
): number {
  const left = Math.min(a, b);
  const right = Math.max(a, b);
  const margin = 0.1 * (right - left);
  let t = 0.5 * (a + b);
  if (Number.isFinite(fb) && Number.isFinite(gb)) {
    const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - ga * gb;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      const c = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
      if (Number.isFinite(c)) t = c;
    }
  }
  return Math.min(Math.max(t, left + margin), right - margin);
}
