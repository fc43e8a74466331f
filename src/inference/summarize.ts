import { OptionError } from '../errors.js';
import type { FitReport } from '../options/fitReport.js';
import { chiSquaredSurvival } from '../stats/chiSquared.js';
import { normalQuantile, twoSidedNormalPValue } from '../stats/normalDistribution.js';
import type { InferenceData } from './inferenceData.js';
import { chooseCovariance } from './chooseCovariance.js';
import type { StandardErrorsInfo, StandardErrorType } from './chooseCovariance.js';

export type { StandardErrorsInfo, StandardErrorType } from './chooseCovariance.js';

/** One row of the coefficient table. Statistics are null where they do not apply. */
export interface CoefficientSummary {
  readonly name: string;
  readonly estimate: number;
  readonly stdError: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly oddsRatio: number;
  readonly oddsRatioLower: number | null;
  readonly oddsRatioUpper: number | null;
  /**
   * True for a feature that is a linear combination of others (R's NA row): estimate and odds
   * ratio NaN (null in JSON), every statistic null.
   */
  readonly aliased: boolean;
}

/** The model summary, R's `summary(glm)` plus the usual fit statistics. */
export interface ModelSummary {
  /** `(Intercept)` first, as R prints it. */
  readonly coefficients: readonly CoefficientSummary[];
  readonly level: number;
  readonly ci: 'wald' | 'profile';
  /** The covariance behind the standard errors, z, p and Wald intervals. */
  readonly standardErrors: StandardErrorsInfo;
  readonly penalty: FitReport['penalty'];
  readonly nObservations: number;
  readonly logLikelihood: number;
  readonly nullLogLikelihood: number;
  /** −2ℓ (binary data: the saturated model has ℓ = 0). */
  readonly deviance: number;
  readonly nullDeviance: number;
  /** Estimable parameters: the parameter count less aliased features (R's rank). */
  readonly rank: number;
  /** Null for penalized fits, whose effective degrees of freedom are not the parameter count. */
  readonly aic: number | null;
  readonly bic: number | null;
  /** McFadden's 1 − ℓ/ℓ₀. */
  readonly pseudoR2: number;
  readonly lrStatistic: number | null;
  readonly lrDf: number | null;
  readonly lrPValue: number | null;
  readonly converged: boolean;
  readonly iterations: number;
  /** Why standard errors are absent, when they are. */
  readonly notes: readonly string[];
  /** The name of the model's offset (a known term of each score; see TrainOptions.offset). */
  readonly offset?: string;
}

/** Options of {@link summarize}. */
export interface SummaryOptions {
  /** Confidence level, in (0, 1). Default 0.95. */
  readonly level?: number;
  /** `'wald'` (default) or `'profile'` (needs a fit trained with `profileConfidenceLevel`). */
  readonly ci?: 'wald' | 'profile';
  /**
   * The standard errors: `'model'`, a stored robust type, or `'cluster'`. Default: the robust
   * covariance stored at training (`covariance` option) if any, else `'model'`.
   */
  readonly se?: StandardErrorType;
}

/** What {@link summarize} reads of a model. */
export interface SummarizableModel {
  readonly coefficients: readonly number[];
  readonly intercept: number;
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  readonly inference?: InferenceData | undefined;
  readonly offset?: string | undefined;
}

/** Name of the intercept row, as R prints it. */
const INTERCEPT = '(Intercept)';

/**
 * Coefficient table and fit statistics. Wald: se = √diag((X̃ᵀWX̃)⁻¹), z = β/se,
 * p = 2·Φ(−|z|), interval β ± Φ⁻¹((1 + level)/2)·se, odds ratio e^β with e^(interval).
 * AIC = −2ℓ + 2k, BIC = −2ℓ + k·log n (k the rank: parameters less aliased features; n rows
 * with positive weight), likelihood-ratio test 2(ℓ − ℓ₀) ~ χ²(k − 1 with an intercept).
 * Aliased features (see FitReport.aliased) get NA rows, as in R. Penalized fits get estimates and
 * likelihoods only: Wald standard errors do not apply to them.
 *
 * Standard errors come from the covariance `se` names (see {@link StandardErrorType}): robust ones
 * are computed at training and stored, so `se` chooses among what the model holds.
 *
 * @throws {OptionError} a level outside (0, 1), `ci: 'profile'` when the fit stored none at that
 *   level, or an `se` whose covariance the model does not store.
 * @example
 * const s = summarize(train(X, y, { penalty: 'none' }));
 * s.coefficients[1].pValue;
 */
