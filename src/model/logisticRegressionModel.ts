import { OptionError, ShapeError, ValueError } from '../errors.js';
import { scaledScore } from '../math/scaledScore.js';
import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import { linearScores, probabilities } from '../kernels/scoreKernel.js';
import { sigmoid } from '../math/sigmoid.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { describe, toFeatureMatrix } from '../validation/toMatrix.js';
import type { FitReport } from '../options/fitReport.js';
import { checkPredictOptions } from '../options/predictOptions.js';
import type { PredictOptions } from '../options/predictOptions.js';
import type { Label } from '../options/trainOptions.js';
import type { InferenceData } from '../inference/inferenceData.js';
import { summarize } from '../inference/summarize.js';
import type { ModelSummary, SummaryOptions } from '../inference/summarize.js';
import { predictInterval } from '../inference/predictInterval.js';
import type { PredictIntervalOptions, PredictionIntervals } from '../inference/predictInterval.js';
import { marginalEffects } from '../inference/marginalEffects.js';
import type { MarginalEffects, MarginalEffectsOptions } from '../inference/marginalEffects.js';
import type { Classifier } from './classifier.js';
import { MODEL_FORMAT, MODEL_VERSION, parseModelJSON } from './modelData.js';
import type { ModelData, ModelJSON } from './modelData.js';

/**
 * A fitted binary logistic regression: immutable data plus prediction.
 * P(y = positiveClass | x) = σ(w·x + b).
 *
 * A {@link Classifier} (`classes`, `predict`, `predictProba` as an n × 2 matrix, `toJSON`), with
 * what only a binary model has: `coefficients` and `intercept`, `positiveProbability` (the vector
 * of P(positiveClass)), `decisionFunction` (one logit per row), `threshold`, `summary` and
 * `predictInterval`.
 *
 * @example
 * const model = train([[0], [1], [2], [3]], ['no', 'no', 'yes', 'yes'], { C: 10 });
 * model.predict([[2.5]]); // ['yes']
 * model.positiveProbability([[2.5]]); // Float64Array [P('yes')]
 * model.predictProba([[2.5]]).data; // [P('no'), P('yes')]: columns in `classes` order
 * LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model))).positiveProbability([[1]]);
 */
export class LogisticRegressionModel implements ModelData, Classifier {
  readonly coefficients: readonly number[];
  readonly intercept: number;
  readonly classes: readonly [Label, Label];
  readonly positiveClass: Label;
  readonly negativeClass: Label;
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  readonly inference: InferenceData | undefined;
  readonly threshold: number | undefined;
  /** The name of the offset the model was fitted with (see `ModelData.offset`), or undefined. */
  readonly offset: string | undefined;
  private readonly w: Float64Array;

  constructor(data: ModelData) {
    this.coefficients = Object.freeze([...data.coefficients]);
    this.intercept = data.intercept;
    this.classes = Object.freeze([data.classes[0], data.classes[1]]) as readonly [Label, Label];
    this.positiveClass = data.positiveClass;
    this.negativeClass = data.classes[0] === data.positiveClass ? data.classes[1] : data.classes[0];
    this.featureNames = Object.freeze([...data.featureNames]);
    this.fitReport = deepFreeze(structuredClone(data.fitReport));
    this.inference =
      data.inference === undefined ? undefined : deepFreeze(structuredClone(data.inference));
    if (data.threshold !== undefined && !(data.threshold > 0 && data.threshold < 1)) {
      throw new OptionError(`threshold must be in (0, 1), got ${describe(data.threshold)}`);
    }
    this.threshold = data.threshold;
    this.offset = data.offset;
    this.w = Float64Array.from(data.coefficients);
    Object.freeze(this);
  }

  /** Number of features the model expects. */
  get nFeatures(): number {
    return this.coefficients.length;
  }

  /**
   * The logits z = X·w + b, one per row (the article's equation 1). X is dense (scored by the
   * WebAssembly SIMD kernel of src/kernels/scoreKernel.ts where available) or CSR (a row costs its
   * stored entries).
   */
  decisionFunction(X: MatrixInput, options: PredictOptions = {}): Float64Array {
    return this.offsetScores(X, 'decisionFunction', false, options);
  }

