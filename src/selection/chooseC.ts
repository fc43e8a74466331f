import type { MatrixInput } from '../linalg/matrix.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { train } from '../model/train.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { cGrid, checkPenaltyForCGrid, csCheck, defaultCsCount } from './cGrid.js';
import { booleanCheck, checkOptions, foldsCheck, oneOfCheck, seedCheck } from './checkOptions.js';
import { crossValidationFolds } from './crossValidationFolds.js';
import { foldScores, lowerIsBetter } from './foldScores.js';
import { foldStatistics } from './foldStatistics.js';
import { pickBestC } from './pickBestC.js';
import { warmStartPath } from './warmStartPath.js';
import { defaultKFoldOptions } from './stratifiedKFold.js';

/** The metrics that can choose C. `logLoss` and `brierScore` are minimized, the others maximized. */
export const chooseCScorings = ['logLoss', 'rocAuc', 'accuracy', 'f1', 'brierScore'] as const;

/** A metric that can choose C. */
export type ChooseCScoring = (typeof chooseCScorings)[number];

/** Options of {@link chooseC}; {@link defaultChooseCOptions} holds the defaults. */
export interface ChooseCOptions {
  /** The grid: a count n (n values log-spaced over [1e-4, 1e4]) or values of C. Default 10. */
  readonly Cs?: readonly number[] | number;
  /** Number of stratified folds, an integer ≥ 2. Default 5. */
  readonly folds?: number;
  /** Seed of the fold assignment (any safe integer). Default 0. */
  readonly seed?: number;
  /** Shuffle within classes before assigning folds. Default true. */
  readonly shuffle?: boolean;
  /** The cross-validated metric that picks C. Default `'logLoss'`. */
  readonly scoring?: ChooseCScoring;
  /**
   * Pick the smallest C (strongest penalty) whose mean score is within one standard error of the
   * best mean, cv.glmnet's `lambda.1se`, instead of the best mean. Default false.
   */
  readonly oneStandardError?: boolean;
}

/** The defaults of {@link ChooseCOptions}, defined once. */
export const defaultChooseCOptions = {
  Cs: defaultCsCount,
  ...defaultKFoldOptions,
  scoring: 'logLoss',
  oneStandardError: false,
} as const;

/** The constraint table of {@link ChooseCOptions}. */
export const chooseCOptionConstraints = {
  Cs: csCheck,
  folds: foldsCheck,
  seed: seedCheck,
  shuffle: booleanCheck,
  scoring: oneOfCheck(chooseCScorings),
  oneStandardError: booleanCheck,
};

/** What {@link chooseC} returns: the score curve, the chosen C and the model refitted at it. */
export interface ChooseCResult {
  /** The grid, increasing. */
  readonly Cs: readonly number[];
  /** Mean score over folds at each C (unweighted over folds). */
  readonly mean: readonly number[];
  /** Population standard deviation of the score over folds at each C (ddof = 0). */
  readonly std: readonly number[];
  /** Standard error of each mean, sample standard deviation / √k (cv.glmnet's `cvsd`). */
  readonly standardError: readonly number[];
  /** `perFold[f][i]`: the score of fold f at `Cs[i]`. */
  readonly perFold: readonly (readonly number[])[];
  /** The chosen C, `Cs[bestIndex]`. */
  readonly bestC: number;
  /** Index of the chosen C. */
  readonly bestIndex: number;
  /** Index of the best mean score (equals `bestIndex` unless `oneStandardError`). */
  readonly bestMeanIndex: number;
  /** The scoring metric. */
  readonly metric: ChooseCScoring;
  readonly oneStandardError: boolean;
  /** `train(X, y, { ...trainOptions, C: bestC })`: refitted on all rows. */
  readonly model: LogisticRegressionModel;
  /** Warnings of the fold fits (e.g. non-convergence), prefixed with fold and C. */
  readonly warnings: readonly string[];
}

