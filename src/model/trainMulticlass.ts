import { OptionError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import type { Label, MulticlassTrainOptions } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';
import type { MultinomialLogisticRegressionModel } from './multinomialModel.js';
import type { OneVsRestModel } from './oneVsRestModel.js';
import { trainModel } from './train.js';

/**
 * `train(X, y, { multiClass: 'multinomial', ...options })` (or `'ovr'`): a model of K ≥ 2 classes,
 * `multiClass` defaulting to `'multinomial'`. Kept so that code written for the separate
 * multiclass entry point runs unchanged; error messages name `trainMulticlass`.
 *
 * @deprecated Use `train` with option `multiClass` (see its doc for both objectives).
 * @throws what `train` throws.
 * @example
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const model = trainMulticlass(X, ['a', 'b', 'c', 'a', 'b', 'c'], { C: 10 });
 * model.predict([[2, 0], [0, 2]]); // ['b', 'c']
 */
export function trainMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions & { readonly multiClass: 'ovr' },
): OneVsRestModel;
export function trainMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  options?: MulticlassTrainOptions & { readonly multiClass?: 'multinomial' },
): MultinomialLogisticRegressionModel;
export function trainMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  options?: MulticlassTrainOptions,
): MultinomialLogisticRegressionModel | OneVsRestModel;
export function trainMulticlass(
  X: MatrixInput,
  y: readonly Label[],
  options?: MulticlassTrainOptions,
): MultinomialLogisticRegressionModel | OneVsRestModel {
  if (
    options !== undefined &&
    (typeof options !== 'object' || options === null || Array.isArray(options))
  ) {
    throw new OptionError(`trainMulticlass: options must be an object, got ${describe(options)}`);
  }
  const multiClass: unknown = options?.multiClass;
  if (multiClass !== undefined && multiClass !== 'multinomial' && multiClass !== 'ovr') {
    throw new OptionError(
      `trainMulticlass: option 'multiClass' must be one of 'multinomial', 'ovr', got ${describe(multiClass)}`,
    );
  }
  const model = trainModel(
    X,
    y,
    { ...options, multiClass: options?.multiClass ?? 'multinomial' },
    'trainMulticlass',
  );
  return model as MultinomialLogisticRegressionModel | OneVsRestModel;
}
