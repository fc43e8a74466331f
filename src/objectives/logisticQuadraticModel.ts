import { ShapeError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import type { CoordinateQuadraticModel } from '../solvers/quadraticModel.js';
import type { LogisticObjectiveSpec } from './logisticObjective.js';
import { SparseLogisticQuadraticModel } from './sparseLogisticQuadraticModel.js';

/**
 * The data-based Newton model for the spec's X: {@link LogisticQuadraticModel} for dense rows,
 * {@link SparseLogisticQuadraticModel} for CSR (same model, stored entries only).
 */
export function logisticQuadraticModel(spec: LogisticObjectiveSpec): CoordinateQuadraticModel {
  const { X } = spec;
  return isSparseMatrix(X)
    ? new SparseLogisticQuadraticModel(spec, X)
    : new LogisticQuadraticModel(spec);
}

/**
 * The Newton model of {@link LogisticObjective}'s F read straight from the data, without forming
 * the Hessian (newGLMNET's inner loop, Yuan, Ho & Lin 2012, §3): with x̃ᵢ the row in θ coordinates
 * ((xᵢ − center)/scale, 1) and Dᵢᵢ = sᵢ·ŷᵢ(1 − ŷᵢ)/S at the expansion point,
 *
 *   H = X̃ᵀ·D·X̃ + λ·diag(penaltyFactor),   Hⱼⱼ = Σᵢ Dᵢᵢ·x̃ᵢⱼ² + λ·penaltyFactorⱼ,
 *   (H·d)ⱼ = Σᵢ Dᵢᵢ·x̃ᵢⱼ·uᵢ + λ·penaltyFactorⱼ·dⱼ  with u = X̃·d kept current by each move.
 *
 * Memory O(m + p) instead of the dense model's O(p²); each coordinate step reads one column
 * (O(m)), so it suits many features. The spec's offset, if any, enters ŷᵢ = σ(w·xᵢ + b + oᵢ). x̃ᵢⱼ is formed on the fly from the raw data (never copied),
 * so a large mean does not cancel a small spread.
 */
export class LogisticQuadraticModel implements CoordinateQuadraticModel {
  readonly dimension: number;
  private readonly p: number;
  private readonly invScale: Float64Array;
  private readonly penaltyFactor: Float64Array;
  private readonly w: Float64Array;
  private readonly curvature: Float64Array;
  private readonly u: Float64Array;
  private readonly d: Float64Array;
  private readonly diag: Float64Array;

  private readonly X: Matrix;

  /** @throws {ShapeError} for CSR data: {@link logisticQuadraticModel} picks the sparse model. */
  constructor(private readonly spec: LogisticObjectiveSpec) {
    const { X, scale, penalizeScaled, fitIntercept } = spec;
    if (isSparseMatrix(X)) {
      throw new ShapeError('LogisticQuadraticModel: X is sparse; use logisticQuadraticModel(spec)');
    }
    this.X = X;
    const p = X.cols;
    this.p = p;
    this.dimension = p + (fitIntercept ? 1 : 0);
    this.invScale = scale.map((s) => 1 / s);
    this.penaltyFactor = scale.map((s) => (penalizeScaled ? 1 : 1 / (s * s)));
    this.w = new Float64Array(p);
    this.curvature = new Float64Array(X.rows);
    this.u = new Float64Array(X.rows);
    this.d = new Float64Array(this.dimension);
    this.diag = new Float64Array(this.dimension);
  }

  expandAt(theta: Float64Array): void {
    const { sampleWeight, l2, center, fitIntercept, offset: known } = this.spec;
    const { rows: m, data } = this.X;
    const { p, w, invScale, curvature, diag } = this;
    let b = fitIntercept ? theta[p] : 0;
    for (let j = 0; j < p; j++) {
      w[j] = theta[j] * invScale[j];
      b -= w[j] * center[j];
    }
    diag.fill(0);
    let total = 0;
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      total += s;
      const offset = i * p;
      const prob = sigmoid(linearScore(data, offset, w, b) + (known === undefined ? 0 : known[i]));
      const h = s * prob * (1 - prob);
      curvature[i] = h;
      for (let j = 0; j < p; j++) {
        const t = (data[offset + j] - center[j]) * invScale[j];
        diag[j] += h * t * t;
      }
      if (fitIntercept) diag[p] += h;
    }
    const inv = 1 / total;
    for (let i = 0; i < m; i++) curvature[i] *= inv;
    for (let j = 0; j < this.dimension; j++) diag[j] *= inv;
    for (let j = 0; j < p; j++) diag[j] += l2 * this.penaltyFactor[j];
    this.u.fill(0);
    this.d.fill(0);
  }

  diagonal(j: number): number {
    return this.diag[j];
  }

  productAlong(j: number): number {
    const { center } = this.spec;
    const { rows: m, data } = this.X;
    const { p, curvature, u } = this;
    let s = 0;
    if (j === p) {
      for (let i = 0; i < m; i++) s += curvature[i] * u[i];
      return s;
    }
    const c = center[j];
    const inv = this.invScale[j];
    for (let i = 0; i < m; i++) s += curvature[i] * (data[i * p + j] - c) * inv * u[i];
    return s + this.spec.l2 * this.penaltyFactor[j] * this.d[j];
  }

  moveAlong(j: number, delta: number): void {
    const { center } = this.spec;
    const { rows: m, data } = this.X;
    const { p, u } = this;
    this.d[j] += delta;
    if (j === p) {
      for (let i = 0; i < m; i++) u[i] += delta;
      return;
    }
    const c = center[j];
    const step = delta * this.invScale[j];
    for (let i = 0; i < m; i++) u[i] += (data[i * p + j] - c) * step;
  }
}
