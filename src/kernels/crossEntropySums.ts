import type { Matrix } from '../linalg/matrix.js';
import { linearScore } from '../math/linearScore.js';
import { log1pExp } from '../math/log1pExp.js';
import { sigmoid } from '../math/sigmoid.js';

/**
 * Adds one chunk of rows to the running sums of the cross-entropy pass (the article's equations 4
 * and 5, before the division by S): with zᵢ = w·xᵢ + b and rᵢ = sᵢ(σ(zᵢ) − yᵢ),
 *
 * - `sums[0..p)` += Σᵢ rᵢ·xᵢ (the gradient over w),
 * - `sums[p]` += Σᵢ rᵢ (over the intercept),
 * - `sums[p + 1]` += Σᵢ sᵢ·(softplus(zᵢ) − yᵢzᵢ) (the loss),
 * - `sums[p + 2]` += Σᵢ sᵢ (S).
 *
 * The loop is crossEntropyGradient's dense loop, operation for operation: called on the chunks of
 * a matrix in row order from zero sums, it performs exactly the floating-point operations of one
 * crossEntropyGradient call on the whole matrix, so a streamed pass gives its result bit for bit.
 * Allocates nothing.
 *
 * @param sums - length p + 3, accumulated in place.
 */
export function addCrossEntropySums(
  X: Matrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  b: number,
  sums: Float64Array,
  sampleWeight?: ArrayLike<number>,
): void {
  const { rows: m, cols: p, data } = X;
  let gb = sums[p];
  let loss = sums[p + 1];
  let total = sums[p + 2];
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const offset = i * p;
    const z = linearScore(data, offset, w, b);
    const yi = y[i];
    loss += s * (log1pExp(z) - yi * z);
    const r = s * (sigmoid(z) - yi);
    gb += r;
    for (let j = 0; j < p; j++) sums[j] += r * data[offset + j];
    total += s;
  }
  sums[p] = gb;
  sums[p + 1] = loss;
  sums[p + 2] = total;
}

/**
 * Adds one chunk of rows to the lower triangle of the unnormalized weighted Gram matrix
 * Σᵢ sᵢσ(zᵢ)(1 − σ(zᵢ))·x̃ᵢx̃ᵢᵀ (d × d row-major, d = p + intercept), x̃ᵢ = ((xᵢ − center)/scale, 1),
 * zᵢ = w·xᵢ + b: Newton's Hessian before the 1/S. The loop is LogisticObjective.hessian's
 * reference loop, so chunks in row order give its sums bit for bit. `row` is scratch (length
 * p + 1). Returns the running Σ sᵢ, starting from `total`.
 */
export function addWeightedGram(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  center: Float64Array,
  scale: Float64Array,
  fitIntercept: boolean,
  out: Float64Array,
  row: Float64Array,
  total: number,
  sampleWeight?: ArrayLike<number>,
): number {
  const { rows: m, cols: p, data } = X;
  const d = p + (fitIntercept ? 1 : 0);
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const prob = sigmoid(linearScore(data, i * p, w, b));
    const h = s * prob * (1 - prob);
    total += s;
    if (h === 0) continue;
    const offset = i * p;
    for (let j = 0; j < p; j++) row[j] = (data[offset + j] - center[j]) / scale[j];
    if (fitIntercept) row[p] = 1;
    for (let a = 0; a < d; a++) {
      const ha = h * row[a];
      const base = a * d;
      for (let c = 0; c <= a; c++) out[base + c] += ha * row[c];
    }
  }
  return total;
}

/**
 * Adds one chunk of rows to the sums of the Hessian-vector product of the cross-entropy,
 * X̃ᵀDX̃·v with X̃ = [X 1], Dᵢᵢ = sᵢσ(zᵢ)(1 − σ(zᵢ)) (crossEntropyHessianVectorProduct's dense loop,
 * before the 1/S): `out[0..p]` += the product (intercept last), `out[p + 1]` += Σ sᵢ.
 * `v` has length p + 1.
 */
export function addHessianVectorSums(
  X: Matrix,
  w: ArrayLike<number>,
  b: number,
  v: Float64Array,
  out: Float64Array,
  sampleWeight?: ArrayLike<number>,
): void {
  const { rows: m, cols: p, data } = X;
  let ob = out[p];
  let total = out[p + 1];
  const vb = v[p];
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    const offset = i * p;
    const prob = sigmoid(linearScore(data, offset, w, b));
    let u = vb;
    for (let j = 0; j < p; j++) u += data[offset + j] * v[j];
    const t = s * prob * (1 - prob) * u;
    ob += t;
    for (let j = 0; j < p; j++) out[j] += t * data[offset + j];
    total += s;
  }
  out[p] = ob;
  out[p + 1] = total;
}
