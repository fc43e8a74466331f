import { OptionError, ShapeError, ValueError } from '../errors.js';
import { choleskyInPlace, choleskyInverse } from '../linalg/cholesky.js';
import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import type { FitReport } from '../options/fitReport.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { Label } from '../options/trainOptions.js';
import { chiSquaredSurvival } from '../stats/chiSquared.js';
import { normalQuantile, twoSidedNormalPValue } from '../stats/normalDistribution.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { MAX_COVARIANCE_DIMENSION } from './coefficientCovariance.js';
import type { CoefficientSummary } from './summarize.js';

/** What {@link multinomialSummary} reads of a multinomial model. */
export interface MultinomialFit {
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  /** K rows of p coefficients. */
  readonly coefficients: readonly (readonly number[])[];
  readonly intercepts: readonly number[];
  readonly fitReport: FitReport;
  predictProba(X: MatrixInput): Matrix;
}

/** Options of {@link multinomialSummary}. */
export interface MultinomialSummaryOptions {
  /** Confidence level of the Wald intervals, in (0, 1). Default 0.95. */
  readonly level?: number;
  /** The row weights the model was trained with. */
  readonly sampleWeight?: readonly number[] | Float64Array;
}

/** The coefficients of one class against the reference class. */
export interface MultinomialClassSummary {
  readonly class: Label;
  /** `(Intercept)` first when the model has one, then the features: βₖ − β_reference. */
  readonly coefficients: readonly CoefficientSummary[];
}

/** What {@link multinomialSummary} gives: statsmodels' `MNLogit` summary. */
export interface MultinomialSummary {
  /** The reference class (the first of `classes`), whose coefficients are 0. */
  readonly reference: Label;
  readonly level: number;
  readonly classes: readonly MultinomialClassSummary[];
  /** (K − 1)·d square, row-major: class by class (in `classes` order), coefficients then intercept. */
  readonly covariance: readonly number[];
  readonly nObservations: number;
  readonly logLikelihood: number;
  /** ℓ of the model with intercepts only (the weighted class shares). */
  readonly nullLogLikelihood: number;
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  readonly bic: number;
  readonly lrStatistic: number;
  readonly lrDf: number;
  readonly lrPValue: number;
}

/**
 * Standard errors, z, p-values and Wald intervals of an unpenalized multinomial fit, as
 * statsmodels' `MNLogit(y, X).fit()` reports them: the coefficients of each class k against the
 * first class (βₖ − β₁, which the softmax identifies; the model stores a centred representative)
 * and their covariance, the inverse of the observed information of the reference-coded
 * log-likelihood,
 * I = Σᵢ sᵢ·(diag(qᵢ) − qᵢqᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ with qᵢ the probabilities of classes 2…K and x̃ᵢ = (xᵢ, 1),
 * inverted after scaling to unit diagonal. Also the log-likelihoods, deviances, AIC, BIC and the
 * likelihood-ratio test against the intercept-only model.
 *
 * The covariance needs the training data (the model stores none): X, y (and the weights) must
 * give the stored fit, which is checked by the score: each Newton correction I⁻¹·∇ℓ at the
 * estimate must be below 1e-4 of its standard error (train with a small `tolerance`, e.g. 1e-10,
 * for estimates to full precision).
 *
 * @throws {ValueError} a penalized model, labels that are not the model's classes, data that do
 *   not give the fit, or a singular information matrix.
 * @throws {ShapeError} lengths that differ; {@link OptionError} a level outside (0, 1), or more
 *   than MAX_COVARIANCE_DIMENSION parameters.
 * @example
 * const model = train(X, y, { multiClass: 'multinomial', penalty: 'none', tolerance: 1e-10 });
 * multinomialSummary(model, X, y).classes[0].coefficients[1].stdError;
 */
