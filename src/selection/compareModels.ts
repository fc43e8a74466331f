import { ValueError } from '../errors.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { chiSquaredSurvival } from '../stats/chiSquared.js';

/** One model's line of the comparison, as a row of R's `anova` table plus AIC and BIC. */
export interface ComparedModel {
  /** Estimable parameters (R's rank): coefficients less aliased ones, plus the intercept. */
  readonly rank: number;
  /** n − rank, R's `Resid. Df`. */
  readonly residualDf: number;
  /** −2ℓ, R's `Resid. Dev`. */
  readonly deviance: number;
  readonly aic: number;
  readonly bic: number;
}

/** The likelihood-ratio test of two nested models, R's `anova(small, big, test = "LRT")`. */
export interface ModelComparison {
  readonly small: ComparedModel;
  readonly big: ComparedModel;
  /** The big model's extra parameters (R's `Df`). */
  readonly df: number;
  /** The deviance difference 2(ℓ_big − ℓ_small) (R's `Deviance`), χ²(df) under the small model. */
  readonly lrStatistic: number;
  /** P(χ²(df) ≥ lrStatistic), R's `Pr(>Chi)`. */
  readonly pValue: number;
  /** AIC(big) − AIC(small): negative favours the big model. */
  readonly aicDifference: number;
  /** BIC(big) − BIC(small). */
  readonly bicDifference: number;
  /** The features the big model adds. */
  readonly addedFeatures: readonly string[];
  /** Caveats (a fit that did not converge). */
  readonly notes: readonly string[];
}

/**
 * Compares two nested maximum-likelihood fits by the likelihood-ratio test, as R's
 * `anova(small, big, test = "LRT")`: LR = D_small − D_big (D = −2ℓ), df = rank_big − rank_small,
 * p = P(χ²(df) ≥ LR); with AIC = D + 2·rank and BIC = D + rank·log n of each.
 *
 * The models must be nested and fitted on the same rows, which is checked, not assumed: both
 * unpenalized binary fits with the same classes; the small model's features a subset of the big
 * one's (its intercept too); the same row count and weight sum; and the hashes stored at training
 * (`fitReport.dataFingerprint`) equal for the labels and weights and for every shared feature's
 * column.
 *
 * @throws {ValueError} naming what differs: a penalized fit, other classes, features the big
 *   model lacks, no extra parameter, other rows, or a model saved without data hashes.
 * @example
 * const small = train(X.map((r) => r.slice(0, 2)), y, { penalty: 'none', featureNames: ['a', 'b'] });
 * const big = train(X, y, { penalty: 'none', featureNames: ['a', 'b', 'c'] });
 * compareModels(small, big).pValue;
 */
export function compareModels(
  small: LogisticRegressionModel,
  big: LogisticRegressionModel,
): ModelComparison {
  const fail = (why: string): never => {
    throw new ValueError(`compareModels: ${why}`);
  };
  for (const [name, model] of [
    ['small', small],
    ['big', big],
  ] as const) {
    const penalty = model.fitReport.penalty;
    if (penalty !== 'none') {
      fail(
        `the likelihood-ratio test compares maximum-likelihood fits; the ${name} model has penalty '${penalty}' (train with penalty 'none')`,
      );
    }
    if (model.inference === undefined) fail(`the ${name} model has no stored log-likelihood`);
  }
  const sameClasses =
    small.classes.length === big.classes.length &&
    small.classes.every((c, k) => c === big.classes[k]) &&
    small.positiveClass === big.positiveClass;
  if (!sameClasses) {
    const show = (m: LogisticRegressionModel): string =>
      `${m.classes.map((c) => JSON.stringify(c)).join(', ')} (positive ${JSON.stringify(m.positiveClass)})`;
    fail(`the models have different classes: ${show(small)} and ${show(big)}`);
  }
  const bigNames = new Set(big.featureNames);
  const missing = small.featureNames.filter((name) => !bigNames.has(name));
  if (missing.length > 0) {
    fail(
      `the models are not nested: the big model lacks the small one's ${missing.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  if (small.fitReport.fitIntercept && !big.fitReport.fitIntercept) {
    fail('the models are not nested: the small model has an intercept and the big one has none');
  }
  if (small.offset !== big.offset) {
    const show = (m: LogisticRegressionModel): string =>
      m.offset === undefined ? 'none' : `'${m.offset}'`;
    fail(
      `the models have different offsets (${show(small)} and ${show(big)}): nested models share the offset`,
    );
  }
  checkSameRows(small, big, fail);

  const s = line(small);
  const b = line(big);
  const df = b.rank - s.rank;
  if (df <= 0) {
    fail(
      `the big model has no more estimable parameters than the small one (${b.rank} and ${s.rank}): nothing to test`,
    );
  }
  // Rounding can make a tiny difference negative; the statistic is ≥ 0 by nesting.
  const lrStatistic = Math.max(0, s.deviance - b.deviance);
  const smallNames = new Set(small.featureNames);
  const notes: string[] = [];
  for (const [name, model] of [
    ['small', small],
    ['big', big],
  ] as const) {
    if (model.fitReport.separation !== undefined) {
      notes.push(
        `the ${name} model's data are separated: its maximum-likelihood estimate does not exist, and the test's χ² approximation fails`,
      );
    } else if (!model.fitReport.converged) {
      notes.push(`the ${name} model did not converge: its deviance may not be the minimum`);
    }
  }
  return {
    small: s,
    big: b,
    df,
    lrStatistic,
    pValue: chiSquaredSurvival(lrStatistic, df),
    aicDifference: b.aic - s.aic,
    bicDifference: b.bic - s.bic,
    addedFeatures: big.featureNames.filter((name) => !smallNames.has(name)),
    notes,
  };
}

/** The row count, weight sum and the stored data hashes agree. */
function checkSameRows(
  small: LogisticRegressionModel,
  big: LogisticRegressionModel,
  fail: (why: string) => never,
): void {
  const a = small.fitReport;
  const b = big.fitReport;
  if (a.nObservations !== b.nObservations) {
    fail(
      `the models were fitted on different rows: ${a.nObservations} and ${b.nObservations} rows`,
    );
  }
  if (Math.abs(a.sumWeights - b.sumWeights) > 1e-12 * Math.max(a.sumWeights, b.sumWeights)) {
    fail(
      `the models were fitted with different weights: they sum to ${a.sumWeights} and ${b.sumWeights}`,
    );
  }
  const fa = a.dataFingerprint;
  const fb = b.dataFingerprint;
  if (fa === undefined || fb === undefined) {
    fail(
      `the ${fa === undefined ? 'small' : 'big'} model stores no hashes of its training data (saved by an older logreg), so its rows cannot be checked; retrain it`,
    );
  }
  if (fa!.rows !== fb!.rows) {
    fail('the models were fitted on different rows: their labels or weights differ');
  }
  const at = new Map(big.featureNames.map((name, j) => [name, j]));
  const differ = small.featureNames.filter(
    (name, j) => fa!.columns[j] !== fb!.columns[at.get(name)!],
  );
  if (differ.length > 0) {
    fail(
      `the models were fitted on different rows: the values of ${differ.map((n) => `'${n}'`).join(', ')} differ`,
    );
  }
}

function line(model: LogisticRegressionModel): ComparedModel {
  const summary = model.summary({ se: 'model' });
  const n = summary.nObservations;
  return {
    rank: summary.rank,
    residualDf: n - summary.rank,
    deviance: summary.deviance,
    aic: summary.aic!,
    bic: summary.bic!,
  };
}
