import { InputError, OptionError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { multiclassReport } from '../metrics/multiclassReport.js';
import type { MultinomialLogisticRegressionModel } from '../model/multinomialModel.js';
import { train } from '../model/train.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import type { Label, MulticlassTrainOptions } from '../options/trainOptions.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { cGrid, checkPenaltyForCGrid, csCheck } from './cGrid.js';
import { defaultChooseCOptions } from './chooseC.js';
import type { ChooseCResult } from './chooseC.js';
import type { ChooseCOptions } from './chooseC.js';
import { booleanCheck, checkOptions, foldsCheck, oneOfCheck, seedCheck } from './checkOptions.js';
import { foldStatistics } from './foldStatistics.js';
import { pickBestC } from './pickBestC.js';
import { foldAssignment, foldAssignmentSplits } from './stratifiedKFold.js';
import { takeRows, takeValues } from './takeRows.js';

/**
 * The metrics that can choose C for K classes: the multinomial log loss (minimized), accuracy,
 * macro F1 (`'f1'`) and the one-vs-rest macro ROC AUC (`'rocAuc'`), as `multiclassReport`.
 */
export const multiclassChooseCScorings = ['logLoss', 'accuracy', 'f1', 'rocAuc'] as const;

/** A metric that can choose C for K classes. */
export type MulticlassChooseCScoring = (typeof multiclassChooseCScorings)[number];

/** Options of {@link chooseCMulticlass}: those of `chooseC`, with the multiclass scorings. */
export interface MulticlassChooseCOptions extends Omit<ChooseCOptions, 'scoring'> {
  /** The cross-validated metric that picks C. Default `'logLoss'`. */
  readonly scoring?: MulticlassChooseCScoring;
}

/** What {@link chooseCMulticlass} returns: `ChooseCResult`'s fields, with the multinomial model. */
export interface MulticlassChooseCResult extends Omit<ChooseCResult, 'metric' | 'model'> {
  readonly metric: MulticlassChooseCScoring;
  /** The multinomial model refitted on all rows at `bestC`. */
  readonly model: MultinomialLogisticRegressionModel;
}

/**
 * Chooses C of the multinomial (softmax) model by stratified k-fold cross-validation, as
 * scikit-learn's `LogisticRegressionCV(multi_class='multinomial', Cs, cv=StratifiedKFold(k),
 * scoring='neg_log_loss')` and `cv.glmnet(family = "multinomial")`, then refits on all rows:
 *
 * 1. k stratified folds (`foldAssignment` with `folds`, `seed`, `shuffle`; `shuffle: false` gives
 *    StratifiedKFold(shuffle=False)'s folds).
 * 2. In each fold, `train(…, { ...trainOptions, multiClass: 'multinomial', C })` on the training
 *    rows at each C of the grid, scored on the test rows by `multiclassReport` (weighted by their
 *    `sampleWeight`): the log loss, accuracy, macro F1 or one-vs-rest macro ROC AUC. Each fit is
 *    cold (the multinomial fit takes no starting point), so every fold score is that of an
 *    independent fit; `classWeight: 'balanced'` is recomputed on each fold's training rows.
 * 3. Mean, standard deviation and standard error over folds at each C; the best mean (lowest log
 *    loss, else highest score; ties to the smaller C), or with `oneStandardError` the smallest C
 *    within one standard error of it (see `pickBestC`).
 * 4. Refit on all rows at the chosen C.
 *
 * @param y - m labels of K ≥ 3 classes (two work too), each with at least `folds` rows.
 * @param trainOptions - options of every fit, penalty `'l2'` (the default), without `C`.
 * @throws {OptionError} an invalid option, a penalty other than `'l2'`, `C` in trainOptions, or
 *   a `multiClass` other than `'multinomial'`.
 * @throws {ValueError} bad data, a class with fewer rows than folds, or a score NaN at every C;
 *   every error of `train`, naming the fold and C.
 * @example
 * const choice = chooseCMulticlass(X, y, { standardize: true }, { Cs: [0.01, 0.1, 1, 10] });
 * choice.bestC; // choice.model is the multinomial model at it, fitted on all rows
 */
export function chooseCMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions?: MulticlassTrainOptions,
  options?: MulticlassChooseCOptions,
): MulticlassChooseCResult {
  const where = 'chooseCMulticlass';
  const opts = checkOptions<MulticlassChooseCOptions>(where, options, {
    Cs: csCheck,
    folds: foldsCheck,
    seed: seedCheck,
    shuffle: booleanCheck,
    scoring: oneOfCheck(multiclassChooseCScorings),
    oneStandardError: booleanCheck,
  });
  const checked = checkTrainOptions(trainOptions, where);
  checkPenaltyForCGrid(where, checked);
  if (checked.multiClass !== undefined && checked.multiClass !== 'multinomial') {
    throw new OptionError(
      `${where}: train option 'multiClass' must be 'multinomial' (the model whose C is chosen), got '${checked.multiClass}'`,
    );
  }
  const Cs = cGrid(opts.Cs ?? defaultChooseCOptions.Cs);
  const k = opts.folds ?? defaultChooseCOptions.folds;
  const metric = opts.scoring ?? 'logLoss';
  const oneStandardError = opts.oneStandardError ?? defaultChooseCOptions.oneStandardError;
  const matrix = toFeatureMatrix(X, where);
  if (y.length !== matrix.rows) {
    throw new ValueError(`${where}: y has ${y.length} labels, but X has ${matrix.rows} rows`);
  }
  const classes = [...new Set(y)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const weight =
    checked.sampleWeight === undefined ? undefined : Float64Array.from(checked.sampleWeight);
  const base: MulticlassTrainOptions & { readonly multiClass: 'multinomial' } = {
    ...checked,
    classes,
    multiClass: 'multinomial',
  };
  delete (base as { sampleWeight?: unknown }).sampleWeight;
  const splits = foldAssignmentSplits(
    foldAssignment(
      y,
      k,
      opts.seed ?? defaultChooseCOptions.seed,
      opts.shuffle ?? defaultChooseCOptions.shuffle,
      where,
    ),
    k,
  );
  const perFold: number[][] = [];
  const warnings: string[] = [];
  for (let f = 0; f < k; f++) {
    const { trainIndex, testIndex } = splits[f];
    const trainX = takeRows(matrix, trainIndex);
    const trainY = takeValues(y, trainIndex);
    const trainWeight = weight && takeValues(weight, trainIndex);
    const testX = takeRows(matrix, testIndex);
    const truth = takeValues(y, testIndex).map((label) => classes.indexOf(label));
    const testWeight = weight && takeValues(weight, testIndex);
    perFold.push(
      Cs.map((C) => {
        let model: MultinomialLogisticRegressionModel;
        try {
          model = train(trainX, trainY, {
            ...base,
            C,
            ...(trainWeight === undefined ? {} : { sampleWeight: trainWeight }),
          });
        } catch (e) {
          if (e instanceof InputError) {
            e.message = `${where}: fold ${f + 1} of ${k}, C = ${C}: ${e.message}`;
          }
          throw e;
        }
        for (const w of model.fitReport.warnings) {
          warnings.push(`fold ${f + 1} of ${k}, C = ${C}: ${w}`);
        }
        const report = multiclassReport(truth, model.predictProba(testX), testWeight);
        return metric === 'logLoss'
          ? report.logLoss
          : metric === 'accuracy'
            ? report.accuracy
            : metric === 'f1'
              ? report.macroF1
              : (report.macroRocAuc ?? NaN);
      }),
    );
  }
  const stats = Cs.map((_, i) => foldStatistics(perFold.map((scores) => scores[i])));
  const { bestIndex, bestMeanIndex } = pickBestC(
    stats,
    metric === 'logLoss',
    oneStandardError,
    metric,
    where,
  );
  const bestC = Cs[bestIndex];
  const refit = {
    ...base,
    C: bestC,
    ...(weight === undefined ? {} : { sampleWeight: weight }),
  };
  return {
    Cs,
    mean: stats.map((s) => s.mean),
    std: stats.map((s) => s.std),
    standardError: stats.map((s) => s.standardError),
    perFold,
    bestC,
    bestIndex,
    bestMeanIndex,
    metric,
    oneStandardError,
    model: train(X, y, refit),
    warnings,
  };
}
