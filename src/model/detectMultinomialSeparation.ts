import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { denseFromSparse, isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { maxSeparationCheckSize } from './detectSeparation.js';
import { negligibleEntry, separationCone } from './separationCone.js';

/** What {@link detectMultinomialSeparation} found. */
export interface MultinomialSeparationResult {
  /** 'none': the MLE exists; 'complete': every row's own class beats every rival along a direction; 'quasi-complete': some rows tie. */
  readonly kind: 'none' | 'complete' | 'quasi-complete';
  /**
   * Unordered pairs [k, l] of class indices (k < l) that a separating direction pulls apart:
   * along it, on some row of class k the probability of l goes to 0, or on some row of l that of
   * k. Sorted; empty when kind is 'none'.
   */
  readonly pairs: readonly (readonly [number, number])[];
  /** The class indices that occur in `pairs`, sorted. */
  readonly classes: readonly number[];
  /** Indices of the features whose coefficients diverge (p = the intercept when fitIntercept), sorted. */
  readonly involved: readonly number[];
  /**
   * A separating direction, K × d row-major (d = p + (fitIntercept ? 1 : 0), class k's block
   * β_k at k·d, intercept last), centred over the classes, max |entry| = 1; zeros when 'none'.
   */
  readonly direction: Float64Array;
}

/**
 * The largest number of rows times columns squared of the stacked LP (see
 * {@link detectMultinomialSeparation}), as for the binary check: n·(K − 1) rows of
 * (K − 1)·(p + 1) columns, so n·(K − 1)³·(p + 1)² ≤ {@link maxSeparationCheckSize}.
 */
export function isMultinomialSeparationCheckAffordable(
  rows: number,
  cols: number,
  classCount: number,
  fitIntercept: boolean,
): boolean {
  const d = (cols + (fitIntercept ? 1 : 0)) * (classCount - 1);
  return rows * (classCount - 1) * d * d <= maxSeparationCheckSize;
}

/**
 * Decides exactly whether the maximum-likelihood estimate of a multinomial (softmax) logistic
 * regression exists, and if not which classes and features are involved: the multinomial
 * counterpart of `detectSeparation`, by the same linear programs (Konis 2007).
 *
 * Model: P(y = k | x) ∝ exp(β_kᵀx̃), x̃ = (x, 1) (or x without intercept). The log-likelihood
 * Σ_i [β_{y_i}ᵀx̃_i − log Σ_j exp(β_jᵀx̃_i)] increases for ever along a direction B = (β_1 … β_K)
 * iff (β_{y_i} − β_j)ᵀx̃_i ≥ 0 for every row i and every class j, with B not in the subspace
 * where every such margin is 0 (then the likelihood does not change). The MLE exists iff no such
 * B exists: Albert & Anderson (1984), "On the existence of maximum likelihood estimates in
 * logistic regression models", Biometrika 71(1), 1–10, section 3 (complete, quasi-complete
 * separation and overlap for g groups; Lesaffre & Albert 1989 discuss the same for the
 * multinomial model). Complete separation: all margins positive; quasi-complete: nonnegative with
 * some rows on the boundary.
 *
 * The directions B + (c, …, c) change no probability, so the last class is taken as reference
 * (β_K = 0) and the cone is C = { β ∈ ℝ^{(K−1)d} : Aβ ≥ 0 } with one row of A per row i and rival
 * j ≠ y_i: +x̃_i in block y_i and −x̃_i in block j (a block of class K is dropped). A direction of
 * A's null space has every β_kᵀx̃_i = 0: that is aliasing of the columns of X, not separation.
 * This is exactly the binary check's problem with n·(K − 1) rows, solved by the same core
 * (`separationCone`). Pairwise binary checks would not do: a pair separated on its own rows need
 * not be separable without pulling a third class's rows to the wrong side.
 *
 * Which features diverge: feature j is involved when some coordinate (k, j) moves along a
 * direction of C outside the aliased subspace, i.e. some contrast β_kj − β_Kj, hence some
 * β_kj − β_lj, diverges (a property of the cone, not of the reference class). Which classes: the
 * pairs of a row's class and a rival whose margin some direction in C makes positive.
 *
 * Cost: the binary check's on n·(K − 1) rows and (K − 1)·(p + 1) columns
 * (see {@link isMultinomialSeparationCheckAffordable}).
 *
 * @param X - n × p features; rows whose weight is 0 are ignored; CSR is densified.
 * @param y - n class indices in 0 … classCount − 1.
 * @param classCount - K ≥ 2.
 * @param fitIntercept - whether the model has intercepts (coefficient p of each block).
 * @param weights - optional n nonnegative weights; only whether a weight is positive matters.
 * @throws {ShapeError} X.data not matching its shape, or y or weights of another length.
 * @throws {ValueError} a class index out of range, a non-finite entry of X, a bad weight.
 * @example
 * const X = { rows: 6, cols: 1, data: Float64Array.of(0, 1, 2, 3, 4, 5) };
 * detectMultinomialSeparation(X, Int32Array.of(0, 0, 1, 1, 2, 2), 3, true);
 * // { kind: 'complete', pairs: [[0, 1], [0, 2], [1, 2]], classes: [0, 1, 2], involved: [0, 1], … }
 */
export function detectMultinomialSeparation(
  X: FeatureMatrix,
  y: Int32Array,
  classCount: number,
  fitIntercept: boolean,
  weights?: Float64Array,
): MultinomialSeparationResult {
  const dense = isSparseMatrix(X) ? denseFromSparse(X) : X;
  const rows = validate(dense, y, classCount, weights);
  const K = classCount;
  const p = dense.cols;
  const d = p + (fitIntercept ? 1 : 0);
  const D = (K - 1) * d;
  // Column j is divided by scale_j = max_i |x_ij| (1 for the intercept and zero columns).
  const scale = new Float64Array(d);
  for (const i of rows) {
    for (let j = 0; j < p; j++) scale[j] = Math.max(scale[j], Math.abs(dense.data[i * p + j]));
  }
  for (let j = 0; j < d; j++) if (scale[j] === 0) scale[j] = 1;
  const x = new Float64Array(d);
  const N = rows.length * (K - 1);
  const A = new Float64Array(N * D);
  const pairOf = new Int32Array(2 * N);
  let r = 0;
  for (const i of rows) {
    for (let j = 0; j < p; j++) {
      const a = dense.data[i * p + j] / scale[j];
      x[j] = Math.abs(a) < negligibleEntry ? 0 : a;
    }
    if (fitIntercept) x[p] = 1;
    const own = y[i];
    for (let rival = 0; rival < K; rival++) {
      if (rival === own) continue;
      if (own < K - 1) for (let j = 0; j < d; j++) A[r * D + own * d + j] = x[j];
      if (rival < K - 1) for (let j = 0; j < d; j++) A[r * D + rival * d + j] = -x[j];
      pairOf[2 * r] = own;
      pairOf[2 * r + 1] = rival;
      r++;
    }
  }
  const stackedScale = new Float64Array(D);
  for (let k = 0; k < K - 1; k++) stackedScale.set(scale, k * d);
  const cone = separationCone(A, N, D, stackedScale);
  const direction = new Float64Array(K * d);
  if (cone.kind === 'none') {
    return { kind: 'none', pairs: [], classes: [], involved: [], direction };
  }

  const pairKeys = new Set<number>();
  for (let k = 0; k < N; k++) {
    if (!cone.separated[k]) continue;
    const [a, b] = [pairOf[2 * k], pairOf[2 * k + 1]];
    pairKeys.add(Math.min(a, b) * K + Math.max(a, b));
  }
  const pairs = [...pairKeys]
    .sort((a, b) => a - b)
    .map((key) => [Math.floor(key / K), key % K] as const);
  const classes = [...new Set(pairs.flat())].sort((a, b) => a - b);
  const involved = [...new Set(cone.involved.map((c) => c % d))].sort((a, b) => a - b);

  // B with β_K = 0, then centred over the K classes (the sum-to-zero representative).
  direction.set(cone.direction.subarray(0, D));
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += direction[k * d + j] / K;
    for (let k = 0; k < K; k++) direction[k * d + j] -= mean;
  }
  const largest = direction.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  if (largest > 0) for (let c = 0; c < direction.length; c++) direction[c] /= largest;
  return { kind: cone.kind, pairs, classes, involved, direction };
}

