import type { TwiceDifferentiableObjective } from './objective.js';

/**
 * An objective with one coordinate held at a fixed value: G(u) = F(u₀…u_{k−1}, value, u_k…).
 * Used to profile a likelihood over one parameter (R's `profile.glm`, `confint`).
 */
export class FixedCoordinateObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  private readonly full: Float64Array;
  private readonly fullGrad: Float64Array;
  private readonly fullV: Float64Array;
  private readonly fullOut: Float64Array;
  private readonly fullH: Float64Array;

  constructor(
    private readonly base: TwiceDifferentiableObjective,
    private readonly index: number,
    public value: number,
  ) {
    const n = base.dimension;
    this.dimension = n - 1;
    this.full = new Float64Array(n);
    this.fullGrad = new Float64Array(n);
    this.fullV = new Float64Array(n);
    this.fullOut = new Float64Array(n);
    this.fullH = new Float64Array(n * n);
  }

  /** The full parameter vector for the reduced one `u`, written into `out`. */
  expand(u: Float64Array, out: Float64Array): void {
    const k = this.index;
    for (let i = 0, j = 0; i < out.length; i++) out[i] = i === k ? this.value : u[j++];
  }

  /** The reduced vector of a full one. */
  reduce(full: Float64Array, out: Float64Array): void {
    const k = this.index;
    for (let i = 0, j = 0; i < full.length; i++) if (i !== k) out[j++] = full[i];
  }

  valueAndGradient(u: Float64Array, gradOut: Float64Array): number {
    this.expand(u, this.full);
    const f = this.base.valueAndGradient(this.full, this.fullGrad);
    this.reduce(this.fullGrad, gradOut);
    return f;
  }

  hessianVectorProduct(u: Float64Array, v: Float64Array, out: Float64Array): void {
    this.expand(u, this.full);
    const k = this.index;
    for (let i = 0, j = 0; i < this.fullV.length; i++) this.fullV[i] = i === k ? 0 : v[j++];
    this.base.hessianVectorProduct(this.full, this.fullV, this.fullOut);
    this.reduce(this.fullOut, out);
  }

  hessian(u: Float64Array, out: Float64Array): void {
    this.expand(u, this.full);
    this.base.hessian(this.full, this.fullH);
    const n = this.full.length;
    const k = this.index;
    let r = 0;
    for (let a = 0; a < n; a++) {
      if (a === k) continue;
      let c = 0;
      for (let b = 0; b < n; b++) if (b !== k) out[r * (n - 1) + c++] = this.fullH[a * n + b];
      r++;
    }
  }
}
