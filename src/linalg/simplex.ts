import { ShapeError } from '../errors.js';
import type { Matrix } from './matrix.js';

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
 * The solver's state: basis, explicit inverse B⁻¹ (m × m), basic values x_B = B⁻¹b, multipliers
 * y = B⁻ᵀc_B, and scratch for reduced costs, the entering column and the pivot row. Columns
 * N..N+m−1 are the artificials: column N + r is sign_r·e_r, with sign_r the sign of b_r.
 */
interface State {
  readonly m: number;
  readonly N: number;
  /** A by columns (N × m, column j at j·m): pricing and pivot rows become dot products. */
  readonly columns: Float64Array;
  readonly b: Float64Array;
  readonly sign: Float64Array;
  readonly basis: Int32Array;
  readonly isBasic: Uint8Array;
  readonly inverse: Float64Array;
  readonly xB: Float64Array;
  readonly y: Float64Array;
  /** The costs of the current phase, length N + m; set them with {@link setCosts}. */
  cost: Float64Array;
  /** Per column, set by {@link price}: a reduced cost below −dualTolerance_j prices out. */
  readonly dualTolerance: Float64Array;
  /** Columns found not to improve since the last exchange (see {@link significant}). */
  readonly rejected: Uint8Array;
  /** Per column, max_i |a_ij| after scaling: 1, or 0 for an empty column. */
  readonly columnSize: Float64Array;
  readonly reduced: Float64Array;
  readonly column: Float64Array;
  readonly row: Float64Array;
  readonly tol: Tolerances;
  iterations: number;
  readonly maxIterations: number;
  /** Where the next partial-pricing search starts. */
  cursor: number;
  sinceRefactor: number;
}

interface Tolerances {
  readonly feasibility: number;
  readonly optimality: number;
  readonly pivot: number;
}

type Outcome = 'optimal' | 'unbounded' | 'infeasible' | 'iterationLimit' | 'lost';

