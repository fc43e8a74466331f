import type { SparseMatrix } from '../linalg/sparseMatrix.js';
import { sparseRowScore } from '../linalg/sparseMatrix.js';
import { sigmoid } from '../math/sigmoid.js';
import type { CoordinateQuadraticModel } from '../solvers/quadraticModel.js';
import type { LogisticObjectiveSpec } from './logisticObjective.js';

/** Compressed sparse columns of a CSR matrix: column j's entries are at [colptr[j], colptr[j + 1]). */
interface CompressedColumns {
  readonly colptr: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
}

/** The CSC transpose of a CSR matrix, in O(nnz + p) time and 12·nnz + 4·p bytes; rows increase within a column. */
function compressedColumns(X: SparseMatrix): CompressedColumns {
  const { rows: m, cols: p, indptr, indices, values } = X;
  const nnz = indptr[m];
  const colptr = new Int32Array(p + 1);
  for (let k = 0; k < nnz; k++) colptr[indices[k] + 1]++;
  for (let j = 0; j < p; j++) colptr[j + 1] += colptr[j];
  const next = colptr.slice(0, p);
  const rowIndex = new Int32Array(nnz);
  const columnValues = new Float64Array(nnz);
  for (let i = 0; i < m; i++) {
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const at = next[indices[k]]++;
      rowIndex[at] = i;
      columnValues[at] = values[k];
    }
  }
  return { colptr, rowIndex, values: columnValues };
}

/**
 * `LogisticQuadraticModel` (newGLMNET's Newton model read from the data) for CSR data, touching
 * only stored entries. With Dᵢᵢ = sᵢ·ŷᵢ(1 − ŷᵢ)/S, H_D = Σᵢ Dᵢᵢ and x̃ᵢⱼ = (xᵢⱼ − cⱼ)/σⱼ the centred,
 * scaled feature, centring stays implicit:
 *
 *   Hⱼⱼ = (1/σⱼ²)·[Σ_{i∈nz(j)} Dᵢᵢ(xᵢⱼ − cⱼ)² + (H_D − Σ_{i∈nz(j)} Dᵢᵢ)·cⱼ²] + λ·penaltyFactorⱼ,
 *   (H·d)ⱼ = (1/σⱼ)·[Σ_{i∈nz(j)} Dᵢᵢxᵢⱼuᵢ − cⱼ·Σᵢ Dᵢᵢuᵢ] + λ·penaltyFactorⱼ·dⱼ,
 *
 * with u = X̃·d held as u = v + κ·1, so that a move along j changes v on column j's stored rows
 * and κ by −cⱼ·δ/σⱼ, and Σᵢ Dᵢᵢuᵢ = Q + κ·H_D with Q = Σᵢ Dᵢᵢvᵢ kept current by
 * Q += (δ/σⱼ)·Σ_{i∈nz(j)} Dᵢᵢxᵢⱼ. A coordinate step then costs O(nnz(j)); an expansion O(nnz + m + p).
 * The columns come from a CSC transpose built once per model (12·nnz + 4·p bytes).
 * Memory in all: O(nnz + m + p), nothing of size m·p or p².
 */
export class SparseLogisticQuadraticModel implements CoordinateQuadraticModel {
  readonly dimension: number;
  private readonly X: SparseMatrix;
  private readonly p: number;
  private readonly columns: CompressedColumns;
  private readonly invScale: Float64Array;
  private readonly penaltyFactor: Float64Array;
  private readonly w: Float64Array;
  private readonly curvature: Float64Array;
  /** Σ_{i∈nz(j)} Dᵢᵢ·xᵢⱼ per column. */
  private readonly columnCurvature: Float64Array;
  private readonly v: Float64Array;
  private readonly d: Float64Array;
  private readonly diag: Float64Array;
  private kappa = 0;
  private q = 0;
  private totalCurvature = 0;

  constructor(
    private readonly spec: LogisticObjectiveSpec,
    X: SparseMatrix,
  ) {
    const { scale, penalizeScaled, fitIntercept } = spec;
    const p = X.cols;
    this.X = X;
    this.p = p;
    this.dimension = p + (fitIntercept ? 1 : 0);
    this.columns = compressedColumns(X);
    this.invScale = scale.map((s) => 1 / s);
    this.penaltyFactor = scale.map((s) => (penalizeScaled ? 1 : 1 / (s * s)));
    this.w = new Float64Array(p);
    this.curvature = new Float64Array(X.rows);
    this.columnCurvature = new Float64Array(p);
    this.v = new Float64Array(X.rows);
    this.d = new Float64Array(this.dimension);
    this.diag = new Float64Array(this.dimension);
  }

  expandAt(theta: Float64Array): void {
    const { sampleWeight, l2, center, fitIntercept, offset: known } = this.spec;
    const { X, p, w, invScale, curvature, diag, columnCurvature } = this;
    const m = X.rows;
    let b = fitIntercept ? theta[p] : 0;
    for (let j = 0; j < p; j++) {
      w[j] = theta[j] * invScale[j];
      b -= w[j] * center[j];
    }
    let total = 0;
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      total += s;
      const prob = sigmoid(sparseRowScore(X, i, w, b) + (known === undefined ? 0 : known[i]));
      curvature[i] = s * prob * (1 - prob);
    }
    const inv = 1 / total;
    let hTotal = 0;
    for (let i = 0; i < m; i++) {
      curvature[i] *= inv;
      hTotal += curvature[i];
    }
    this.totalCurvature = hTotal;
    const { colptr, rowIndex, values } = this.columns;
    for (let j = 0; j < p; j++) {
      const c = center[j];
      let hx = 0;
      let hCentred = 0;
      let hStored = 0;
      for (let k = colptr[j]; k < colptr[j + 1]; k++) {
        const h = curvature[rowIndex[k]];
        const x = values[k];
        hx += h * x;
        hCentred += h * (x - c) * (x - c);
        hStored += h;
      }
      columnCurvature[j] = hx;
      diag[j] =
        (hCentred + (hTotal - hStored) * c * c) * invScale[j] * invScale[j] +
        l2 * this.penaltyFactor[j];
    }
    if (fitIntercept) diag[p] = hTotal;
    this.v.fill(0);
    this.d.fill(0);
    this.kappa = 0;
    this.q = 0;
  }

  diagonal(j: number): number {
    return this.diag[j];
  }

  productAlong(j: number): number {
    const weighted = this.q + this.kappa * this.totalCurvature;
    if (j === this.p) return weighted;
    const { colptr, rowIndex, values } = this.columns;
    const { curvature, v } = this;
    let s = 0;
    for (let k = colptr[j]; k < colptr[j + 1]; k++) {
      const i = rowIndex[k];
      s += curvature[i] * values[k] * v[i];
    }
    s += this.kappa * this.columnCurvature[j];
    return (
      (s - this.spec.center[j] * weighted) * this.invScale[j] +
      this.spec.l2 * this.penaltyFactor[j] * this.d[j]
    );
  }

  moveAlong(j: number, delta: number): void {
    this.d[j] += delta;
    if (j === this.p) {
      this.kappa += delta;
      return;
    }
    const { colptr, rowIndex, values } = this.columns;
    const v = this.v;
    const step = delta * this.invScale[j];
    for (let k = colptr[j]; k < colptr[j + 1]; k++) v[rowIndex[k]] += values[k] * step;
    this.q += step * this.columnCurvature[j];
    this.kappa -= this.spec.center[j] * step;
  }
}
