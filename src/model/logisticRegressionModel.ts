import { checkFitReport } from './checkFitReport.js';
import { ModelFormatError, OptionError, ShapeError, ValueError } from '../errors.js';
import { scaledScore } from '../math/scaledScore.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { linearScores, probabilities } from '../kernels/scoreKernel.js';
import { sigmoid } from '../math/sigmoid.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { describe, toFeatureMatrix } from '../validation/toMatrix.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';
import type { InferenceData } from '../inference/inferenceData.js';
import { summarize } from '../inference/summarize.js';
import type { ModelSummary, SummaryOptions } from '../inference/summarize.js';
import { predictInterval } from '../inference/predictInterval.js';
import type { PredictIntervalOptions, PredictionIntervals } from '../inference/predictInterval.js';
import { marginalEffects } from '../inference/marginalEffects.js';
import type { MarginalEffects, MarginalEffectsOptions } from '../inference/marginalEffects.js';

/** The `format` tag of a serialized model. */
export const MODEL_FORMAT = 'logreg-model';
/** The serialization version this build writes and the newest it reads. */
export const MODEL_VERSION = 1;

/** The plain data of a fitted binary model: what `toJSON` writes and `fromJSON` reads. */
export interface ModelData {
  /** One per feature, in original units. */
  readonly coefficients: readonly number[];
  readonly intercept: number;
  /** The two classes, sorted. */
  readonly classes: readonly [Label, Label];
  /** The class whose probability `predictProba` returns. */
  readonly positiveClass: Label;
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  /** Likelihoods and covariance for {@link LogisticRegressionModel.summary}. */
  readonly inference?: InferenceData | undefined;
  /**
   * Decision threshold on P(positive): `predict` says positive where P ≥ threshold. Absent: the
   * usual rule z > 0 (P > 0.5).
   */
  readonly threshold?: number | undefined;
  /**
   * The name of the offset the model was fitted with (option `offset` of `train`): its scores are
   * z = w·x + b + offset, and every prediction needs the offset of each row. Absent: none.
   */
  readonly offset?: string | undefined;
}

/** Options of the binary model's predictions. */
export interface PredictOptions {
  /**
   * One offset per row of X, added to the score (z = w·x + b + offset), as R's `predict.glm` takes
   * the offset from `newdata`. Required by a model fitted with an offset, refused by the others.
   */
  readonly offset?: readonly number[] | Float64Array;
}

/** The JSON form of a model. */
export interface ModelJSON extends ModelData {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
}

/**
 * A fitted binary logistic regression: immutable data plus prediction.
 * P(y = positiveClass | x) = σ(w·x + b).
 *
 * @example
 * const model = train([[0], [1], [2], [3]], ['no', 'no', 'yes', 'yes'], { C: 10 });
 * model.predict([[2.5]]); // ['yes']
 * LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model))).predictProba([[1]]);
 */
