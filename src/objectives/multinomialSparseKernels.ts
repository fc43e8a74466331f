import { softmaxCrossEntropy } from '../math/softmaxCrossEntropy.js';
import type { SparseMatrix } from '../linalg/sparseMatrix.js';

/**
 * The sparse (CSR) passes of `MultinomialObjective`, in original units: scores zᵢₖ = wₖ·xᵢ + bₖ
 * over the stored entries of row i only. Centring and scaling stay implicit: the objective maps
 * θ to (w, b) before a pass and pulls the raw results back after it (never forming x − center),
 * so each pass costs O(nnz·K) and a row with no stored entries costs O(K).
 *
 * Shared shapes: w is K × p row-major, b has K entries; raw vectors (gradients, directions,
 * products) are K × (p + 1) with the intercept entry last in each class block; `z` and `u` are
 * K-long work buffers. Outputs are sums over rows, not yet divided by S = Σ sᵢ.
 */

/** The K scores zₖ = wₖ·xᵢ + bₖ of CSR row i (w is K × p, row-major), over its stored entries. */
function rowScores(
  X: SparseMatrix,
  i: number,
  w: Float64Array,
  b: Float64Array,
  z: Float64Array,
): void {
  const { indptr, indices, values, cols: p } = X;
  const start = indptr[i];
  const end = indptr[i + 1];
  for (let k = 0; k < b.length; k++) {
    let zk = b[k];
    const wk = k * p;
    for (let t = start; t < end; t++) zk += w[wk + indices[t]] * values[t];
    z[k] = zk;
  }
}

/**
 * Writes the class probabilities of row i into `z` (the stable softmax: shift by the largest
 * score) and returns nothing; `w`, `b` are the current original-unit parameters.
 */
function rowProbabilities(
  X: SparseMatrix,
  i: number,
  w: Float64Array,
  b: Float64Array,
  z: Float64Array,
): void {
  const K = b.length;
  rowScores(X, i, w, b, z);
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
  let sum = 0;
  for (let k = 0; k < K; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  const inv = 1 / sum;
  for (let k = 0; k < K; k++) z[k] *= inv;
}

/**
 * Σᵢ sᵢ·(−log pᵢ,yᵢ), returned, and the raw gradient Σᵢ sᵢ(pᵢₖ − [yᵢ = k])·(xᵢ, 1) written into
 * `g` (overwritten). The loss is log Σₖ e^(zₖ − M) + (M − z_y) with M the top score, as the dense
 * pass computes it (exact when y is the top class).
 */
export function sparseMultinomialLossGradient(
  X: SparseMatrix,
  y: Int32Array,
  sampleWeight: Float64Array | undefined,
  w: Float64Array,
  b: Float64Array,
  z: Float64Array,
  g: Float64Array,
): number {
  const { rows: m, cols: p, indptr, indices, values } = X;
  const K = b.length;
  const q = p + 1;
  g.fill(0);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (s === 0) continue;
    const start = indptr[i];
    const end = indptr[i + 1];
    const yi = y[i];
    rowScores(X, i, w, b, z);
    loss += s * softmaxCrossEntropy(z, K, yi);
    for (let k = 0; k < K; k++) {
      const r = s * (z[k] - (k === yi ? 1 : 0));
      const gk = k * q;
      for (let t = start; t < end; t++) g[gk + indices[t]] += r * values[t];
      g[gk + p] += r;
    }
  }
  return loss;
}

/**
 * The raw Hessian-vector product Σᵢ sᵢ·(diag(pᵢ) − pᵢpᵢᵀ)·(Dx̂ᵢ) ⊗ x̂ᵢ, x̂ᵢ = (xᵢ, 1), for a raw
 * direction `d` (K × (p + 1)), written into `out` (overwritten): per row, uₖ = dₖ·x̂ᵢ,
 * ū = Σₖ pₖuₖ, and block k gains sᵢ·pₖ·(uₖ − ū)·x̂ᵢ.
 */
export function sparseMultinomialHessianVector(
  X: SparseMatrix,
  sampleWeight: Float64Array | undefined,
  w: Float64Array,
  b: Float64Array,
  d: Float64Array,
  z: Float64Array,
  u: Float64Array,
  out: Float64Array,
): void {
  const { rows: m, cols: p, indptr, indices, values } = X;
  const K = b.length;
  const q = p + 1;
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (s === 0) continue;
    const start = indptr[i];
    const end = indptr[i + 1];
    rowProbabilities(X, i, w, b, z);
    let mean = 0;
    for (let k = 0; k < K; k++) {
      const dk = k * q;
      let uk = d[dk + p];
      for (let t = start; t < end; t++) uk += d[dk + indices[t]] * values[t];
      u[k] = uk;
      mean += z[k] * uk;
    }
    for (let k = 0; k < K; k++) {
      const c = s * z[k] * (u[k] - mean);
      const ok = k * q;
      for (let t = start; t < end; t++) out[ok + indices[t]] += c * values[t];
      out[ok + p] += c;
    }
  }
}

