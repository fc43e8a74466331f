import { FixedCoordinateObjective } from '../solvers/fixedCoordinateObjective.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import { normalQuantile } from '../stats/normalDistribution.js';
import { StepHalvingNewtonWork, stepHalvingNewton } from '../solvers/stepHalvingNewton.js';

/** Lower and upper profile-likelihood bounds per coordinate (±Infinity where the profile never gets there). */
export interface ProfileBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Each profile point's fit: F settled to 1e-15 relative (so 2S·ΔF, the squared signed root, too). */
const PROFILE_FIT = { relativeDecrement: 1e-15, finishDecrement: 1e-9, maxIterations: 100 };

/**
 * Profile-likelihood confidence intervals (Venzon & Moolgavkar 1988; what R's `confint()` gives
 * for a glm): for each coordinate k, the values v where the signed root
 * r(v) = sign(v − θ̂ₖ)·√(2·(ℓ(θ̂) − max_{θₖ = v} ℓ(θ))) equals ±z, z = Φ⁻¹((1 + level)/2).
 * Each profile point is a constrained fit by Newton with step halving (Fisher scoring for Firth),
 * warm-started from the last; the crossing is found
 * by bracketing from the Wald bound and the Illinois variant of regula falsi, to 1e-9 relative.
 * (R interpolates a spline through a grid of profile points, so its bounds differ from these
 * exact ones in about the fourth digit.)
 *
 * @param objective - F = −ℓ/S in coordinates where each parameter of interest is one coordinate.
 * @param standardErrors - Wald standard errors in the same coordinates, to start the brackets.
 * @param covariance - optional, the Wald covariance in the same coordinates (d × d): each fit then
 * starts from the previous point moved along the regression of the others on θₖ,
 * Δθⱼ = Δθₖ·Cov(θⱼ, θₖ)/Var(θₖ) (first order in the step, where the plain warm start is zeroth).
 */
export function profileConfidenceIntervals(
  objective: TwiceDifferentiableObjective,
  thetaHat: Float64Array,
  sumWeights: number,
  standardErrors: Float64Array,
  level: number,
  covariance?: Float64Array,
): ProfileBounds {
  const d = objective.dimension;
  const z = normalQuantile((1 + level) / 2);
  const fHatGrad = new Float64Array(d);
  const fHat = objective.valueAndGradient(thetaHat, fHatGrad);
  const lower = new Float64Array(d);
  const upper = new Float64Array(d);
  const work = new StepHalvingNewtonWork(d - 1);
  for (let k = 0; k < d; k++) {
    const fixed = new FixedCoordinateObjective(objective, k, thetaHat[k]);
    const start = new Float64Array(d - 1);
    fixed.reduce(thetaHat, start);
    const slope = new Float64Array(d - 1);
    if (covariance !== undefined && covariance[k * d + k] > 0) {
      for (let j = 0, r = 0; j < d; j++) {
        if (j !== k) slope[r++] = covariance[j * d + k] / covariance[k * d + k];
      }
    }
    let warmAt = thetaHat[k];
    const signedRoot = (v: number, warm: Float64Array): number => {
      fixed.value = v;
      const step = v - warmAt;
      for (let j = 0; j < d - 1; j++) warm[j] += step * slope[j];
      const r = stepHalvingNewton(fixed, warm, PROFILE_FIT, work);
      warm.set(r.x);
      warmAt = v;
      const drop = Math.max(0, 2 * sumWeights * (r.objective - fHat));
      return Math.sign(v - thetaHat[k]) * Math.sqrt(drop);
    };
    for (const direction of [-1, 1]) {
      warmAt = thetaHat[k];
      const bound = crossing(
        signedRoot,
        thetaHat[k],
        direction * z,
        standardErrors[k],
        Float64Array.from(start),
      );
      if (direction < 0) lower[k] = bound;
      else upper[k] = bound;
    }
  }
  return { lower, upper };
}

/** The v on the side of `target` where signedRoot(v) = target. */
function crossing(
  signedRoot: (v: number, warm: Float64Array) => number,
  center: number,
  target: number,
  se: number,
  warm: Float64Array,
): number {
  const direction = Math.sign(target);
  let inner = center;
  let rInner = 0;
  let step = Math.abs(target) * (se > 0 && Number.isFinite(se) ? se : 1);
  let outer = center + direction * step;
  let rOuter = signedRoot(outer, warm);
  // Expand until the bracket holds the crossing (the profile of a separated direction never does).
  for (let k = 0; Math.abs(rOuter) < Math.abs(target); k++) {
    if (k > 60 || !Number.isFinite(rOuter)) return direction * Infinity;
    inner = outer;
    rInner = rOuter;
    step *= 2;
    outer = center + direction * step;
    rOuter = signedRoot(outer, warm);
  }
  let side = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const v = inner + ((target - rInner) * (outer - inner)) / (rOuter - rInner);
    const r = signedRoot(v, warm);
    if (
      Math.abs(r - target) <= 1e-12 * Math.abs(target) ||
      Math.abs(outer - inner) <= 1e-12 * Math.max(1, Math.abs(v))
    ) {
      return v;
    }
    if ((r - target) * direction < 0) {
      inner = v;
      rInner = r;
      if (side === -1) rOuter = target + (rOuter - target) / 2;
      side = -1;
    } else {
      outer = v;
      rOuter = r;
      if (side === 1) rInner = target + (rInner - target) / 2;
      side = 1;
    }
  }
  return 0.5 * (inner + outer);
}
