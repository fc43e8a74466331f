import { OptionError } from '../errors.js';
import type { StochasticObjective } from './stochasticObjective.js';

/**
 * How the step size ηₜ of update t = 1, 2, … is chosen (η₀ = `learningRate`):
 * - `'constant'`: ηₜ = η₀;
 * - `'invscaling'`: ηₜ = η₀ / t^power (scikit-learn's name; power = `learningRateExponent`);
 * - `'optimal'`: ηₜ = 1 / (μ·(t₀ + t)) with μ the penalty's strong convexity and t₀ set so that
 *   η₁ = η₀ (Bottou's schedule for strongly convex objectives, scikit-learn's `'optimal'` with
 *   its heuristic t₀ replaced by this one).
 */
export type LearningRateSchedule = 'constant' | 'invscaling' | 'optimal';

/** How {@link SgdOptimizer} steps. */
export interface SgdUpdateSettings {
  /** Default `'constant'`. */
  readonly learningRateSchedule?: LearningRateSchedule | undefined;
  /**
   * η₀. Default 1/L with L the objective's Lipschitz bound (`lipschitzBound()`): the largest step
   * for which every batch step decreases its own batch objective (descent lemma).
   */
  readonly learningRate?: number | undefined;
  /** The exponent of `'invscaling'`. Default 0.5. */
  readonly learningRateExponent?: number | undefined;
  /**
   * Polyak–Ruppert averaging: the solution is the running mean of the iterates after update
   * `averageFrom` (0 = all of them). Undefined (default): no averaging, the solution is the iterate.
   */
  readonly averageFrom?: number | undefined;
}

/**
 * Stochastic gradient descent one batch at a time (scikit-learn's `partial_fit`): the article's
 * update θ ← θ − η·∇F (its equation 3) with the gradient of a batch of rows instead of all of
 * them. Holds the iterate, its running average and the update count; `sgd` drives it over
 * shuffled epochs, and a stream can feed it batches as they arrive.
 *
 * @example
 * const optimizer = new SgdOptimizer(objective, new Float64Array(objective.dimension), {});
 * for (const batch of batches) optimizer.partialFit(batch);
 * const theta = optimizer.solution();
 */
export class SgdOptimizer {
  private readonly x: Float64Array;
  private readonly mean: Float64Array;
  private readonly gradient: Float64Array;
  private readonly schedule: LearningRateSchedule;
  private readonly initialRate: number;
  private readonly exponent: number;
  private readonly offset: number;
  private readonly averageFrom: number | undefined;
  private count = 0;
  private averaged = 0;

  /**
   * @throws {OptionError} a learning rate or exponent that is not a finite number > 0, or the
   *   `'optimal'` schedule on an objective without a penalty (μ = 0).
   */
  constructor(
    private readonly objective: StochasticObjective,
    x0: Float64Array,
    settings: SgdUpdateSettings,
  ) {
    this.x = Float64Array.from(x0);
    this.mean = Float64Array.from(x0);
    this.gradient = new Float64Array(objective.dimension);
    this.schedule = settings.learningRateSchedule ?? 'constant';
    this.initialRate = settings.learningRate ?? 1 / objective.lipschitzBound();
    this.exponent = settings.learningRateExponent ?? 0.5;
    this.averageFrom = settings.averageFrom;
    if (!(this.initialRate > 0 && Number.isFinite(this.initialRate))) {
      throw new OptionError(
        `sgd: learningRate must be a finite number > 0, got ${this.initialRate}`,
      );
    }
    if (!(this.exponent > 0 && Number.isFinite(this.exponent))) {
      throw new OptionError(
        `sgd: learningRateExponent must be a finite number > 0, got ${this.exponent}`,
      );
    }
    const mu = objective.strongConvexity;
    if (this.schedule === 'optimal' && !(mu > 0)) {
      throw new OptionError(
        "sgd: learningRateSchedule 'optimal' needs a strongly convex objective (an L2 penalty); use 'invscaling'",
      );
    }
    // 1/(μ·(t₀ + 1)) = η₀.
    this.offset = this.schedule === 'optimal' ? Math.max(0, 1 / (mu * this.initialRate) - 1) : 0;
  }

  /** Number of updates so far. */
  get updates(): number {
    return this.count;
  }

  /** The step size of update t (1-based). */
  learningRate(t: number): number {
    switch (this.schedule) {
      case 'constant':
        return this.initialRate;
      case 'invscaling':
        return this.initialRate / Math.pow(t, this.exponent);
      case 'optimal':
        return 1 / (this.objective.strongConvexity * (this.offset + t));
    }
  }

  /**
   * One update on the batch rows[start..end): θ ← θ − ηₜ·∇F_B(θ), then the running average.
   * Allocates nothing. An empty batch is ignored.
   *
   * @returns F_B at θ before the step (a noisy estimate of F, for progress); NaN for an empty
   *   batch, which changes nothing.
   */
  partialFit(rows: ArrayLike<number>, start = 0, end: number = rows.length): number {
    if (end <= start) return NaN;
    const { x, gradient } = this;
    const value = this.objective.batchValueAndGradient(x, rows, start, end, gradient);
    this.count++;
    const eta = this.learningRate(this.count);
    for (let k = 0; k < x.length; k++) x[k] -= eta * gradient[k];
    if (this.averageFrom !== undefined && this.count > this.averageFrom) {
      this.averaged++;
      const weight = 1 / this.averaged;
      for (let k = 0; k < x.length; k++) this.mean[k] += weight * (x[k] - this.mean[k]);
    }
    return value;
  }

  /**
   * Writes the current solution into `out` (a new array by default) and returns it: the
   * running average once averaging has started, else the iterate.
   */
  solution(out: Float64Array = new Float64Array(this.x.length)): Float64Array {
    out.set(this.averaged > 0 ? this.mean : this.x);
    return out;
  }
}
