import { checkFitReport } from './checkFitReport.js';
import { ModelFormatError } from '../errors.js';
import type { InferenceData } from '../inference/inferenceData.js';
import type { FitReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';

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
  /** The class whose probability `positiveProbability` returns. */
  readonly positiveClass: Label;
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
  /** Likelihoods and covariance for `LogisticRegressionModel.summary`. */
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

/** The JSON form of a model. */
export interface ModelJSON extends ModelData {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
}

/**
 * Checks parsed JSON as a binary model's {@link ModelJSON} and returns its data: the format and
 * version, every field `fromJSON` reads (coefficients, intercept, classes, positive class, feature
 * names, fit report, threshold, inference).
 * @throws {ModelFormatError} naming the first field that is missing or corrupt.
 */
export function parseModelJSON(json: unknown): ModelData {
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
    inference: inference as InferenceData | undefined,
    threshold: o.threshold as number | undefined,
    coefficients: coefficients as number[],
    intercept: o.intercept,
    classes: [classes[0] as Label, classes[1] as Label],
    positiveClass: o.positiveClass as Label,
    featureNames: names as string[],
    fitReport: report,
    ...(o.offset === undefined ? {} : { offset: o.offset as string }),
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
