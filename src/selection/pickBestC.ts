import { ValueError } from '../errors.js';
import type { FoldStatistics } from './foldStatistics.js';

/**
 * The index of the best mean score along a grid of C (increasing), and of the C chosen from it:
 * the best mean is the lowest for a loss (`lower`), else the highest, ties to the smaller C (NaN
 * means skipped). With `oneStandardError`, the chosen C is the smallest whose mean is within one
 * standard error (the `se` at the best C) of the best mean (`mean ≤ best + se` for losses,
 * `≥ best − se` for scores): cv.glmnet's `lambda.1se`. So the chosen C never exceeds the best-mean C.
 *
 * @throws {ValueError} if the mean is NaN at every C (named `metric`, from `where`).
 */
export function pickBestC(
  stats: readonly FoldStatistics[],
  lower: boolean,
  oneStandardError: boolean,
  metric: string,
  where: string,
): { readonly bestIndex: number; readonly bestMeanIndex: number } {
  const mean = stats.map((s) => s.mean);
  const better = (a: number, b: number): boolean => (lower ? a < b : a > b);
  let bestMeanIndex = -1;
  mean.forEach((v, i) => {
    if (!Number.isNaN(v) && (bestMeanIndex < 0 || better(v, mean[bestMeanIndex]))) {
      bestMeanIndex = i;
    }
  });
  if (bestMeanIndex < 0) {
    throw new ValueError(
      `${where}: ${metric} is undefined (NaN) in some fold at every C; a fold's test rows of positive weight hold one class only`,
    );
  }
  let bestIndex = bestMeanIndex;
  if (oneStandardError) {
    const se = stats[bestMeanIndex].standardError;
    const bound = lower ? mean[bestMeanIndex] + se : mean[bestMeanIndex] - se;
    bestIndex = mean.findIndex((v) => (lower ? v <= bound : v >= bound));
  }
  return { bestIndex, bestMeanIndex };
}