/** Pivots between refactorizations of B⁻¹ from A (at least; max(50, m)): each costs O(m³). */
const refactorInterval = 50;

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
      j < N ? maxAbs(columns.subarray(j * m, j * m + m)) : 1,
    ),
    reduced: new Float64Array(N + m),
    column: new Float64Array(m),
    row: new Float64Array(N + m),
    tol: {
      feasibility: tolerance * (1 + maxAbs(scaledB)),
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

/**
 * The entering column of a primal iteration, or −1 when every allowed nonbasic reduced cost is
 * ≥ −tolerance. Dantzig's rule with partial pricing: columns are priced a segment at a time
 * (an eighth of them, at least 512), resuming where the last search stopped, and the most
 * negative reduced cost of the first segment that has one enters. Under Bland's rule: the
 * smallest such index.
 */
function chooseEntering(s: State, allowed: Uint8Array, bland: boolean): number {
  const { reduced, isBasic, dualTolerance, rejected } = s;
  const total = s.N + s.m;
  const segment = bland ? total : Math.max(512, Math.ceil(total / 8));
  let start = bland ? 0 : s.cursor;
  for (let scanned = 0; scanned < total;) {
    const end = Math.min(start + segment, total);
    price(s, start, end);
    let q = -1;
    for (let j = start; j < end; j++) {
      if (!allowed[j] || isBasic[j] || rejected[j] || reduced[j] >= -dualTolerance[j]) continue;
      if (q < 0 || reduced[j] < reduced[q]) q = j;
      if (bland) break;
    }
    scanned += end - start;
    start = end === total ? 0 : end;
    if (q >= 0) {
      s.cursor = start;
      return q;
    }
  }
  return -1;
}

/**
 * reduced_j = cost_j − yᵀ(column j) for the columns from ≤ j < to (default: all), and the
 * tolerance below which it prices out: tolerance·(|cost_j| + Σ_i |y_i·a_ij|), relative to the
 * terms it sums so that it means the same whatever the scale of the costs, plus a round-off
 * floor of 16·ε·‖y‖∞ (y's own noise, for when the terms are themselves noise).
 */
function price(s: State, from = 0, to = s.N + s.m): void {
  const { m, N, columns, y, reduced, cost, sign, dualTolerance, columnSize } = s;
  const tolerance = s.tol.optimality;
  const floor = 16 * Number.EPSILON * maxAbs(y);
  for (let j = from; j < Math.min(to, N); j++) {
    const at = j * m;
    let sum = 0;
    let size = 0;
    for (let i = 0; i < m; i++) {
      const term = y[i] * columns[at + i];
      sum += term;
      size += Math.abs(term);
    }
    reduced[j] = cost[j] - sum;
    dualTolerance[j] = tolerance * (Math.abs(cost[j]) + size) + floor * columnSize[j];
  }
  for (let j = Math.max(from, N); j < to; j++) {
    const term = y[j - N] * sign[j - N];
    reduced[j] = cost[j] - term;
    dualTolerance[j] = tolerance * (Math.abs(cost[j]) + Math.abs(term)) + floor;
  }
}

/** row_j = (row r of B⁻¹)·(column j), for every column: the pivot row of the tableau. */
function pivotRow(s: State, r: number): void {
  const { m, N, columns, inverse, row, sign } = s;
  const rho = inverse.subarray(r * m, r * m + m);
  for (let j = 0; j < N; j++) {
    const at = j * m;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += rho[i] * columns[at + i];
    row[j] = sum;
  }
  for (let i = 0; i < m; i++) row[N + i] = rho[i] * sign[i];
}

/** column = B⁻¹·(column q): the entering column of the tableau. */
function enteringColumn(s: State, q: number): void {
  const { m, N, columns, inverse, column, sign } = s;
  for (let k = 0; k < m; k++) {
    if (q >= N) {
      column[k] = inverse[k * m + q - N] * sign[q - N];
      continue;
    }
    let sum = 0;
    for (let i = 0; i < m; i++) sum += inverse[k * m + i] * columns[q * m + i];
    column[k] = sum;
  }
}

/**
 * Whether the entering candidate q really improves: its reduced cost recomputed from the
 * entering column α = B⁻¹a_q, c_q − Σ_k c_{B_k}·α_k, must also be below −tolerance times the
 * size of its terms, and beyond their round-off (1000·ε·‖α‖∞·Σ_k |c_{B_k}|). A reduced cost that
 * is round-off (a tie) would otherwise enter, and with a column of round-off it would even look
 * like a ray: a false 'unbounded'.
 */
function significant(s: State, q: number): boolean {
  const { m, column, cost, basis } = s;
  let reduced = cost[q];
  let size = Math.abs(cost[q]);
  let costs = 0;
  for (let k = 0; k < m; k++) {
    const term = cost[basis[k]] * column[k];
    reduced -= term;
    size += Math.abs(term);
    costs += Math.abs(cost[basis[k]]);
  }
  return reduced < -s.tol.optimality * size - 1000 * Number.EPSILON * maxAbs(column) * costs;
}

/** Basis exchange: q enters in row r. Updates x_B and B⁻¹ (product-form eta), then y. */
function exchange(s: State, r: number, q: number): void {
  const { m, xB, inverse, column, basis, isBasic } = s;
  const theta = xB[r] / column[r];
  const inv = 1 / column[r];
  for (let i = 0; i < m; i++) if (i !== r) xB[i] -= theta * column[i];
  xB[r] = theta;
  for (let j = 0; j < m; j++) inverse[r * m + j] *= inv;
  for (let i = 0; i < m; i++) {
    const f = column[i];
    if (i === r || f === 0) continue;
    for (let j = 0; j < m; j++) inverse[i * m + j] -= f * inverse[r * m + j];
  }
  isBasic[basis[r]] = 0;
  basis[r] = q;
  isBasic[q] = 1;
  s.rejected.fill(0);
  s.iterations++;
  if (++s.sinceRefactor >= Math.max(refactorInterval, s.m)) refactor(s);
  else computeDuals(s);
}

/** Installs a basis given by the caller; false when it is malformed or singular. */
function setBasis(s: State, columns: ArrayLike<number>): boolean {
  const { m, N } = s;
  if (columns.length !== m) return false;
  s.isBasic.fill(0);
  for (let k = 0; k < m; k++) {
    const q = columns[k];
    if (!Number.isInteger(q) || q < 0 || q >= N + m || s.isBasic[q]) return false;
    s.basis[k] = q;
    s.isBasic[q] = 1;
  }
  return refactor(s);
}

/** B⁻¹ from A by LU with partial pivoting, then x_B = B⁻¹b and y; false when B is singular. */
function refactor(s: State): boolean {
  const { m, N, columns, basis, sign, inverse, xB, b } = s;
  const B = new Float64Array(m * m);
  for (let k = 0; k < m; k++) {
    const q = basis[k];
    if (q < N) for (let i = 0; i < m; i++) B[i * m + k] = columns[q * m + i];
    else B[(q - N) * m + k] = sign[q - N];
  }
  const lu = luFactor(B, m);
  if (lu === null) return false;
  const e = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    e.fill(0);
    e[i] = 1;
    const col = luSolve(lu, m, e);
    for (let k = 0; k < m; k++) inverse[k * m + i] = col[k];
  }
  xB.set(luSolve(lu, m, b));
  s.sinceRefactor = 0;
  computeDuals(s);
  return true;
}

/** Makes `cost` the objective of the current phase, with its tolerances and multipliers. */
function setCosts(s: State, cost: Float64Array): void {
  s.cost = cost;
  computeDuals(s);
}

/** y = B⁻ᵀc_B, i.e. yᵢ = Σ_k c_{B_k}·(B⁻¹)_{k,i}. */
function computeDuals(s: State): void {
  const { m, inverse, basis, cost, y } = s;
  y.fill(0);
  for (let k = 0; k < m; k++) {
    const f = cost[basis[k]];
    if (f !== 0) for (let i = 0; i < m; i++) y[i] += f * inverse[k * m + i];
  }
}

function primalFeasible(s: State): boolean {
  for (let i = 0; i < s.m; i++) if (s.xB[i] < -s.tol.feasibility) return false;
  return true;
}

