import type { SgdResult } from '../solvers/sgd.js';
import type { SolverResult } from '../solvers/objective.js';
import type { TrainPlan } from '../options/trainPlan.js';

/**
 * The warning of a fit that did not converge (binary or multinomial; one-vs-rest prefixes its
 * classes' warnings): why the solver stopped, the gradient (score) norm reached against the
 * plan's tolerance, and what to change. Under the decrement rule (binary maximum likelihood and
 * Firth) the tolerance bounds the relative Newton decrement, not the gradient.
 */
export function convergenceWarning(plan: TrainPlan, r: SolverResult | SgdResult): string {
  const { solver, tolerance } = plan;
  const why =
    r.stopReason === 'max-iterations'
      ? `reached maxIterations (${r.iterations})`
      : r.stopReason === 'not-finite'
        ? 'the objective became non-finite (for gd: the learning rate is too large)'
        : 'the line search could not decrease the objective further (floating-point limit)';
  if (plan.stoppingRule === 'decrement') {
    return (
      `${solver} did not converge: ${why}; the relative Newton decrement did not reach tolerance ${tolerance} (score norm reached ${r.gradientNorm.toExponential(2)}). ` +
      `Raise maxIterations, or check the data for near-separation or nearly collinear features.`
    );
  }
  const hint =
    plan.penalty === 'none'
      ? " Without a penalty the estimates do not exist when the classes are separated: use penalty 'l2'."
      : '';
  return (
    `${solver} did not converge: ${why}; gradient norm ${r.gradientNorm.toExponential(2)} > tolerance ${tolerance}. ` +
    `Raise maxIterations, loosen tolerance, standardize the features or try solver 'newton'.${hint}`
  );
}
