import type { TwiceDifferentiableObjective } from './objective.js';

/**
 * The second-order model of a smooth F at a point x, ½·dᵀ·∇²F(x)·d, seen one coordinate at a
 * time: what coordinate descent on a Newton model needs (newGLMNET, Yuan, Ho & Lin 2012; glmnet's
 * inner loop). The model holds the direction d it is built along; {@link moveAlong} changes one
 * entry and keeps ∇²F(x)·d current, so one coordinate update costs O(n) (dense Hessian) or one
 * pass over a data column (see `LogisticQuadraticModel`), never a full product.
 */
export interface CoordinateQuadraticModel {
  readonly dimension: number;
  /** Fixes the model at x (H = ∇²F(x)) and resets its direction d to 0. */
  expandAt(x: Float64Array): void;
  /** Hⱼⱼ. */
  diagonal(j: number): number;
  /** (H·d)ⱼ for the current direction d. */
  productAlong(j: number): number;
  /** dⱼ ← dⱼ + delta. */
  moveAlong(j: number, delta: number): void;
}

/**
 * {@link CoordinateQuadraticModel} on the full Hessian of any twice-differentiable objective:
 * `objective.hessian` once per {@link expandAt} (n² memory), then H·d kept current by adding
 * delta·(column j) on each move. The fastest choice when n is small next to the data.
 */
export class DenseQuadraticModel implements CoordinateQuadraticModel {
  readonly dimension: number;
  private readonly h: Float64Array;
  private readonly hd: Float64Array;

  constructor(private readonly objective: TwiceDifferentiableObjective) {
    const n = objective.dimension;
    this.dimension = n;
    this.h = new Float64Array(n * n);
    this.hd = new Float64Array(n);
  }

  expandAt(x: Float64Array): void {
    this.objective.hessian(x, this.h);
    this.hd.fill(0);
  }

  diagonal(j: number): number {
    return this.h[j * this.dimension + j];
  }

  productAlong(j: number): number {
    return this.hd[j];
  }

  moveAlong(j: number, delta: number): void {
    const { h, hd, dimension: n } = this;
    // H is symmetric: row j is column j, read contiguously.
    const base = j * n;
    for (let i = 0; i < n; i++) hd[i] += delta * h[base + i];
  }
}
