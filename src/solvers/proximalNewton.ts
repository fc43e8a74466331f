import { minimumNormSubgradient } from './minimumNormSubgradient.js';
import type {
  SolverResult,
  SolverSettings,
  StopReason,
  TwiceDifferentiableObjective,
} from './objective.js';
import { DenseQuadraticModel } from './quadraticModel.js';
import type { CoordinateQuadraticModel } from './quadraticModel.js';
import { stoppingRule } from './stoppingRule.js';

/** Settings of {@link proximalNewton}. */
export interface ProximalNewtonSettings extends SolverSettings {
  /**
   * How coordinate descent sees the Hessian. Default: a {@link DenseQuadraticModel} on
   * `objective.hessian` (n² memory); pass a data-based model when n is large.
   */
  readonly model?: CoordinateQuadraticModel | undefined;
  /** Cap on coordinate-descent sweeps per Newton subproblem. Default 1000. */
  readonly maxInnerSweeps?: number | undefined;
}

/** Armijo constant σ and backtracking factor β of newGLMNET's line search (Yuan et al. 2012). */
const SIGMA = 0.01;
const BETA = 0.5;
const MAX_BACKTRACKS = 40;
/**
 * Below this relative size a predicted decrease is lost in the rounding of F (ε·|F| ≈ 2e-16·|F|,
 * with margin), so the Armijo test says nothing; the full step is then accepted when it lowers
 * the stationarity measure instead (the quadratic model is exact to that order there).
 */
const VALUE_NOISE = 1e-13;

/**
 * Minimizes F(x) + Σⱼ κⱼ·|xⱼ|, a smooth convex F plus a weighted L1 term (κ = `l1Weights` ≥ 0;
 * κⱼ = 0 leaves coordinate j smooth), by proximal Newton with coordinate descent on each Newton
 * model: newGLMNET (Yuan, Ho & Lin, "An improved GLMNET for L1-regularized logistic regression",
 * JMLR 13, 2012), the L1 solver of LIBLINEAR, with glmnet's active-set sweeps.
 *
 * Each iteration:
 * 1. Newton model at x: q(d) = ∇F(x)ᵀd + ½dᵀ∇²F(x)d + Σ κⱼ|xⱼ + dⱼ|.
 * 2. Minimize q by cyclic coordinate descent on x̂ = x + d; coordinate j moves to the
 *    soft-threshold x̂ⱼ ← S(x̂ⱼ − gⱼ/Hⱼⱼ, κⱼ/Hⱼⱼ) with gⱼ = ∇ⱼF + (H·d)ⱼ, S(u, τ) = sign(u)·max(|u| − τ, 0),
 *    which lands on exactly 0 whenever |u| ≤ τ. One full sweep, then sweeps over the nonzero
 *    coordinates until they settle, then a full sweep again, until a full sweep moves no
 *    coordinate by more than the forcing tolerance min(0.1, m)·m (m = the current stationarity
 *    measure, floored at 0.1·`tolerance`): an inexact Newton step, superlinear near the optimum.
 * 3. Backtracking (β = 0.5) until F(x + t·d) + κ‖·‖₁ ≤ current + σ·t·Δ, σ = 0.01, with
 *    Δ = ∇Fᵀd + Σ κⱼ(|x̂ⱼ| − |xⱼ|) < 0 (Tseng & Yun 2009). The full step takes x̂ itself, so its
 *    exact zeros survive; coordinates that are 0 in x and x̂ stay exactly 0 at any t.
 *
 * Stopping rule: converged when the minimum-norm subgradient is small,
 * ‖∂(F + κ‖·‖₁)(x)‖∞ ≤ `tolerance` (see {@link minimumNormSubgradient}; reported as
 * `gradientNorm`, and equal to ‖∇F‖∞ when κ = 0). Otherwise `maxIterations` (Newton steps), a line
 * search that cannot decrease the objective (`line-search-failed`, the floating-point limit) or a
 * non-finite value. `objective` and `lossHistory` hold the full composite value F + Σκⱼ|xⱼ|.
 *
 * @param objective - F: value, gradient, and (for the default model) its Hessian.
 * @param l1Weights - κ, length `objective.dimension`, all ≥ 0 (not checked: validate upstream).
 * @param x0 - starting point (not modified).
 * @example
 * // F(x) = ½(x₀ − 3)² + ½(x₁ − 0.5)², κ = 1: the optimum is (2, 0), an exact zero.
 * const F = {
 *   dimension: 2,
 *   valueAndGradient: (x, g) => { g[0] = x[0] - 3; g[1] = x[1] - 0.5;
 *     return 0.5 * (g[0] ** 2 + g[1] ** 2); },
 *   hessianVectorProduct: (_x, v, out) => out.set(v),
 *   hessian: (_x, out) => out.set([1, 0, 0, 1]),
 * };
 * proximalNewton(F, new Float64Array([1, 1]), new Float64Array(2),
 *   { tolerance: 1e-10, maxIterations: 50 }).x; // Float64Array [2, 0]
 */
