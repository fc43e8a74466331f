import { UsageError } from '../data/usageError.js';

/**
 * Default `--max-grid`: the most values of C in a `--Cs` grid. Each value is one fit (per fold,
 * for cv), so an unchecked `--Cs 1000000` would run for hours; 1,000 is far beyond the 10 to 100
 * values of scikit-learn's `LogisticRegressionCV` and glmnet.
 */
export const defaultMaxGrid = 1000;

/**
 * Checks the size of a `--Cs` grid (a count, or the values) against `--max-grid`.
 *
 * @throws {UsageError} a grid of more than `maxGrid` values, naming both options.
 */
export function checkGridSize(
  Cs: number | readonly number[] | undefined,
  maxGrid: number = defaultMaxGrid,
): void {
  if (Cs === undefined) return;
  const count = typeof Cs === 'number' ? Cs : Cs.length;
  if (count > maxGrid) {
    throw new UsageError(
      `--Cs: ${count} values of C, above the limit of ${maxGrid} (each is one fit per fold); ` +
        'give fewer or raise --max-grid',
    );
  }
}
