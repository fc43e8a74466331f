import { ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import type { Label } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';
import { booleanCheck, checkOptions, seedCheck } from './checkOptions.js';
import { classMembers } from './classMembers.js';
import { indexSplit } from './indexSplit.js';
import type { IndexSplit } from './indexSplit.js';
import { seededRandom } from '../math/seededRandom.js';
import { shuffled } from './shuffled.js';
import { rowCount } from './takeRows.js';

/** Options of {@link trainTestSplit}; {@link defaultSplitOptions} holds the defaults. */
export interface SplitOptions {
  /** Share of the rows held out for testing, in (0, 1). Default 0.25 (scikit-learn's). */
  readonly testFraction?: number;
  /** Seed of the shuffle (any safe integer). Default 0. */
  readonly seed?: number;
  /** Keep each class's share equal in both parts. Default true. */
  readonly stratify?: boolean;
}

/** The defaults of {@link SplitOptions}, defined once. */
export const defaultSplitOptions = { testFraction: 0.25, seed: 0, stratify: true } as const;

/** The constraint table of {@link SplitOptions}. */
export const splitOptionConstraints = {
  testFraction: (v: unknown) =>
    typeof v === 'number' && v > 0 && v < 1 ? undefined : 'a number in (0, 1)',
  seed: seedCheck,
  stratify: booleanCheck,
};

/**
 * A seeded random split of the rows into a training and a test part.
 *
 * The test part has `n_test = ⌈testFraction·n⌉` rows, as scikit-learn's `train_test_split`
 * (computed as `⌈testFraction·n − 1e-9⌉` so that 0.3·10 = 3.0000000000000004 gives 3, not 4).
 * With `stratify`, class c contributes `t_c` test rows, `t_c = ⌊n_c·n_test/n⌋` or one more, by
 * the largest-remainder rule (remainders tied: the class appearing first in `y`), so that
 * `Σ t_c = n_test` and every class's test share is within one row of its share of the data; the
 * `t_c` rows are a seeded random sample of the class. Without it, `n_test` rows are drawn from
 * all rows.
 *
 * @param X - the feature matrix, dense or CSR (only its row count is used), m rows.
 * @param y - m labels (numbers, strings or booleans; any number of classes).
 * @returns sorted row indices of both parts; use {@link takeRows} and {@link takeValues}.
 * @throws {ShapeError} X not a matrix or array of rows, y of another length, empty input.
 * @throws {ValueError} either part would be empty, or with `stratify` a class has a single row
 *   (it cannot be in both parts; named), or an invalid label.
 * @throws {OptionError} an unknown or invalid option.
 * @example
 * const { trainIndex, testIndex } = trainTestSplit(X, y, { testFraction: 0.2, seed: 7 });
 * const model = train(takeRows(X, trainIndex), takeValues(y, trainIndex));
 */
export function trainTestSplit(
  X: MatrixInput,
  y: readonly Label[],
  options?: SplitOptions,
): IndexSplit {
  const where = 'trainTestSplit';
  const opts = checkOptions<SplitOptions>(where, options, splitOptionConstraints);
  const testFraction = opts.testFraction ?? defaultSplitOptions.testFraction;
  const seed = opts.seed ?? defaultSplitOptions.seed;
  const stratify = opts.stratify ?? defaultSplitOptions.stratify;
  const m = rowCount(X);
  if (m < 0) {
    throw new ShapeError(
      `${where}: X must be an array of rows, a { rows, cols, data } matrix or a CSR sparse matrix, got ${describe(X)}`,
    );
  }
  const { classes, members } = classMembers(y, where);
  if (y.length !== m)
    throw new ShapeError(`${where}: X has ${m} rows, but y has ${y.length} labels`);
  const nTest = Math.ceil(testFraction * m - 1e-9);
  if (nTest >= m) {
    throw new ValueError(
      `${where}: testFraction = ${testFraction} of ${m} rows leaves no training rows (${nTest} test rows)`,
    );
  }
  const random = seededRandom(seed);
  const group = new Int32Array(m); // 1 = test
  if (!stratify) {
    const order = shuffled(
      Int32Array.from({ length: m }, (_, i) => i),
      random,
    );
    for (let r = 0; r < nTest; r++) group[order[r]] = 1;
    return indexSplit(group, 1);
  }
  members.forEach((rows, c) => {
    if (rows.length < 2) {
      throw new ValueError(
        `${where}: class ${describe(classes[c])} has a single row, so it cannot be in both the training and the test part; remove it or use stratify: false`,
      );
    }
  });
  const quota = largestRemainder(
    members.map((rows) => (rows.length * nTest) / m),
    nTest,
  );
  members.forEach((rows, c) => {
    const order = shuffled(rows, random);
    for (let r = 0; r < quota[c]; r++) group[order[r]] = 1;
  });
  return indexSplit(group, 1);
}

/**
 * Integers `q_c ∈ {⌊s_c⌋, ⌊s_c⌋ + 1}` with `Σ q_c = total` (Hamilton's apportionment): the
 * shares with the largest fractional parts round up; ties go to the earlier share.
 */
function largestRemainder(shares: readonly number[], total: number): number[] {
  const quota = shares.map(Math.floor);
  let left = total - quota.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, c) => ({ c, remainder: s - Math.floor(s) }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  for (const { c } of order) {
    if (left <= 0) break;
    quota[c]++;
    left--;
  }
  return quota;
}