  /**
   * P(y = positiveClass | x) = σ(w·x + b) for each row (the article's equation 2): the vector
   * binary metrics (`rocAuc`, `logLoss`, `binaryReport`, …) take (it was `predictProba` before
   * every model's `predictProba` became the n × K matrix of {@link predictProba}).
   * With `options.threadPool`, large dense X is scored over its worker threads as well (same
   * results).
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  positiveProbability(X: MatrixInput, options: PredictOptions = {}): Float64Array {
    return this.offsetScores(X, 'positiveProbability', true, options);
  }

  /**
   * The class probabilities, as every {@link Classifier} gives them: an n × 2 row-major matrix,
   * column k = P(y = classes[k] | xᵢ). With zᵢ = w·xᵢ + b, the positive class's column is σ(zᵢ)
   * and the other σ(−zᵢ) (= 1 − σ(zᵢ), computed from the same e^(−|zᵢ|) so that a probability
   * near 0 keeps its digits); each row sums to 1 to rounding. Which column is the positive class
   * follows `classes`, not `positiveClass`.
   * @throws {ShapeError} X has another number of features than the model.
   * @throws {ValueError} a non-finite entry in X.
   */
  predictProba(X: MatrixInput, options: PredictOptions = {}): Matrix {
    const z = this.offsetScores(X, 'predictProba', false, options);
    const positive = this.classes[0] === this.positiveClass ? 0 : 1;
    const data = new Float64Array(2 * z.length);
    for (let i = 0; i < z.length; i++) {
      // σ(z) = 1/(1 + e) and σ(−z) = e/(1 + e) for z ≥ 0, with e = e^(−|z|) ≤ 1 (never overflows).
      const e = Math.exp(-Math.abs(z[i]));
      const big = 1 / (1 + e);
      const small = e / (1 + e);
      data[2 * i + positive] = z[i] >= 0 ? big : small;
      data[2 * i + 1 - positive] = z[i] >= 0 ? small : big;
    }
    return { rows: z.length, cols: 2, data };
  }

  /**
   * The predicted class of each row: the positive class where z > 0 (P > 0.5), or where
   * P ≥ {@link threshold} when the model carries one.
   */
  predict(X: MatrixInput, options: PredictOptions = {}): Label[] {
    const z = this.offsetScores(X, 'predict', false, options);
    const out: Label[] = new Array<Label>(z.length);
    const t = this.threshold;
    for (let i = 0; i < z.length; i++) {
      const positive = t === undefined ? z[i] > 0 : sigmoid(z[i]) >= t;
      out[i] = positive ? this.positiveClass : this.negativeClass;
    }
    return out;
  }

  /** The same model with another decision threshold (undefined: back to P > 0.5). */
  withThreshold(threshold: number | undefined): LogisticRegressionModel {
    return new LogisticRegressionModel({ ...this.toJSON(), threshold });
  }

  /**
   * Average marginal effects on the rows of X with delta-method standard errors, as statsmodels'
   * `get_margeff(at='overall')`; see {@link marginalEffects}.
   */
  marginalEffects(X: MatrixInput, options?: MarginalEffectsOptions): MarginalEffects {
    return marginalEffects(this, X, options);
  }

  /**
   * The scores with the offset the options give (z = X·w + b + offset, as R's `predict.glm` takes
   * it from `newdata`), checked against the model's: one finite value per row when the model
   * has an offset, none otherwise. With `probability`, σ(z).
   */
  private offsetScores(
    X: MatrixInput,
    where: string,
    probability: boolean,
    options: PredictOptions,
  ): Float64Array {
    const offset = checkPredictOptions(options, where).offset;
    if (this.offset === undefined) {
      if (offset !== undefined) {
        throw new OptionError(
          `${where}: option 'offset' applies to models fitted with one; this model has none`,
        );
      }
      return this.scores(X, where, probability, options);
    }
    if (offset === undefined) {
      throw new OptionError(
        `${where}: the model was fitted with the offset '${this.offset}'; pass option 'offset', one value per row`,
      );
    }
    const z = this.scores(X, where, false, options);
    if (offset.length !== z.length) {
      throw new ShapeError(
        `${where}: offset has ${offset.length} values, but X has ${z.length} rows`,
      );
    }
    for (let i = 0; i < z.length; i++) {
      const o = offset[i]!;
      if (!Number.isFinite(o)) {
        throw new ValueError(`${where}: offset[${i}] is ${String(o)}; offsets must be finite`);
      }
      z[i] = probability ? sigmoid(z[i]! + o) : z[i]! + o;
    }
    return z;
  }

