import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import { softmax } from '../math/softmax.js';
import { softmaxOfInfinite } from './extremeScores.js';
import type { FitReport } from '../options/fitReport.js';
import { MODEL_FORMAT, MODEL_VERSION } from './modelData.js';
import {
  argmaxLabels,
  classScores,
  freezeMulticlassData,
  multiclassJSON,
  packScores,
  parseMulticlassJSON,
} from './multiclassModelData.js';
import type { MulticlassModelData, PackedScores } from './multiclassModelData.js';
import type { Label } from '../options/trainOptions.js';
import type { Classifier } from './classifier.js';

/** The `kind` tag of a serialized multinomial model. */
export const MULTINOMIAL_KIND = 'multinomial';

/** The JSON form of a {@link MultinomialLogisticRegressionModel}. */
export interface MultinomialModelJSON extends MulticlassModelData {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly kind: typeof MULTINOMIAL_KIND;
}

/**
 * A fitted multinomial (softmax) logistic regression: immutable data plus prediction.
 * P(y = classes[k] | x) = e^(zₖ) / Σₗ e^(zₗ) with zₖ = wₖ·x + bₖ, one weight vector per class
 * (scikit-learn's `multi_class='multinomial'`). Adding the same vector to every wₖ (or the same
 * number to every bₖ) leaves the probabilities unchanged; the fitted intercepts sum to zero over
 * the classes, and so do the coefficients of `'l2'` and `'none'` fits, which picks one
 * representative (the one with the smallest L2 norm, and the L2 optimum itself). L1 and
 * elastic-net coefficients are the penalized optimum as it is (not centred: the shift would
 * change the penalty).
 *
 * @example
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const y = ['cat', 'dog', 'fox', 'cat', 'dog', 'fox'];
 * const model = train(X, y, { multiClass: 'multinomial', C: 10 });
 * model.classes; // ['cat', 'dog', 'fox']
 * model.predictProba([[2, 0]]).data; // ≈ [0.045, 0.954, 0.0002]: p(cat), p(dog), p(fox)
 * model.predict([[2, 0], [0, 2]]); // ['dog', 'fox']
 * MultinomialLogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
 */
export class MultinomialLogisticRegressionModel implements MulticlassModelData, Classifier {
  readonly kind = MULTINOMIAL_KIND;
  readonly coefficients: readonly (readonly number[])[];
  readonly intercepts: readonly number[];
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  private readonly packed: PackedScores;

  constructor(data: MulticlassModelData) {
    const frozen = freezeMulticlassData(data);
    this.coefficients = frozen.coefficients;
    this.intercepts = frozen.intercepts;
    this.classes = frozen.classes;
    this.featureNames = frozen.featureNames;
    this.fitReport = frozen.fitReport;
    this.packed = packScores(frozen);
    Object.freeze(this);
  }

  /** Number of features the model expects. */
  get nFeatures(): number {
    return this.featureNames.length;
  }

  /**
   * The scores zᵢₖ = wₖ·xᵢ + bₖ: an n × K matrix, column k for `classes[k]`.
   * X: rows of numbers, a row-major matrix, or a CSR `SparseMatrix` (only its stored entries are
   * read).
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  decisionFunction(X: MatrixInput): Matrix {
    return classScores(X, this.packed, 'decisionFunction');
  }

  /**
   * The class probabilities: an n × K matrix whose row i is softmax(zᵢ), column k for
   * `classes[k]`; each row lies in [0, 1] and sums to 1 (to rounding). Finite X never gives NaN:
   * a score of ±∞ (entries near the largest double) gives the softmax's limit.
   * X: rows of numbers, a row-major matrix, or a CSR `SparseMatrix` (only its stored entries are
   * read).
   * @throws {ShapeError} X has another number of features than the model.
   */
  predictProba(X: MatrixInput): Matrix {
    const scores = classScores(X, this.packed, 'predictProba');
    const K = scores.cols;
    const { data } = scores;
    for (let i = 0; i < scores.rows; i++) {
      let max = -Infinity;
      for (let k = i * K; k < (i + 1) * K; k++) max = Math.max(max, data[k]);
      // An infinite score (finite X near the largest double) would make e^(∞ − ∞): the limit.
      if (Number.isFinite(max)) softmax(data, data, i * K, (i + 1) * K);
      else softmaxOfInfinite(data, i * K, (i + 1) * K);
    }
    return scores;
  }

  /** The most probable class of each row (the largest score; the first class on ties). */
  predict(X: MatrixInput): Label[] {
    return argmaxLabels(classScores(X, this.packed, 'predict'), this.classes);
  }

  /** Plain JSON data; `JSON.stringify(model)` calls it. Doubles survive the round trip exactly. */
  toJSON(): MultinomialModelJSON {
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      kind: MULTINOMIAL_KIND,
      ...multiclassJSON(this),
    };
  }

  /**
   * Rebuilds a model from {@link toJSON}'s output (parsed JSON).
   * @throws {ModelFormatError} another format or kind, a future version, or missing or
   *   inconsistent fields (K classes, K × p coefficients, K intercepts, p feature names).
   */
  static fromJSON(json: unknown): MultinomialLogisticRegressionModel {
    return new MultinomialLogisticRegressionModel(parseMulticlassJSON(json, MULTINOMIAL_KIND).data);
  }
}
