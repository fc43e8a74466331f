import { OptionError, ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { describe, toFeatureMatrix } from '../validation/toMatrix.js';
import { checkDeclaredClasses } from './classCounts.js';
import { distinctLabels } from './encodeLabels.js';
import { fitMultinomial } from './fitMultinomial.js';
import { fitOneVsRest } from './fitOneVsRest.js';
import type { FittedModel } from './modelFromJSON.js';
import { fitBinary } from './fitBinary.js';
import { resolveTrainPlan } from '../options/trainPlan.js';
import type { Label, MulticlassTrainOptions } from '../options/trainOptions.js';
import { checkFeatureRange } from './checkFeatureRange.js';
import { checkFiniteFit } from './checkFiniteFit.js';
import { featureScaling } from './featureScaling.js';
import { rowWeights } from './rowWeights.js';

/**
 * The multiclass fits of {@link train} (`multiClass` given; `train`'s doc states both
 * objectives): checks the labels and the options that only binary fits take, resolves the plan
 * on the data's shape, and runs the multinomial or one-vs-rest fit — or, for `multiClass: 'auto'`
 * on two classes, the binary fit.
 *
 * @param opts - checked options (checkTrainOptions), with `multiClass`.
 * @param where - the public function named in error messages (`train`, or `trainMulticlass`).
 */
export function fitMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  opts: MulticlassTrainOptions,
  where: string,
): FittedModel {
  // 'auto' on two classes: the binary model (its plan resolves 'auto' to 'binary' as well).
  if (opts.multiClass === 'auto' && Array.isArray(y) && distinctLabels(y, where).length === 2) {
    return fitBinary(X, y, opts, true);
  }
  for (const key of ['positiveClass', 'initialCoefficients', 'initialIntercept'] as const) {
    if (opts[key] !== undefined) {
      throw new OptionError(
        `${where}: option '${key}' applies to binary models only (it has no meaning for K classes)`,
      );
    }
  }
  const matrix = toFeatureMatrix(X, where);
  if (!Array.isArray(y)) {
    throw new ShapeError(`${where}: y must be an array of labels, got ${describe(y)}`);
  }
  if (y.length !== matrix.rows) {
    throw new ShapeError(`${where}: X has ${matrix.rows} rows, but y has ${y.length} labels`);
  }
  const classes = distinctLabels(y, where);
  if (opts.classes !== undefined) checkDeclaredClasses(y, classes, opts.classes, where);
  if (classes.length < 2) {
    throw new ValueError(
      `${where}: y has a single class (${describe(classes[0])}); logistic regression needs at least two`,
    );
  }
  const featureNames = opts.featureNames ?? Array.from({ length: matrix.cols }, (_, j) => `x${j}`);
  if (featureNames.length !== matrix.cols) {
    throw new ShapeError(
      `${where}: featureNames has ${featureNames.length} names, but X has ${matrix.cols} features`,
    );
  }
  const weights = rowWeights(opts, y, classes, where);
  const plan = resolveTrainPlan(opts, {
    rows: matrix.rows,
    features: matrix.cols,
    classCount: classes.length,
  });
  if (
    plan.model === 'ovr' &&
    opts.standardizeWeights === 'sample' &&
    opts.classWeight !== undefined
  ) {
    // One-vs-rest fits each class on the combined row weights; the sample weights are gone there.
    throw new OptionError(
      `${where}: standardizeWeights 'sample' with option 'classWeight' is available for multiClass 'multinomial' only`,
    );
  }
  // Features whose squares overflow are refused by name before any fit (as `train` does): the
  // K fits would otherwise divide by an infinite scale and return zeros.
  checkFeatureRange(where, matrix, featureScaling(matrix, weights, true).sd, featureNames);
  const model =
    plan.model === 'ovr'
      ? fitOneVsRest(matrix, y, classes, weights, opts, plan, featureNames, where)
      : fitMultinomial(matrix, y, classes, weights, opts, plan, featureNames, where);
  const { solver, objective } = model.fitReport;
  checkFiniteFit(where, solver, model.coefficients.flat(), model.intercepts, objective);
  return model;
}
