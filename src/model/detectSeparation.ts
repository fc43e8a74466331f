import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { denseFromSparse, isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { negligibleEntry as negligible, separationCone } from './separationCone.js';

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
 * margin 0, until an optimum lifts none (see separationCone, the LP core shared with the
 * multinomial check, for why the later LPs need only R's rows; they are small). Each LP is solved in its dual form, whose basis has p + 1 rows rather
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
  const { kind, involved, direction } = separationCone(A, n, d, scale);
  return { kind, involved, direction };
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
