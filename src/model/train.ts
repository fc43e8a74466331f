import type { MatrixInput } from '../linalg/matrix.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import type {
  Label,
  MulticlassTrainOptions,
  MultiClassStrategy,
  TrainOptions,
} from '../options/trainOptions.js';
import { fitBinary } from './fitBinary.js';
import { fitMulticlass } from './fitMulticlass.js';
import type { LogisticRegressionModel } from './logisticRegressionModel.js';
import type { FittedModel } from './modelFromJSON.js';
import type { MultinomialLogisticRegressionModel } from './multinomialModel.js';
import type { OneVsRestModel } from './oneVsRestModel.js';

export { INTERCEPT_NAME } from './separationCheck.js';

/**
 * Fits a logistic regression on any number of classes, as LIBLINEAR's
 * `train(problem, parameter) → model`: check the options → resolve them once into a plan (solver,
 * stopping rule, tolerance, penalty; see resolveTrainPlan) → encode the labels → build the
 * objective → run the plan's solver (see solverRegistry) → an immutable model.
 *
 * Which model: without `multiClass`, a binary {@link LogisticRegressionModel} (y has two
 * classes); `multiClass: 'multinomial'` a {@link MultinomialLogisticRegressionModel} and `'ovr'` a
 * {@link OneVsRestModel} of K ≥ 2 classes; `'auto'` a binary model for two classes and a
 * multinomial one for more (scikit-learn's `LogisticRegression`).
 *
 * Binary: minimizes F(w, b) = (1/S)·Σᵢ sᵢ·[softplus(zᵢ) − yᵢzᵢ] + ‖w‖²/(2·C·S), zᵢ = w·xᵢ + b,
 * S = Σ sᵢ: scikit-learn's `0.5‖w‖² + C·Σ sᵢ·logloss` divided by C·S (same optimum). With
 * `penalty: 'none'` it is R's `glm(family = binomial)` maximum likelihood; separated data are
 * detected first (exactly, by linear programming) because that estimate then does not exist.
 * Maximum-likelihood and Firth fits run Newton by default, to R's precision (see NewtonSettings).
 * Aliased features (unpenalized and Firth fits): a feature that is a linear combination of
 * earlier ones and the intercept has no unique estimate; as R's glm, the fit leaves it out, marks
 * it in `fitReport.aliased` (NA in the summary, with a warning naming what it depends on) and
 * gives it coefficient 0, so that predictions use the estimable part only.
 *
 * Multinomial: minimizes scikit-learn's multinomial objective
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
 * One-vs-rest: K binary fits (class k against the rest, positive class k), each with the same
 * options; row weights (`sampleWeight` × `classWeight`) are computed once from the K-class labels
 * (`'balanced'`: n / (K·nₖ)) and passed to every fit. `fitReport` sums the K objectives (the fits
 * are independent, so together they minimize Σₖ Fₖ): `lossHistory[t]` is Σₖ Fₖ after iteration t
 * (a finished fit counts with its final value), `iterations` the largest count, `converged`
 * whether all converged, `logLoss` the K-class log loss of `predictProba`.
 *
 * Binary only (an OptionError with K classes): `positiveClass`, `initialCoefficients`,
 * `initialIntercept`, `initialModel`; not for multinomial: `penalty: 'firth'`,
 * `profileConfidenceLevel`, `covariance`, `kernel: 'wasm'` and `threadPool` (its fused pass is
 * plain TypeScript), and L1 / elastic net above `MULTINOMIAL_L1_MAX_DIMENSION` parameters.
 *
 * @param X - m × p: rows of numbers, a row-major `{ rows, cols, data: Float64Array }`, or a CSR
 *   {@link SparseMatrix} (read over its stored entries only, never densified; every solver).
 * @param y - m labels (numbers, strings or booleans, of one type): two distinct values for a
 *   binary model, at least two with `multiClass`.
 * @throws {ShapeError} empty or ragged X, length mismatches.
 * @throws {ValueError} non-finite values, one class (or more than two without `multiClass`), bad
 *   weights, a label outside the declared `classes` (or a declared class that does not occur).
 * @throws {OptionError} an unknown, invalid or inapplicable option; penalty 'firth' on sparse X
 *   with more than MAX_COVARIANCE_DIMENSION parameters (it needs the dense d × d information
 *   matrix).
 * @throws {SeparationError} unpenalized fit on separated data (unless `onSeparation: 'warn'`;
 *   multinomial: one LP over all the classes; one-vs-rest: each class against the rest).
 * @example
 * const model = train([[1, 2], [2, 1], [3, 4], [4, 3]], [0, 0, 1, 1], { penalty: 'l2', C: 1 });
 * model.positiveProbability([[2.5, 2.5]]); // Float64Array [≈ 0.5]
 * model.predictProba([[2.5, 2.5]]).data; // [≈ 0.5, ≈ 0.5]: P(0), P(1)
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const three = train(X, ['a', 'b', 'c', 'a', 'b', 'c'], { multiClass: 'multinomial', C: 10 });
 * three.predictProba([[2, 0]]).data; // ≈ [0.045, 0.954, 0.0002], summing to 1
 */
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions & { readonly multiClass: 'multinomial' },
): MultinomialLogisticRegressionModel;
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions & { readonly multiClass: 'ovr' },
): OneVsRestModel;
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions & { readonly multiClass: 'auto' },
): LogisticRegressionModel | MultinomialLogisticRegressionModel;
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions & { readonly multiClass: MultiClassStrategy | 'auto' },
): FittedModel;
// Last, so that ReturnType<typeof train> stays the binary model.
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options?: TrainOptions,
): LogisticRegressionModel;
export function train(
  X: MatrixInput,
  y: readonly Label[],
  options?: MulticlassTrainOptions,
): FittedModel {
  return trainModel(X, y, options, 'train');
}

/**
 * {@link train}, naming `where` in its error messages (the deprecated `trainMulticlass` names
 * itself).
 */
export function trainModel(
  X: MatrixInput,
  y: readonly Label[],
  options: MulticlassTrainOptions | undefined,
  where: string,
): FittedModel {
  const opts = checkTrainOptions(options, where);
  return opts.multiClass === undefined
    ? fitBinary(X, y, opts, true)
    : fitMulticlass(X, y, opts, where);
}