  /**
   * Row i's score summed with its features scaled (see scaledScore), for rows whose plain sum is
   * Inf − Inf although every entry is finite.
   * @throws {ValueError} when even the scaled sum overflows.
   */
  private rescaledScore(m: FeatureMatrix, i: number, where: string): number {
    const z = isSparseMatrix(m)
      ? scaledScore(
          m.values.subarray(m.indptr[i], m.indptr[i + 1]),
          m.indices.subarray(m.indptr[i], m.indptr[i + 1]),
          this.w,
          this.intercept,
        )
      : scaledScore(
          m.data.subarray(i * m.cols, (i + 1) * m.cols),
          undefined,
          this.w,
          this.intercept,
        );
    if (Number.isNaN(z)) {
      throw new ValueError(
        `${where}: the score of row ${i} cannot be represented (its terms overflow a double even when scaled); rescale the features`,
      );
    }
    return z;
  }

  /**
   * The checked logits. Dense X is not scanned for NaN and infinities up front: such an entry
   * makes its row's z non-finite, and only then is X scanned, to name the entry. With
   * `probability`, σ(z) from the same kernel pass; with `options.threadPool`, over its workers.
   */
  private scores(
    X: MatrixInput,
    where: string,
    probability: boolean,
    options: PredictOptions,
  ): Float64Array {
    const pool = checkPredictOptions(options, where).threadPool;
    const m = toFeatureMatrix(X, where, 'X', false);
    if (m.cols !== this.w.length) {
      throw new ShapeError(
        `${where}: X has ${m.cols} features, but the model was trained on ${this.w.length}`,
      );
    }
    const z = new Float64Array(m.rows);
    if (isSparseMatrix(m)) {
      for (let i = 0; i < m.rows; i++) {
        let s = sparseRowScore(m, i, this.w, this.intercept);
        if (Number.isNaN(s)) s = this.rescaledScore(m, i, where);
        z[i] = probability ? sigmoid(s) : s;
      }
      return z;
    }
    if (probability) {
      probabilities(m, this.w, this.intercept, z, 'auto', pool);
      // σ is NaN, 0 or 1 where z is not finite, but 0 or 1 also where |z| is merely large: only
      // then are the logits computed, to tell the two apart (and to rescue Inf − Inf).
      for (let i = 0; i < z.length; i++) {
        if (!(z[i] > 0 && z[i] < 1)) {
          const logits = this.scores(m, where, false, options);
          for (let k = i; k < z.length; k++) if (Number.isNaN(z[k])) z[k] = sigmoid(logits[k]);
          break;
        }
      }
      return z;
    }
    linearScores(m, this.w, this.intercept, z, 'auto', pool);
    // v − v is 0, or NaN for ±∞ and NaN: one sum finds a non-finite score.
    let check = 0;
    for (let i = 0; i < z.length; i++) check += z[i] - z[i];
    if (check !== 0) {
      toFeatureMatrix(X, where); // throws, naming a non-finite entry
      // Finite entries near the largest double can give Inf − Inf: such rows are summed again.
      for (let i = 0; i < m.rows; i++)
        if (Number.isNaN(z[i])) z[i] = this.rescaledScore(m, i, where);
    }
    return z;
  }

  /**
   * The coefficient table (estimates, standard errors, z, p-values, confidence intervals, odds
   * ratios) and fit statistics, as R's `summary(glm)`; see {@link summarize}.
   */
  summary(options?: SummaryOptions): ModelSummary {
    return summarize(this, options);
  }

  /**
   * Predictions with standard errors and confidence intervals on the link and probability scales,
   * as R's `predict.glm(se.fit = TRUE)`; see {@link predictInterval}.
   */
  predictInterval(X: MatrixInput, options?: PredictIntervalOptions): PredictionIntervals {
    return predictInterval(this, X, options);
  }

  /** Plain JSON data; `JSON.stringify(model)` calls it. Doubles survive the round trip exactly. */
  toJSON(): ModelJSON {
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      coefficients: [...this.coefficients],
      intercept: this.intercept,
      classes: [this.classes[0], this.classes[1]],
      positiveClass: this.positiveClass,
      featureNames: [...this.featureNames],
      fitReport: structuredClone(this.fitReport),
      ...(this.inference === undefined ? {} : { inference: structuredClone(this.inference) }),
      ...(this.threshold === undefined ? {} : { threshold: this.threshold }),
      ...(this.offset === undefined ? {} : { offset: this.offset }),
    };
  }

  /**
   * Rebuilds a model from {@link toJSON}'s output (parsed JSON).
   * @throws {ModelFormatError} another format, a future version, or missing/corrupt fields.
   */
  static fromJSON(json: unknown): LogisticRegressionModel {
    return new LogisticRegressionModel(parseModelJSON(json));
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
