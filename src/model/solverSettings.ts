import type { SolverSettings } from '../solvers/objective.js';
import type { IterationInfo } from '../options/trainOptions.js';

/**
 * The solvers' settings from train options: the user's `onIteration({ iteration, objective,
 * gradientNorm })` adapted to the solvers' positional callback.
 */
export function solverSettings(
  tolerance: number,
  maxIterations: number,
  onIteration: ((info: IterationInfo) => void) | undefined,
): SolverSettings {
  return {
    tolerance,
    maxIterations,
    onIteration:
      onIteration === undefined
        ? undefined
        : (iteration, value, gradientNorm) =>
            onIteration({ iteration, objective: value, gradientNorm }),
  };
}
