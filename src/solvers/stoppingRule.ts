/**
 * The stopping rule every iterative solver checks at the top of its loop, before a step, written
 * once: stop when the objective or the stationarity measure is not finite (`'not-finite'`: the
 * iterates diverged), when the measure is at most the tolerance (`'gradient-tolerance'`), or
 * when the iteration budget is spent (`'max-iterations'`); otherwise undefined, take a step.
 *
 * The measure is the solver's own: ‖∇F‖∞ for gd, sgd, L-BFGS and Newton, the minimum-norm
 * subgradient for proximal Newton. Newton's decrement rule tests the decrement inside its step
 * and passes `tolerance` −∞ here, which turns the measure test off.
 *
 * @example
 * stoppingRule(0.5, 1e-8, 3, 1e-6, 100); // 'gradient-tolerance'
 * stoppingRule(0.5, 1e-3, 100, 1e-6, 100); // 'max-iterations'
 */
export function stoppingRule(
  value: number,
  measure: number,
  iterations: number,
  tolerance: number,
  maxIterations: number,
): 'not-finite' | 'gradient-tolerance' | 'max-iterations' | undefined {
  if (!Number.isFinite(value) || !Number.isFinite(measure)) return 'not-finite';
  if (measure <= tolerance) return 'gradient-tolerance';
  if (iterations >= maxIterations) return 'max-iterations';
  return undefined;
}
