import type { SgdResult } from '../solvers/sgd.js';
import type { SolverResult } from '../solvers/objective.js';
import type { SolverName } from '../options/trainOptions.js';

/**
 * The warning of a binary fit that did not converge: why it stopped, the gradient (score) norm
 * reached against the tolerance, and what to change. `byDecrement`: the fit ran Newton's
 * relative-decrement rule (maximum likelihood and Firth).
 */
export function convergenceWarning(
  solver: SolverName,
  r: SolverResult | SgdResult,
  tolerance: number,
  byDecrement: boolean,
): string {
  const why =
    r.stopReason === 'max-iterations'
      ? `reached maxIterations (${r.iterations})`
      : r.stopReason === 'not-finite'
        ? 'the objective became non-finite (for gd: the learning rate is too large)'
        : 'the line search could not decrease the objective further (floating-point limit)';
  if (byDecrement) {
    return (
      `${solver} did not converge: ${why}; the relative Newton decrement did not reach tolerance ${tolerance} (score norm reached ${r.gradientNorm.toExponential(2)}). ` +
      `Raise maxIterations, or check the data for near-separation or nearly collinear features.`
    );
  }
  return (
    `${solver} did not converge: ${why}; gradient norm ${r.gradientNorm.toExponential(2)} > tolerance ${tolerance}. ` +
    `Raise maxIterations, loosen tolerance, standardize the features or try solver 'newton'.`
  );
}