export class LogisticRegressionModel implements ModelData {
  readonly coefficients: readonly number[];
  readonly intercept: number;
  readonly classes: readonly [Label, Label];
  readonly positiveClass: Label;
  readonly negativeClass: Label;
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  readonly inference: InferenceData | undefined;
  readonly threshold: number | undefined;
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
   * stored entries). With an offset (see {@link PredictOptions}), z = X·w + b + offset.
   */
  decisionFunction(X: MatrixInput, options?: PredictOptions): Float64Array {
    return this.offsetScores(X, options, 'decisionFunction', false);
  }

  /** P(y = positiveClass | x) = σ(w·x + b) for each row (the article's equation 2). */
  predictProba(X: MatrixInput, options?: PredictOptions): Float64Array {
    return this.offsetScores(X, options, 'predictProba', true);
  }

  /**
   * The predicted class of each row: the positive class where z > 0 (P > 0.5), or where
   * P ≥ {@link threshold} when the model carries one.
   */
  predict(X: MatrixInput, options?: PredictOptions): Label[] {
    const z = this.offsetScores(X, options, 'predict', false);
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
   * The scores with the offset the options give, checked against the model's: one finite value
   * per row when the model has an offset, none otherwise.
   */
  private offsetScores(
    X: MatrixInput,
    options: PredictOptions | undefined,
    where: string,
    probability: boolean,
  ): Float64Array {
    const offset = options?.offset;
    if (this.offset === undefined) {
      if (offset !== undefined) {
        throw new OptionError(
          `${where}: option 'offset' applies to models fitted with one; this model has none`,
        );
      }
      return this.scores(X, where, probability);
    }
    if (offset === undefined) {
      throw new OptionError(
        `${where}: the model was fitted with the offset '${this.offset}'; pass option 'offset', one value per row`,
      );
    }
    const z = this.scores(X, where);
    if (offset.length !== z.length) {
      throw new ShapeError(
        `${where}: offset has ${offset.length} values, but X has ${z.length} rows`,
      );
    }
    for (let i = 0; i < z.length; i++) {
      const o = offset[i];
      if (!Number.isFinite(o)) {
        throw new ValueError(`${where}: offset[${i}] is ${String(o)}; offsets must be finite`);
      }
      z[i] = probability ? sigmoid(z[i] + o) : z[i] + o;
    }
    return z;
  }

  /**
   * The checked logits. Dense X is not scanned for NaN and infinities up front: such an entry
   * makes its row's z non-finite, and only then is X scanned, to name the entry. With
   * `probability`, σ(z) from the same kernel pass.
   */
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

  private scores(X: MatrixInput, where: string, probability = false): Float64Array {
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
      probabilities(m, this.w, this.intercept, z);
      // σ is NaN, 0 or 1 where z is not finite, but 0 or 1 also where |z| is merely large: only
      // then are the logits computed, to tell the two apart (and to rescue Inf − Inf).
      for (let i = 0; i < z.length; i++) {
        if (!(z[i] > 0 && z[i] < 1)) {
          const logits = this.scores(m, where);
          for (let k = i; k < z.length; k++) if (Number.isNaN(z[k])) z[k] = sigmoid(logits[k]);
          break;
        }
      }
      return z;
    }
    linearScores(m, this.w, this.intercept, z);
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

  /**
   * Average marginal effects on the rows of X with delta-method standard errors, as statsmodels'
   * `get_margeff(at='overall')`; see {@link marginalEffects}.
   */
  marginalEffects(X: MatrixInput, options?: MarginalEffectsOptions): MarginalEffects {
    return marginalEffects(this, X, options);
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

function parseModelJSON(json: unknown): ModelData {
  const fail = (what: string): never => {
    throw new ModelFormatError(`fromJSON: ${what}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(`expected a model object, got ${describe(json)}`);
  }
  const o = json as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) {
    return fail(`format must be "${MODEL_FORMAT}", got ${describe(o.format)}`);
  }
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
    return fail(`version must be a positive integer, got ${describe(o.version)}`);
  }
  if (o.version > MODEL_VERSION) {
    return fail(
      `the model has format version ${o.version}, newer than this logreg reads (${MODEL_VERSION}); upgrade logreg`,
    );
  }
  const coefficients = o.coefficients;
  if (
    !Array.isArray(coefficients) ||
    !coefficients.every((c) => typeof c === 'number' && Number.isFinite(c))
  ) {
    return fail('coefficients must be an array of finite numbers');
  }
  if (typeof o.intercept !== 'number' || !Number.isFinite(o.intercept)) {
    return fail(`intercept must be a finite number, got ${describe(o.intercept)}`);
  }
  const classes = o.classes;
  const isLabel = (v: unknown): boolean =>
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v));
  if (
    !Array.isArray(classes) ||
    classes.length !== 2 ||
    !classes.every(isLabel) ||
    classes[0] === classes[1]
  ) {
    return fail('classes must be two distinct labels');
  }
  if (!classes.includes(o.positiveClass)) {
    return fail(`positiveClass ${describe(o.positiveClass)} is not one of the classes`);
  }
  const names = o.featureNames;
  if (
    !Array.isArray(names) ||
    !names.every((n) => typeof n === 'string') ||
    names.length !== coefficients.length
  ) {
    return fail(`featureNames must be ${coefficients.length} strings, one per coefficient`);
  }
  const report = checkFitReport(o.fitReport, fail);
  if (report.aliased !== undefined && report.aliased.length !== coefficients.length) {
    return fail(`fitReport.aliased must be ${coefficients.length} booleans, one per coefficient`);
  }
  if (
    o.threshold !== undefined &&
    !(typeof o.threshold === 'number' && o.threshold > 0 && o.threshold < 1)
  ) {
    return fail(`threshold must be a number in (0, 1), got ${describe(o.threshold)}`);
  }
  if (o.offset !== undefined && !(typeof o.offset === 'string' && o.offset.length > 0)) {
    return fail(`offset must be the name of the model's offset, got ${describe(o.offset)}`);
  }
  const inference = o.inference;
  if (inference !== undefined) checkInference(inference, coefficients.length, fail);
  return {
    ...(o.offset === undefined ? {} : { offset: o.offset as string }),
    inference: inference as InferenceData | undefined,
    threshold: o.threshold as number | undefined,
    coefficients: coefficients as number[],
    intercept: o.intercept,
    classes: [classes[0] as Label, classes[1] as Label],
    positiveClass: o.positiveClass as Label,
    featureNames: names as string[],
    fitReport: report,
  };
}

function checkInference(value: unknown, p: number, fail: (what: string) => never): void {
  if (typeof value !== 'object' || value === null) fail('inference must be an object');
  const v = value as Record<string, unknown>;
  for (const key of ['logLikelihood', 'nullLogLikelihood', 'nObservations']) {
    if (typeof v[key] !== 'number') fail(`inference.${key} must be a number`);
  }
  const cov = v.covariance;
  if (cov !== null) {
    const d1 = p * p;
    const d2 = (p + 1) * (p + 1);
    if (
      !Array.isArray(cov) ||
      (cov.length !== d1 && cov.length !== d2) ||
      !cov.every((c) => typeof c === 'number')
    ) {
      fail(
        'inference.covariance must be null or a square matrix of numbers matching the coefficients',
      );
    }
  }
  if (v.covarianceNote !== undefined && typeof v.covarianceNote !== 'string') {
    fail('inference.covarianceNote must be a string');
  }
  const profile = v.profile as Record<string, unknown> | undefined | null;
  if (profile !== undefined) {
    const bounds = (b: unknown): boolean =>
      Array.isArray(b) && b.every((x) => x === null || typeof x === 'number');
    if (
      typeof profile !== 'object' ||
      profile === null ||
      typeof profile.level !== 'number' ||
      !(profile.level > 0 && profile.level < 1) ||
      !bounds(profile.lower) ||
      !bounds(profile.upper) ||
      (profile.lower as unknown[]).length !== (profile.upper as unknown[]).length
    ) {
      fail('inference.profile must be { level in (0, 1), lower: [numbers], upper: [numbers] }');
    }
  }
  const robust = v.robust as { type?: unknown; covariance?: unknown } | undefined;
  if (
    robust !== undefined &&
    !(
      typeof robust === 'object' &&
      robust !== null &&
      ['hc0', 'hc1', 'hc2', 'hc3'].includes(robust.type as string) &&
      Array.isArray(robust.covariance) &&
      Array.isArray(cov) &&
      robust.covariance.length === cov.length &&
      robust.covariance.every((c) => typeof c === 'number')
    )
  ) {
    fail(
      "inference.robust must be { type: 'hc0' | 'hc1' | 'hc2' | 'hc3', covariance } with a matrix the size of inference.covariance",
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
