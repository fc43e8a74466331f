import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';

/**
 * What every fitted model of `train` shares, binary, multinomial or one-vs-rest (scikit-learn's
 * classifier interface), so that code can predict with any of them:
 *
 * - `classes`: the sorted labels, K of them (2 for a binary model);
 * - `predict(X)`: one label per row;
 * - `classProbabilities(X)`: an n × K row-major matrix, column k = P(y = classes[k] | xᵢ), rows
 *   summing to 1 (to rounding) — one shape for every model;
 * - `toJSON()`: plain JSON data with `format` and `version`, which `modelFromJSON` reads back.
 *
 * What differs stays on each model: a binary model's `intercept`, its coefficient vector, its
 * `predictProba` (a `Float64Array` of P(positiveClass), kept as it was) and threshold; a
 * multiclass model's `intercepts` and K × p coefficients.
 *
 * @example
 * const models: Classifier[] = [
 *   train(X, ['a', 'b', 'a', 'b']),
 *   train(X, ['a', 'b', 'c', 'a'], { multiClass: 'multinomial' }),
 * ];
 * for (const model of models) model.classProbabilities(X).cols; // 2, then 3
 */
export interface Classifier {
  /** The class labels, sorted; column k of {@link classProbabilities} is `classes[k]`. */
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  /** Number of features the model expects. */
  readonly nFeatures: number;
  /** How the fit went (see FitReport). */
  readonly fitReport: FitReport;
  /** The predicted label of each row of X (m × p, dense or CSR). */
  predict(X: MatrixInput): Label[];
  /**
   * P(y = classes[k] | xᵢ): an n × K matrix (row-major `{ rows, cols, data }`), rows summing to 1.
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  classProbabilities(X: MatrixInput): Matrix;
  /** Plain JSON data (`format`, `version`, the model); `JSON.stringify(model)` calls it. */
  toJSON(): object;
}
