import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky.js';
import { dot } from '../linalg/vector.js';
import type { TwiceDifferentiableObjective } from './objective.js';

/** Relative rounding noise of F (as in wolfeLineSearch): changes below it are not measurable. */
const VALUE_NOISE = 1e-14;

/** Settings of {@link stepHalvingNewton}. */
export interface StepHalvingNewtonSettings {
  /** Stop when the Newton decrement −∇F·d is at most this times max(|F|, 1e-300). */
  readonly relativeDecrement: number;
  readonly maxIterations: number;
  /**
   * Optional, for exact Hessians only: stop right after a full step taken from a point whose
   * decrement was at most this times |F|. Newton's quadratic convergence then leaves F within
   * about C·decrement² of its minimum (C ≈ 1–50 on the logistic and Firth objectives), which
   * saves the Hessian and solve that would only confirm it.
   */
  readonly finishDecrement?: number;
}

/** What {@link stepHalvingNewton} returns. */
export interface StepHalvingNewtonResult {
  readonly x: Float64Array;
  readonly objective: number;
  readonly iterations: number;
  /** Objective evaluations (value and gradient). */
  readonly evaluations: number;
  /** The decrement criterion held, or no step could lower F in floating point (rounding floor). */
  readonly converged: boolean;
}

/**
 * Newton's method with step halving, as R's `glm.fit` and logistf iterate: d = −H⁻¹∇F with H the
 * objective's `hessian` (for Firth's objective the Fisher information, so this is Fisher scoring),
 * the full step first, halved until F does not increase (at most 30 times). One Hessian and usually
 * one evaluation per iteration: much cheaper than a Wolfe line search on problems with a few
 * parameters, where each evaluation costs about as much as the Hessian.
 *
 * Stopping rule: the Newton decrement λ² = −∇F·d (≈ 2·(F − min F) near the optimum) is at most
 * `relativeDecrement`·|F|, so F is settled to that relative accuracy; or no halved step lowers F
 * (F has reached its rounding floor); or `maxIterations`. A Hessian that is not numerically
 * positive definite gets a growing multiple of the identity added (Levenberg-style).
 *
 * Used by the profile likelihood, where each profile point is one such fit warm-started from the
 * last, so two or three iterations usually suffice.
 */
export function stepHalvingNewton(
  objective: TwiceDifferentiableObjective,
  x0: Float64Array,
  settings: StepHalvingNewtonSettings,
  work: StepHalvingNewtonWork = new StepHalvingNewtonWork(objective.dimension),
): StepHalvingNewtonResult {
  const n = objective.dimension;
  const { g, d, h, original, xTrial, gTrial } = work;
  const x = Float64Array.from(x0);
  let f = objective.valueAndGradient(x, g);
  let evaluations = 1;
  let iterations = 0;
  let converged = false;
  while (Number.isFinite(f) && iterations < settings.maxIterations) {
    objective.hessian(x, h);
    solveDamped(h, original, n, g, d);
    let decrement = -dot(g, d);
    if (!(decrement > 0)) {
      for (let i = 0; i < n; i++) d[i] = -g[i];
      decrement = dot(g, g);
    }
    if (decrement <= settings.relativeDecrement * Math.max(Math.abs(f), 1e-300)) {
      converged = true;
      break;
    }
    // F's rounding noise: a full step that "raises" F by less is a step within the noise floor,
    // taken rather than halved away (halving it cannot lower F measurably either).
    const ceiling = f + VALUE_NOISE * Math.abs(f);
    let t = 1;
    let fTrial = NaN;
    for (let halving = 0; halving <= 30; halving++) {
      for (let i = 0; i < n; i++) xTrial[i] = x[i] + t * d[i];
      fTrial = objective.valueAndGradient(xTrial, gTrial);
      evaluations++;
      if (fTrial <= ceiling) break;
      t /= 2;
    }
    iterations++;
    if (!(fTrial <= ceiling)) {
      converged = true; // no step lowers F: it sits at its rounding floor here
      break;
    }
    x.set(xTrial);
    g.set(gTrial);
    f = fTrial;
    const finish = settings.finishDecrement;
    if (finish !== undefined && t === 1 && decrement <= finish * Math.max(Math.abs(f), 1e-300)) {
      converged = true;
      break;
    }
  }
  return { x, objective: f, iterations, evaluations, converged };
}

/** Work arrays of {@link stepHalvingNewton}, reusable across fits of one dimension. */
export class StepHalvingNewtonWork {
  readonly g: Float64Array;
  readonly d: Float64Array;
  readonly h: Float64Array;
  readonly original: Float64Array;
  readonly xTrial: Float64Array;
  readonly gTrial: Float64Array;
  constructor(n: number) {
    this.g = new Float64Array(n);
    this.d = new Float64Array(n);
    this.h = new Float64Array(n * n);
    this.original = new Float64Array(n * n);
    this.xTrial = new Float64Array(n);
    this.gTrial = new Float64Array(n);
  }
}

/** d ← −(H + μI)⁻¹·g with the smallest μ ∈ {0, 1e-10·s, 1e-8·s, …} making H + μI positive definite. */
function solveDamped(
  h: Float64Array,
  original: Float64Array,
  n: number,
  g: Float64Array,
  d: Float64Array,
): void {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(h[i * n + i]));
  original.set(h);
  let mu = 0;
  while (!choleskyInPlace(h, n)) {
    mu = mu === 0 ? 1e-10 * Math.max(scale, 1e-300) : mu * 100;
    h.set(original);
    for (let i = 0; i < n; i++) h[i * n + i] += mu;
    if (!Number.isFinite(mu)) break;
  }
  for (let i = 0; i < n; i++) d[i] = -g[i];
  choleskySolveInPlace(h, n, d);
}
