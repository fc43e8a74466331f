import { InputError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { encodeLabels } from '../model/encodeLabels.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { rowWeights } from '../model/rowWeights.js';
import { train } from '../model/train.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { foldAssignment, foldAssignmentSplits } from './stratifiedKFold.js';
import { takeRows, takeValues } from './takeRows.js';

/** The rows of one fold: its training part and its held-out test part. */
export interface FoldData {
  /** Dense or CSR, as the X given. */
  readonly trainX: FeatureMatrix;
  readonly trainY: readonly Label[];
  /** The training rows' `sampleWeight` (undefined without one). */
  readonly trainWeight: Float64Array | undefined;
  readonly testX: FeatureMatrix;
  readonly testY: readonly Label[];
  /** The test rows' `sampleWeight`, which weights the fold's metrics (undefined without one). */
  readonly testWeight: Float64Array | undefined;
}

/** Checked inputs of a cross-validation and its stratified folds. */
export interface CrossValidationFolds {
  /** The rows of fold f (0-based), copied on demand so that only one fold is held at a time. */
  fold(f: number): FoldData;
  /**
   * `train` on fold f's training rows with `trainOptions` plus `extra`; an input error is
   * rethrown with the fold named.
   */
  fit(data: FoldData, f: number, extra?: TrainOptions): LogisticRegressionModel;
}

/**
 * Checks the inputs of a cross-validation once, at the public boundary (X, y, every train
 * option, `sampleWeight` and `classWeight` against y), and makes stratified folds. A CSR `X`
 * stays CSR: each fold's rows are copied as CSR, never densified.
 *
 * Every fold is fitted with the positive class of the whole data (`trainOptions.positiveClass`,
 * else the second sorted class), so that all folds score the same class. `sampleWeight` is split
 * with the rows: training rows' weights go to `train`, test rows' weights to the metrics.
 * `classWeight` is passed on unchanged, so `'balanced'` is computed on each fold's training rows
 * (as scikit-learn's cross-validation does) and does not weight the metrics.
 *
 * @throws {ShapeError} {@link ValueError} {@link OptionError} as `train` and `stratifiedKFold`.
 */
export function crossValidationFolds(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions: TrainOptions | undefined,
  folds: number,
  seed: number,
  shuffle: boolean,
  where: string,
): CrossValidationFolds {
  const checked = checkTrainOptions(trainOptions, where);
  const matrix = toFeatureMatrix(X, where);
  const labels = encodeLabels(y, matrix.rows, checked.positiveClass, where);
  rowWeights(checked, y, labels.classes, where);
  const sampleWeight =
    checked.sampleWeight === undefined ? undefined : Float64Array.from(checked.sampleWeight);
  const splits = foldAssignmentSplits(foldAssignment(y, folds, seed, shuffle, where), folds);
  const base: { -readonly [K in keyof TrainOptions]: TrainOptions[K] } = {
    ...checked,
    positiveClass: labels.positiveClass,
  };
  delete base.sampleWeight; // split with the rows in `fit`
  return {
    fold(f: number): FoldData {
      const { trainIndex, testIndex } = splits[f];
      return {
        trainX: takeRows(matrix, trainIndex),
        trainY: takeValues(y, trainIndex),
        trainWeight: sampleWeight && takeValues(sampleWeight, trainIndex),
        testX: takeRows(matrix, testIndex),
        testY: takeValues(y, testIndex),
        testWeight: sampleWeight && takeValues(sampleWeight, testIndex),
      };
    },
    fit(data: FoldData, f: number, extra: TrainOptions = {}): LogisticRegressionModel {
      try {
        return train(data.trainX, data.trainY, {
          ...base,
          ...extra,
          ...(data.trainWeight === undefined ? {} : { sampleWeight: data.trainWeight }),
        });
      } catch (e) {
        if (e instanceof InputError)
          e.message = `${where}: fold ${f + 1} of ${folds}: ${e.message}`;
        throw e;
      }
    },
  };
}
