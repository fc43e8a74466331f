/**
 * What a solver sees of a problem: a smooth function of a parameter vector. Solvers never know
 * they are fitting a logistic regression (LIBLINEAR's `function` class, scikit-learn's
 * `LinearModelLoss`).
 */
export interface Objective {
  /** Length of the parameter vector. */
  readonly dimension: number;
  /** Returns F(x) and overwrites `gradOut` with ∇F(x). Must not keep references to `x`. */
  valueAndGradient(x: Float64Array, gradOut: Float64Array): number;
}

/** An objective with second-order information, for Newton-type solvers. */
export interface TwiceDifferentiableObjective extends Objective {
  /** Overwrites `out` with ∇²F(x)·v. */
  hessianVectorProduct(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /** Overwrites `out` (dimension × dimension, row-major) with ∇²F(x). */
  hessian(x: Float64Array, out: Float64Array): void;
  /**
   * False when `hessian` is only an approximation of ∇²F (Fisher scoring), so that Newton's
   * convergence is linear, not quadratic. Default true.
   */
  readonly exactHessian?: boolean;
}

/** Why a solver stopped. */
export type StopReason =
  | 'gradient-tolerance'
  /** newton with `stoppingRule: 'decrement'`: the relative Newton decrement reached the tolerance. */
  | 'newton-decrement'
  | 'max-iterations'
  | 'line-search-failed'
  | 'not-finite'
  | 'separation'
  /** sgd: the held-out loss stopped improving (counts as converged). */
  | 'early-stopping';

/** Progress callback: called once per iteration with the new objective and gradient norm. */
export type IterationCallback = (
  iteration: number,
  objective: number,
  gradientNorm: number,
) => void;

/** Common solver settings. */
export interface SolverSettings {
  /** Converged when ‖∇F‖∞ ≤ tolerance. */
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly onIteration?: IterationCallback | undefined;
}

/** What every solver returns: the point and an honest account of how it got there. */
export interface SolverResult {
  readonly x: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly stopReason: StopReason;
  /** F at `x`. */
  readonly objective: number;
  /** ‖∇F(x)‖∞. */
  readonly gradientNorm: number;
  /** F after each iteration; entry 0 is F at the starting point. */
  readonly lossHistory: readonly number[];
  /** Number of objective (value and gradient) evaluations. */
  readonly evaluations: number;
}
