import { ShapeError } from '../errors.js';
import { equilibrate } from './equilibrate.js';
import type { Matrix } from './matrix.js';
import {
  chooseEntering,
  price,
  pivotRow,
  enteringColumn,
  significant,
  exchange,
  setBasis,
  refactor,
  setCosts,
  primalFeasible,
  dualFeasible,
} from './simplexBasis.js';
import type { Outcome, State } from './simplexBasis.js';
import { normInf } from './vector.js';

/** A linear program in standard form: minimize cᵀx subject to A x = b and x ≥ 0. */
export interface LinearProgram {
  /** The constraint matrix, m × N, row-major. */
  readonly A: Matrix;
  /** The right-hand side, length m; any signs. */
  readonly b: Float64Array;
  /** The costs, length N. */
  readonly c: Float64Array;
}

/** Options of {@link simplex}. */
export interface SimplexOptions {
  /**
   * A starting basis: m distinct column indices of A (index N + r names the artificial
   * variable of row r, which only a basis returned for a rank-deficient A contains). It is used
   * when it is nonsingular and primal feasible (the primal simplex continues from it) or dual
   * feasible (the dual simplex restores feasibility: the warm start after a change of `b`);
   * otherwise it is ignored and phase 1 starts from the artificial basis.
   */
  readonly basis?: ArrayLike<number>;
  /** Cap on the number of pivots, both phases together. Default 20·(m + N) + 100. */
  readonly maxIterations?: number;
  /**
   * Relative tolerance, default 1e-9, applied to the scaled program (see {@link simplex}):
   * x̂_B ≥ −tolerance·(1 + ‖b̂‖∞) is feasible; a reduced cost ĉ_j − ŷᵀÂ_j below
   * −tolerance·(|ĉ_j| + Σ_i |ŷ_i·Â_ij|) (and beyond round-off) improves; entries below
   * tolerance/100 are never pivots.
   */
  readonly tolerance?: number;
}

/** How {@link simplex} ended. Only `'optimal'` makes `x`, `duals` and `objective` meaningful. */
export type SimplexStatus = 'optimal' | 'infeasible' | 'unbounded' | 'iterationLimit';

/** The result of {@link simplex}. */
export interface SimplexResult {
  readonly status: SimplexStatus;
  /** The primal solution, length N (basic values recomputed from A; tiny negatives set to 0). */
  readonly x: Float64Array;
  /**
   * The simplex multipliers y = B⁻ᵀ c_B, length m: at optimality they solve the dual program
   * max bᵀy subject to Aᵀy ≤ c, and bᵀy = cᵀx.
   */
  readonly duals: Float64Array;
  readonly objective: number;
  /** The final basis, one column index per row; pass it back as `options.basis` to warm start. */
  readonly basis: Int32Array;
  /** Basis exchanges performed, both phases together. */
  readonly iterations: number;
}

/**
 * Solves a small dense linear program by the two-phase revised simplex method with an explicit
 * basis inverse: minimize cᵀx subject to A x = b, x ≥ 0.
 *
 * Revised rather than tableau: a pivot costs at most one read-only pass over A (pricing
 * c_j − yᵀA_j, or forming the pivot row of the dual simplex) plus O(m²) to update B⁻¹, instead
 * of rewriting an m × (N + m) tableau; B⁻¹ is recomputed from A by an LU factorization with
 * partial pivoting every max(50, m) pivots and before the final check, so round-off cannot
 * accumulate. It is meant for m small (up to a few hundred) and N large.
 *
 * - Scaling: rows and columns are first equilibrated (geometric scaling, then column maxima 1),
 *   so the tolerances do not depend on units; x and y are scaled back.
 * - Pricing: Dantzig's most negative reduced cost, priced an eighth of the columns at a time
 *   (partial pricing); a candidate enters only if its reduced cost recomputed from B⁻¹A_q is
 *   also significant, so that round-off ties are neither pivoted on nor taken for rays.
 * - Ratio test: Harris's two passes (the largest pivot among near-ties). After m + 10
 *   consecutive degenerate pivots Bland's smallest-index rule takes over until the objective
 *   strictly improves, so the method cannot cycle (Beale's example is a test).
 * - Phase 1 starts from artificial variables (column r is ±e_r, with the sign of b_r) and drives
 *   them out of the basis before phase 2; one stays, at 0, only in a redundant row.
 * - Warm start: a starting basis that is dual feasible but not primal feasible (the optimal
 *   basis of the same program with another b) is repaired by the dual simplex.
 *
 * Stopping rule: after a fresh refactorization, no basic value below −tolerance·(1 + ‖b̂‖∞) and
 * no significant negative reduced cost (see {@link SimplexOptions.tolerance}); at most
 * `maxIterations` pivots.
 *
 * @throws {ShapeError} when b or c do not match A's shape.
 * @example
 * // minimize −x1 − x2 s.t. x1 + 2·x2 + s1 = 4, 3·x1 + x2 + s2 = 6: optimum x = (1.6, 1.2), −2.8
 * const A = { rows: 2, cols: 4, data: Float64Array.of(1, 2, 1, 0, 3, 1, 0, 1) };
 * simplex({ A, b: Float64Array.of(4, 6), c: Float64Array.of(-1, -1, 0, 0) }).objective; // ≈ −2.8
 */
