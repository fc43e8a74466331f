import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky.js';
import { addScaled, dot, normInf } from '../linalg/vector.js';
import type {
  SolverResult,
  SolverSettings,
  StopReason,
  TwiceDifferentiableObjective,
} from './objective.js';
import { wolfeLineSearch } from './wolfeLineSearch.js';
import type { LinePoint } from './wolfeLineSearch.js';
import { stoppingRule } from './stoppingRule.js';

/** Above this dimension the exact Hessian (d² memory, m·d² work) gives way to Newton-CG. */
export const NEWTON_CHOLESKY_MAX_DIMENSION = 400;

/** What {@link newton} returns: a solver result and where it formed its last Hessian. */
export interface NewtonResult extends SolverResult {
  /**
   * The point of the last exact Hessian formed (Cholesky path only; undefined with Newton-CG or
   * when none was formed). Under the decrement rule it is the point before the final full step,
   * where R's glm takes the weights of its covariance from.
   */
  readonly hessianPoint: Float64Array | undefined;
  /**
   * The Newton decrement λ² = −∇Fᵀd of the last step taken from `hessianPoint` (Infinity when the
   * decrement rule was not met): the step's size in the Hessian's norm, dᵀ∇²F·d.
   */
  readonly finalDecrement: number;
}

/** Settings of {@link newton}: the common ones plus the stopping rule. */
export interface NewtonSettings extends SolverSettings {
  /**
   * `'gradient'` (default): converged when ‖∇F‖∞ ≤ tolerance. `'decrement'`: converged when the
   * Newton decrement λ² = −∇Fᵀd = ∇Fᵀ(∇²F)⁻¹∇F is at most tolerance·(|F| + tolerance) (a relative
   * change of the objective, scale-free as R's glm criterion |Δdev|/(|dev| + 0.1)), after which
   * that last full Newton step is taken, and the score is then at most √tolerance. Where the
   * objective's Hessian is approximate (`exactHessian: false`, Firth's Fisher scoring), full steps
   * go on while the decrement still falls by 1 % a step: to the rounding floor, since linear
   * convergence leaves an error of about step/(1 − rate), large on ill-conditioned data. These
   * polishing steps count as iterations but may run past `maxIterations` (to 10 times it).
   */
  readonly stoppingRule?: 'gradient' | 'decrement';
}

/**
 * Newton's method: solve ∇²F·d = −∇F, then a Wolfe line search along d (c₂ = 0.9; the full step
 * t = 1 is tried first, so convergence is quadratic near the optimum, as in R's IRLS).
 *
 * For dimension ≤ {@link NEWTON_CHOLESKY_MAX_DIMENSION} the system is solved exactly by Cholesky
 * on the full Hessian (if it is not numerically positive definite, a growing multiple of the
 * identity is added, Levenberg-style). Above it, by conjugate gradients on Hessian-vector products,
 * truncated at relative residual min(0.5, √‖∇F‖), or min(0.5, ‖∇F‖) under the decrement rule
 * (inexact Newton-CG, as scikit-learn's newton-cg; LIBLINEAR uses the same products in a trust
 * region).
 *
 * Stopping rule (see {@link NewtonSettings.stoppingRule}): converged when ‖∇F‖∞ ≤ tolerance, or
 * on the relative Newton decrement and a score check; otherwise `maxIterations`, a failed line
 * search (no decrease possible in floating point) or a non-finite F. The decrement rule's last
 * step skips the line search: at a decrement near the rounding of F, Armijo's test is noise.
 *
 * Where one Hessian costs many gradient passes, `lbfgsThenNewton` (lbfgsThenNewton.ts) runs it
 * from an L-BFGS solution (train does so for large maximum-likelihood fits: startsWithLbfgs in
 * src/options/chooseSolver.ts), where the decrement rule usually holds at the first Hessian.
 */
