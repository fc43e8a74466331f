import { checkFitReport } from './checkFitReport.js';
import { ModelFormatError, ShapeError } from '../errors.js';
import type { Matrix, MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { SparseMatrix } from '../linalg/sparseMatrix.js';
import { describe, toFeatureMatrix } from '../validation/toMatrix.js';
import { rescueClassScores } from './extremeScores.js';
import { compareLabels } from './encodeLabels.js';
import type { FitReport } from '../options/fitReport.js';
import { MODEL_FORMAT, MODEL_VERSION } from './modelData.js';
import type { Label } from '../options/trainOptions.js';

/**
 * What the multiclass models share: K linear scores zₖ = wₖ·x + bₖ, one per class, in original
 * units. The two models differ only in how scores become probabilities.
 */
export interface MulticlassModelData {
  /** K × p: row k holds the coefficients of class `classes[k]`, one per feature. */
  readonly coefficients: readonly (readonly number[])[];
  /** K intercepts, one per class. */
  readonly intercepts: readonly number[];
  /** The K ≥ 2 classes, sorted (numbers numerically, strings by code unit, false < true). */
  readonly classes: readonly Label[];
  readonly featureNames: readonly string[];
  readonly fitReport: FitReport;
}

/** The packed form of {@link MulticlassModelData} that prediction reads. */
export interface PackedScores {
  /** K × p row-major. */
  readonly w: Float64Array;
  readonly b: Float64Array;
  readonly p: number;
}

/** Copies the coefficient rows into one row-major K × p array. */
export function packScores(data: MulticlassModelData): PackedScores {
  const K = data.intercepts.length;
  const p = data.featureNames.length;
  const w = new Float64Array(K * p);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) w[k * p + j] = data.coefficients[k][j];
  return { w, b: Float64Array.from(data.intercepts), p };
}

/**
 * The n × K matrix of scores zᵢₖ = wₖ·xᵢ + bₖ (row i, column k = `classes[k]`); X dense or CSR
 * (a CSR row costs O(K·nnzᵢ): only its stored entries are read). A score that is Inf − Inf in
 * the plain sum (finite entries near the largest double) is summed again scaled (see
 * `rescueClassScores`); it may be ±∞, never NaN.
 * @throws {ShapeError} when X does not have p features (named after `where`).
 */
export function classScores(X: MatrixInput, packed: PackedScores, where: string): Matrix {
  const m = toFeatureMatrix(X, where);
  const { w, b, p } = packed;
  if (m.cols !== p) {
    throw new ShapeError(`${where}: X has ${m.cols} features, but the model was trained on ${p}`);
  }
  const scores = isSparseMatrix(m) ? sparseClassScores(m, packed) : denseClassScores(m, packed);
  // v − v is 0, or NaN for ±∞ and NaN: one sum finds a NaN score (X is finite: Inf − Inf).
  let check = 0;
  for (let t = 0; t < scores.data.length; t++) check += scores.data[t] - scores.data[t];
  if (Number.isNaN(check)) rescueClassScores(m, w, b, scores.data, where);
  return scores;
}

function denseClassScores(m: Matrix, packed: PackedScores): Matrix {
  const { w, b, p } = packed;
  const K = b.length;
  const out = new Float64Array(m.rows * K);
  for (let i = 0; i < m.rows; i++) {
    const offset = i * p;
    for (let k = 0; k < K; k++) {
      let z = b[k];
      for (let j = 0; j < p; j++) z += w[k * p + j] * m.data[offset + j];
      out[i * K + k] = z;
    }
  }
  return { rows: m.rows, cols: K, data: out };
}

function sparseClassScores(X: SparseMatrix, packed: PackedScores): Matrix {
  const { rows, indptr, indices, values } = X;
  const { w, b, p } = packed;
  const K = b.length;
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    for (let k = 0; k < K; k++) {
      let z = b[k];
      const wk = k * p;
      for (let t = start; t < end; t++) z += w[wk + indices[t]] * values[t];
      out[i * K + k] = z;
    }
  }
  return { rows, cols: K, data: out };
}

