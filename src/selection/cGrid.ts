import { OptionError } from '../errors.js';
import type { TrainOptions } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';
import type { OptionCheck } from './checkOptions.js';

/** The default grid: 10 values of C log-spaced over [1e-4, 1e4], as LogisticRegressionCV's `Cs=10`. */
export const defaultCsCount = 10;

/** `Cs`: a count ≥ 1, or a non-empty array of distinct finite numbers > 0. */
export const csCheck: OptionCheck = (v) =>
  (typeof v === 'number' && Number.isInteger(v) && v >= 1) ||
  (Array.isArray(v) &&
    v.length > 0 &&
    v.every((c) => typeof c === 'number' && Number.isFinite(c) && c > 0) &&
    new Set(v).size === v.length)
    ? undefined
    : 'a count ≥ 1 or a non-empty array of distinct finite numbers > 0';

/**
 * The grid of C values in increasing order (most regularized first, the order of a warm-started
 * path). A count n gives scikit-learn's `np.logspace(-4, 4, n)`: `C_i = 10^(−4 + 8·i/(n − 1))`
 * (`[1e-4]` for n = 1; equal to numpy's to within an ulp or two, exact at powers of ten); an
 * array is sorted. Trusts a value that passed {@link csCheck}.
 */
export function cGrid(Cs: readonly number[] | number): number[] {
  if (typeof Cs !== 'number') return [...Cs].sort((a, b) => a - b);
  if (Cs === 1) return [1e-4];
  return Array.from({ length: Cs }, (_, i) => powerOfTen(-4 + (8 * i) / (Cs - 1)));
}

/**
 * 10^x, exact at integer x: V8 evaluates `10 ** -4` at run time as 0.00009999999999999999, so a
 * negative exponent is taken as 1 / 10^|x| (10^|x| is exact for integers up to 22).
 */
function powerOfTen(x: number): number {
  return x < 0 ? 1 / 10 ** -x : 10 ** x;
}

/**
 * Checks that train options suit a search over C: the penalty must be `'l2'` (C has no effect
 * otherwise) and `C` itself must be absent (the search sets it).
 *
 * @throws {OptionError} naming the option and its value.
 */
export function checkPenaltyForCGrid(where: string, trainOptions: TrainOptions | undefined): void {
  if (trainOptions === undefined) return;
  if (trainOptions.penalty !== undefined && trainOptions.penalty !== 'l2') {
    throw new OptionError(
      `${where}: train option 'penalty' must be 'l2' to choose C (C is the inverse L2 strength), got ${describe(trainOptions.penalty)}`,
    );
  }
  if (trainOptions.C !== undefined) {
    throw new OptionError(
      `${where}: train option 'C' must be left out, since ${where} sets it from the grid Cs; got ${describe(trainOptions.C)}`,
    );
  }
}
