import { chooseThreshold } from '../metrics/chooseThreshold.js';
import type { ThresholdCriterion } from '../metrics/chooseThreshold.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { encodeLabels } from './encodeLabels.js';
import type { LogisticRegressionModel } from './logisticRegressionModel.js';
import type { Label } from '../options/trainOptions.js';

/** How {@link tuneThreshold} picks the threshold. */
export interface ThresholdTuning {
  /** `'f1'` maximizes F1, `'youden'` maximizes TPR − FPR, `'recall'` reaches `targetRecall`. */
  readonly criterion: ThresholdCriterion;
  readonly targetRecall?: number;
  readonly sampleWeight?: readonly number[] | Float64Array;
}

/**
 * Picks the decision threshold on given data (best held out, not the training rows) and returns the
 * model carrying it, so that `predict` (and the CLI's `predict`) use it.
 *
 * @example
 * const tuned = tuneThreshold(model, Xvalid, yValid, { criterion: 'recall', targetRecall: 0.95 });
 * tuned.threshold; // e.g. 0.21
 */
export function tuneThreshold(
  model: LogisticRegressionModel,
  X: MatrixInput,
  y: readonly Label[],
  how: ThresholdTuning,
): LogisticRegressionModel {
  const probability = model.positiveProbability(X);
  const { y: y01 } = encodeLabels(y, probability.length, model.positiveClass, 'tuneThreshold');
  const options =
    how.targetRecall === undefined
      ? { criterion: how.criterion }
      : { criterion: how.criterion, targetRecall: how.targetRecall };
  const { threshold } = chooseThreshold(y01, probability, options, how.sampleWeight);
  return model.withThreshold(threshold);
}