export function simplex(problem: LinearProgram, options: SimplexOptions = {}): SimplexResult {
  const { A, b, c } = problem;
  const m = A.rows;
  const N = A.cols;
  if (A.data.length !== m * N) {
    throw new ShapeError(`simplex: A.data has length ${A.data.length}, expected ${m} × ${N}`);
  }
  if (b.length !== m) throw new ShapeError(`simplex: b has length ${b.length}, A has ${m} rows`);
  if (c.length !== N) throw new ShapeError(`simplex: c has length ${c.length}, A has ${N} columns`);
  const tolerance = options.tolerance ?? 1e-9;
  const { columns, rowScale, columnScale } = equilibrate(A);
  const scaledB = b.map((v, i) => v * rowScale[i]);
  const phase2Cost = new Float64Array(N + m);
  for (let j = 0; j < N; j++) phase2Cost[j] = c[j] * columnScale[j];
  const s: State = {
    m,
    N,
    columns,
    b: scaledB,
    sign: Float64Array.from(b, (v) => (v < 0 ? -1 : 1)),
    basis: new Int32Array(m),
    isBasic: new Uint8Array(N + m),
    inverse: new Float64Array(m * m),
    xB: new Float64Array(m),
    y: new Float64Array(m),
    cost: phase2Cost,
    dualTolerance: new Float64Array(N + m),
    rejected: new Uint8Array(N + m),
    columnSize: Float64Array.from({ length: N + m }, (_, j) =>
      j < N ? normInf(columns.subarray(j * m, j * m + m)) : 1,
    ),
    reduced: new Float64Array(N + m),
    column: new Float64Array(m),
    row: new Float64Array(N + m),
    tol: {
      feasibility: tolerance * (1 + normInf(scaledB)),
      optimality: tolerance,
      pivot: tolerance / 100,
    },
    iterations: 0,
    cursor: 0,
    maxIterations: options.maxIterations ?? 20 * (m + N) + 100,
    sinceRefactor: 0,
  };
  const structural = new Uint8Array(N + m).fill(1, 0, N);
  setCosts(s, phase2Cost);

  let started = false;
  if (options.basis !== undefined && setBasis(s, options.basis)) {
    price(s);
    started = primalFeasible(s) || dualFeasible(s, structural);
  }
  let outcome: Outcome = 'lost';
  for (let round = 0; round < 4; round++) {
    if (!started) {
      const phase1 = phaseOne(s);
      if (phase1 !== 'optimal') return finish(s, c, rowScale, columnScale, phase1);
      setCosts(s, phase2Cost);
      started = true;
    }
    outcome = optimize(s, structural);
    if (outcome === 'lost') {
      started = false;
      continue;
    }
    if (outcome !== 'optimal') break;
    if (!refactor(s)) {
      started = false;
      continue;
    }
    price(s);
    if (primalFeasible(s) && dualFeasible(s, structural)) break;
  }
  return finish(s, c, rowScale, columnScale, outcome === 'lost' ? 'iterationLimit' : outcome);
}

/** Phase 1: minimize the sum of the artificials from the artificial basis, then drive them out. */
function phaseOne(s: State): SimplexStatus {
  const { m, N } = s;
  s.isBasic.fill(0);
  s.inverse.fill(0);
  for (let r = 0; r < m; r++) {
    s.basis[r] = N + r;
    s.isBasic[N + r] = 1;
    s.inverse[r * m + r] = s.sign[r];
    s.xB[r] = Math.abs(s.b[r]);
  }
  s.sinceRefactor = 0;
  setCosts(s, new Float64Array(N + m).fill(1, N));
  const outcome = primalSimplex(s, new Uint8Array(N + m).fill(1));
  if (outcome !== 'optimal') return outcome;
  let infeasibility = 0;
  for (let r = 0; r < m; r++) if (s.basis[r] >= N) infeasibility += s.xB[r];
  if (infeasibility > s.tol.feasibility) return 'infeasible';
  for (let r = 0; r < m; r++) {
    if (s.basis[r] < N) continue;
    pivotRow(s, r);
    let q = -1;
    let best = s.tol.pivot;
    for (let j = 0; j < N; j++) {
      if (s.isBasic[j] || Math.abs(s.row[j]) <= best) continue;
      q = j;
      best = Math.abs(s.row[j]);
    }
    if (q >= 0) {
      enteringColumn(s, q);
      exchange(s, r, q);
    }
  }
  return 'optimal';
}

