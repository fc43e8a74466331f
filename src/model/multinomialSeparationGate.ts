import { SeparationError } from '../errors.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { isMultinomialSeparationCheckAffordable } from './detectMultinomialSeparation.js';
import type { SeparationReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';
import type { TrainPlan } from '../options/trainPlan.js';
import {
  checkMultinomialSeparation,
  countExtremeMultinomialFits,
  multinomialSeparationMessage,
} from './separationCheck.js';

/**
 * The separation check of an unpenalized multinomial fit, before the solver runs: undefined when
 * the MLE exists (or the data are too large to check, see {@link extremeFitWarnings}); otherwise
 * a SeparationError, or with `onSeparation: 'warn'` the report, its message pushed on `warnings`.
 *
 * @param y - class indices into `classes`.
 * @throws {SeparationError} naming the classes and features, under `onSeparation: 'error'`.
 */
export function multinomialSeparationGate(
  X: FeatureMatrix,
  y: Int32Array,
  classes: readonly Label[],
  weights: Float64Array | undefined,
  plan: TrainPlan,
  featureNames: readonly string[],
  warnings: string[],
  where: string,
): SeparationReport | undefined {
  const separation = checkMultinomialSeparation(
    X,
    y,
    classes,
    weights,
    plan.fitIntercept,
    featureNames,
  );
  if (separation === undefined) return undefined;
  const message = multinomialSeparationMessage(separation, where);
  if (plan.onSeparation === 'error') {
    throw new SeparationError(message, separation.kind, separation.features, separation.classes);
  }
  warnings.push(message);
  return separation;
}

/**
 * After an unpenalized fit on data too large for the exact check: a warning when some rows have
 * fitted probabilities numerically 0 or 1 (see countExtremeMultinomialFits), as R's glm warns.
 *
 * @param w - K × p original-unit coefficients, row-major; b the K intercepts.
 */
export function extremeFitWarnings(
  X: FeatureMatrix,
  w: Float64Array,
  b: Float64Array,
  fitIntercept: boolean,
): string[] {
  if (isMultinomialSeparationCheckAffordable(X.rows, X.cols, b.length, fitIntercept)) return [];
  const extreme = countExtremeMultinomialFits(X, w, b);
  return extreme === 0
    ? []
    : [
        `fitted probabilities numerically 0 or 1 occurred for ${extreme} row(s), and the data are too large for the exact separation check: the classes may be separated; consider penalty 'l2'`,
      ];
}
