import { OptionError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import type { Label } from '../options/trainOptions.js';
import { LogisticRegressionModel } from './logisticRegressionModel.js';
import { train } from './train.js';

/** Options of {@link withProfileIntervals}. */
export interface ProfileFromDataOptions {
  /** Confidence level, in (0, 1). Default 0.95. */
  readonly level?: number;
  /** The row weights the model was trained with. */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** The offset the model was trained with (required when it has one). */
  readonly offset?: readonly number[] | Float64Array;
}

/**
 * The model with profile-likelihood intervals at `level` computed from its training data, for a
 * model trained without them (`profileConfidenceLevel`), so that `summary({ ci: 'profile' })`
 * shows them: the fit is repeated on X, y (same penalty, intercept, classes, weights and offset)
 * with the profile intervals, after checking that the data give the stored fit: the stored data
 * hashes when the model has them (maximum-likelihood fits; see compareModels), and always the
 * estimates, to 1e-6 of their standard errors. Everything else the model stores (its
 * covariances, threshold) is kept.
 *
 * @throws {ValueError} a penalized model (profile intervals are for `penalty: 'none'` and
 *   `'firth'`), or data that do not give the stored fit.
 * @throws {OptionError} a level outside (0, 1), an offset missing or not the model's.
 * @example
 * const model = train(X, y, { penalty: 'none' });
 * withProfileIntervals(model, X, y, { level: 0.9 }).summary({ ci: 'profile', level: 0.9 });
 */
export function withProfileIntervals(
  model: LogisticRegressionModel,
  X: MatrixInput,
  y: readonly Label[],
  options: ProfileFromDataOptions = {},
): LogisticRegressionModel {
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new OptionError(
      `withProfileIntervals: level must be a number in (0, 1), got ${String(level)}`,
    );
  }
  const report = model.fitReport;
  if (report.penalty !== 'none' && report.penalty !== 'firth') {
    throw new ValueError(
      `withProfileIntervals: profile-likelihood intervals are for maximum-likelihood and Firth fits; the model has penalty '${report.penalty}'`,
    );
  }
  if ((model.offset === undefined) !== (options.offset === undefined)) {
    throw new OptionError(
      model.offset === undefined
        ? "withProfileIntervals: option 'offset' given, but the model was fitted without one"
        : `withProfileIntervals: the model was fitted with the offset '${model.offset}'; pass it as option 'offset'`,
    );
  }
  const refit = train(X, y, {
    penalty: report.penalty,
    fitIntercept: report.fitIntercept,
    featureNames: [...model.featureNames],
    classes: [...model.classes],
    positiveClass: model.positiveClass,
    profileConfidenceLevel: level,
    ...(options.sampleWeight === undefined ? {} : { sampleWeight: options.sampleWeight }),
    ...(options.offset === undefined || model.offset === undefined
      ? {}
      : { offset: options.offset, offsetName: model.offset }),
  });
  const not = (why: string): never => {
    throw new ValueError(
      `withProfileIntervals: the data do not give the model's fit (${why}); profile intervals need the training data`,
    );
  };
  const stored = report.dataFingerprint;
  const fresh = refit.fitReport.dataFingerprint;
  if (stored !== undefined && fresh !== undefined) {
    if (stored.rows !== fresh.rows) not('the labels, weights or offsets differ');
    const column = stored.columns.findIndex((h, j) => h !== fresh.columns[j]);
    if (column >= 0) not(`feature '${model.featureNames[column]}' differs`);
  }
  const se = model.summary({ se: 'model' }).coefficients;
  const ours = refit.summary({ se: 'model' }).coefficients;
  se.forEach((c, k) => {
    const scale = Math.max(c.stdError ?? 0, 1e-12 * Math.max(1, Math.abs(c.estimate)));
    if (!c.aliased && Math.abs(ours[k].estimate - c.estimate) > 1e-6 * scale) {
      not(`the estimate of ${c.name} is ${ours[k].estimate}, the model's ${c.estimate}`);
    }
  });
  const profile = refit.inference?.profile;
  if (profile === undefined || model.inference === undefined) {
    throw new ValueError(
      `withProfileIntervals: no profile intervals: ${refit.inference?.covarianceNote ?? 'the fit has no covariance'}`,
    );
  }
  const json = model.toJSON();
  return LogisticRegressionModel.fromJSON({
    ...json,
    inference: { ...model.inference, profile },
  });
}