export function multinomialSummary(
  model: MultinomialFit,
  X: MatrixInput,
  y: readonly Label[],
  options: MultinomialSummaryOptions = {},
): MultinomialSummary {
  const where = 'multinomialSummary';
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new OptionError(`${where}: level must be a number in (0, 1), got ${String(level)}`);
  }
  const report = model.fitReport;
  if (report.penalty !== 'none') {
    throw new ValueError(
      `${where}: standard errors are for maximum-likelihood fits; the model has penalty '${report.penalty}' (train with penalty 'none')`,
    );
  }
  const matrix = toFeatureMatrix(X, where);
  const n = matrix.rows;
  if (y.length !== n)
    throw new ShapeError(`${where}: y has ${y.length} labels, but X has ${n} rows`);
  const weights = options.sampleWeight;
  if (weights !== undefined && weights.length !== n) {
    throw new ShapeError(
      `${where}: sampleWeight has ${weights.length} values, but X has ${n} rows`,
    );
  }
  const K = model.classes.length;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = model.classes.indexOf(y[i]);
    if (k < 0)
      throw new ValueError(`${where}: y[${i}] = ${String(y[i])} is not a class of the model`);
    labels[i] = k;
  }
  const p = model.featureNames.length;
  const fitIntercept = report.fitIntercept;
  const d = p + (fitIntercept ? 1 : 0);
  const D = (K - 1) * d;
  if (D > MAX_COVARIANCE_DIMENSION) {
    throw new OptionError(
      `${where}: ${D} parameters, more than ${MAX_COVARIANCE_DIMENSION}: the covariance is not computed`,
    );
  }
  const P = model.predictProba(matrix).data;
  const info = new Float64Array(D * D);
  const score = new Float64Array(D);
  const x = new Float64Array(d);
  const counts = new Float64Array(K);
  let total = 0;
  let nObservations = 0;
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const s = weights === undefined ? 1 : weights[i];
    if (!(s >= 0 && Number.isFinite(s))) {
      throw new ValueError(
        `${where}: sampleWeight[${i}] is ${String(s)}; weights must be finite and ≥ 0`,
      );
    }
    if (s === 0) continue;
    total += s;
    nObservations++;
    counts[labels[i]] += s;
    logLikelihood += s * Math.log(P[i * K + labels[i]]);
    if (isSparseMatrix(matrix)) {
      x.fill(0, 0, p);
      for (let t = matrix.indptr[i]; t < matrix.indptr[i + 1]; t++)
        x[matrix.indices[t]] = matrix.values[t];
    } else {
      for (let j = 0; j < p; j++) x[j] = matrix.data[i * p + j];
    }
    if (fitIntercept) x[p] = 1;
    for (let a = 1; a < K; a++) {
      const qa = P[i * K + a];
      const r = s * ((labels[i] === a ? 1 : 0) - qa);
      for (let j = 0; j < d; j++) score[(a - 1) * d + j] += r * x[j];
      for (let b = 1; b <= a; b++) {
        const w = s * ((a === b ? qa : 0) - qa * P[i * K + b]);
        if (w === 0) continue;
        for (let j = 0; j < d; j++) {
          const wx = w * x[j];
          const row = ((a - 1) * d + j) * D + (b - 1) * d;
          for (let l = 0; l < d; l++) info[row + l] += wx * x[l];
        }
      }
    }
  }
  if (!(total > 0)) throw new ValueError(`${where}: the row weights sum to 0`);
  // Fill the upper blocks from the lower ones, then scale to unit diagonal and invert.
  for (let r = 0; r < D; r++) for (let c = r + 1; c < D; c++) info[r * D + c] = info[c * D + r];
  const scale = new Float64Array(D);
  for (let r = 0; r < D; r++) scale[r] = 1 / Math.sqrt(info[r * D + r]);
  for (let r = 0; r < D; r++) for (let c = 0; c < D; c++) info[r * D + c] *= scale[r] * scale[c];
  if (!scale.every(Number.isFinite) || !choleskyInPlace(info, D)) {
    throw new ValueError(
      `${where}: the information matrix is singular (collinear features, or a class fitted with probabilities of 0): no standard errors`,
    );
  }
  const covariance = choleskyInverse(info, D);
  for (let r = 0; r < D; r++)
    for (let c = 0; c < D; c++) covariance[r * D + c] *= scale[r] * scale[c];
  // The data must give the stored fit: the Newton correction from it is (near) zero.
  for (let r = 0; r < D; r++) {
    let step = 0;
    for (let c = 0; c < D; c++) step += covariance[r * D + c] * score[c];
    const se = Math.sqrt(covariance[r * D + r]);
    if (!(Math.abs(step) <= 1e-4 * se)) {
      throw new ValueError(
        `${where}: the data do not give the model's fit (the estimate of parameter ${r} is ${Math.abs(step / se).toPrecision(3)} standard errors from these data's maximum-likelihood estimate); pass the training data, or train with a smaller tolerance`,
      );
    }
  }

  const q = normalQuantile((1 + level) / 2);
  const names = fitIntercept ? ['(Intercept)', ...model.featureNames] : [...model.featureNames];
  const classes = model.classes.slice(1).map((label, a): MultinomialClassSummary => {
    const k = a + 1;
    const estimates = model.featureNames.map(
      (_, j) => model.coefficients[k][j] - model.coefficients[0][j],
    );
    if (fitIntercept) estimates.push(model.intercepts[k] - model.intercepts[0]);
    const rows = estimates.map((estimate, j): CoefficientSummary => {
      const se = Math.sqrt(covariance[(a * d + j) * D + a * d + j]);
      const z = estimate / se;
      return {
        name: j === p ? '(Intercept)' : model.featureNames[j],
        estimate,
        stdError: se,
        z,
        pValue: twoSidedNormalPValue(z),
        ciLower: estimate - q * se,
        ciUpper: estimate + q * se,
        oddsRatio: Math.exp(estimate),
        oddsRatioLower: Math.exp(estimate - q * se),
        oddsRatioUpper: Math.exp(estimate + q * se),
        aliased: false,
      };
    });
    // The intercept first, as names lists them.
    if (fitIntercept) rows.unshift(rows.pop()!);
    return { class: label, coefficients: rows.map((r, j) => ({ ...r, name: names[j] })) };
  });
  let nullLogLikelihood = 0;
  if (fitIntercept) {
    for (let k = 0; k < K; k++)
      if (counts[k] > 0) nullLogLikelihood += counts[k] * Math.log(counts[k] / total);
  } else {
    nullLogLikelihood = total * Math.log(1 / K);
  }
  const lrStatistic = 2 * (logLikelihood - nullLogLikelihood);
  const lrDf = (K - 1) * p;
  return {
    reference: model.classes[0],
    level,
    classes,
    covariance: Array.from(covariance),
    nObservations,
    logLikelihood,
    nullLogLikelihood,
    deviance: -2 * logLikelihood,
    nullDeviance: -2 * nullLogLikelihood,
    aic: -2 * logLikelihood + 2 * D,
    bic: -2 * logLikelihood + D * Math.log(nObservations),
    lrStatistic,
    lrDf,
    lrPValue: chiSquaredSurvival(lrStatistic, lrDf),
  };
}
