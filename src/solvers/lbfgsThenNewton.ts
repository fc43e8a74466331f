import { lbfgs } from './lbfgs.js';
import { newton } from './newton.js';
import type { NewtonResult, NewtonSettings } from './newton.js';
import type { TwiceDifferentiableObjective } from './objective.js';

/**
 * The gradient tolerance of the L-BFGS start of {@link lbfgsThenNewton}: ‖∇F‖∞ ≤ 1e-9 leaves F
 * about ‖∇F‖²/λ_min above its minimum, near the rounding of F, where L-BFGS's line search loses
 * its footing; one Newton step from there is quadratically exact.
 */
export const LBFGS_START_TOLERANCE = 1e-10;

/**
 * The L-BFGS start's iteration cap: on well-conditioned data it needs 10 to 20; on ill-conditioned
 * data it stops here and Newton takes more exact steps, so the start never costs more than about
 * this many passes over pure Newton.
 */
export const LBFGS_START_MAX_ITERATIONS = 100;

/** What {@link lbfgsThenNewton} returns: a solver result that also counts its L-BFGS start. */
export interface LbfgsThenNewtonResult extends NewtonResult {
  /** Iterations of the L-BFGS start (included in `iterations`). */
  readonly startIterations: number;
}

/**
 * Newton's method started from an L-BFGS solution: for problems where one exact Hessian costs
 * many gradient passes (m·d² against m·d), cheap L-BFGS passes (one fused data pass each) go
 * to ‖∇F‖∞ ≤ {@link LBFGS_START_TOLERANCE} (or as far as its line search can), then
 * {@link newton} finishes with exact Hessians under the caller's stopping rule (for maximum
 * likelihood and Firth, the relative Newton decrement and the score check), usually in a single
 * Hessian: the decrement at the L-BFGS point is already below the tolerance, and the last full
 * step squares the remaining error once more. The result, its `converged` and `stopReason` are
 * Newton's, with the same meaning as for a pure Newton run; `iterations`, `evaluations` and
 * `lossHistory` count both phases (L-BFGS first). `settings.maxIterations` bounds the Newton
 * phase; the start has its own cap ({@link LBFGS_START_MAX_ITERATIONS}). A start that ends
 * non-finite is discarded and Newton runs from `x0`.
 */
export function lbfgsThenNewton(
  objective: TwiceDifferentiableObjective,
  x0: Float64Array,
  settings: NewtonSettings,
): LbfgsThenNewtonResult {
  const { onIteration } = settings;
  const start = lbfgs(objective, x0, {
    tolerance: LBFGS_START_TOLERANCE,
    maxIterations: LBFGS_START_MAX_ITERATIONS,
    onIteration,
  });
  const usable = Number.isFinite(start.objective) && start.stopReason !== 'not-finite';
  const offset = usable ? start.iterations : 0;
  const finish = newton(objective, usable ? start.x : x0, {
    ...settings,
    onIteration:
      onIteration === undefined
        ? undefined
        : (k, value, norm) => onIteration(offset + k, value, norm),
  });
  if (!usable) {
    return { ...finish, evaluations: start.evaluations + finish.evaluations, startIterations: 0 };
  }
  return {
    ...finish,
    iterations: start.iterations + finish.iterations,
    evaluations: start.evaluations + finish.evaluations,
    lossHistory: [...start.lossHistory, ...finish.lossHistory.slice(1)],
    startIterations: start.iterations,
  };
}