/**
 * Chooses the inverse penalty strength C by stratified k-fold cross-validation, as
 * scikit-learn's `LogisticRegressionCV` and R's `cv.glmnet`, then refits on all rows.
 *
 * 1. Make k stratified folds (`stratifiedKFold` with `folds`, `seed`, `shuffle`).
 * 2. In each fold, fit the training rows along the grid in increasing C, each fit warm-started
 *    from the previous C's solution (`warmStartPath`), and score each fit on the fold's test
 *    rows (`binaryReport`'s metric, weighted by the test rows' `sampleWeight`).
 * 3. At each C take the mean over folds, the population standard deviation (`std`) and the
 *    standard error of the mean `se = s/√k` (s the sample standard deviation, cv.glmnet's `cvsd`).
 * 4. The best mean: the lowest for `logLoss`/`brierScore`, else the highest; ties go to the
 *    smaller C. With `oneStandardError`, choose instead the smallest C whose mean is within
 *    one standard error (the `se` at the best C) of the best mean (`mean ≤ best + se` for losses, `≥ best − se` for scores):
 *    the most regularized model not clearly worse, cv.glmnet's `lambda.1se`. So `bestC` never
 *    exceeds the best-mean C.
 * 5. Refit `train(X, y, { ...trainOptions, C: bestC })` on all rows.
 *
 * `sampleWeight` in `trainOptions` is split with the rows (training weights to the fits, test
 * weights to the scores); `classWeight: 'balanced'` is recomputed on each fold's training rows.
 *
 * @param X - m × p features (rows of numbers or a row-major matrix).
 * @param y - m labels of two classes; each class needs at least `folds` rows.
 * @param trainOptions - options of every fit, with penalty `'l2'` (the default) and without `C`.
 * @param options - Cs (10), folds (5), seed (0), shuffle (true), scoring (`'logLoss'`),
 *   oneStandardError (false).
 * @throws {OptionError} an invalid option, a penalty other than `'l2'`, or `C` in trainOptions.
 * @throws {ShapeError} {@link ValueError} bad data (checked before any fit), or a score that is
 *   undefined at every C.
 * @example
 * const choice = chooseC(X, y, { standardize: true }, { Cs: 20, oneStandardError: true });
 * choice.bestC; // the chosen C; choice.model is fitted at it on all rows
 * cvCurveSvg({ Cs: choice.Cs, mean: choice.mean, std: choice.std, best: choice.bestC, metric: choice.metric });
 */
export function chooseC(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions?: TrainOptions,
  options?: ChooseCOptions,
): ChooseCResult {
  const where = 'chooseC';
  const opts = checkOptions<ChooseCOptions>(where, options, chooseCOptionConstraints);
  checkPenaltyForCGrid(where, checkTrainOptions(trainOptions, where));
  const Cs = cGrid(opts.Cs ?? defaultChooseCOptions.Cs);
  const k = opts.folds ?? defaultChooseCOptions.folds;
  const metric = opts.scoring ?? defaultChooseCOptions.scoring;
  const oneStandardError = opts.oneStandardError ?? defaultChooseCOptions.oneStandardError;
  const cv = crossValidationFolds(
    X,
    y,
    trainOptions,
    k,
    opts.seed ?? defaultChooseCOptions.seed,
    opts.shuffle ?? defaultChooseCOptions.shuffle,
    where,
  );

  const perFold: number[][] = [];
  const warnings: string[] = [];
  for (let f = 0; f < k; f++) {
    const data = cv.fold(f);
    const models = warmStartPath(Cs, (extra) => cv.fit(data, f, extra));
    perFold.push(
      models.map((model, i) => {
        for (const w of model.fitReport.warnings) {
          warnings.push(`fold ${f + 1} of ${k}, C = ${Cs[i]}: ${w}`);
        }
        return foldScores(model, data.testX, data.testY, data.testWeight, f + 1, where)[metric];
      }),
    );
  }
  const stats = Cs.map((_, i) => foldStatistics(perFold.map((scores) => scores[i])));
  const mean = stats.map((s) => s.mean);
  const { bestIndex, bestMeanIndex } = pickBestC(
    stats,
    lowerIsBetter(metric),
    oneStandardError,
    metric,
    where,
  );
  const bestC = Cs[bestIndex];
  return {
    Cs,
    mean,
    std: stats.map((s) => s.std),
    standardError: stats.map((s) => s.standardError),
    perFold,
    bestC,
    bestIndex,
    bestMeanIndex,
    metric,
    oneStandardError,
    model: train(X, y, { ...trainOptions, C: bestC }),
    warnings,
  };
}
