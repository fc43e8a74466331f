import { FitError } from '../errors.js';

/**
 * Refuses a fit whose result cannot be used: a non-finite coefficient, intercept or objective.
 * Such a model would predict NaN and could not be written as JSON (`NaN` and `Infinity` become
 * `null`), so training throws instead of returning it. It happens when the solver diverged (a
 * learning rate far too large for gd or sgd) or a sum overflowed (features or weights near the
 * largest double).
 *
 * @param coefficients every coefficient of the model (all classes of a multiclass one).
 * @throws {FitError} naming what is not finite, the solver, and what to change.
 */
export function checkFiniteFit(
  where: string,
  solver: string,
  coefficients: ArrayLike<number>,
  intercepts: ArrayLike<number>,
  objective: number,
): void {
  const bad: string[] = [];
  for (let j = 0; j < coefficients.length; j++) {
    if (!Number.isFinite(coefficients[j])) {
      bad.push('coefficients');
      break;
    }
  }
  for (let k = 0; k < intercepts.length; k++) {
    if (!Number.isFinite(intercepts[k])) {
      bad.push(intercepts.length === 1 ? 'the intercept' : 'intercepts');
      break;
    }
  }
  if (!Number.isFinite(objective)) bad.push(`the objective (${String(objective)})`);
  if (bad.length === 0) return;
  const remedy =
    solver === 'gd' || solver === 'sgd'
      ? `the ${solver} steps diverged: use a smaller learning rate (or the default schedule), or solver 'lbfgs'`
      : 'a sum overflowed: rescale features or weights near the largest double (about 1.8e308)';
  throw new FitError(`${where}: the fit gave non-finite ${bad.join(' and ')}; ${remedy}`);
}
