import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { denseFromSparse, isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
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
 * The largest n·(p + 1)² for which {@link detectSeparation} is meant to run, n rows by p
 * features: 10⁸, a little under twice 5000 × 100, which takes about 0.15 s (no separation) to
 * 0.5 s (quasi-complete) on one core. Time grows like n·(p + 1)² (a few times p pivots, each a
 * pass over the n·(p + 1) data, and a Householder null space of the tied rows) and memory like
 * 32·n·(p + 1) bytes. Beyond it the caller should fall back to a heuristic (coefficients that
 * keep growing, fitted probabilities at 0 or 1).
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
/**
 * Entries below this fraction of their column's largest |value| are taken as 0: they cannot
 * move a margin past marginTolerance, and left in they would only spoil the LP's scaling.
 */
const negligible = 1e-12;
/** Relative size below which a vector counts as zero in the rank decisions. */
const rankTolerance = 1e-9;

/**
 * Decides exactly whether the maximum-likelihood estimate of a binary logistic regression
 * exists, by linear programming (Konis 2007, as in the R packages safeBinaryRegression and
 * detectseparation), and which coefficients diverge if it does not.
 *
 * With s_i = 2y_i − 1 and x̃_i = (x_i, 1) (or x_i without intercept), let
 * C = { β : s_i x̃_iᵀβ ≥ 0 for every i } and L = { β : x̃_iᵀβ = 0 for every i } (aliasing).
 * The MLE exists iff C = L (Albert & Anderson 1984). Every β in C \ L is a direction along which
 * the log-likelihood increases for ever: the hyperplane β separates the classes, with the rows
 * of I₀ = { i : s_i x̃_iᵀβ = 0 for every β ∈ C } on it. Separation is complete when I₀ is empty,
 * quasi-complete otherwise.
 *
 * Method. Each column is divided by its largest |value| (entries below 1e-12 of it become 0),
 * so that the LPs are well scaled and the result does not depend on units. Then LPs find
 * I₊ = the rows that some β ∈ C lifts to a positive margin, and a β ∈ C positive on all of them:
 *   maximize Σ_{i∈R} s_i x̃_iᵀβ  subject to  s_i x̃_iᵀβ ≥ 0 (i ∈ R), −1 ≤ β_j ≤ 1,
 * first with R = all rows (its optimum is 0 iff the MLE exists), then with R = the rows still at
 * margin 0, until an optimum lifts none (see separatedPoints for why the later LPs need only R's
 * rows; they are small). Each LP is solved in its dual form, whose basis has p + 1 rows rather
 * than n: the revised simplex of linalg/simplex then costs O(n·(p + 1)) per pivot and memory,
 * where a primal tableau would be n × (n + p).
 *
 * Which coefficients diverge: C has interior in V = { β : s_i x̃_iᵀβ = 0, i ∈ I₀ }, so
 * coefficient j moves along some separating direction iff e_j has a nonzero projection onto
 * V ⊖ L (L removed: aliased directions are not identified, and directions are taken orthogonal
 * to L in the scaled coordinates). That is the set one LP per coefficient (max and min β_j over
 * C, detectseparation's "infinite estimates") would give; here it takes a pivoted Householder
 * null space of the rows of I₀. Under complete separation V is everything, so every coefficient
 * is involved but those of all-zero columns (there the direction is not made orthogonal to L).
 * The returned direction lies in C, is nonzero exactly on `involved` (a small generic
 * perturbation within V ⊖ L fills in zeros that an LP vertex leaves), and has max |β_j| = 1 in
 * the original units.
 *
 * Cost: see {@link maxSeparationCheckSize}.
 *
 * @param X - n × p features; rows whose weight is 0 are ignored. A CSR matrix is densified (the
 *   LP needs dense rows; mind {@link maxSeparationCheckSize}).
 * @param y - n labels, each 0 or 1.
 * @param fitIntercept - whether the model has an intercept (coefficient p).
 * @param weights - optional n nonnegative weights; only whether a weight is positive matters.
 * @throws {ShapeError} when X.data does not match its shape, or y or weights do not have one
 * entry per row of X.
 * @throws {ValueError} for a label other than 0 or 1, a non-finite entry of X, or a negative or
 * non-finite weight.
 * @example
 * const X = { rows: 4, cols: 1, data: Float64Array.of(1, 2, 3, 4) };
 * detectSeparation(X, Float64Array.of(0, 0, 1, 1), true);
 * // { kind: 'complete', involved: [0, 1], direction: ≈ [0.406, -1] }: 0.406·x − 1 > 0 ⇔ y = 1
 */
export function detectSeparation(
  X: FeatureMatrix,
  y: Float64Array,
  fitIntercept: boolean,
  weights?: Float64Array,
): SeparationResult {
  return separationOf(isSparseMatrix(X) ? denseFromSparse(X) : X, y, fitIntercept, weights);
}

function separationOf(
  X: Matrix,
  y: Float64Array,
  fitIntercept: boolean,
  weights: Float64Array | undefined,
): SeparationResult {
  const rows = validate(X, y, weights);
  const p = X.cols;
  const d = p + (fitIntercept ? 1 : 0);
  const n = rows.length;
  // Column j is divided by scale_j = max_i |x_ij| (1 for the intercept and for zero columns).
  const scale = new Float64Array(d);
  for (const i of rows) {
    for (let j = 0; j < p; j++) scale[j] = Math.max(scale[j], Math.abs(X.data[i * p + j]));
  }
  for (let j = 0; j < d; j++) if (scale[j] === 0) scale[j] = 1;
  // A: row k is s_k x̃_k with each column divided by its scale.
  const A = new Float64Array(n * d);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    const s = y[i] === 1 ? 1 : -1;
    for (let j = 0; j < p; j++) {
      const a = X.data[i * p + j] / scale[j];
      A[k * d + j] = Math.abs(a) < negligible ? 0 : s * a;
    }
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
  // Only round-off can get here (a lifted row implies a direction outside L).
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
 * β with Aβ ≥ 0 lifts to a positive margin (I₊), and a β ∈ C that lifts all of them.
 *
 * Each round solves Konis's LP on the rows R not lifted yet (first R = all):
 *   maximize Σ_{k∈R} a_kᵀβ  subject to  a_kᵀβ ≥ 0 (k ∈ R), −1 ≤ β_j ≤ 1,
 * whose optimum is 0 iff no β lifts any row of R. Only R's rows constrain it: with d₀ the
 * direction so far (in C, positive on every row lifted before, 0 on R), d₀ + εβ stays in C for
 * ε small enough, so a row of R can be lifted within C iff it can be within { a_kᵀβ ≥ 0, k ∈ R }.
 * The rounds stop when an optimum lifts nothing; after the first, R is usually a few rows.
 *
 * The LP is solved through its dual in standard form, d rows and |R| + 2d columns:
 *   minimize Σ_j (u_j + v_j)  subject to  u − v − Σ_{k∈R} λ_k a_k = Σ_{k∈R} a_k;  λ, u, v ≥ 0,
 * which starts feasible at the basis of u_j or v_j (by the sign of the right-hand side), and
 * whose simplex multipliers are β.
 */
function separatedPoints(
  A: Float64Array,
  n: number,
  d: number,
): { separated: Uint8Array; direction: Float64Array } {
  const separated = new Uint8Array(n);
  const direction = new Float64Array(d);
  const marginOf = (k: number, beta: Float64Array): number => {
    let margin = 0;
    for (let j = 0; j < d; j++) margin += A[k * d + j] * beta[j];
    return margin;
  };
  let remaining = Array.from({ length: n }, (_, k) => k);
  while (remaining.length > 0) {
    const beta = konisLp(A, remaining, d);
    const largest = beta.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
    const lifted = remaining.filter((k) => {
      let size = 0;
      for (let j = 0; j < d; j++) size += Math.abs(A[k * d + j]);
      return marginOf(k, beta) > marginTolerance * size * largest;
    });
    if (lifted.length === 0) break;
    // direction += ε·β, with ε ≤ 1 small enough to keep half of every earlier positive margin.
    let step = 1;
    for (let k = 0; k < n; k++) {
      if (!separated[k]) continue;
      const change = marginOf(k, beta);
      if (change < 0) step = Math.min(step, (0.5 * marginOf(k, direction)) / -change);
    }
    for (let j = 0; j < d; j++) direction[j] += step * beta[j];
    for (const k of lifted) separated[k] = 1;
    remaining = remaining.filter((k) => !separated[k]);
  }
  return { separated, direction };
}

/** The optimal β of Konis's LP over the given rows of A (see {@link separatedPoints}). */
function konisLp(A: Float64Array, rows: readonly number[], d: number): Float64Array {
  const r = rows.length;
  const N = r + 2 * d;
  const M = new Float64Array(d * N);
  const b = new Float64Array(d);
  rows.forEach((k, column) => {
    for (let j = 0; j < d; j++) {
      M[j * N + column] = -A[k * d + j];
      b[j] += A[k * d + j];
    }
  });
  for (let j = 0; j < d; j++) {
    M[j * N + r + j] = 1;
    M[j * N + r + d + j] = -1;
  }
  const cost = new Float64Array(N).fill(1, r);
  const basis = Int32Array.from(b, (v, j) => (v >= 0 ? r + j : r + d + j));
  const lp = simplex({ A: { rows: d, cols: N, data: M }, b, c: cost }, { basis, tolerance: 1e-10 });
  if (lp.status !== 'optimal') {
    throw new Error(
      `detectSeparation: an LP ended '${lp.status}' (a bug: it is feasible and bounded)`,
    );
  }
  return lp.duals;
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
    if (involved.every((j) => out[j] !== 0)) return out;
  }
  return d0;
}