/** Runs the dual simplex while the basis is primal infeasible, then the primal simplex. */
function optimize(s: State, allowed: Uint8Array): Outcome {
  if (!primalFeasible(s)) {
    price(s);
    if (!dualFeasible(s, allowed)) return 'lost';
    const outcome = dualSimplex(s, allowed);
    if (outcome !== 'optimal') return outcome;
  }
  return primalSimplex(s, allowed);
}

function primalSimplex(s: State, allowed: Uint8Array): 'optimal' | 'unbounded' | 'iterationLimit' {
  const { m, xB, column, basis, tol } = s;
  let degenerate = 0;
  for (;;) {
    const bland = degenerate > m + 10;
    const q = chooseEntering(s, allowed, bland);
    if (q < 0) return 'optimal';
    if (s.iterations >= s.maxIterations) return 'iterationLimit';
    enteringColumn(s, q);
    if (!significant(s, q)) {
      s.rejected[q] = 1;
      continue;
    }
    let bound = Infinity;
    for (let i = 0; i < m; i++) {
      if (column[i] > tol.pivot) {
        bound = Math.min(bound, (Math.max(xB[i], 0) + tol.feasibility) / column[i]);
      }
    }
    if (bound === Infinity) return 'unbounded';
    let r = -1;
    for (let i = 0; i < m; i++) {
      const a = column[i];
      if (a <= tol.pivot || Math.max(xB[i], 0) / a > bound) continue;
      if (r < 0 || (bland ? basis[i] < basis[r] : a > column[r])) r = i;
    }
    const step = Math.max(xB[r], 0) / column[r];
    exchange(s, r, q);
    degenerate = step > tol.feasibility ? 0 : degenerate + 1;
  }
}

function dualSimplex(s: State, allowed: Uint8Array): 'optimal' | 'infeasible' | 'iterationLimit' {
  const { m, N, xB, row, reduced, basis, isBasic, tol, dualTolerance } = s;
  let degenerate = 0;
  price(s);
  for (;;) {
    const bland = degenerate > m + 10;
    let r = -1;
    for (let i = 0; i < m; i++) {
      if (xB[i] >= -tol.feasibility) continue;
      if (r < 0 || (bland ? basis[i] < basis[r] : xB[i] < xB[r])) r = i;
    }
    if (r < 0) return 'optimal';
    if (s.iterations >= s.maxIterations) return 'iterationLimit';
    pivotRow(s, r);
    let bound = Infinity;
    for (let j = 0; j < N + m; j++) {
      if (allowed[j] && !isBasic[j] && -row[j] > tol.pivot) {
        bound = Math.min(bound, (Math.max(reduced[j], 0) + dualTolerance[j]) / -row[j]);
      }
    }
    if (bound === Infinity) return 'infeasible';
    let q = -1;
    for (let j = 0; j < N + m; j++) {
      const a = -row[j];
      if (!allowed[j] || isBasic[j] || a <= tol.pivot || Math.max(reduced[j], 0) / a > bound) {
        continue;
      }
      if (q < 0 || (!bland && a > -row[q])) q = j;
    }
    const step = Math.max(reduced[q], 0) / -row[q];
    // The reduced costs move along the pivot row: c̄_j −= (c̄_q / row_q)·row_j.
    const ratio = reduced[q] / row[q];
    for (let j = 0; j < N + m; j++) reduced[j] -= ratio * row[j];
    enteringColumn(s, q);
    exchange(s, r, q);
    if (s.sinceRefactor === 0) price(s);
    degenerate = step > tol.optimality ? 0 : degenerate + 1;
  }
}

/** The result in the caller's units: x = C·x̂ and y = R·ŷ undo the scaling of {@link equilibrate}. */
function finish(
  s: State,
  c: Float64Array,
  rowScale: Float64Array,
  columnScale: Float64Array,
  status: Exclude<Outcome, 'lost'>,
): SimplexResult {
  const x = new Float64Array(s.N);
  for (let k = 0; k < s.m; k++) {
    const j = s.basis[k];
    if (j < s.N) x[j] = Math.max(s.xB[k], 0) * columnScale[j];
  }
  let objective = 0;
  for (let j = 0; j < s.N; j++) objective += c[j] * x[j];
  return {
    status,
    x,
    duals: s.y.map((v, i) => v * rowScale[i]),
    objective,
    basis: Int32Array.from(s.basis),
    iterations: s.iterations,
  };
}
