import { defaultTrainOptions } from '../options/trainOptions.js';
import type { Penalty, SolverChoice, SolverName } from '../options/trainOptions.js';

/**
 * The solver a fit runs: `'newglmnet'` for L1 and elastic net (the only one that reaches their
 * non-smooth optimum); otherwise the caller's choice; by default `'newton'` for maximum likelihood
 * (`'none'`) and Firth, iterated to R's precision (Newton-CG above NEWTON_CHOLESKY_MAX_DIMENSION
 * parameters), and `'lbfgs'` for L2. `'auto'` also takes Newton for small L2 problems
 * (≤ 50 parameters and m·d² ≤ 1e8), where a few exact-Hessian steps are cheaper than L-BFGS's
 * many passes and far more exact.
 */
export function chooseSolver(
  choice: SolverChoice | undefined,
  penalty: Penalty,
  rows: number,
  dimension: number,
): SolverName {
  if (penalty === 'l1' || penalty === 'elasticnet') return 'newglmnet';
  if (choice !== undefined && choice !== 'auto') return choice;
  if (penalty === 'firth' || penalty === 'none') return 'newton';
  if (choice === undefined) return defaultTrainOptions.solver;
  return dimension <= 50 && rows * dimension * dimension <= 1e8 ? 'newton' : 'lbfgs';
}
