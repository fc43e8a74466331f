import { checkFitReport } from './checkFitReport.js';
import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import { sigmoid } from '../math/sigmoid.js';
import type { FitReport } from '../options/fitReport.js';
import { MODEL_FORMAT, MODEL_VERSION } from './modelData.js';
import {
  argmaxLabels,
  classScores,
  freezeMulticlassData,
  frozenClone,
  modelFormatFail,
  multiclassJSON,
  packScores,
  parseMulticlassJSON,
} from './multiclassModelData.js';
import type { MulticlassModelData, PackedScores } from './multiclassModelData.js';
import type { Label } from '../options/trainOptions.js';
import type { Classifier } from './classifier.js';

/** The `kind` tag of a serialized one-vs-rest model. */
export const ONE_VS_REST_KIND = 'one-vs-rest';

/** The data of a {@link OneVsRestModel}. */
export interface OneVsRestModelData extends MulticlassModelData {
  /** The report of each binary fit, `classes[k]` against the rest, in class order. */
  readonly classFitReports: readonly FitReport[];
}

/** The JSON form of a {@link OneVsRestModel}. */
export interface OneVsRestModelJSON extends OneVsRestModelData {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly kind: typeof ONE_VS_REST_KIND;
}

/**
 * K binary logistic regressions, class k against the rest (scikit-learn's `multi_class='ovr'`,
 * LIBLINEAR's default): zₖ = wₖ·x + bₖ is the log-odds of class k from the k-th binary fit.
 * The K sigmoids σ(zₖ) are not a distribution; `predictProba` divides each row by its sum, as
 * scikit-learn's OvR `predict_proba` does. `predict` takes the largest score (equivalently the
 * largest σ(zₖ)).
 *
 * `fitReport` describes the K fits together (they minimize Σₖ Fₖ jointly: see
 * `train`), `classFitReports` each one.
 *
 * @example
 * const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
 * const model = train(X, ['a', 'b', 'c', 'a', 'b', 'c'], { multiClass: 'ovr' });
 * model.predictProba([[2, 0]]); // { rows: 1, cols: 3, data: σ(zₖ) / Σₗ σ(zₗ) for a, b, c }
 * model.classFitReports[1].converged; // the fit of 'b' against 'a' and 'c'
 */
export class OneVsRestModel implements OneVsRestModelData, Classifier {
  readonly kind = ONE_VS_REST_KIND;
  readonly coefficients: readonly (readonly number[])[];
  readonly intercepts: readonly number[];
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  readonly classFitReports: readonly FitReport[];
  private readonly packed: PackedScores;

  constructor(data: OneVsRestModelData) {
    const frozen = freezeMulticlassData(data);
    this.coefficients = frozen.coefficients;
    this.intercepts = frozen.intercepts;
    this.classes = frozen.classes;
    this.featureNames = frozen.featureNames;
    this.fitReport = frozen.fitReport;
    this.classFitReports = frozenClone(data.classFitReports);
    this.packed = packScores(frozen);
    Object.freeze(this);
  }

  /** Number of features the model expects. */
  get nFeatures(): number {
    return this.featureNames.length;
  }

  /**
   * The scores zᵢₖ = wₖ·xᵢ + bₖ, the log-odds of class k against the rest: n × K.
   * X: rows of numbers, a row-major matrix, or a CSR `SparseMatrix` (only its stored entries are
   * read).
   * @throws {ShapeError} X has another number of features than the model.
   */
  decisionFunction(X: MatrixInput): Matrix {
    return classScores(X, this.packed, 'decisionFunction');
  }

  /**
   * pᵢₖ = σ(zᵢₖ) / Σₗ σ(zᵢₗ): n × K, column k for `classes[k]`, rows summing to 1 (to rounding).
   * X: rows of numbers, a row-major matrix, or a CSR `SparseMatrix` (only its stored entries are
   * read).
   * @throws {ShapeError} X has another number of features than the model.
   */
  predictProba(X: MatrixInput): Matrix {
    const scores = classScores(X, this.packed, 'predictProba');
    const { rows, cols: K, data } = scores;
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let k = 0; k < K; k++) {
        data[i * K + k] = sigmoid(data[i * K + k]);
        sum += data[i * K + k];
      }
      // sum ≥ max σ > 0 unless every score is below −745 (σ underflows to 0): then uniform.
      if (sum > 0) for (let k = 0; k < K; k++) data[i * K + k] /= sum;
      else for (let k = 0; k < K; k++) data[i * K + k] = 1 / K;
    }
    return scores;
  }

  /** The class with the largest score in each row (the first class on ties). */
  predict(X: MatrixInput): Label[] {
    return argmaxLabels(classScores(X, this.packed, 'predict'), this.classes);
  }

  /** Plain JSON data; `JSON.stringify(model)` calls it. Doubles survive the round trip exactly. */
  toJSON(): OneVsRestModelJSON {
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      kind: ONE_VS_REST_KIND,
      ...multiclassJSON(this),
      classFitReports: this.classFitReports.map((r) => structuredClone(r)),
    };
  }

  /**
   * Rebuilds a model from {@link toJSON}'s output (parsed JSON).
   * @throws {ModelFormatError} another format or kind, a future version, or missing or
   *   inconsistent fields.
   */
  static fromJSON(json: unknown): OneVsRestModel {
    const { data, object } = parseMulticlassJSON(json, ONE_VS_REST_KIND);
    const reports = object.classFitReports;
    if (!Array.isArray(reports) || reports.length !== data.classes.length) {
      return modelFormatFail(
        `classFitReports must be ${data.classes.length} fit reports, one per class`,
      );
    }
    const classFitReports = reports.map((r, k) =>
      checkFitReport(r, modelFormatFail, `classFitReports[${k}]`),
    );
    return new OneVsRestModel({ ...data, classFitReports });
  }
}
