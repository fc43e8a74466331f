import { luFactor, luSolve } from './luFactor.js';
import { normInf } from './vector.js';

/**
 * The solver's state: basis, explicit inverse B⁻¹ (m × m), basic values x_B = B⁻¹b, multipliers
 * y = B⁻ᵀc_B, and scratch for reduced costs, the entering column and the pivot row. Columns
 * N..N+m−1 are the artificials: column N + r is sign_r·e_r, with sign_r the sign of b_r.
 */
export interface State {
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

/** The scaled program's tolerances, fixed by {@link simplex} from its `tolerance` option. */
export interface Tolerances {
  readonly feasibility: number;
  readonly optimality: number;
  readonly pivot: number;
}

/**
 * How an iteration loop ended; `'lost'`: the basis is neither primal nor dual feasible, so
 * {@link simplex} restarts from phase 1.
 */
export type Outcome = 'optimal' | 'unbounded' | 'infeasible' | 'iterationLimit' | 'lost';

/** Pivots between refactorizations of B⁻¹ from A (at least; max(50, m)): each costs O(m³). */
export const refactorInterval = 50;

/**
 * The entering column of a primal iteration, or −1 when every allowed nonbasic reduced cost is
 * ≥ −tolerance. Dantzig's rule with partial pricing: columns are priced a segment at a time
 * (an eighth of them, at least 512), resuming where the last search stopped, and the most
 * negative reduced cost of the first segment that has one enters. Under Bland's rule: the
 * smallest such index.
 */
export function chooseEntering(s: State, allowed: Uint8Array, bland: boolean): number {
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
export function price(s: State, from = 0, to = s.N + s.m): void {
  const { m, N, columns, y, reduced, cost, sign, dualTolerance, columnSize } = s;
  const tolerance = s.tol.optimality;
  const floor = 16 * Number.EPSILON * normInf(y);
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
export function pivotRow(s: State, r: number): void {
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
export function enteringColumn(s: State, q: number): void {
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
export function significant(s: State, q: number): boolean {
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
  return reduced < -s.tol.optimality * size - 1000 * Number.EPSILON * normInf(column) * costs;
}

/** Basis exchange: q enters in row r. Updates x_B and B⁻¹ (product-form eta), then y. */
export function exchange(s: State, r: number, q: number): void {
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
export function setBasis(s: State, columns: ArrayLike<number>): boolean {
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
export function refactor(s: State): boolean {
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
export function setCosts(s: State, cost: Float64Array): void {
  s.cost = cost;
  computeDuals(s);
}

/** y = B⁻ᵀc_B, i.e. yᵢ = Σ_k c_{B_k}·(B⁻¹)_{k,i}. */
export function computeDuals(s: State): void {
  const { m, inverse, basis, cost, y } = s;
  y.fill(0);
  for (let k = 0; k < m; k++) {
    const f = cost[basis[k]];
    if (f !== 0) for (let i = 0; i < m; i++) y[i] += f * inverse[k * m + i];
  }
}

/** Whether every basic value is ≥ −feasibility tolerance (x_B ≥ 0 up to round-off). */
export function primalFeasible(s: State): boolean {
  for (let i = 0; i < s.m; i++) if (s.xB[i] < -s.tol.feasibility) return false;
  return true;
}

/** Whether every allowed nonbasic reduced cost is ≥ −tolerance; call {@link price} first. */
export function dualFeasible(s: State, allowed: Uint8Array): boolean {
  for (let j = 0; j < s.N + s.m; j++) {
    if (allowed[j] && !s.isBasic[j] && s.reduced[j] < -s.dualTolerance[j]) return false;
  }
  return true;
}
