import { rowNullSpace } from '../linalg/rowNullSpace.js';
import { simplex } from '../linalg/simplex.js';

/** Relative size below which a margin a_kᵀβ counts as zero (against ‖a_k‖₁·‖β‖∞). */
const marginTolerance = 1e-9;
/** Relative size below which a vector counts as zero in the rank decisions. */
const rankTolerance = 1e-9;
/**
 * Entries of A below this fraction of their column's largest |value| are to be set to 0 by the
 * caller: they cannot move a margin past marginTolerance, and left in they would only spoil the
 * LP's scaling.
 */
export const negligibleEntry = 1e-12;

/** What {@link separationCone} found about the cone C = { β : Aβ ≥ 0 }. */
export interface ConeSeparation {
  /** 'none': C = L (the MLE exists); 'complete': some β has Aβ > 0; 'quasi-complete': otherwise. */
  readonly kind: 'none' | 'complete' | 'quasi-complete';
  /** 1 for the rows k of I₊ (some β ∈ C has a_kᵀβ > 0), 0 for those of I₀. */
  readonly separated: Uint8Array;
  /** Indices of the coordinates that move along some direction of C \ L, sorted. */
  readonly involved: readonly number[];
  /** A direction in C, in original units (β_j = scaled β_j / scale_j), max |β_j| = 1; zeros when 'none'. */
  readonly direction: Float64Array;
}

/**
 * The linear-programming core of the separation checks (Konis 2007), for any model whose
 * maximum-likelihood estimate fails to exist iff some direction β outside the aliased subspace
 * L = { β : Aβ = 0 } has Aβ ≥ 0 (Albert & Anderson 1984): binary logistic regression, with rows
 * a_i = s_i·x̃_i (see detectSeparation), and the multinomial model, with one row per observation
 * and rival class (see detectMultinomialSeparation).
 *
 * Finds I₊ (rows some β ∈ C lifts to a positive margin) by a sequence of LPs (see
 * separatedPoints), then the coordinates that move along C \ L: all coordinates but those of
 * all-zero columns when I₀ is empty (complete separation), else those with a nonzero projection
 * onto V ⊖ L, V = { β : a_kᵀβ = 0, k ∈ I₀ } (the cone has interior in V). The direction returned
 * lies in C and is nonzero exactly on `involved` (see spread).
 *
 * @param A - n × d row-major, the margins' rows, each column already divided by `scale` (so that
 *   the LPs are well scaled); not modified.
 * @param scale - d positive column scales; the direction is returned divided by them.
 */
export function separationCone(
  A: Float64Array,
  n: number,
  d: number,
  scale: Float64Array,
): ConeSeparation {
  const none: ConeSeparation = {
    kind: 'none',
    separated: new Uint8Array(n),
    involved: [],
    direction: new Float64Array(d),
  };
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
  return {
    kind: onHyperplane.length === 0 ? 'complete' : 'quasi-complete',
    separated,
    involved,
    direction,
  };
}

/**
 * The LP loop of {@link separationCone}: which rows of A (n × d, row a_k = s_k x̃_k scaled) some
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
      `separationCone: an LP ended '${lp.status}' (a bug: it is feasible and bounded)`,
    );
  }
  return lp.duals;
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
  const Q = rowNullSpace(A, onHyperplane, d, rankTolerance);
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
  const Z = rowNullSpace(B, null, q, rankTolerance);
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
