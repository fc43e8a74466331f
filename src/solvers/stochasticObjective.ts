import type { Objective } from './objective.js';

/**
 * A finite sum F(x) = (1/S)·Σᵢ sᵢ·fᵢ(x) + R(x) over m rows, as stochastic solvers see it: the
 * full objective plus an unbiased estimate from any batch of rows. The solver never knows what
 * the rows are.
 */
export interface StochasticObjective extends Objective {
  /** m, the number of rows. */
  readonly rowCount: number;
  /**
   * A lower bound on the curvature of F from its penalty (λ·min penalty factor; 0 without one),
   * for the `'optimal'` schedule.
   */
  readonly strongConvexity: number;
  /**
   * F_B at x for the batch B = rows[start..end) (row indices, repeats allowed), scaled so that
   * E F_B = F under uniform sampling and F_B = F when B holds every row once; overwrites
   * `gradOut` with ∇F_B(x). Allocates nothing.
   */
  batchValueAndGradient(
    x: Float64Array,
    rows: ArrayLike<number>,
    start: number,
    end: number,
    gradOut: Float64Array,
  ): number;
  /** The weighted mean loss (1/S_B)·Σ_{i∈B} sᵢ·fᵢ(x) over rows[start..end), without penalty. */
  batchLoss(x: Float64Array, rows: ArrayLike<number>, start: number, end: number): number;
  /** An upper bound on the Lipschitz constant of ∇F_B for every batch B (and so of ∇F). */
  lipschitzBound(): number;
}