export function summarize(model: SummarizableModel, options: SummaryOptions = {}): ModelSummary {
  const level = options.level ?? 0.95;
  const ci = options.ci ?? 'wald';
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new OptionError(`summarize: level must be a number in (0, 1), got ${String(level)}`);
  }
  if (ci !== 'wald' && ci !== 'profile') {
    throw new OptionError(`summarize: ci must be 'wald' or 'profile', got ${String(ci)}`);
  }
  const report = model.fitReport;
  const inference = model.inference;
  const p = model.coefficients.length;
  const hasIntercept = report.fitIntercept;
  const d = p + (hasIntercept ? 1 : 0);
  const estimates = [...model.coefficients, ...(hasIntercept ? [model.intercept] : [])];
  const names = [...model.featureNames, ...(hasIntercept ? [INTERCEPT] : [])];
  const chosen = chooseCovariance(inference, options.se);
  const covariance = chosen.covariance;
  const notes: string[] = [];
  const aliased = [...(report.aliased ?? new Array<boolean>(p).fill(false)), false];
  const nAliased = aliased.filter(Boolean).length;
  const rank = d - nAliased;
  if (report.penalty !== 'none' && report.penalty !== 'firth') {
    notes.push(
      `penalized fit (${report.penalty}, C = ${report.C}): Wald standard errors, p-values and AIC do not apply to penalized estimates; refit with penalty 'none' or 'firth' for inference. The penalized estimate is unique, collinear features included (no aliasing)`,
    );
  } else if (covariance === null) {
    notes.push(inference?.covarianceNote ?? 'no covariance matrix was stored with this model');
  }
  if (report.separation !== undefined) {
    notes.push(
      `the data are ${report.separation.kind}ly separated: the estimates are not finite maximum-likelihood estimates`,
    );
  }
  const profile = inference?.profile;
  if (ci === 'profile' && (profile === undefined || Math.abs(profile.level - level) > 1e-12)) {
    throw new OptionError(
      `summarize: no profile-likelihood intervals at level ${level} are stored with this model; train with profileConfidenceLevel: ${level} (CLI: train --ci profile --level ${level})`,
    );
  }
  const zCrit = normalQuantile((1 + level) / 2);
  const rows: CoefficientSummary[] = [];
  for (let k = 0; k < d; k++) {
    if (aliased[k]) {
      rows.push({
        name: names[k],
        estimate: NaN,
        stdError: null,
        z: null,
        pValue: null,
        ciLower: null,
        ciUpper: null,
        oddsRatio: NaN,
        oddsRatioLower: null,
        oddsRatioUpper: null,
        aliased: true,
      });
      continue;
    }
    const estimate = estimates[k];
    let stdError: number | null = null;
    let z: number | null = null;
    let pValue: number | null = null;
    let ciLower: number | null = null;
    let ciUpper: number | null = null;
    if (covariance !== null) {
      stdError = Math.sqrt(covariance[k * d + k]);
      z = estimate / stdError;
      pValue = twoSidedNormalPValue(z);
      if (ci === 'wald') {
        ciLower = estimate - zCrit * stdError;
        ciUpper = estimate + zCrit * stdError;
      }
    }
    if (ci === 'profile' && profile !== undefined) {
      ciLower = profile.lower[k];
      ciUpper = profile.upper[k];
    }
    rows.push({
      name: names[k],
      estimate,
      stdError,
      z,
      pValue,
      ciLower,
      ciUpper,
      oddsRatio: Math.exp(estimate),
      oddsRatioLower: ciLower === null ? null : Math.exp(ciLower),
      oddsRatioUpper: ciUpper === null ? null : Math.exp(ciUpper),
      aliased: false,
    });
  }
  // R's order: the intercept first.
  if (hasIntercept) rows.unshift(rows.pop() as CoefficientSummary);

  const logLikelihood = inference?.logLikelihood ?? -report.logLoss * report.sumWeights;
  const nullLogLikelihood = inference?.nullLogLikelihood ?? NaN;
  const nObservations = inference?.nObservations ?? report.nObservations;
  const unpenalized = report.penalty === 'none' || report.penalty === 'firth';
  const lrStatistic = unpenalized ? 2 * (logLikelihood - nullLogLikelihood) : null;
  const lrDf = unpenalized ? rank - (hasIntercept ? 1 : 0) : null;
  return {
    coefficients: rows,
    level,
    ci,
    standardErrors: chosen.info,
    penalty: report.penalty,
    nObservations,
    logLikelihood,
    nullLogLikelihood,
    deviance: -2 * logLikelihood,
    nullDeviance: -2 * nullLogLikelihood,
    rank,
    aic: unpenalized ? -2 * logLikelihood + 2 * rank : null,
    bic: unpenalized ? -2 * logLikelihood + rank * Math.log(nObservations) : null,
    pseudoR2: 1 - logLikelihood / nullLogLikelihood,
    lrStatistic,
    lrDf,
    lrPValue:
      lrStatistic === null || lrDf === null || lrDf === 0
        ? null
        : chiSquaredSurvival(lrStatistic, lrDf),
    converged: report.converged,
    iterations: report.iterations,
    notes,
    ...(model.offset === undefined ? {} : { offset: model.offset }),
  };
}
