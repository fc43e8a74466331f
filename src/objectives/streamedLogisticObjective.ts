import {
  addCrossEntropySums,
  addHessianVectorSums,
  addWeightedGram,
} from '../kernels/crossEntropySums.js';
import type { TwiceDifferentiableObjective } from '../solvers/objective.js';
import type { RowChunks } from './rowChunks.js';
import { addL2Penalty, originalCoefficients, penaltyFactors } from './scaledCoordinates.js';

/** How {@link StreamedLogisticObjective} is set up: LogisticObjectiveSpec with a stream for X. */
export interface StreamedLogisticSpec {
  /** The rows, read once per evaluation. */
  readonly rows: RowChunks;
  readonly fitIntercept: boolean;
  /** λ of the L2 term, 0 for none. */
  readonly l2: number;
  /** θⱼ = wⱼ·scaleⱼ, b = θ_b − Σⱼ θⱼ·centerⱼ/scaleⱼ, as LogisticObjectiveSpec. */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Penalize θ (standardized scale) instead of w. */
  readonly penalizeScaled: boolean;
  /** Called after each pass over the rows (for progress). */
  readonly onPass?: (() => void) | undefined;
}

/**
 * LogisticObjective with its rows streamed: the same F(θ) = (1/S)·Σᵢ sᵢ·logloss(yᵢ, w·xᵢ + b)
 * + (λ/2)·‖w or θ_w‖² on the same scaled coordinates θ, where every evaluation (value and
 * gradient, Hessian, Hessian-vector product) is one pass of sums over the chunks of
 * `spec.rows` (the shape of MADlib's and Spark MLlib's aggregates). The per-chunk sums are the
 * in-memory kernels' loops (see addCrossEntropySums), so over a matrix cut into chunks every
 * evaluation equals LogisticObjective's with the plain kernel bit for bit. Memory: O(d²) for the
 * Hessian, O(d) otherwise, plus the source's chunk.
 */
export class StreamedLogisticObjective implements TwiceDifferentiableObjective {
  readonly dimension: number;
  private readonly p: number;
  private readonly w: Float64Array;
  private readonly sums: Float64Array;
  private readonly rawDir: Float64Array;
  private readonly row: Float64Array;
  private readonly penaltyFactor: Float64Array;
  private readonly lastTheta: Float64Array;
  private lastLoss = NaN;
  /** Passes over the rows so far. */
  passes = 0;

  constructor(private readonly spec: StreamedLogisticSpec) {
    const p = spec.rows.features;
    this.p = p;
    this.dimension = p + (spec.fitIntercept ? 1 : 0);
    this.w = new Float64Array(p);
    this.sums = new Float64Array(p + 3);
    this.rawDir = new Float64Array(p + 1);
    this.row = new Float64Array(p + 1);
    this.lastTheta = new Float64Array(this.dimension);
    this.penaltyFactor = penaltyFactors(spec.scale, spec.penalizeScaled);
  }

  /** Writes the original-unit coefficients w (length p) and returns the intercept b. */
  toOriginal(theta: Float64Array, wOut: Float64Array): number {
    const { center, scale, fitIntercept } = this.spec;
    return originalCoefficients(theta, center, scale, fitIntercept, wOut);
  }

  /** Applies Aᵀ to raw (w, b) sums `raw` (intercept at p) scaled by `inv`, writing θ-space `out`. */
  private pullBack(raw: Float64Array, inv: number, out: Float64Array): void {
    const { center, scale, fitIntercept } = this.spec;
    const p = this.p;
    const gb = raw[p] * inv;
    for (let j = 0; j < p; j++) out[j] = (raw[j] * inv - center[j] * gb) / scale[j];
    if (fitIntercept) out[p] = gb;
  }

  /** The mean log loss at θ without the penalty: the last evaluation's, or one pass. */
  logLoss(theta: Float64Array): number {
    if (this.lastLoss === this.lastLoss && theta.every((t, j) => t === this.lastTheta[j])) {
      return this.lastLoss;
    }
    const grad = new Float64Array(this.dimension);
    this.valueAndGradient(theta, grad);
    return this.lastLoss;
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    const { l2 } = this.spec;
    const p = this.p;
    const b = this.toOriginal(theta, this.w);
    const sums = this.sums;
    sums.fill(0);
    for (const chunk of this.spec.rows.chunks()) {
      addCrossEntropySums(chunk.X, chunk.y, this.w, b, sums, chunk.sampleWeight);
    }
    this.endPass();
    // As crossEntropyGradient: each sum times 1/S.
    const inv = 1 / sums[p + 2];
    for (let j = 0; j < p; j++) sums[j] *= inv;
    sums[p] = sums[p] * inv;
    let f = sums[p + 1] * inv;
    this.lastTheta.set(theta);
    this.lastLoss = f;
    this.pullBack(sums, 1, gradOut);
    f += addL2Penalty(theta, this.penaltyFactor, l2, gradOut);
    return f;
  }

  hessianVectorProduct(theta: Float64Array, v: Float64Array, out: Float64Array): void {
    const { l2 } = this.spec;
    const p = this.p;
    const b = this.toOriginal(theta, this.w);
    this.rawDir[p] = this.toOriginal(v, this.rawDir);
    const sums = this.sums;
    sums.fill(0);
    for (const chunk of this.spec.rows.chunks()) {
      addHessianVectorSums(chunk.X, this.w, b, this.rawDir, sums, chunk.sampleWeight);
    }
    this.endPass();
    const inv = 1 / sums[p + 1];
    for (let j = 0; j < p; j++) sums[j] *= inv;
    sums[p] = sums[p] * inv;
    this.pullBack(sums, 1, out);
    if (l2 > 0) for (let j = 0; j < p; j++) out[j] += l2 * this.penaltyFactor[j] * v[j];
  }

  /**
   * The full Hessian (1/S)·Σᵢ sᵢ·ŷᵢ(1 − ŷᵢ)·x̃ᵢx̃ᵢᵀ + λ·diag(penaltyFactor), x̃ᵢ the row in θ
   * coordinates, in one pass (LogisticObjective.hessian's reference loop, chunk by chunk).
   */
  hessian(theta: Float64Array, out: Float64Array): void {
    const { l2, center, scale, fitIntercept } = this.spec;
    const p = this.p;
    const d = this.dimension;
    const b = this.toOriginal(theta, this.w);
    out.fill(0);
    let total = 0;
    for (const chunk of this.spec.rows.chunks()) {
      total = addWeightedGram(
        chunk.X,
        this.w,
        b,
        center,
        scale,
        fitIntercept,
        out,
        this.row,
        total,
        chunk.sampleWeight,
      );
    }
    this.endPass();
    const inv = 1 / total;
    for (let a = 0; a < d; a++) {
      for (let c = 0; c <= a; c++) {
        const v = out[a * d + c] * inv;
        out[a * d + c] = v;
        out[c * d + a] = v;
      }
    }
    if (l2 > 0) for (let j = 0; j < p; j++) out[j * d + j] += l2 * this.penaltyFactor[j];
  }

  private endPass(): void {
    this.passes++;
    this.spec.onPass?.();
  }
}
