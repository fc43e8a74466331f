import type { MatrixInput } from '../linalg/matrix.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { booleanCheck, checkOptions, foldsCheck, seedCheck } from './checkOptions.js';
import { crossValidationFolds } from './crossValidationFolds.js';
import { cvMetricNames, foldScores } from './foldScores.js';
import type { CvMetricName, MetricValues } from './foldScores.js';
import { foldStatistics } from './foldStatistics.js';
import { defaultKFoldOptions } from './stratifiedKFold.js';

/** Options of {@link crossValidate}; {@link defaultCrossValidateOptions} holds the defaults. */
export interface CrossValidateOptions<M extends CvMetricName = CvMetricName> {
  /** Number of stratified folds, an integer ≥ 2. Default 5. */
  readonly folds?: number;
  /** Seed of the fold assignment (any safe integer). Default 0. */
  readonly seed?: number;
  /** Shuffle within classes before assigning folds. Default true. */
  readonly shuffle?: boolean;
  /** The metrics to report, default all of {@link cvMetricNames}. */
  readonly metrics?: readonly M[];
  /** Also return the k fitted models. Default false. */
  readonly returnModels?: boolean;
}

/** The defaults of {@link CrossValidateOptions}, defined once. */
export const defaultCrossValidateOptions = {
  ...defaultKFoldOptions,
  metrics: cvMetricNames,
  returnModels: false,
} as const;

/** The constraint table of {@link CrossValidateOptions}. */
export const crossValidateOptionConstraints = {
  folds: foldsCheck,
  seed: seedCheck,
  shuffle: booleanCheck,
  metrics: (v: unknown) =>
    Array.isArray(v) &&
    v.length > 0 &&
    new Set(v).size === v.length &&
    v.every((m) => (cvMetricNames as readonly unknown[]).includes(m))
      ? undefined
      : `a non-empty array of distinct metric names from ${cvMetricNames.map((m) => `'${m}'`).join(', ')}`,
  returnModels: booleanCheck,
};

/** What {@link crossValidate} returns. */
export interface CrossValidationResult<M extends CvMetricName = CvMetricName> {
  /** The metrics reported, in the order asked for. */
  readonly metrics: readonly M[];
  /** One entry per fold (fold f's test rows are `stratifiedKFold(y, options)[f].testIndex`). */
  readonly folds: readonly MetricValues<M>[];
  /** The unweighted mean over folds of each metric. */
  readonly mean: MetricValues<M>;
  /** The population standard deviation over folds (ddof = 0, numpy's `np.std` default). */
  readonly std: MetricValues<M>;
  /** The k fitted models, fold order, with `returnModels: true`. */
  readonly models?: readonly LogisticRegressionModel[];
  /** Each fit's warnings (e.g. non-convergence), prefixed with its fold. */
  readonly warnings: readonly string[];
}

/**
 * Stratified k-fold cross-validation of {@link train}: for each fold f, fit on the other folds
 * with `trainOptions` and evaluate on fold f (see `stratifiedKFold` for the folds and
 * `crossValidationFolds` for how weights and the positive class are handled). Each metric is
 * `binaryReport`'s on the fold's test rows (weighted by their `sampleWeight`), with the
 * positive class of the whole data; label metrics threshold probabilities at 0.5.
 *
 * `mean` is the unweighted mean over folds and `std` the population standard deviation
 * (√((1/k)·Σ (v_f − mean)²), as `np.std` of scikit-learn's `cross_validate` scores). A fold fit
 * that does not converge is reported in `warnings`, not thrown.
 *
 * @param X - m × p features (rows of numbers or a row-major matrix).
 * @param y - m labels of two classes; each class needs at least `folds` rows.
 * @param trainOptions - options of every fold's `train` (`sampleWeight` is split by fold).
 * @param options - folds (5), seed (0), shuffle (true), metrics (all), returnModels (false).
 * @throws {ShapeError} {@link ValueError} {@link OptionError} bad data or options (checked before
 *   any fit); an error inside a fold's fit names the fold.
 * @example
 * const cv = crossValidate(X, y, { C: 0.5 }, { folds: 5, seed: 1 });
 * cv.mean.rocAuc; // cross-validated AUC; cv.folds[2].logLoss is fold 3's log loss
 */
export function crossValidate<M extends CvMetricName = CvMetricName>(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions?: TrainOptions,
  options?: CrossValidateOptions<M>,
): CrossValidationResult<M> {
  const where = 'crossValidate';
  const opts = checkOptions<CrossValidateOptions<M>>(
    where,
    options,
    crossValidateOptionConstraints,
  );
  const k = opts.folds ?? defaultCrossValidateOptions.folds;
  // Without `metrics`, M can only be inferred as its default, CvMetricName: all of them.
  const metrics = opts.metrics ?? (defaultCrossValidateOptions.metrics as unknown as readonly M[]);
  const cv = crossValidationFolds(
    X,
    y,
    trainOptions,
    k,
    opts.seed ?? defaultCrossValidateOptions.seed,
    opts.shuffle ?? defaultCrossValidateOptions.shuffle,
    where,
  );
  const folds: MetricValues<M>[] = [];
  const models: LogisticRegressionModel[] = [];
  const warnings: string[] = [];
  for (let f = 0; f < k; f++) {
    const data = cv.fold(f);
    const model = cv.fit(data, f);
    for (const w of model.fitReport.warnings) warnings.push(`fold ${f + 1} of ${k}: ${w}`);
    const all = foldScores(model, data.testX, data.testY, data.testWeight, f + 1, where);
    folds.push(pick(all, metrics));
    if (opts.returnModels === true) models.push(model);
  }
  const mean = {} as Record<M, number>;
  const std = {} as Record<M, number>;
  for (const metric of metrics) {
    const s = foldStatistics(folds.map((values) => values[metric]));
    mean[metric] = s.mean;
    std[metric] = s.std;
  }
  return {
    metrics: [...metrics],
    folds,
    mean,
    std,
    ...(opts.returnModels === true ? { models } : {}),
    warnings,
  };
}

function pick<M extends CvMetricName>(all: MetricValues, metrics: readonly M[]): MetricValues<M> {
  const out = {} as Record<M, number>;
  for (const metric of metrics) out[metric] = all[metric];
  return out;
}
