import type { Matrix } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import { sigmoid } from '../math/sigmoid.js';
import { sparseHessianVectorProduct } from './sparseHessianVectorProduct.js';

/**
 * Hessian-vector product of the mean cross-entropy, in one pass over the rows:
 * ∇²L·d = (1/S)·X̃ᵀ D X̃ d with X̃ = [X 1], Dᵢᵢ = sᵢ·ŷᵢ(1 − ŷᵢ), ŷᵢ = σ(w·xᵢ + b), S = Σ sᵢ.
 * This is what LIBLINEAR's trust-region Newton and scikit-learn's newton-cg use instead of the
 * full Hessian.
 *
 * `d` has length p + 1 (intercept last); `out` (length p + 1) is overwritten. A CSR `X` goes to
 * {@link sparseHessianVectorProduct} (same result, stored entries only). With `offset` o,
 * ŷᵢ = σ(w·xᵢ + b + oᵢ) (see crossEntropyGradient).
 */
export function crossEntropyHessianVectorProduct(
  X: FeatureMatrix,
  w: ArrayLike<number>,
  b: number,
  d: Float64Array,
  out: Float64Array,
  sampleWeight?: ArrayLike<number>,
  offset?: ArrayLike<number>,
): void {
  if (isSparseMatrix(X)) sparseHessianVectorProduct(X, w, b, d, out, sampleWeight, offset);
  else denseHessianVectorProduct(X, w, b, d, out, sampleWeight, offset);
}

function denseHessianVectorProduct(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  d: Float64Array,
  out: Float64Array,
  sampleWeight?: ArrayLike<number>,
  rowOffset?: ArrayLike<number>,
): void {
  const { rows: m, cols: p, data } = X;
  out.fill(0);
  let total = 0;
  let ob = 0;
  const db = d[p];
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const offset = i * p;
    const prob = sigmoid(
      linearScore(data, offset, w, rowOffset === undefined ? b : b + rowOffset[i]),
    );
    let u = db;
    for (let j = 0; j < p; j++) u += data[offset + j] * d[j];
    const t = s * prob * (1 - prob) * u;
    ob += t;
    for (let j = 0; j < p; j++) out[j] += t * data[offset + j];
    total += s;
  }
  const inv = 1 / total;
  for (let j = 0; j < p; j++) out[j] *= inv;
  out[p] = ob * inv;
}
