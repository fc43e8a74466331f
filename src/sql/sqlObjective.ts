import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import {
  addL2Penalty,
  originalCoefficients,
  penaltyFactors,
} from '../objectives/scaledCoordinates.js';

/**
 * The sums an engine computes for {@link SqlObjective}, one query each, at original-unit (w, b).
 */
export interface SqlPasses {
  /**
   * Returns the mean loss (1/S)·Σᵢ sᵢ·(softplus(zᵢ) − yᵢzᵢ) and overwrites `gradOut` (p + 1) with
   * (1/S)·Σᵢ sᵢ(σ(zᵢ) − yᵢ)·(xᵢ, 1): the contract of the in-memory gradient kernels.
   */
  lossAndGradient(w: Float64Array, b: number, gradOut: Float64Array): number;
  /**
   * Overwrites `out` (d × d, both triangles) with (1/S)·Σᵢ sᵢσ(zᵢ)(1 − σ(zᵢ))·x̃ᵢx̃ᵢᵀ, x̃ᵢ =
   * ((xᵢ − center)/scale, 1 with an intercept).
   */
  weightedGram(
    w: Float64Array,
    b: number,
    center: Float64Array,
    scale: Float64Array,
    fitIntercept: boolean,
    out: Float64Array,
  ): void;
}

/** How {@link SqlObjective} is set up: the solver's coordinates and the penalty. */
export interface SqlObjectiveSpec {
  readonly features: number;
  readonly fitIntercept: boolean;
  /** λ of (λ/2)·‖w or θ_w‖². */
  readonly l2: number;
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly penalizeScaled: boolean;
}

/**
 * The penalized logistic objective of LogisticObjective, F(θ) = (1/S)·Σᵢ sᵢ·logloss(yᵢ, w·xᵢ + b)
 * + (λ/2)·‖w or θ_w‖² on the same scaled coordinates θ (wⱼ = θⱼ/scaleⱼ, b = θ_b − Σⱼ wⱼ·centerⱼ),
 * with every sum over rows computed by an engine: one query per value-and-gradient and one per
 * Hessian (the Hessian-vector product multiplies that Hessian, so Newton-CG is not worth it here).
 * `passes` counts the queries.
 */
export class SqlObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  /** Queries run so far. */
  passes = 0;
  private readonly w: Float64Array;
  private readonly raw: Float64Array;
  private readonly penaltyFactor: Float64Array;
  private readonly hess: Float64Array;
  private lastLoss = Number.NaN;
  private readonly lastTheta: Float64Array;

  constructor(
    private readonly engine: SqlPasses,
    private readonly spec: SqlObjectiveSpec,
  ) {
    const p = spec.features;
    this.dimension = p + (spec.fitIntercept ? 1 : 0);
    this.w = new Float64Array(p);
    this.raw = new Float64Array(p + 1);
    this.lastTheta = new Float64Array(this.dimension);
    this.hess = new Float64Array(this.dimension * this.dimension);
    this.penaltyFactor = penaltyFactors(spec.scale, spec.penalizeScaled);
  }

  /** Writes the original-unit coefficients w (length p) and returns the intercept b. */
  toOriginal(theta: Float64Array, wOut: Float64Array): number {
    const { center, scale, fitIntercept } = this.spec;
    return originalCoefficients(theta, center, scale, fitIntercept, wOut);
  }

  /** The mean log loss at θ: the last evaluation's when θ is its point, else one query. */
  logLoss(theta: Float64Array): number {
    if (this.lastLoss === this.lastLoss && theta.every((t, j) => t === this.lastTheta[j])) {
      return this.lastLoss;
    }
    const b = this.toOriginal(theta, this.w);
    this.passes++;
    return this.engine.lossAndGradient(this.w, b, this.raw);
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    const { center, scale, fitIntercept, features: p, l2 } = this.spec;
    const b = this.toOriginal(theta, this.w);
    this.passes++;
    let f = this.engine.lossAndGradient(this.w, b, this.raw);
    this.lastTheta.set(theta);
    this.lastLoss = f;
    // ∇_θ F = Aᵀ·∇_(w,b) F for (w, b) = A·θ.
    const gb = this.raw[p];
    for (let j = 0; j < p; j++) gradOut[j] = (this.raw[j] - center[j] * gb) / scale[j];
    if (fitIntercept) gradOut[p] = gb;
    f += addL2Penalty(theta, this.penaltyFactor, l2, gradOut);
    return f;
  }

  hessian(theta: Float64Array, out: Float64Array): void {
    const { center, scale, fitIntercept, features: p, l2 } = this.spec;
    const d = this.dimension;
    const b = this.toOriginal(theta, this.w);
    this.passes++;
    this.engine.weightedGram(this.w, b, center, scale, fitIntercept, out);
    if (l2 > 0) for (let j = 0; j < p; j++) out[j * d + j] += l2 * this.penaltyFactor[j];
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const d = this.dimension;
    this.hessian(theta, this.hess);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += this.hess[a * d + c] * v[c];
      out[a] = s;
    }
  }
}
