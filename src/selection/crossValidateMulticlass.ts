import { InputError, OptionError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { multiclassReport } from '../metrics/multiclassReport.js';
import { train } from '../model/train.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import type { MulticlassTrainOptions } from '../options/trainOptions.js';
import type { Label } from '../options/trainOptions.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { booleanCheck, checkOptions, foldsCheck, seedCheck } from './checkOptions.js';
import { foldStatistics } from './foldStatistics.js';
import { defaultKFoldOptions, foldAssignment, foldAssignmentSplits } from './stratifiedKFold.js';
import { takeRows, takeValues } from './takeRows.js';

/** The metrics {@link crossValidateMulticlass} reports, named as the fields of `multiclassReport`. */
export const multiclassCvMetricNames = [
  'accuracy',
  'logLoss',
  'macroF1',
  'weightedF1',
  'macroRocAuc',
  'weightedRocAuc',
] as const;

/** A metric of {@link crossValidateMulticlass}. */
export type MulticlassCvMetricName = (typeof multiclassCvMetricNames)[number];

/** Options of {@link crossValidateMulticlass}. */
export interface MulticlassCrossValidateOptions {
  /** Number of stratified folds, an integer ≥ 2. Default 5. */
  readonly folds?: number;
  /** Seed of the fold assignment. Default 0. */
  readonly seed?: number;
  /** Shuffle within classes before assigning folds. Default true (false: scikit-learn's StratifiedKFold(shuffle=False)). */
  readonly shuffle?: boolean;
}

/** What {@link crossValidateMulticlass} returns. */
export interface MulticlassCrossValidationResult {
  readonly metrics: readonly MulticlassCvMetricName[];
  /** One entry per fold (a ROC AUC is NaN on a fold whose test rows miss a class). */
  readonly folds: readonly Readonly<Record<MulticlassCvMetricName, number>>[];
  /** Unweighted means over the folds. */
  readonly mean: Readonly<Record<MulticlassCvMetricName, number>>;
  /** Population standard deviations over the folds (ddof = 0). */
  readonly std: Readonly<Record<MulticlassCvMetricName, number>>;
  /** Each fit's warnings, prefixed with its fold. */
  readonly warnings: readonly string[];
}

/**
 * Stratified k-fold cross-validation of a model of K ≥ 2 classes (`trainOptions.multiClass`:
 * `'multinomial'`, `'ovr'` or `'auto'`): fits each fold's training rows with `train` and scores
 * its test rows by `multiclassReport` (weighted by their `sampleWeight`): accuracy, log loss, macro
 * and weighted F1, and the one-vs-rest ROC AUC, macro and weighted. As scikit-learn's
 * `cross_validate(LogisticRegression(), X, y, cv=StratifiedKFold(k), scoring=['accuracy',
 * 'neg_log_loss', 'f1_macro', 'f1_weighted', 'roc_auc_ovr', 'roc_auc_ovr_weighted'])` with the
 * signs of the losses kept positive; with `shuffle: false` the folds are StratifiedKFold's.
 *
 * @throws {OptionError} invalid options, or trainOptions without `multiClass`.
 * @throws {ValueError} a class with fewer rows than folds, and every error of `train` (naming the fold).
 * @example
 * crossValidateMulticlass(X, y, { multiClass: 'multinomial', C: 1 }, { folds: 5 }).mean.accuracy;
 */
export function crossValidateMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions: MulticlassTrainOptions,
  options?: MulticlassCrossValidateOptions,
): MulticlassCrossValidationResult {
  const where = 'crossValidateMulticlass';
  const opts = checkOptions<MulticlassCrossValidateOptions>(where, options, {
    folds: foldsCheck,
    seed: seedCheck,
    shuffle: booleanCheck,
  });
  const checked = checkTrainOptions(trainOptions, where);
  if (checked.multiClass === undefined) {
    throw new OptionError(
      `${where}: trainOptions needs multiClass ('multinomial', 'ovr' or 'auto')`,
    );
  }
  const k = opts.folds ?? defaultKFoldOptions.folds;
  const matrix = toFeatureMatrix(X, where);
  if (y.length !== matrix.rows) {
    throw new ValueError(`${where}: y has ${y.length} labels, but X has ${matrix.rows} rows`);
  }
  const classes = [...new Set(y)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const weight =
    checked.sampleWeight === undefined ? undefined : Float64Array.from(checked.sampleWeight);
  const base: MulticlassTrainOptions = { ...checked, classes };
  delete (base as { sampleWeight?: unknown }).sampleWeight;
  const splits = foldAssignmentSplits(
    foldAssignment(
      y,
      k,
      opts.seed ?? defaultKFoldOptions.seed,
      opts.shuffle ?? defaultKFoldOptions.shuffle,
      where,
    ),
    k,
  );
  const folds: Record<MulticlassCvMetricName, number>[] = [];
  const warnings: string[] = [];
  for (let f = 0; f < k; f++) {
    const { trainIndex, testIndex } = splits[f];
    const trainWeight = weight && takeValues(weight, trainIndex);
    const testWeight = weight && takeValues(weight, testIndex);
    let model: FittedModel;
    try {
      model = train(takeRows(matrix, trainIndex), takeValues(y, trainIndex), {
        ...base,
        multiClass: checked.multiClass,
        ...(trainWeight === undefined ? {} : { sampleWeight: trainWeight }),
      });
    } catch (e) {
      if (e instanceof InputError) e.message = `${where}: fold ${f + 1} of ${k}: ${e.message}`;
      throw e;
    }
    for (const w of model.fitReport.warnings) warnings.push(`fold ${f + 1} of ${k}: ${w}`);
    const testY = takeValues(y, testIndex);
    const indices = testY.map((label) => model.classes.indexOf(label));
    const P = model.predictProba(takeRows(matrix, testIndex));
    // A binary model ('auto' on two classes) gives P(positive) alone.
    const probabilities =
      P instanceof Float64Array
        ? {
            rows: P.length,
            cols: 2,
            data: Float64Array.from({ length: 2 * P.length }, (_, t) =>
              t % 2 === 1 ? P[t >> 1] : 1 - P[t >> 1],
            ),
          }
        : P;
    const report = multiclassReport(indices, probabilities, testWeight);
    folds.push({
      accuracy: report.accuracy,
      logLoss: report.logLoss,
      macroF1: report.macroF1,
      weightedF1: report.weightedF1,
      macroRocAuc: report.macroRocAuc ?? NaN,
      weightedRocAuc: report.weightedRocAuc ?? NaN,
    });
  }
  const mean = {} as Record<MulticlassCvMetricName, number>;
  const std = {} as Record<MulticlassCvMetricName, number>;
  for (const metric of multiclassCvMetricNames) {
    const s = foldStatistics(folds.map((v) => v[metric]));
    mean[metric] = s.mean;
    std[metric] = s.std;
  }
  return { metrics: [...multiclassCvMetricNames], folds, mean, std, warnings };
}
