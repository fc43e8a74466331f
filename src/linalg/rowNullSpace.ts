/**
 * An orthonormal basis of { v ∈ ℝ^d : a_kᵀv = 0 for the chosen rows k } of a row-major A with d
 * columns (all rows when `chosen` is null), by Householder QR with pivoting on the rows of A
 * taken as vectors: after r reflections the rows span the first r coordinates of
 * Q = H₀⋯H_{r−1}, so Q's last d − r columns span the null space. A row whose remainder is below
 * `rankTolerance` times the largest row norm counts as dependent. A is not modified.
 *
 * @returns d − rank vectors of length d, orthonormal.
 */
export function rowNullSpace(
  A: Float64Array,
  chosen: readonly number[] | null,
  d: number,
  rankTolerance: number,
): Float64Array[] {
  const count = chosen === null ? A.length / d : chosen.length;
  const W = new Float64Array(count * d);
  for (let k = 0; k < count; k++) {
    const from = (chosen === null ? k : chosen[k]) * d;
    W.set(A.subarray(from, from + d), k * d);
  }
  const reflectors: { v: Float64Array; at: number }[] = [];
  // tail[k] = ‖W_k[s..d)‖², downdated after each step and recomputed when it has cancelled.
  const tail = new Float64Array(count);
  for (let k = 0; k < count; k++) tail[k] = sumOfSquares(W, k * d, k * d + d);
  const limit = rankTolerance * Math.sqrt(tail.reduce((a, b) => Math.max(a, b), 0));
  for (let s = 0; s < d; s++) {
    let pivotRow = -1;
    let largest = limit * limit;
    for (let k = 0; k < count; k++) {
      if (tail[k] > largest) [pivotRow, largest] = [k, tail[k]];
    }
    if (pivotRow < 0) break;
    const norm = Math.sqrt(sumOfSquares(W, pivotRow * d + s, pivotRow * d + d));
    if (norm <= limit) break;
    // H = I − 2vvᵀ/(vᵀv) maps the pivot row's tail onto −sign(w_s)·‖tail‖·e_s.
    const v = W.slice(pivotRow * d, pivotRow * d + d).fill(0, 0, s);
    v[s] += (v[s] >= 0 ? 1 : -1) * norm;
    reflect(W, count, d, v, s);
    reflectors.push({ v, at: s });
    for (let k = 0; k < count; k++) {
      const before = tail[k];
      tail[k] -= W[k * d + s] ** 2;
      if (tail[k] < 1e-8 * before) tail[k] = sumOfSquares(W, k * d + s + 1, k * d + d);
    }
  }
  const basis: Float64Array[] = [];
  for (let j = reflectors.length; j < d; j++) {
    const q = new Float64Array(d);
    q[j] = 1;
    for (let h = reflectors.length - 1; h >= 0; h--)
      reflect(q, 1, d, reflectors[h].v, reflectors[h].at);
    basis.push(q);
  }
  return basis;
}

function sumOfSquares(v: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j < to; j++) sum += v[j] * v[j];
  return sum;
}

/** Applies H = I − 2vvᵀ/(vᵀv) (v zero before index `at`) to each of the `count` rows of W. */
function reflect(W: Float64Array, count: number, d: number, v: Float64Array, at: number): void {
  let vv = 0;
  for (let j = at; j < d; j++) vv += v[j] * v[j];
  if (vv === 0) return;
  for (let k = 0; k < count; k++) {
    let dot = 0;
    for (let j = at; j < d; j++) dot += v[j] * W[k * d + j];
    const f = (2 * dot) / vv;
    if (f !== 0) for (let j = at; j < d; j++) W[k * d + j] -= f * v[j];
  }
}
