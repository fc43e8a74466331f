import type { MatrixInput } from '../linalg/matrix.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { train } from '../model/train.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { cGrid, checkPenaltyForCGrid, csCheck, defaultCsCount } from './cGrid.js';
import { checkOptions } from './checkOptions.js';

/** Options of {@link regularizationPath}. */
export interface RegularizationPathOptions {
  /** The grid: a count (log-spaced over [1e-4, 1e4]) or values of C. Default 10. */
  readonly Cs?: readonly number[] | number;
}

/** The fitted models along a grid of C; plottable as is by `coefficientPathSvg`. */
export interface RegularizationPath {
  /** The grid, increasing. */
  readonly Cs: readonly number[];
  /** The model at each C. */
  readonly models: readonly LogisticRegressionModel[];
  /** `models[i].coefficients`, original units. */
  readonly coefficients: readonly (readonly number[])[];
  readonly featureNames: readonly string[];
}

/**
 * L2-penalized fits of the same data at each C of a grid, in increasing order of C, each
 * started from the previous solution (a warm start, as glmnet walks its λ path from the largest
 * penalty down): neighbouring solutions are close, so each fit needs few iterations. The
 * optimum does not depend on the start (the objective is strictly convex), so each model equals
 * a cold `train(X, y, { ...trainOptions, C })` up to the solver tolerance.
 *
 * `trainOptions.initialCoefficients`/`initialIntercept`, if given, start the first fit.
 *
 * @param X - m × p features (rows of numbers, a row-major matrix or CSR).
 * @param y - m labels of two classes.
 * @param trainOptions - options of every fit, without `C`.
 * @param options - `Cs`, the grid (default 10 values log-spaced over [1e-4, 1e4]).
 * @throws {OptionError} a penalty other than `'l2'`, a `C` in `trainOptions`, a bad grid, or
 *   any invalid train option. {@link ShapeError} {@link ValueError} as `train`.
 * @example
 * const path = regularizationPath(X, y, { standardize: true }, { Cs: [0.01, 0.1, 1, 10] });
 * coefficientPathSvg(path);
 */
export function regularizationPath(
  X: MatrixInput,
  y: readonly Label[],
  trainOptions?: TrainOptions,
  options?: RegularizationPathOptions,
): RegularizationPath {
  const where = 'regularizationPath';
  const opts = checkOptions<RegularizationPathOptions>(where, options, { Cs: csCheck });
  const checked = checkTrainOptions(trainOptions, where);
  checkPenaltyForCGrid(where, checked);
  const Cs = cGrid(opts.Cs ?? defaultCsCount);
  const matrix = toFeatureMatrix(X, where); // checked and copied once, not once per C
  const models = warmStartPath(Cs, (extra) => train(matrix, y, { ...checked, ...extra }));
  return {
    Cs,
    models,
    coefficients: models.map((m) => m.coefficients),
    featureNames: models[0].featureNames,
  };
}

/**
 * Fits along `Cs` in the given order, passing `{ C }` for the first fit and
 * `{ C, initialCoefficients, initialIntercept }` of the previous model after that.
 */
export function warmStartPath(
  Cs: readonly number[],
  fit: (extra: TrainOptions) => LogisticRegressionModel,
): LogisticRegressionModel[] {
  const models: LogisticRegressionModel[] = [];
  for (const C of Cs) {
    const previous = models.at(-1);
    models.push(
      fit(
        previous === undefined
          ? { C }
          : {
              C,
              initialCoefficients: previous.coefficients,
              initialIntercept: previous.intercept,
            },
      ),
    );
  }
  return models;
}
