import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { simplex } from '../linalg/simplex.js';

/** What {@link detectSeparation} found. */
export interface SeparationResult {
  /** 'none': the MLE exists; 'complete': a hyperplane strictly separates the classes; 'quasi-complete': it separates with some points on it. */
  readonly kind: 'none' | 'complete' | 'quasi-complete';
  /** Indices of the coefficients whose estimates diverge (0..p-1 features; p = the intercept when fitIntercept), sorted. Empty when kind is 'none'. */
  readonly involved: readonly number[];
  /** A separating direction (length p + (fitIntercept ? 1 : 0), intercept last), all zeros when kind is 'none'. */
  readonly direction: Float64Array;
}

/**
 * The largest n·(p + 1)² for which {@link detectSeparation} is meant to run: about a second
 * (n = 5000 rows by p = 100 features, twice over). Time grows like n·(p + 1)² (about p pivots of
 * a (p + 1) × (n + 3p) tableau) and memory like 8·n·(p + 1) bytes; beyond the limit the caller
 * should use a heuristic (diverging coefficients, fitted probabilities of 0 or 1) instead.
 */
export const maxSeparationCheckSize = 100_000_000;

/** True when a data set of `rows` × `cols` is within {@link maxSeparationCheckSize}. */
export function isSeparationCheckAffordable(
  rows: number,
  cols: number,
  fitIntercept: boolean,
): boolean {
  const d = cols + (fitIntercept ? 1 : 0);
  return rows * d * d <= maxSeparationCheckSize;
}

/** Relative size below which a margin s_i x̃_iᵀβ counts as zero (against ‖x̃_i‖₁·‖β‖∞, scaled). */
const marginTolerance = 1e-9;
/** Relative size below which a vector counts as zero in the rank decisions. */
const rankTolerance = 1e-9;

/**
 * Decides exactly whether the maximum-likelihood estimate of a binary logistic regression
 * exists, by linear programming (Konis 2007, as in the R packages safeBinaryRegression and
 * detectseparation).
 *
 * With s_i = 2y_i − 1 and x̃_i = (x_i, 1) (or x_i without intercept), let
 * C = { β : s_i x̃_iᵀβ ≥ 0 for every i } and L = { β : x̃_iᵀβ = 0 for every i } (aliasing).
 * The MLE exists iff C = L (Albert & Anderson 1984). Every β in C \ L is a direction along which
 * the log-likelihood increases for ever: the classes are separated by the hyperplane β, with
 * the points of I₀ = { i : s_i x̃_iᵀβ = 0 for all β ∈ C } on it. Separation is complete when I₀
 * is empty and quasi-complete otherwise.
 *
 * Method. Columns are first divided by their largest |value| so that the LP is well scaled.
 * I₊ (the complement of I₀) is found by LPs: with R the points not yet separated,
 *   maximize Σ_{i∈R} s_i x̃_iᵀβ subject to s_i x̃_iᵀβ ≥ 0 for all i, −1 ≤ β_j ≤ 1;
 * the points with a positive margin at the optimum join I₊, and this repeats until the optimum
 * is 0 (then no β ∈ C lifts any point of R, so R = I₀); the sum of the optimal β is a direction
 * with a positive margin on all of I₊. Each LP is solved through its dual,
 *   minimize Σ_j (u_j + v_j) subject to u − v − Σ_i λ_i s_i x̃_i = Σ_{i∈R} s_i x̃_i; λ, u, v ≥ 0,
 * whose tableau has p + 1 rows (not n) and starts feasible at the basis of u or v; β is its
 * vector of simplex multipliers. A change of R only changes the right-hand side, so the next
 * LP warm-starts from the previous basis with the dual simplex.
 *
 * Which coefficients diverge: C is full-dimensional in V = { β : s_i x̃_iᵀβ = 0, i ∈ I₀ }, so
 * coefficient j can move along a separating direction iff e_j has a nonzero projection onto
 * V ⊖ L (L's part removed: aliased coefficients are not identified, and the directions are taken
 * orthogonal to L in the scaled coordinates). This is the set that one LP per coefficient
 * (max and min β_j over C, as detectseparation's "infinite estimates") gives, computed with two
 * pivoted Householder null spaces instead. Under complete separation V is everything, so every
 * coefficient not aliased is involved. The returned direction lies in V ⊖ L, is nonzero exactly
 * on `involved`, and is normalized to max |β_j| = 1 in the original units.
 *
 * Cost: O(n·(p + 1)) memory and about O(n·(p + 1)²) time; see {@link maxSeparationCheckSize}.
 *
 * @param X - n × p features; rows whose weight is 0 are ignored.
 * @param y - n labels, each 0 or 1.
 * @param weights - optional n nonnegative weights; only whether a weight is positive matters.
 * @throws {ShapeError} when y or weights do not have one entry per row of X.
 * @throws {ValueError} for a label other than 0 or 1, a non-finite entry of X, or a negative or
 * non-finite weight.
 * @example
 * const X = { rows: 4, cols: 1, data: Float64Array.of(1, 2, 3, 4) };
 * detectSeparation(X, Float64Array.of(0, 0, 1, 1), true);
 * // { kind: 'complete', involved: [0, 1], direction: [0.4, -1] } (x − 2.5 > 0 ⇔ y = 1)
 */