/** The class with the largest score in each row (the first one on ties, as `np.argmax`). */
export function argmaxLabels(scores: Matrix, classes: readonly Label[]): Label[] {
  const { rows, cols: K, data } = scores;
  const out = new Array<Label>(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (data[i * K + k] > data[i * K + best]) best = k;
    out[i] = classes[best];
  }
  return out;
}

/** A frozen deep copy of the shared fields. */
export function freezeMulticlassData(data: MulticlassModelData): MulticlassModelData {
  return {
    coefficients: Object.freeze(data.coefficients.map((row) => Object.freeze([...row]))),
    intercepts: Object.freeze([...data.intercepts]),
    classes: Object.freeze([...data.classes]),
    featureNames: Object.freeze([...data.featureNames]),
    fitReport: frozenClone(data.fitReport),
  };
}

/** A deep copy, deeply frozen. */
export function frozenClone<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/** The shared fields as plain JSON data (fresh arrays). */
export function multiclassJSON(data: MulticlassModelData): MulticlassModelData {
  return {
    coefficients: data.coefficients.map((row) => [...row]),
    intercepts: [...data.intercepts],
    classes: [...data.classes],
    featureNames: [...data.featureNames],
    fitReport: structuredClone(data.fitReport),
  };
}

/**
 * Checks the envelope (`format`, `version`, `kind`) and the shared fields of a serialized
 * multiclass model and returns the parsed object with those fields.
 * @throws {ModelFormatError} naming the first field that is wrong.
 */
export function parseMulticlassJSON(
  json: unknown,
  kind: string,
): { readonly data: MulticlassModelData; readonly object: Record<string, unknown> } {
  const o = checkEnvelope(json, kind);
  const classes = o.classes;
  if (!Array.isArray(classes) || classes.length < 2 || !classes.every(isLabel)) {
    return modelFormatFail('classes must be an array of at least two labels');
  }
  const sorted = [...(classes as Label[])].sort(compareLabels);
  if (
    new Set(classes).size !== classes.length ||
    new Set(classes.map((c) => typeof c)).size !== 1 ||
    sorted.some((c, k) => c !== classes[k])
  ) {
    return modelFormatFail('classes must be distinct, sorted labels of one type');
  }
  const K = classes.length;
  const names = o.featureNames;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    return modelFormatFail('featureNames must be an array of strings');
  }
  const p = names.length;
  const coefficients = o.coefficients;
  if (
    !Array.isArray(coefficients) ||
    coefficients.length !== K ||
    !coefficients.every((row) => Array.isArray(row) && row.length === p && row.every(isFinite))
  ) {
    return modelFormatFail(
      `coefficients must be ${K} rows (one per class) of ${p} finite numbers (one per feature)`,
    );
  }
  const intercepts = o.intercepts;
  if (!Array.isArray(intercepts) || intercepts.length !== K || !intercepts.every(isFinite)) {
    return modelFormatFail(`intercepts must be ${K} finite numbers, one per class`);
  }
  const report = checkFitReport(o.fitReport, modelFormatFail);
  return {
    object: o,
    data: {
      coefficients: coefficients as number[][],
      intercepts: intercepts as number[],
      classes: classes as Label[],
      featureNames: names as string[],
      fitReport: report,
    },
  };
}

function checkEnvelope(json: unknown, kind: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return modelFormatFail(`expected a model object, got ${describe(json)}`);
  }
  const o = json as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) {
    return modelFormatFail(`format must be "${MODEL_FORMAT}", got ${describe(o.format)}`);
  }
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
    return modelFormatFail(`version must be a positive integer, got ${describe(o.version)}`);
  }
  if (o.version > MODEL_VERSION) {
    return modelFormatFail(
      `the model has format version ${o.version}, newer than this logreg reads (${MODEL_VERSION}); upgrade logreg`,
    );
  }
  if (o.kind !== kind) {
    return modelFormatFail(
      `kind must be "${kind}", got ${o.kind === undefined ? 'none (a binary model)' : describe(o.kind)}`,
    );
  }
  return o;
}

/** Throws the {@link ModelFormatError} of a `fromJSON`. */
export function modelFormatFail(what: string): never {
  throw new ModelFormatError(`fromJSON: ${what}`);
}

function isLabel(v: unknown): boolean {
  return (
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
  );
}

function isFinite(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
