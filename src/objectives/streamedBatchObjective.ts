import type { Matrix } from '../linalg/matrix.js';
import { linearScore } from '../math/linearScore.js';
import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';
import type { StochasticObjective } from '../solvers/stochasticObjective.js';
import type { RowChunk } from './rowChunks.js';
import type { StreamedLogisticObjective } from './streamedLogisticObjective.js';

/** What {@link StreamedBatchObjective} knows of the whole stream (from its moments pass). */
export interface StreamedBatchSpec {
  readonly full: StreamedLogisticObjective;
  readonly fitIntercept: boolean;
  readonly l2: number;
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly penalizeScaled: boolean;
  /** m, the rows of the stream. */
  readonly rowCount: number;
  /** S = Σ sᵢ over the stream. */
  readonly sumWeights: number;
  /** An upper bound on maxᵢ sᵢ·‖x̃ᵢ‖² over the stream, x̃ᵢ = ((xᵢ − center)/scale, 1). */
  readonly largestRowNorm: number;
}

/**
 * LogisticBatchObjective over a stream: batches are rows of the current chunk (set by
 * {@link setChunk}), with the same unbiased estimate F_B(θ) = (m / (|B|·S))·Σ_{i∈B} sᵢ·ℓᵢ(θ)
 * + (λ/2)·‖·‖² (m and S of the whole stream); full evaluations are passes of the
 * StreamedLogisticObjective. Each batch evaluation also keeps its raw Σ sᵢ·ℓᵢ and Σ sᵢ at the
 * point before the step (`lastLoss`, `lastWeight`): summed over a pass, the progressive
 * validation loss (each row scored before it is trained on, as Vowpal Wabbit reports).
 */
export class StreamedBatchObjective implements StochasticObjective {
  readonly dimension: number;
  readonly rowCount: number;
  readonly strongConvexity: number;
  /** Σ_{i∈B} sᵢ·ℓᵢ(θ) and Σ_{i∈B} sᵢ of the last batch evaluated. */
  lastLoss = 0;
  lastWeight = 0;
  private X: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private y: Float64Array = new Float64Array(0);
  private sampleWeight: Float64Array | undefined;
  private readonly p: number;
  private readonly w: Float64Array;
  private readonly rawGrad: Float64Array;
  private readonly penaltyFactor: Float64Array;

  constructor(private readonly spec: StreamedBatchSpec) {
    const p = spec.scale.length;
    this.p = p;
    this.dimension = spec.full.dimension;
    this.rowCount = spec.rowCount;
    this.w = new Float64Array(p);
    this.rawGrad = new Float64Array(p + 1);
    this.penaltyFactor = new Float64Array(p);
    let smallest = Infinity;
    for (let j = 0; j < p; j++) {
      this.penaltyFactor[j] = spec.penalizeScaled ? 1 : 1 / (spec.scale[j] * spec.scale[j]);
      smallest = Math.min(smallest, this.penaltyFactor[j]);
    }
    this.strongConvexity = p > 0 && spec.l2 > 0 ? spec.l2 * smallest : 0;
  }

  /** The chunk whose rows the next batches index. */
  setChunk(chunk: RowChunk): void {
    this.X = chunk.X;
    this.y = chunk.y;
    this.sampleWeight = chunk.sampleWeight;
  }

  valueAndGradient(theta: Float64Array, gradOut: Float64Array): number {
    return this.spec.full.valueAndGradient(theta, gradOut);
  }

  batchValueAndGradient(
    theta: Float64Array,
    rows: ArrayLike<number>,
    start: number,
    end: number,
    gradOut: Float64Array,
  ): number {
    const { center, scale, fitIntercept, l2 } = this.spec;
    const { p, w, y, sampleWeight } = this;
    const data = this.X.data;
    const g = this.rawGrad;
    const b = this.spec.full.toOriginal(theta, w);
    g.fill(0);
    let loss = 0;
    let weight = 0;
    for (let r = start; r < end; r++) {
      const i = rows[r];
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      if (s === 0) continue;
      const offset = i * p;
      const z = linearScore(data, offset, w, b);
      loss += s * (log1pExp(z) - y[i] * z);
      weight += s;
      const residual = s * (sigmoid(z) - y[i]);
      for (let j = 0; j < p; j++) g[j] += residual * data[offset + j];
      g[p] += residual;
    }
    this.lastLoss = loss;
    this.lastWeight = weight;
    const factor = this.rowCount / ((end - start) * this.spec.sumWeights);
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
    const b = this.spec.full.toOriginal(theta, this.w);
    let loss = 0;
    let total = 0;
    for (let r = start; r < end; r++) {
      const i = rows[r];
      const s = this.sampleWeight === undefined ? 1 : this.sampleWeight[i];
      const z = linearScore(this.X.data, i * this.p, this.w, b);
      loss += s * (log1pExp(z) - this.y[i] * z);
      total += s;
    }
    return total > 0 ? loss / total : 0;
  }

  /** (m/S)·maxᵢ sᵢ‖x̃ᵢ‖²/4 + λ·maxⱼ penaltyFactorⱼ, as LogisticBatchObjective's bound. */
  lipschitzBound(): number {
    let penaltyMax = 0;
    for (let j = 0; j < this.p; j++) penaltyMax = Math.max(penaltyMax, this.penaltyFactor[j]);
    const { rowCount, sumWeights, largestRowNorm, l2 } = this.spec;
    return ((rowCount / sumWeights) * largestRowNorm) / 4 + l2 * penaltyMax;
  }
}
