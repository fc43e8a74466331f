import { NEWTON_CHOLESKY_MAX_DIMENSION } from '../solvers/newton.js';
import { defaultTrainOptions } from './trainOptions.js';
import type { Penalty, SolverChoice, SolverName } from './trainOptions.js';

/**
 * The solver a fit runs, the one rule of logreg (the training pipeline's plan and the CLI ask
 * it through `resolveTrainPlan`): `'newglmnet'` for L1 and elastic net (the only one that reaches
 * their non-smooth optimum); otherwise the caller's choice; by default `'newton'` for maximum
 * likelihood (`'none'`) and Firth, iterated to R's precision (Newton-CG above
 * NEWTON_CHOLESKY_MAX_DIMENSION parameters), and `'lbfgs'` for binary L2. `'auto'` also takes
 * Newton for small binary L2 problems (≤ 50 parameters and m·d² ≤ 1e8), where a few exact-Hessian
 * steps are cheaper than L-BFGS's many passes and far more exact.
 *
 * Multinomial fits (`multinomial: true`) take `'newton'` by default and for `'auto'` (Newton-CG
 * above 400 parameters): at the default tolerance it reaches scikit-learn's newton-cg optimum on
 * digits to 6e-12, where L-BFGS stops 4e-8 short.
 *
 * @param dimension - parameters of one binary fit: features, plus 1 with an intercept.
 */
export function chooseSolver(
  choice: SolverChoice | undefined,
  penalty: Penalty,
  rows: number,
  dimension: number,
  multinomial = false,
): SolverName {
  if (penalty === 'l1' || penalty === 'elasticnet') return 'newglmnet';
  if (choice !== undefined && choice !== 'auto') return choice;
  if (multinomial || penalty === 'firth' || penalty === 'none') return 'newton';
  if (choice === undefined) return defaultTrainOptions.solver;
  return dimension <= 50 && rows * dimension * dimension <= 1e8 ? 'newton' : 'lbfgs';
}

/**
 * Rows × parameters² from which an unpenalized Newton fit starts from an L-BFGS solution
 * (lbfgsThenNewton in src/solvers): a Hessian of m·d²/2 multiply-adds, about 10 ms of a core's
 * time at the WebAssembly kernel's 12 GFlop/s, far more with the plain loop (sparse X).
 */
export const LBFGS_START_MIN_WORK = 1e8;

/** Parameters from which the L-BFGS start pays: one Hessian costs about d/7 gradient passes. */
export const LBFGS_START_MIN_DIMENSION = 32;

/**
 * Whether a maximum-likelihood Newton fit (`penalty: 'none'`, decrement rule) starts from an
 * L-BFGS solution: when the exact Hessian is large work (m·d² ≥ {@link LBFGS_START_MIN_WORK},
 * d ≥ {@link LBFGS_START_MIN_DIMENSION}) and still formed whole
 * (d ≤ NEWTON_CHOLESKY_MAX_DIMENSION).
 * Small problems (R's data sets) keep pure Newton from the intercept-only start: a handful of
 * cheap exact steps. Firth's objective needs its information matrix in every evaluation, so
 * L-BFGS passes are not cheap there: it keeps pure Newton too.
 */
export function startsWithLbfgs(penalty: Penalty, rows: number, dimension: number): boolean {
  return (
    penalty === 'none' &&
    dimension >= LBFGS_START_MIN_DIMENSION &&
    dimension <= NEWTON_CHOLESKY_MAX_DIMENSION &&
    rows * dimension * dimension >= LBFGS_START_MIN_WORK
  );
}
