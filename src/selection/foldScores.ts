import { ValueError } from '../errors.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { binaryReport } from '../metrics/binaryReport.js';
import type { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import type { Label } from '../options/trainOptions.js';

/** The metrics cross-validation reports, named as the fields of `binaryReport`. */
export const cvMetricNames = [
  'accuracy',
  'balancedAccuracy',
  'precision',
  'recall',
  'f1',
  'logLoss',
  'rocAuc',
  'brierScore',
] as const;

/** A metric cross-validation reports. */
export type CvMetricName = (typeof cvMetricNames)[number];

/** One value per metric. */
export type MetricValues<M extends CvMetricName = CvMetricName> = { readonly [K in M]: number };

/** The metrics for which a smaller value is better (losses); the others are scores. */
export function lowerIsBetter(metric: CvMetricName): boolean {
  return metric === 'logLoss' || metric === 'brierScore';
}

/**
 * Every {@link CvMetricName} of a fitted model on held-out rows, as `binaryReport` computes
 * them: the 0/1 truth is `y = model.positiveClass`, probabilities are `model.positiveProbability`,
 * label metrics threshold them at 0.5 (`p ≥ 0.5` predicts the positive class), and the test
 * rows' sample weights (if any) weight every metric. `rocAuc` is NaN if the rows of positive
 * weight hold one class only.
 *
 * @param fold - 1-based fold number, for the message.
 * @throws {ValueError} the test weights sum to 0 (no metric is defined).
 */
export function foldScores(
  model: LogisticRegressionModel,
  X: FeatureMatrix,
  y: readonly Label[],
  weight: Float64Array | undefined,
  fold: number,
  where: string,
): MetricValues {
  const truth = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) truth[i] = y[i] === model.positiveClass ? 1 : 0;
  if (weight !== undefined && !(weight.reduce((a, b) => a + b, 0) > 0)) {
    throw new ValueError(
      `${where}: the test rows of fold ${fold} all have sampleWeight 0, so no metric is defined there`,
    );
  }
  const report = binaryReport(truth, model.positiveProbability(X), {}, weight);
  return {
    accuracy: report.accuracy,
    balancedAccuracy: report.balancedAccuracy,
    precision: report.precision,
    recall: report.recall,
    f1: report.f1,
    logLoss: report.logLoss,
    rocAuc: report.rocAuc,
    brierScore: report.brierScore,
  };
}
