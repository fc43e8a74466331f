import type { Matrix } from '../linalg/matrix.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { SparseMatrix } from '../linalg/sparseMatrix.js';
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
 * to {@link LogisticObjective} (and so to its fast kernel); batch passes allocate nothing. For CSR
 * data a batch reads its rows' stored entries, plus O(p) for the chain rule to θ. The spec's
 * offset, if any, enters every score (zᵢ = w·xᵢ + b + oᵢ), in the batches as in the full passes.
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
    const { X, y, sampleWeight, center, scale, fitIntercept, l2, offset: known } = this.spec;
    const { p, w } = this;
    const g = this.rawGrad;
    const b = this.full.toOriginal(theta, w);
    g.fill(0);
    let loss = 0;
    if (isSparseMatrix(X)) {
      loss = sparseBatchPass(X, y, sampleWeight, known, rows, start, end, w, b, g);
    } else {
      const data = X.data;
      for (let r = start; r < end; r++) {
        const i = rows[r];
        const s = sampleWeight === undefined ? 1 : sampleWeight[i];
        if (s === 0) continue;
        const offset = i * p;
        const z = linearScore(data, offset, w, b) + (known === undefined ? 0 : known[i]);
        loss += s * (log1pExp(z) - y[i] * z);
        const residual = s * (sigmoid(z) - y[i]);
        for (let j = 0; j < p; j++) g[j] += residual * data[offset + j];
        g[p] += residual;
      }
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
    const { X, y, sampleWeight, offset: known } = this.spec;
    const b = this.full.toOriginal(theta, this.w);
    let loss = 0;
    let total = 0;
    for (let r = start; r < end; r++) {
      const i = rows[r];
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      const z =
        (isSparseMatrix(X)
          ? sparseRowScore(X, i, this.w, b)
          : linearScore(X.data, i * this.p, this.w, b)) + (known === undefined ? 0 : known[i]);
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
    const { X, l2 } = this.spec;
    const largest = isSparseMatrix(X)
      ? sparseLargestRowNorm(X, this.spec)
      : denseLargestRowNorm(X, this.spec);
    let penaltyMax = 0;
    for (let j = 0; j < this.p; j++) penaltyMax = Math.max(penaltyMax, this.penaltyFactor[j]);
    this.lipschitz = ((this.rowCount / this.totalWeight) * largest) / 4 + l2 * penaltyMax;
    return this.lipschitz;
  }
}

/** maxᵢ sᵢ·‖x̃ᵢ‖² over the rows of a dense X, x̃ᵢ = ((xᵢ − center)/scale, 1). */
function denseLargestRowNorm(X: Matrix, spec: LogisticObjectiveSpec): number {
  const { sampleWeight, center, scale, fitIntercept } = spec;
  const p = X.cols;
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
  return largest;
}

/**
 * {@link denseLargestRowNorm} for CSR rows, over the stored entries:
 * ‖x̃ᵢ‖² = [1] + Σⱼ (centerⱼ/scaleⱼ)² + Σ_{j stored} [((xᵢⱼ − centerⱼ)/scaleⱼ)² − (centerⱼ/scaleⱼ)²].
 */
function sparseLargestRowNorm(X: SparseMatrix, spec: LogisticObjectiveSpec): number {
  const { sampleWeight, center, scale, fitIntercept } = spec;
  const { indptr, indices, values } = X;
  let zeroRow = 0;
  for (let j = 0; j < X.cols; j++) zeroRow += (center[j] / scale[j]) ** 2;
  let largest = 0;
  for (let i = 0; i < X.rows; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    let squared = (fitIntercept ? 1 : 0) + zeroRow;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const j = indices[k];
      const v = (values[k] - center[j]) / scale[j];
      squared += v * v - (center[j] / scale[j]) ** 2;
    }
    largest = Math.max(largest, s * squared);
  }
  return largest;
}

/**
 * The raw batch sums over CSR rows: returns Σ_{i∈B} sᵢ·ℓᵢ and adds Σ_{i∈B} sᵢ(σ(zᵢ) − yᵢ)·x̃ᵢ
 * (x̃ᵢ = (xᵢ, 1), intercept last) into `g`, reading only the stored entries.
 */
function sparseBatchPass(
  X: SparseMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  known: Float64Array | undefined,
  rows: ArrayLike<number>,
  start: number,
  end: number,
  w: Float64Array,
  b: number,
  g: Float64Array,
): number {
  const { cols: p, indptr, indices, values } = X;
  let loss = 0;
  for (let r = start; r < end; r++) {
    const i = rows[r];
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (s === 0) continue;
    const z = sparseRowScore(X, i, w, b) + (known === undefined ? 0 : known[i]);
    loss += s * (log1pExp(z) - y[i] * z);
    const residual = s * (sigmoid(z) - y[i]);
    for (let k = indptr[i]; k < indptr[i + 1]; k++) g[indices[k]] += residual * values[k];
    g[p] += residual;
  }
  return loss;
}