export function detectSeparation(
  X: Matrix,
  y: Float64Array,
  fitIntercept: boolean,
  weights?: Float64Array,
): SeparationResult {
  const rows = validate(X, y, weights);
  const p = X.cols;
  const d = p + (fitIntercept ? 1 : 0);
  const n = rows.length;
  const scale = new Float64Array(d).fill(fitIntercept ? 1 : 0);
  for (const i of rows) {
    for (let j = 0; j < p; j++) scale[j] = Math.max(scale[j], Math.abs(X.data[i * p + j]));
  }
  for (let j = 0; j < d; j++) if (scale[j] === 0) scale[j] = 1;
  // A: row k is s_k x̃_k with each column divided by its scale.
  const A = new Float64Array(n * d);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    const s = y[i] === 1 ? 1 : -1;
    for (let j = 0; j < p; j++) A[k * d + j] = (s * X.data[i * p + j]) / scale[j];
    if (fitIntercept) A[k * d + p] = s;
  }
  const none: SeparationResult = { kind: 'none', involved: [], direction: new Float64Array(d) };
  const { separated, direction: lifted } = separatedPoints(A, n, d);
  const onHyperplane: number[] = [];
  for (let k = 0; k < n; k++) if (!separated[k]) onHyperplane.push(k);
  if (onHyperplane.length === n) return none;

  const project =
    onHyperplane.length === 0
      ? maskZeroColumns(A, n, d)
      : projectorOntoFree(A, separated, onHyperplane, d);
  const involved: number[] = [];
  for (let j = 0; j < d; j++) {
    const e = new Float64Array(d);
    e[j] = 1;
    if (project(e)[j] > rankTolerance) involved.push(j);
  }
  if (involved.length === 0) return none;

  const scaled = spread(project(lifted), lifted, involved, A, separated, project);
  // β_j = d_j / scale_j, computed as d_j · (smallest scale / scale_j) so that it cannot overflow.
  const smallest = Math.min(...involved.map((j) => scale[j]));
  const direction = new Float64Array(d);
  let largest = 0;
  for (const j of involved) {
    direction[j] = scaled[j] * (smallest / scale[j]);
    largest = Math.max(largest, Math.abs(direction[j]));
  }
  for (const j of involved) direction[j] /= largest;
  return { kind: onHyperplane.length === 0 ? 'complete' : 'quasi-complete', involved, direction };
}

/** Boundary checks; returns the indices of the rows that count (weight absent or positive). */
function validate(X: Matrix, y: Float64Array, weights: Float64Array | undefined): number[] {
  const { rows: n, cols: p, data } = X;
  if (data.length !== n * p) {
    throw new ShapeError(
      `detectSeparation: X.data has length ${data.length}, expected ${n} × ${p}`,
    );
  }
  if (y.length !== n) {
    throw new ShapeError(`detectSeparation: y has ${y.length} entries, but X has ${n} rows`);
  }
  if (weights !== undefined && weights.length !== n) {
    throw new ShapeError(
      `detectSeparation: weights has ${weights.length} entries, but X has ${n} rows`,
    );
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new ValueError(`detectSeparation: y[${i}] must be 0 or 1, got ${y[i]}`);
    }
    const w = weights === undefined ? 1 : weights[i];
    if (!(w >= 0) || w === Infinity) {
      throw new ValueError(`detectSeparation: weights[${i}] must be finite and ≥ 0, got ${w}`);
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(data[i * p + j])) {
        throw new ValueError(
          `detectSeparation: X[${i}][${j}] must be finite, got ${data[i * p + j]}`,
        );
      }
    }
    if (w > 0) rows.push(i);
  }
  return rows;
}

