import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';

/**
 * What every fitted model of `train` shares, binary, multinomial or one-vs-rest (scikit-learn's
 * classifier interface), so that code can predict with any of them:
 *
 * - `classes`: the sorted labels, K of them (2 for a binary model);
 * - `predict(X)`: one label per row;
 * - `predictProba(X)`: an n × K row-major matrix, column k = P(y = classes[k] | xᵢ), rows summing
 *   to 1 (to rounding): one shape for every model;
 * - `toJSON()`: plain JSON data with `format` and `version`, which `modelFromJSON` reads back.
 *
 * What differs stays on each model: a binary model's `intercept`, its coefficient vector, its
 * `positiveProbability` (the vector of P(positiveClass)), its logit `decisionFunction`,
 * threshold, summary and prediction intervals; a multiclass model's `intercepts`, K × p
 * coefficients and n × K `decisionFunction`.
 *
 * @example
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const models: Classifier[] = [
 *   train(X, ['a', 'b', 'a', 'b', 'a', 'b']),
 *   train(X, ['a', 'b', 'c', 'a', 'b', 'c'], { multiClass: 'multinomial' }),
 * ];
 * for (const model of models) model.predictProba(X).cols; // 2, then 3
 * const back: Classifier = modelFromJSON(JSON.parse(JSON.stringify(models[1])));
 */
export interface Classifier {
  /** The class labels, sorted; column k of `predictProba` is `classes[k]`. */
  readonly classes: readonly Label[];
  /** One name per feature, in the order of X's columns. */
  readonly featureNames: readonly string[];
  /** Number of features the model expects. */
  readonly nFeatures: number;
  /** How the fit went (see FitReport). */
  readonly fitReport: FitReport;
  /**
   * The predicted label of each row of X (n × p, dense or CSR).
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  predict(X: MatrixInput): Label[];
  /**
   * P(y = classes[k] | xᵢ): an n × K matrix (row-major `{ rows, cols, data }`), rows summing to 1.
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  predictProba(X: MatrixInput): Matrix;
  /** Plain JSON data (`format`, `version`, the model); `JSON.stringify(model)` calls it. */
  toJSON(): object;
}