/** Boundary checks; returns the indices of the rows that count (weight absent or positive). */
function validate(
  X: Matrix,
  y: Int32Array,
  K: number,
  weights: Float64Array | undefined,
): number[] {
  const { rows: n, cols: p, data } = X;
  const where = 'detectMultinomialSeparation';
  if (data.length !== n * p) {
    throw new ShapeError(`${where}: X.data has length ${data.length}, expected ${n} × ${p}`);
  }
  if (y.length !== n)
    throw new ShapeError(`${where}: y has ${y.length} entries, but X has ${n} rows`);
  if (weights !== undefined && weights.length !== n) {
    throw new ShapeError(`${where}: weights has ${weights.length} entries, but X has ${n} rows`);
  }
  if (!Number.isInteger(K) || K < 2) {
    throw new ValueError(`${where}: classCount must be an integer ≥ 2, got ${K}`);
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0 && y[i] < K)) {
      throw new ValueError(`${where}: y[${i}] must be a class index in 0 … ${K - 1}, got ${y[i]}`);
    }
    const w = weights === undefined ? 1 : weights[i];
    if (!(w >= 0) || w === Infinity) {
      throw new ValueError(`${where}: weights[${i}] must be finite and ≥ 0, got ${w}`);
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(data[i * p + j])) {
        throw new ValueError(`${where}: X[${i}][${j}] must be finite, got ${data[i * p + j]}`);
      }
    }
    if (w > 0) rows.push(i);
  }
  return rows;
}