/**
 * The LP loop of {@link detectSeparation}: which rows of A (n × d, row a_k = s_k x̃_k scaled) some
 * β with Aβ ≥ 0 lifts to a positive margin, and the sum of the optimal β found on the way.
 *
 * Every LP is an instance of, for a set R of rows and weights γ, δ ≥ 0,
 *   maximize γ·t + δ·Σ_{k∈R} a_kᵀβ  s.t.  a_kᵀβ ≥ t (all k), 0 ≤ t ≤ 1, −1 ≤ β_j ≤ 1,
 * solved through its dual in standard form (d + 1 rows, n + 2d + 2 columns):
 *   minimize Σ_j (u_j + v_j) + w  s.t.  u − v − Σ_k λ_k a_k = δ·Σ_{k∈R} a_k,
 *                                       Σ_k λ_k + w − z = γ,   λ, u, v, w, z ≥ 0,
 * whose simplex multipliers are (β, t). Only the right-hand side depends on (R, γ, δ), so each
 * LP warm-starts from the previous optimal basis (dual feasible for any right-hand side).
 * First γ = 0, δ = 1, R = all (Konis's LP: optimum 0 iff no separation); then, if some rows
 * are left, γ = 1, δ = 0 (the largest minimum margin: positive iff separation is complete);
 * then γ = 0, δ = 1 on the rows still at margin 0, until an optimum lifts none of them.
 */
function separatedPoints(
  A: Float64Array,
  n: number,
  d: number,
): { separated: Uint8Array; direction: Float64Array } {
  const m = d + 1;
  const N = n + 2 * d + 2;
  const M = new Float64Array(m * N);
  const cost = new Float64Array(N).fill(1, n, n + 2 * d + 1);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < n; k++) M[j * N + k] = -A[k * d + j];
    M[j * N + n + j] = 1;
    M[j * N + n + d + j] = -1;
  }
  M.fill(1, d * N, d * N + n);
  M[d * N + n + 2 * d] = 1;
  M[d * N + n + 2 * d + 1] = -1;
  const problem = { A: { rows: m, cols: N, data: M }, c: cost };

  const separated = new Uint8Array(n);
  const direction = new Float64Array(d);
  let remaining = n;
  let basis: Int32Array | undefined;
  const solve = (b: Float64Array): Float64Array => {
    basis ??= Int32Array.from(b, (v, j) => (j === d ? n + 2 * d : v >= 0 ? n + j : n + d + j));
    const lp = simplex({ ...problem, b }, { basis, tolerance: 1e-10 });
    if (lp.status !== 'optimal') {
      throw new Error(
        `detectSeparation: an LP ended '${lp.status}' (a bug: each is feasible and bounded)`,
      );
    }
    basis = lp.basis;
    if ((globalThis as any).__dbg)
      console.log(
        'LP',
        Array.from(b),
        lp.status,
        lp.objective,
        Array.from(lp.duals),
        Array.from(lp.basis),
        Array.from(lp.x),
      );
    return lp.duals;
  };
  const lift = (beta: Float64Array): number => {
    let gained = 0;
    let largest = 0;
    for (let j = 0; j < d; j++) largest = Math.max(largest, Math.abs(beta[j]));
    for (let k = 0; k < n; k++) {
      if (separated[k]) continue;
      let margin = 0;
      let size = 0;
      for (let j = 0; j < d; j++) {
        margin += A[k * d + j] * beta[j];
        size += Math.abs(A[k * d + j]);
      }
      if (margin > marginTolerance * size * largest) {
        separated[k] = 1;
        gained++;
      }
    }
    if (gained > 0) for (let j = 0; j < d; j++) direction[j] += beta[j];
    remaining -= gained;
    return gained;
  };
  const sumOfRemaining = (): Float64Array => {
    const b = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      if (!separated[k]) for (let j = 0; j < d; j++) b[j] += A[k * d + j];
    }
    return b;
  };

  if (n === 0 || lift(solve(sumOfRemaining())) === 0 || remaining === 0) {
    return { separated, direction };
  }
  const widest = new Float64Array(m);
  widest[d] = 1;
  lift(solve(widest));
  for (let gained = 1; remaining > 0 && gained > 0;) gained = lift(solve(sumOfRemaining()));
  return { separated, direction };
}

/**
 * An orthonormal basis of { v ∈ ℝ^d : a_kᵀv = 0 for the chosen rows k } (all rows when `chosen`
 * is null), by Householder QR with pivoting on the rows of A taken as vectors: after r
 * reflections the rows span the first r coordinates of Q = H₀⋯H_{r−1}, so Q's last d − r
 * columns span the null space. A row whose remainder is below rankTolerance times the largest
 * row norm counts as dependent.
 */