export function proximalNewton(
  objective: TwiceDifferentiableObjective,
  l1Weights: Float64Array,
  x0: Float64Array,
  settings: ProximalNewtonSettings,
): SolverResult {
  const n = objective.dimension;
  const model = settings.model ?? new DenseQuadraticModel(objective);
  const maxInnerSweeps = settings.maxInnerSweeps ?? 1000;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const xHat = new Float64Array(n);
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const active = new Int32Array(n);

  let f = objective.valueAndGradient(x, g) + l1Norm(x, l1Weights);
  let evaluations = 1;
  let measure = minimumNormSubgradient(g, x, l1Weights);
  const lossHistory = [f];
  let iterations = 0;
  let stopReason: StopReason;

  while (true) {
    const stop = stoppingRule(f, measure, iterations, settings.tolerance, settings.maxIterations);
    if (stop !== undefined) {
      stopReason = stop;
      break;
    }

    model.expandAt(x);
    xHat.set(x);
    const innerTolerance = Math.max(Math.min(0.1, measure) * measure, 0.1 * settings.tolerance);
    solveSubproblem(model, g, l1Weights, xHat, active, innerTolerance, maxInnerSweeps);

    let predicted = 0;
    for (let j = 0; j < n; j++) {
      predicted += g[j] * (xHat[j] - x[j]) + l1Weights[j] * (Math.abs(xHat[j]) - Math.abs(x[j]));
    }
    let accepted = false;
    let fTrial = f;
    let t = 1;
    for (let k = 0; k < MAX_BACKTRACKS && predicted < 0; k++) {
      if (t === 1) xTrial.set(xHat);
      else for (let j = 0; j < n; j++) xTrial[j] = x[j] + t * (xHat[j] - x[j]);
      fTrial = objective.valueAndGradient(xTrial, gTrial) + l1Norm(xTrial, l1Weights);
      evaluations++;
      if (fTrial <= f + SIGMA * t * predicted) {
        accepted = true;
        break;
      }
      if (
        t === 1 &&
        -predicted <= VALUE_NOISE * Math.max(Math.abs(f), 1) &&
        minimumNormSubgradient(gTrial, xTrial, l1Weights) < measure
      ) {
        accepted = true;
        break;
      }
      t *= BETA;
    }
    if (!accepted) {
      stopReason = 'line-search-failed';
      break;
    }
    iterations++;
    x.set(xTrial);
    g.set(gTrial);
    f = fTrial;
    measure = minimumNormSubgradient(g, x, l1Weights);
    lossHistory.push(f);
    settings.onIteration?.(iterations, f, measure);
  }
  return {
    x,
    iterations,
    converged: stopReason === 'gradient-tolerance',
    stopReason,
    objective: f,
    gradientNorm: measure,
    lossHistory,
    evaluations,
  };
}

/** Σⱼ κⱼ·|xⱼ|. */
function l1Norm(x: Float64Array, l1Weights: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) if (l1Weights[j] !== 0) s += l1Weights[j] * Math.abs(x[j]);
  return s;
}

/**
 * Coordinate descent on the Newton model q(x̂ − x), updating `xHat` in place (it enters as x).
 * Alternates full sweeps with sweeps over the active set {j : x̂ⱼ ≠ 0 or κⱼ = 0} (glmnet), whose
 * indices go into the work buffer `active` (length n).
 */
function solveSubproblem(
  model: CoordinateQuadraticModel,
  g: Float64Array,
  l1Weights: Float64Array,
  xHat: Float64Array,
  active: Int32Array,
  tolerance: number,
  maxSweeps: number,
): void {
  const n = xHat.length;
  let sweeps = 0;
  while (sweeps < maxSweeps) {
    sweeps++;
    if (sweep(model, g, l1Weights, xHat, null, n) <= tolerance) return;
    let size = 0;
    for (let j = 0; j < n; j++) if (xHat[j] !== 0 || l1Weights[j] === 0) active[size++] = j;
    while (sweeps < maxSweeps) {
      sweeps++;
      if (sweep(model, g, l1Weights, xHat, active, size) <= tolerance) break;
    }
  }
}

/**
 * One cyclic pass over `count` coordinates (all, or those listed in `order`); returns the
 * largest Hⱼⱼ·|Δx̂ⱼ|, the size of the model's gradient that each move cancelled.
 */
function sweep(
  model: CoordinateQuadraticModel,
  g: Float64Array,
  l1Weights: Float64Array,
  xHat: Float64Array,
  order: Int32Array | null,
  count: number,
): number {
  let change = 0;
  for (let k = 0; k < count; k++) {
    const j = order === null ? k : order[k];
    const a = model.diagonal(j);
    // No curvature (a constant column without an L2 term): the model is linear in x̂ⱼ; leave it.
    if (!(a > 0)) continue;
    const v = xHat[j];
    const u = v - (g[j] + model.productAlong(j)) / a;
    const threshold = l1Weights[j] / a;
    const next = u > threshold ? u - threshold : u < -threshold ? u + threshold : 0;
    const delta = next - v;
    if (delta === 0) continue;
    model.moveAlong(j, delta);
    xHat[j] = next;
    change = Math.max(change, a * Math.abs(delta));
  }
  return change;
}