export function newton(
  objective: TwiceDifferentiableObjective,
  x0: Float64Array,
  settings: NewtonSettings,
): NewtonResult {
  const byDecrement = settings.stoppingRule === 'decrement';
  const n = objective.dimension;
  const useCholesky = n <= NEWTON_CHOLESKY_MAX_DIMENSION;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const hessian = useCholesky ? new Float64Array(n * n) : new Float64Array(0);
  const cg = useCholesky ? undefined : new ConjugateGradientBuffers(n);
  const point: LinePoint = { value: 0, slope: 0 };
  let hessianPoint: Float64Array | undefined;

  let f = objective.valueAndGradient(x, g);
  let evaluations = 1;
  let gNorm = normInf(g);
  const lossHistory = [f];
  let iterations = 0;
  let stopReason: StopReason = 'max-iterations';

  const phi = (t: number, out: LinePoint): void => {
    addScaled(xTrial, x, t, d);
    out.value = objective.valueAndGradient(xTrial, gTrial);
    out.slope = dot(gTrial, d);
  };

  // The decrement rule: met once (with the score check), then kept; polishing continues while
  // the decrement still falls (only for objectives whose `hessian` is an approximation).
  let met = false;
  let lastDecrement = Infinity;
  while (true) {
    // Polishing stops by itself at the rounding floor; 10·maxIterations only guards against cycling.
    const stop = stoppingRule(
      f,
      gNorm,
      iterations,
      byDecrement ? -Infinity : settings.tolerance,
      (met ? 10 : 1) * settings.maxIterations,
    );
    if (stop !== undefined) {
      stopReason = stop;
      break;
    }

    if (cg === undefined) {
      objective.hessian(x, hessian);
      hessianPoint = Float64Array.from(x);
      solveDamped(hessian, n, g, d);
    } else {
      cg.solve(objective, x, g, d, byDecrement);
    }
    let slope = dot(g, d);
    const decrement = -slope;
    if (met && !(decrement < 0.99 * lastDecrement)) break;
    if (
      met ||
      (byDecrement && decrement <= settings.tolerance * (Math.abs(f) + settings.tolerance))
    ) {
      // A full step (its error is squared once more), unless it goes uphill beyond rounding.
      addScaled(xTrial, x, 1, d);
      const fTrial = objective.valueAndGradient(xTrial, gTrial);
      evaluations++;
      const gTrialNorm = normInf(gTrial);
      const accepted =
        Number.isFinite(fTrial) &&
        (fTrial <= f + 8 * Number.EPSILON * Math.abs(f) || gTrialNorm < gNorm);
      if (accepted) {
        iterations++;
        x.set(xTrial);
        g.set(gTrial);
        f = fTrial;
        gNorm = gTrialNorm;
        lossHistory.push(f);
        settings.onIteration?.(iterations, f, gNorm);
      }
      lastDecrement = decrement;
      met = met || gNorm <= Math.sqrt(settings.tolerance);
      if (met && (!accepted || objective.exactHessian !== false)) break;
      if (!accepted) {
        stopReason = 'line-search-failed';
        break;
      }
      continue;
    }
    if (!(slope < 0)) {
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    const ls = wolfeLineSearch(phi, f, slope, 1, 0.9, point);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      stopReason = 'line-search-failed';
      break;
    }
    iterations++;
    x.set(xTrial);
    g.set(gTrial);
    f = ls.value;
    gNorm = normInf(g);
    lossHistory.push(f);
    settings.onIteration?.(iterations, f, gNorm);
  }
  if (met) stopReason = 'newton-decrement';
  return {
    x,
    iterations,
    converged: stopReason === 'gradient-tolerance' || stopReason === 'newton-decrement',
    stopReason,
    objective: f,
    gradientNorm: gNorm,
    lossHistory,
    evaluations,
    hessianPoint,
    finalDecrement: met ? lastDecrement : Infinity,
  };
}

/** d ← −(H + μI)⁻¹·g with the smallest μ ∈ {0, 1e-10·s, 1e-8·s, …} that makes H + μI positive definite. */
function solveDamped(h: Float64Array, n: number, g: Float64Array, d: Float64Array): void {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(h[i * n + i]));
  const original = Float64Array.from(h);
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

/** Work vectors of truncated conjugate gradients, allocated once per fit. */
class ConjugateGradientBuffers {
  private readonly r: Float64Array;
  private readonly p: Float64Array;
  private readonly hp: Float64Array;
  constructor(n: number) {
    this.r = new Float64Array(n);
    this.p = new Float64Array(n);
    this.hp = new Float64Array(n);
  }

  /**
   * Approximately solves ∇²F(x)·d = −g by CG from d = 0 (stops on negative curvature), to a
   * relative residual min(0.5, √‖g‖), or with `tight` min(0.5, ‖g‖) (quadratic convergence, for
   * the decrement rule's precision).
   */
  solve(
    objective: TwiceDifferentiableObjective,
    x: Float64Array,
    g: Float64Array,
    d: Float64Array,
    tight: boolean,
  ): void {
    const { r, p, hp } = this;
    const n = g.length;
    d.fill(0);
    for (let i = 0; i < n; i++) {
      r[i] = -g[i];
      p[i] = r[i];
    }
    let rr = dot(r, r);
    const gNorm = Math.sqrt(rr);
    const target = Math.min(0.5, tight ? gNorm : Math.sqrt(gNorm)) * gNorm;
    for (let k = 0; k < 2 * n + 10 && Math.sqrt(rr) > target; k++) {
      objective.hessianVectorProduct(x, p, hp);
      const curvature = dot(p, hp);
      if (!(curvature > 0)) {
        if (k === 0) for (let i = 0; i < n; i++) d[i] = -g[i];
        return;
      }
      const alpha = rr / curvature;
      for (let i = 0; i < n; i++) {
        d[i] += alpha * p[i];
        r[i] -= alpha * hp[i];
      }
      const rrNew = dot(r, r);
      const beta = rrNew / rr;
      rr = rrNew;
      for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
    }
  }
}