/**
 * The raw Hessian R = Σᵢ sᵢ·(diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̂ᵢx̂ᵢᵀ, x̂ᵢ = (xᵢ, 1), a full symmetric
 * (K·(p + 1))² matrix written into `out` (overwritten). Per row and class pair only the stored
 * entries and the intercept meet: O(K²·(nnzᵢ + 1)²/2) per row.
 */
export function sparseMultinomialRawHessian(
  X: SparseMatrix,
  sampleWeight: Float64Array | undefined,
  w: Float64Array,
  b: Float64Array,
  z: Float64Array,
  out: Float64Array,
): void {
  const { rows: m, cols: p, indptr, indices, values } = X;
  const K = b.length;
  const q = p + 1;
  const n = K * q;
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (s === 0) continue;
    const start = indptr[i];
    const end = indptr[i + 1];
    rowProbabilities(X, i, w, b, z);
    // Lower block triangle l ≤ k; within a block every (a, e) pair of stored entries + intercept.
    for (let k = 0; k < K; k++) {
      for (let l = 0; l <= k; l++) {
        const c = s * ((k === l ? z[k] : 0) - z[k] * z[l]);
        if (c === 0) continue;
        const rowBase = k * q;
        const colBase = l * q;
        for (let t = start; t <= end; t++) {
          const a = t < end ? indices[t] : p;
          const ca = t < end ? c * values[t] : c;
          const base = (rowBase + a) * n + colBase;
          for (let r = start; r < end; r++) out[base + indices[r]] += ca * values[r];
          out[base + p] += ca;
        }
      }
    }
  }
  // Block (l, k) is the transpose of block (k, l).
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < k; l++) {
      for (let a = 0; a < q; a++) {
        for (let e = 0; e < q; e++)
          out[(l * q + e) * n + k * q + a] = out[(k * q + a) * n + l * q + e];
      }
    }
  }
}

/**
 * Moves a raw Hessian R (K·(p + 1) square, intercept last per block) to θ coordinates:
 * H = Aᵀ·R·A for the per-class affine map of `MultinomialObjectiveSpec`, where column θₖⱼ of A is
 * 1/scaleⱼ at raw (k, j) and −centerⱼ/scaleⱼ at raw (k, b), and column θₖ,b is 1 at raw (k, b).
 * Entry by entry, with Rₖₗ the (k, l) block:
 *
 *   H[(k,a),(l,e)] = (R[a,e] − c_a·R[b,e] − c_e·R[a,b] + c_a·c_e·R[b,b]) / (s_a·s_e)
 *
 * (the b row or column dropping its c and s). Writes the full, exactly symmetric `dimension`²
 * matrix into `out`.
 */
export function rawHessianToTheta(
  raw: Float64Array,
  center: Float64Array,
  scale: Float64Array,
  K: number,
  fitIntercept: boolean,
  out: Float64Array,
): void {
  const p = center.length;
  const rq = p + 1;
  const rn = K * rq;
  const q = p + (fitIntercept ? 1 : 0);
  const n = K * q;
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) {
      const rb = k * rq + p; // raw intercept row of class k
      const cb = l * rq + p; // raw intercept column of class l
      const rbb = raw[rb * rn + cb];
      for (let a = 0; a < q; a++) {
        const ra = k * rq + a;
        const outRow = (k * q + a) * n + l * q;
        if (a === p) {
          for (let e = 0; e < p; e++) {
            out[outRow + e] = (raw[rb * rn + l * rq + e] - center[e] * rbb) / scale[e];
          }
          out[outRow + p] = rbb;
          continue;
        }
        const ca = center[a];
        const rab = raw[ra * rn + cb];
        for (let e = 0; e < p; e++) {
          const v =
            raw[ra * rn + l * rq + e] -
            ca * raw[rb * rn + l * rq + e] -
            center[e] * rab +
            ca * center[e] * rbb;
          out[outRow + e] = v / (scale[a] * scale[e]);
        }
        if (fitIntercept) out[outRow + p] = (rab - ca * rbb) / scale[a];
      }
    }
  }
  // The two triangles round differently; keep the lower one so H is exactly symmetric.
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) out[r * n + c] = out[c * n + r];
}
