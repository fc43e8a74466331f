import { normInf } from '../linalg/vector.js';
import type { Objective, SolverResult, SolverSettings, StopReason } from './objective.js';
import { stoppingRule } from './stoppingRule.js';

/** Settings of {@link gradientDescent}. */
export interface GradientDescentSettings extends SolverSettings {
  /** The step size η. */
  readonly learningRate: number;
}

/**
 * One step of gradient descent, the article's equation 3: θ ← θ − η·∇L (in place).
 */
export function gradientStep(
  theta: Float64Array,
  gradient: Float64Array,
  learningRate: number,
): void {
  for (let i = 0; i < theta.length; i++) theta[i] -= learningRate * gradient[i];
}

/**
 * The article's batch gradient descent (its equation 6): every iteration evaluates the full
 * gradient over all m rows and takes one step θ ← θ − η·∇F with a fixed learning rate η.
 * Converges for η < 2/L, L the largest curvature of F (for standardized features and the mean
 * loss, L ≤ (1 + Σⱼ 1)/4 + λ, so η ≈ 1 is a safe, fast choice).
 *
 * Stopping rule: converged when ‖∇F‖∞ ≤ tolerance; otherwise `maxIterations`, or F not finite
 * (η too large: the iterates diverged). `lossHistory` holds F before each step and at the end.
 */
export function gradientDescent(
  objective: Objective,
  x0: Float64Array,
  settings: GradientDescentSettings,
): SolverResult {
  const theta = Float64Array.from(x0);
  const gradient = new Float64Array(objective.dimension);
  let f = objective.valueAndGradient(theta, gradient);
  let gNorm = normInf(gradient);
  const lossHistory = [f];
  let iterations = 0;
  let stopReason: StopReason;
  while (true) {
    const stop = stoppingRule(f, gNorm, iterations, settings.tolerance, settings.maxIterations);
    if (stop !== undefined) {
      stopReason = stop;
      break;
    }
    gradientStep(theta, gradient, settings.learningRate);
    iterations++;
    f = objective.valueAndGradient(theta, gradient);
    gNorm = normInf(gradient);
    lossHistory.push(f);
    settings.onIteration?.(iterations, f, gNorm);
  }
  return {
    x: theta,
    iterations,
    converged: stopReason === 'gradient-tolerance',
    stopReason,
    objective: f,
    gradientNorm: gNorm,
    lossHistory,
    evaluations: iterations + 1,
  };
}
