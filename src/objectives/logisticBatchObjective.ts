import { linearScore } from '../math/linearScore.js';
import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';
import type { StochasticObjective } from '../solvers/stochasticObjective.js';
import { LogisticObjective } from './logisticObjective.js';
import type { LogisticObjectiveSpec } from './logisticObjective.js';

/**
 * The binary {@link LogisticObjective} as a finite sum, for stochastic gradient descent: the
 * same F(θ) = (1/S)·Σᵢ sᵢ·ℓᵢ(θ) + (λ/2)·‖·‖² on the same scaled coordinates θ, plus its estimate
 * from a batch B of rows,
 *
 * F_B(θ) = (m / (|B|·S))·Σ_{i∈B} sᵢ·ℓᵢ(θ) + (λ/2)·‖·‖²,
 *
 * which is unbiased (E F_B = F when B is drawn uniformly) and equals F for B = all rows; an
 * epoch's batches together weigh every row as F does. ℓᵢ is the article's cross-entropy of row i
 * (equation 4) and ∇F_B its gradient over the batch (equation 5 on B). Full passes are delegated
 * to {@link LogisticObjective} (and so to its fast kernel); batch passes allocate nothing.
 */
export class LogisticBatchObjective implements StochasticObjective {
  readonly dimension: number;
  readonly rowCount: number;
  readonly strongConvexity: number;
  private readonly full: LogisticObjective;
  private readonly p: number;
  private readonly totalWeight: number;
  private readonly w: Float64Array;
  private readonly rawGrad: Float64Array;
  private readonly penaltyFactor: Float64Array;
  private lipschitz: number | undefined;

  constructor(private readonly spec: LogisticObjectiveSpec) {
    this.full = new LogisticObjective(spec);
    const { X, sampleWeight, scale, penalizeScaled, l2 } = spec;
    const p = X.cols;
    this.p = p;
    this.dimension = this.full.dimension;
    this.rowCount = X.rows;
    let total = 0;
    for (let i = 0; i < X.rows; i++) total += sampleWeight === undefined ? 1 : sampleWeight[i];
    this.totalWeight = total;
    this.w = new Float64Array(p);
    this.rawGrad = new Float64Array(p + 1);
    this.penaltyFactor = new Float64Array(p);
    let smallest = Infinity;
    for (let j = 0; j < p; j++) {
      this.penaltyFactor[j] = penalizeScaled ? 1 : 1 / (scale[j] * scale[j]);
      smallest = Math.min(smallest, this.penaltyFactor[j]);
    }
    // The intercept is not penalized, so F is strongly convex in θ_w only; the schedules that use
    // this modulus only need a lower bound on the curvature along the iterates' path.
    this.strongConvexity = p > 0 && l2 > 0 ? l2 * smallest : 0;
  }

  /** Writes the original-unit coefficients (length p) and returns the intercept. */
  toOriginal(theta: Float64Array, wOut: Float64Array): number {
    return this.full.toOriginal(theta, wOut);
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    return this.full.valueAndGradient(theta, gradOut);
  }

  batchValueAndGradient(
    theta: Float64Array,
    rows: ArrayLike<number>,
    start: number,
    end: number,
    gradOut: Float64Array,
  ): number {
    const { X, y, sampleWeight, center, scale, fitIntercept, l2 } = this.spec;
    const { p, w } = this;
    const data = X.data;
    const g = this.rawGrad;
    const b = this.full.toOriginal(theta, w);
    g.fill(0);
    let loss = 0;
    for (let r = start; r < end; r++) {
      const i = rows[r];
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      if (s === 0) continue;
      const offset = i * p;
      const z = linearScore(data, offset, w, b);
      loss += s * (log1pExp(z) - y[i] * z);
      const residual = s * (sigmoid(z) - y[i]);
      for (let j = 0; j < p; j++) g[j] += residual * data[offset + j];
      g[p] += residual;
    }
    const factor = this.rowCount / ((end - start) * this.totalWeight);
    // Chain rule to θ, as LogisticObjective's pull-back: ∂/∂θⱼ = (gⱼ − centerⱼ·g_b)/scaleⱼ.
    const gb = g[p] * factor;
    let penalty = 0;
    for (let j = 0; j < p; j++) {
      const t = this.penaltyFactor[j] * theta[j];
      penalty += t * theta[j];
      gradOut[j] = (g[j] * factor - center[j] * gb) / scale[j] + l2 * t;
    }
    if (fitIntercept) gradOut[p] = gb;
    return loss * factor + 0.5 * l2 * penalty;
  }

  batchLoss(theta: Float64Array, rows: ArrayLike<number>, start: number, end: number): number {
    const { X, y, sampleWeight } = this.spec;
    const b = this.full.toOriginal(theta, this.w);
    let loss = 0;
    let total = 0;
    for (let r = start; r < end; r++) {
      const i = rows[r];
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      const z = linearScore(X.data, i * this.p, this.w, b);
      loss += s * (log1pExp(z) - y[i] * z);
      total += s;
    }
    return total > 0 ? loss / total : 0;
  }

  /**
   * L = maxᵢ (m·sᵢ/S)·‖x̃ᵢ‖²/4 + λ·maxⱼ penaltyFactorⱼ, with x̃ᵢ = ((xᵢ − center)/scale, 1) the row
   * in θ coordinates: the logistic loss has ℓ'' = σ(1 − σ) ≤ 1/4, so ∇²(row i's term) ⪯
   * (m·sᵢ/S)·x̃ᵢx̃ᵢᵀ/4 + λ·diag(penaltyFactor), whose largest eigenvalue is at most L. A batch
   * term is a mean of row terms, so L bounds every batch and F itself. One pass, then cached.
   */
  lipschitzBound(): number {
    if (this.lipschitz !== undefined) return this.lipschitz;
    const { X, sampleWeight, center, scale, fitIntercept, l2 } = this.spec;
    const { p } = this;
    let largest = 0;
    for (let i = 0; i < X.rows; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      let squared = fitIntercept ? 1 : 0;
      for (let j = 0; j < p; j++) {
        const v = (X.data[i * p + j] - center[j]) / scale[j];
        squared += v * v;
      }
      largest = Math.max(largest, s * squared);
    }
    let penaltyMax = 0;
    for (let j = 0; j < p; j++) penaltyMax = Math.max(penaltyMax, this.penaltyFactor[j]);
    this.lipschitz = ((this.rowCount / this.totalWeight) * largest) / 4 + l2 * penaltyMax;
    return this.lipschitz;
  }
}