function nullSpace(A: Float64Array, chosen: readonly number[] | null, d: number): Float64Array[] {
  const count = chosen === null ? A.length / d : chosen.length;
  const W = new Float64Array(count * d);
  for (let k = 0; k < count; k++) {
    const from = (chosen === null ? k : chosen[k]) * d;
    W.set(A.subarray(from, from + d), k * d);
  }
  const reflectors: { v: Float64Array; at: number }[] = [];
  let limit = -1;
  for (let s = 0; s < d; s++) {
    let pivotRow = -1;
    let largest = 0;
    for (let k = 0; k < count; k++) {
      let sq = 0;
      for (let j = s; j < d; j++) sq += W[k * d + j] ** 2;
      if (sq > largest) [pivotRow, largest] = [k, sq];
    }
    const norm = Math.sqrt(largest);
    if (limit < 0) limit = rankTolerance * norm;
    if (pivotRow < 0 || norm <= limit) break;
    // H = I − 2vvᵀ/(vᵀv) maps the pivot row's tail onto −sign(w_s)·‖tail‖·e_s.
    const v = W.slice(pivotRow * d, pivotRow * d + d).fill(0, 0, s);
    v[s] += (v[s] >= 0 ? 1 : -1) * norm;
    reflect(W, count, d, v, s);
    reflectors.push({ v, at: s });
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

/**
 * Under complete separation every direction near a strictly separating one separates, so the
 * directions that matter are all of ℝ^d but the coefficients of all-zero columns (which no
 * margin sees): the projector just zeroes those.
 */
function maskZeroColumns(A: Float64Array, n: number, d: number): (v: Float64Array) => Float64Array {
  const seen = new Uint8Array(d);
  for (let k = 0; k < n; k++) for (let j = 0; j < d; j++) if (A[k * d + j] !== 0) seen[j] = 1;
  return (v) => v.map((x, j) => (seen[j] ? x : 0));
}

/**
 * Under quasi-complete separation: the orthogonal projector onto V ⊖ L, with
 * V = { β : a_kᵀβ = 0, k ∈ I₀ } and L = { β : Aβ = 0 } ⊆ V. With Q an orthonormal basis of V
 * (d × q) and Z one of { c ∈ ℝ^q : a_kᵀQc = 0, k ∈ I₊ } (so that L = QZ), the projector is
 * Q(I − ZZᵀ)Qᵀ. Only I₀'s null space costs O(|I₀|·d²); the rest works in q ≪ d dimensions.
 */
function projectorOntoFree(
  A: Float64Array,
  separated: Uint8Array,
  onHyperplane: readonly number[],
  d: number,
): (v: Float64Array) => Float64Array {
  const Q = nullSpace(A, onHyperplane, d);
  const q = Q.length;
  const lifted: number[] = [];
  separated.forEach((flag, k) => {
    if (flag) lifted.push(k);
  });
  const B = new Float64Array(lifted.length * q);
  lifted.forEach((k, row) => {
    for (let c = 0; c < q; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += A[k * d + j] * Q[c][j];
      B[row * q + c] = sum;
    }
  });
  const Z = nullSpace(B, null, q);
  return (v) => {
    const coordinates = Float64Array.from(Q, (basis) => dot(basis, v));
    for (const z of Z) {
      const along = dot(z, coordinates);
      for (let c = 0; c < q; c++) coordinates[c] -= along * z[c];
    }
    const out = new Float64Array(d);
    for (let c = 0; c < q; c++) for (let j = 0; j < d; j++) out[j] += coordinates[c] * Q[c][j];
    return out;
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/**
 * Makes a separating direction nonzero on every involved coefficient: d = d₀ + εPg, with P the
 * projector onto V ⊖ L and g a fixed pseudo-random vector, ε small enough that every positive
 * margin stays above half its value and every clearly nonzero component keeps its sign.
 * Returns d₀ itself when it is already nonzero there, or when its margins are not usable.
 */
function spread(
  d0: Float64Array,
  fallback: Float64Array,
  involved: readonly number[],
  A: Float64Array,
  separated: Uint8Array,
  project: (v: Float64Array) => Float64Array,
): Float64Array {
  const d = d0.length;
  const norm = (v: Float64Array) => v.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
  const threshold = 1e-6 * norm(d0);
  if (involved.every((j) => Math.abs(d0[j]) > threshold)) return d0;
  const marginOf = (v: Float64Array, k: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[k * d + j] * v[j];
    return s;
  };
  let smallest = Infinity;
  for (let k = 0; k < separated.length; k++)
    if (separated[k]) smallest = Math.min(smallest, marginOf(d0, k));
  if (!(smallest > 0)) return fallback;
  let seed = 0x2545f491;
  for (let attempt = 0; attempt < 4; attempt++) {
    const g = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      g[j] = 0.5 + seed / 2 ** 32;
    }
    const w = project(g);
    let steepest = 0;
    for (let k = 0; k < separated.length; k++) {
      if (separated[k]) steepest = Math.max(steepest, Math.abs(marginOf(w, k)));
    }
    let eps = steepest > 0 ? (0.5 * smallest) / steepest : norm(d0) / norm(w);
    for (let j = 0; j < d; j++) {
      if (Math.abs(d0[j]) > threshold && w[j] !== 0)
        eps = Math.min(eps, (0.5 * Math.abs(d0[j])) / Math.abs(w[j]));
    }
    const out = d0.map((x, j) => x + eps * w[j]);
    if (involved.every((j) => Math.abs(out[j]) > 1e-6 * norm(out))) return out;
  }
  return d0;
}
