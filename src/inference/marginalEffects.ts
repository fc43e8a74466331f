import { OptionError, ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import { sigmoid } from '../math/sigmoid.js';
import { normalQuantile, twoSidedNormalPValue } from '../stats/normalDistribution.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { chooseCovariance } from './chooseCovariance.js';
import type { StandardErrorsInfo, StandardErrorType } from './chooseCovariance.js';
import type { IntervalModel } from './predictInterval.js';

/** Options of {@link marginalEffects}. */
export interface MarginalEffectsOptions {
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  readonly level?: number;
  /** The covariance behind the standard errors (see SummaryOptions.se). Default: as the summary. */
  readonly se?: StandardErrorType;
  /**
   * Features (by name) whose effect is the discrete change P(x_j = 1) − P(x_j = 0), every other
   * feature kept, as statsmodels' `dummy=True` does for 0/1 columns (a categorical column's dummies).
   * Default: none; every effect is the derivative.
   */
  readonly discrete?: readonly string[];
  /** Row weights sᵢ of the average (default ones): Σ sᵢ·effectᵢ / Σ sᵢ. */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** One offset per row, for a model fitted with one. */
  readonly offset?: readonly number[] | Float64Array;
}

/** One feature's average marginal effect. */
export interface MarginalEffect {
  readonly feature: string;
  /** Derivative (or discrete change) of P(positive), averaged over the rows. */
  readonly effect: number;
  /** `true` for a discrete change (see MarginalEffectsOptions.discrete). */
  readonly discrete: boolean;
  /** Delta-method standard error; null without a covariance or for an aliased feature. */
  readonly stdError: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
}

/** The result of {@link marginalEffects}. */
export interface MarginalEffects {
  readonly level: number;
  /** Rows averaged over (those of positive weight). */
  readonly nObservations: number;
  readonly effects: readonly MarginalEffect[];
  /** Which covariance the standard errors come from. */
  readonly standardErrors: StandardErrorsInfo;
  /** Why standard errors are absent, when they are. */
  readonly note?: string;
}

/**
 * Average marginal effects of a binary model on the rows of X, with delta-method standard errors,
 * as statsmodels' `Logit(...).fit().get_margeff(at='overall')` (Stata's `margins, dydx(*)`).
 *
 * With μᵢ = σ(zᵢ), zᵢ = x̃ᵢᵀβ (x̃ᵢ = (xᵢ, 1), plus the offset), gᵢ = μᵢ(1 − μᵢ) and S = Σ sᵢ:
 * - derivative: AMEⱼ = (1/S)·Σ sᵢ·gᵢ·βⱼ, whose gradient in β is
 *   ∂AMEⱼ/∂βₖ = δⱼₖ·(1/S)·Σ sᵢgᵢ + βⱼ·(1/S)·Σ sᵢ·gᵢ(1 − 2μᵢ)·x̃ᵢₖ (one pass for every j);
 * - discrete change: AMEⱼ = (1/S)·Σ sᵢ·[σ(zᵢ¹) − σ(zᵢ⁰)], zᵢᵛ the score with xᵢⱼ set to v, with
 *   gradient (1/S)·Σ sᵢ·[gᵢ¹·x̃ᵢ¹ − gᵢ⁰·x̃ᵢ⁰] (one pass per discrete feature).
 * The covariance of the effects is J·V·Jᵀ, V the model's stored covariance (or a stored robust
 * one, `se`), so the standard errors need no data beyond X: a penalized model has none (its
 * effects are still given, with a `note`). An aliased feature has effect 0 and no standard error.
 * The rows are any sample; the training rows give statsmodels' numbers.
 *
 * @param X - rows as for `predictProba` (dense or CSR).
 * @throws {OptionError} a level outside (0, 1), an unknown `discrete` feature, or an `se` whose
 *   covariance the model lacks.
 * @throws {ShapeError} X with the wrong feature count, or weights of the wrong length.
 * @throws {ValueError} negative or non-finite weights, or weights summing to 0.
 * @example
 * const model = train(X, y, { penalty: 'none' });
 * marginalEffects(model, X).effects[0].effect; // mean of p(1 − p)·β₀ over the rows
 */
export function marginalEffects(
  model: IntervalModel & { readonly offset?: string | undefined },
  X: MatrixInput,
  options: MarginalEffectsOptions = {},
): MarginalEffects {
  const level = options.level ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new OptionError(
      `marginalEffects: level must be a number in (0, 1), got ${String(level)}`,
    );
  }
  const names = model.featureNames;
  const discreteNames = options.discrete ?? [];
  for (const name of discreteNames) {
    if (!names.includes(name)) {
      throw new OptionError(
        `marginalEffects: discrete names '${name}', not a feature of the model`,
      );
    }
  }
  const { covariance, info } = chooseCovariance(model.inference, options.se);
  // decisionFunction checks X's shape and values, and the offset against the model's.
  const z = model.decisionFunction(
    X,
    options.offset === undefined ? undefined : { offset: options.offset },
  );
  const matrix = toFeatureMatrix(X, 'marginalEffects');
  const m = z.length;
  const weights = options.sampleWeight;
  if (weights !== undefined && weights.length !== m) {
    throw new ShapeError(
      `marginalEffects: sampleWeight has ${weights.length} values, but X has ${m} rows`,
    );
  }
  const p = model.coefficients.length;
  const intercept = model.fitReport.fitIntercept;
  const d = p + (intercept ? 1 : 0);
  const beta = model.coefficients;
  const aliased = model.fitReport.aliased;

  // Row i of X as x̃ (dense), written into `row`.
  const row = new Float64Array(d);
  const readRow = (i: number): void => {
    if (isSparseMatrix(matrix)) {
      row.fill(0, 0, p);
      for (let k = matrix.indptr[i]; k < matrix.indptr[i + 1]; k++) {
        row[matrix.indices[k]] = matrix.values[k];
      }
    } else {
      for (let j = 0; j < p; j++) row[j] = matrix.data[i * p + j];
    }
    if (intercept) row[p] = 1;
  };

  let total = 0;
  let nObservations = 0;
  let meanSlope = 0; // Σ sᵢgᵢ
  const curvature = new Float64Array(d); // Σ sᵢgᵢ(1 − 2μᵢ)·x̃ᵢ
  for (let i = 0; i < m; i++) {
    const s = weights === undefined ? 1 : weights[i];
    if (!(s >= 0) || !Number.isFinite(s)) {
      throw new ValueError(
        `marginalEffects: sampleWeight[${i}] is ${String(s)}; weights must be finite and ≥ 0`,
      );
    }
    if (s === 0) continue;
    total += s;
    nObservations++;
    const mu = sigmoid(z[i]);
    const g = mu * (1 - mu);
    meanSlope += s * g;
    readRow(i);
    const c = s * g * (1 - 2 * mu);
    for (let k = 0; k < d; k++) curvature[k] += c * row[k];
  }
  if (!(total > 0)) throw new ValueError('marginalEffects: the row weights sum to 0');

  const effects: number[] = new Array<number>(p);
  const jacobian = new Float64Array(p * d);
  for (let j = 0; j < p; j++) {
    if (discreteNames.includes(names[j])) continue;
    effects[j] = (beta[j] * meanSlope) / total;
    for (let k = 0; k < d; k++) jacobian[j * d + k] = (beta[j] * curvature[k]) / total;
    jacobian[j * d + j] += meanSlope / total;
  }
  for (const name of discreteNames) {
    const j = names.indexOf(name);
    let effect = 0;
    const out = jacobian.subarray(j * d, (j + 1) * d);
    for (let i = 0; i < m; i++) {
      const s = weights === undefined ? 1 : weights[i];
      if (s === 0) continue;
      readRow(i);
      const base = z[i] - beta[j] * row[j];
      const mu1 = sigmoid(base + beta[j]);
      const mu0 = sigmoid(base);
      effect += s * (mu1 - mu0);
      const g1 = s * mu1 * (1 - mu1);
      const g0 = s * mu0 * (1 - mu0);
      for (let k = 0; k < d; k++) out[k] += (g1 - g0) * row[k];
      out[j] += g1 * (1 - row[j]) + g0 * row[j]; // x̃¹ⱼ = 1 and x̃⁰ⱼ = 0, not xᵢⱼ
    }
    effects[j] = effect / total;
    for (let k = 0; k < d; k++) out[k] /= total;
  }

  const q = normalQuantile((1 + level) / 2);
  const rows = names.map((feature, j): MarginalEffect => {
    const discrete = discreteNames.includes(feature);
    let variance = NaN;
    if (covariance !== null && aliased?.[j] !== true) {
      variance = 0;
      for (let a = 0; a < d; a++) {
        const ja = jacobian[j * d + a];
        if (ja === 0) continue;
        let t = 0;
        for (let b = 0; b < d; b++) t += covariance[a * d + b] * jacobian[j * d + b];
        variance += ja * t;
      }
    }
    const effect = effects[j];
    if (!(variance >= 0)) {
      return {
        feature,
        effect,
        discrete,
        stdError: null,
        z: null,
        pValue: null,
        ciLower: null,
        ciUpper: null,
      };
    }
    const se = Math.sqrt(variance);
    const zValue = effect / se;
    return {
      feature,
      effect,
      discrete,
      stdError: se,
      z: zValue,
      pValue: twoSidedNormalPValue(zValue),
      ciLower: effect - q * se,
      ciUpper: effect + q * se,
    };
  });
  return {
    level,
    nObservations,
    effects: rows,
    standardErrors: info,
    ...(covariance === null
      ? {
          note:
            model.inference?.covarianceNote ??
            `penalized fit (${model.fitReport.penalty}): no covariance, so no standard errors`,
        }
      : {}),
  };
}