/** Whether every allowed nonbasic reduced cost is ≥ −tolerance; call {@link price} first. */
function dualFeasible(s: State, allowed: Uint8Array): boolean {
  for (let j = 0; j < s.N + s.m; j++) {
    if (allowed[j] && !s.isBasic[j] && s.reduced[j] < -s.dualTolerance[j]) return false;
  }
  return true;
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

/** LU with partial pivoting (P B = L U) of an m × m row-major matrix, in place; null if singular. */
function luFactor(B: Float64Array, m: number): { lu: Float64Array; perm: Int32Array } | null {
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  const scale = Math.max(maxAbs(B), Number.MIN_VALUE);
  for (let k = 0; k < m; k++) {
    let p = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(B[i * m + k]) > Math.abs(B[p * m + k])) p = i;
    if (Math.abs(B[p * m + k]) <= 1e-13 * scale) return null;
    if (p !== k) {
      for (let j = 0; j < m; j++) {
        const held = B[k * m + j];
        B[k * m + j] = B[p * m + j];
        B[p * m + j] = held;
      }
      const held = perm[k];
      perm[k] = perm[p];
      perm[p] = held;
    }
    for (let i = k + 1; i < m; i++) {
      const f = (B[i * m + k] /= B[k * m + k]);
      if (f !== 0) for (let j = k + 1; j < m; j++) B[i * m + j] -= f * B[k * m + j];
    }
  }
  return { lu: B, perm };
}

/** Solves B z = rhs given P B = L U from {@link luFactor}. */
function luSolve(
  { lu, perm }: { lu: Float64Array; perm: Int32Array },
  m: number,
  rhs: Float64Array,
): Float64Array {
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) z[i] = rhs[perm[i]];
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) z[i] -= lu[i * m + j] * z[j];
  for (let i = m - 1; i >= 0; i--) {
    for (let j = i + 1; j < m; j++) z[i] -= lu[i * m + j] * z[j];
    z[i] /= lu[i * m + i];
  }
  return z;
}

/**
 * Scales Â = R·A·C and returns Â by columns (N × m row-major): up to 8 passes of geometric
 * scaling (every row, then every column, divided by √(max·min) of its nonzero |entries|) even
 * out entries of very different sizes, then a last pass makes every nonzero column's largest
 * |entry| 1. The program min ĉᵀx̂, Âx̂ = b̂ with b̂ = R·b, ĉ = C·c has the same bases, with
 * x = C·x̂ and y = R·ŷ, so the tolerances mean the same whatever the units of rows and columns.
 * Scale factors stay within 2^±500, so that scaling never overflows.
 */
function equilibrate({ rows: m, cols: N, data }: Matrix): {
  columns: Float64Array;
  rowScale: Float64Array;
  columnScale: Float64Array;
} {
  const columns = new Float64Array(m * N);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < N; j++) columns[j * m + i] = data[i * N + j];
  }
  const rowScale = new Float64Array(m).fill(1);
  const columnScale = new Float64Array(N).fill(1);
  /** The factor that takes √(largest·smallest) to 1, kept within range of the total scale. */
  const factor = (largest: number, smallest: number, scale: number): number => {
    if (largest === 0) return 1;
    const wanted = scale / Math.sqrt(largest) / Math.sqrt(smallest);
    return Math.min(Math.max(wanted, 2 ** -500), 2 ** 500) / scale;
  };
  const rowLargest = new Float64Array(m);
  const rowSmallest = new Float64Array(m);
  const rowFactor = new Float64Array(m);
  for (let pass = 0; pass < 8; pass++) {
    rowLargest.fill(0);
    rowSmallest.fill(Infinity);
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < m; i++) {
        const a = Math.abs(columns[j * m + i]);
        if (a === 0) continue;
        if (a > rowLargest[i]) rowLargest[i] = a;
        if (a < rowSmallest[i]) rowSmallest[i] = a;
      }
    }
    let change = 0;
    for (let i = 0; i < m; i++) {
      rowFactor[i] = factor(rowLargest[i], rowSmallest[i], rowScale[i]);
      rowScale[i] *= rowFactor[i];
      change = Math.max(change, Math.abs(Math.log2(rowFactor[i])));
    }
    for (let j = 0; j < N; j++) {
      const column = columns.subarray(j * m, j * m + m);
      let largest = 0;
      let smallest = Infinity;
      for (let i = 0; i < m; i++) {
        const a = Math.abs((column[i] *= rowFactor[i]));
        if (a === 0) continue;
        if (a > largest) largest = a;
        if (a < smallest) smallest = a;
      }
      const f = factor(largest, smallest, columnScale[j]);
      columnScale[j] *= f;
      change = Math.max(change, Math.abs(Math.log2(f)));
      for (let i = 0; i < m; i++) column[i] *= f;
    }
    if (change < 0.5) break;
  }
  for (let j = 0; j < N; j++) {
    const column = columns.subarray(j * m, j * m + m);
    const largest = maxAbs(column);
    const f = factor(largest, largest, columnScale[j]);
    columnScale[j] *= f;
    for (let i = 0; i < m; i++) column[i] *= f;
  }
  return { columns, rowScale, columnScale };
}

function maxAbs(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]));
  return s;
}
