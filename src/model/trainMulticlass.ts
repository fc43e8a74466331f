import { OptionError, ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { describe, toFeatureMatrix } from '../validation/toMatrix.js';
import { checkDeclaredClasses } from './classCounts.js';
import { distinctLabels } from './encodeLabels.js';
import { fitMultinomial } from './fitMultinomial.js';
import { fitOneVsRest } from './fitOneVsRest.js';
import type { MultinomialLogisticRegressionModel } from './multinomialModel.js';
import type { OneVsRestModel } from './oneVsRestModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { checkFeatureRange } from './checkFeatureRange.js';
import { checkFiniteFit } from './checkFiniteFit.js';
import { featureScaling } from './featureScaling.js';
import { rowWeights } from './rowWeights.js';

/** How more than two classes are modelled. */
export type MultiClassStrategy = 'multinomial' | 'ovr';

/** Options of {@link trainMulticlass}: those of `train`, plus the strategy. */
export interface MulticlassTrainOptions extends TrainOptions {
  /** `'multinomial'` (default: one softmax model) or `'ovr'` (K binary fits, one per class). */
  readonly multiClass?: MultiClassStrategy;
}

const WHERE = 'trainMulticlass';

/**
 * Fits a logistic regression on K ≥ 2 classes of any labels (sorted into `classes`).
 *
 * `'multinomial'` (default) minimizes scikit-learn's multinomial objective
 * `0.5·Σₖ‖wₖ‖² + C·Σᵢ sᵢ·(−log pᵢ,yᵢ)`, pᵢₖ = softmax(zᵢ)ₖ, zᵢₖ = wₖ·xᵢ + bₖ, divided by C·S
 * (S = Σ sᵢ, same optimum; see `MultinomialObjective`), with one weight vector per class and
 * unpenalized intercepts. With `standardize` the penalty is on the standardized scale (glmnet,
 * and scikit-learn after a StandardScaler); coefficients are reported in original units, with
 * coefficients and intercepts each summing to zero over the classes. Solvers: `newton` (default;
 * Cholesky up to 400 parameters, else Newton-CG on Hessian-vector products, as scikit-learn's
 * newton-cg), `lbfgs` and `gd`. Penalties: `'l2'`, `'none'`, and `'l1'` / `'elasticnet'`:
 * scikit-learn's `C·Σᵢ sᵢ·(−log pᵢ,yᵢ) + l1Ratio·Σₖ‖wₖ‖₁ + (1 − l1Ratio)/2·Σₖ‖wₖ‖²`, solved exactly
 * (exact zeros) by proximal Newton (`'newglmnet'`) on a dense Hessian, up to
 * `MULTINOMIAL_L1_MAX_DIMENSION` = 1000 parameters K·(p + 1). Their coefficients are not
 * centred over the classes (the penalty is not invariant to that shift); with pure L1 and an even
 * K the optimum may be a segment of equally good solutions, of which the solver returns one.
 *
 * `'ovr'` fits K binary models with `train` (class k against the rest, positive class k), each
 * with the same options; row weights (`sampleWeight` × `classWeight`) are computed once from the
 * K-class labels (`'balanced'`: n / (K·nₖ)) and passed to every fit. `fitReport` sums the K
 * objectives (the fits are independent, so together they minimize Σₖ Fₖ): `lossHistory[t]` is
 * Σₖ Fₖ after iteration t (a finished fit counts with its final value), `iterations` the largest
 * count, `converged` whether all converged, `logLoss` the K-class log loss of `predictProba`.
 *
 * Not accepted (OptionError): `positiveClass`, `initialCoefficients`, `initialIntercept`; for
 * multinomial also `penalty: 'firth'`, `profileConfidenceLevel`, `kernel: 'wasm'` and
 * `threadPool` (its fused pass is plain TypeScript), and L1 / elastic net above
 * `MULTINOMIAL_L1_MAX_DIMENSION` parameters (use `'ovr'`).
 *
 * @param X - m × p: rows of numbers, a row-major `{ rows, cols, data: Float64Array }`, or a CSR
 *   `SparseMatrix` (read as it is, never densified, for both strategies).
 * @param y - m labels (numbers, strings or booleans, of one type), at least two distinct.
 * @throws {ShapeError} empty or ragged X, length mismatches.
 * @throws {ValueError} non-finite values, a single class, bad weights, a label outside the
 *   declared `classes` (or a declared class that does not occur).
 * @throws {SeparationError} `penalty: 'none'` on separated classes (multinomial: one LP over all
 *   the classes; one-vs-rest: each class against the rest), unless `onSeparation: 'warn'`.
 * @throws {OptionError} an unknown, invalid or inapplicable option.
 * @example
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const model = trainMulticlass(X, ['a', 'b', 'c', 'a', 'b', 'c'], { C: 10 });
 * model.classes; // ['a', 'b', 'c']
 * model.predictProba([[2, 0]]).data; // ≈ [0.045, 0.954, 0.0002], summing to 1
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
  const { multiClass, ...rest } = checkObject(options);
  if (multiClass !== undefined && multiClass !== 'multinomial' && multiClass !== 'ovr') {
    throw new OptionError(
      `${WHERE}: option 'multiClass' must be one of 'multinomial', 'ovr', got ${describe(multiClass)}`,
    );
  }
  const opts = checkTrainOptions(rest, WHERE);
  for (const key of ['positiveClass', 'initialCoefficients', 'initialIntercept'] as const) {
    if (opts[key] !== undefined) {
      throw new OptionError(
        `${WHERE}: option '${key}' applies to binary models only (it has no meaning for K classes)`,
      );
    }
  }
  const matrix = toFeatureMatrix(X, WHERE);
  if (!Array.isArray(y)) {
    throw new ShapeError(`${WHERE}: y must be an array of labels, got ${describe(y)}`);
  }
  if (y.length !== matrix.rows) {
    throw new ShapeError(`${WHERE}: X has ${matrix.rows} rows, but y has ${y.length} labels`);
  }
  const classes = distinctLabels(y, WHERE);
  if (opts.classes !== undefined) checkDeclaredClasses(y, classes, opts.classes, WHERE);
  if (classes.length < 2) {
    throw new ValueError(
      `${WHERE}: y has a single class (${describe(classes[0])}); logistic regression needs at least two`,
    );
  }
  const featureNames = opts.featureNames ?? Array.from({ length: matrix.cols }, (_, j) => `x${j}`);
  if (featureNames.length !== matrix.cols) {
    throw new ShapeError(
      `${WHERE}: featureNames has ${featureNames.length} names, but X has ${matrix.cols} features`,
    );
  }
  const weights = rowWeights(opts, y, classes, WHERE);
  if (
    multiClass === 'ovr' &&
    opts.standardizeWeights === 'sample' &&
    opts.classWeight !== undefined
  ) {
    // One-vs-rest fits each class on the combined row weights; the sample weights are gone there.
    throw new OptionError(
      `${WHERE}: standardizeWeights 'sample' with option 'classWeight' is available for multiClass 'multinomial' only`,
    );
  }
  // Features whose squares overflow are refused by name before any fit (as `train` does): the
  // K fits would otherwise divide by an infinite scale and return zeros.
  checkFeatureRange(WHERE, matrix, featureScaling(matrix, weights, true).sd, featureNames);
  const model =
    multiClass === 'ovr'
      ? fitOneVsRest(matrix, y, classes, weights, opts, featureNames)
      : fitMultinomial(matrix, y, classes, weights, opts, featureNames);
  const { solver, objective } = model.fitReport;
  checkFiniteFit(WHERE, solver, model.coefficients.flat(), model.intercepts, objective);
  return model;
}

function checkObject(options: unknown): MulticlassTrainOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionError(`${WHERE}: options must be an object, got ${describe(options)}`);
  }
  return options as MulticlassTrainOptions;
}
