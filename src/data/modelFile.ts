import { ModelFormatError } from '../errors.js';
import { MODEL_FORMAT } from '../model/modelData.js';
import type { ModelJSON } from '../model/modelData.js';
import { modelFromJSON } from '../model/modelFromJSON.js';
import type { FittedModel } from '../model/modelFromJSON.js';
import type { MultinomialModelJSON } from '../model/multinomialModel.js';
import type { OneVsRestModelJSON } from '../model/oneVsRestModel.js';
import { featureNamesOf } from './designMatrix.js';
import type { FeatureEncoding } from './designMatrix.js';
import { libsvmFeatureIndex } from './libsvmData.js';
import { checkFormulaDesign } from './formula/formulaModel.js';
import type { FormulaDesign } from './formula/formulaDesign.js';

/** The `format` of a model file written by the command line. */
export const MODEL_FILE_FORMAT = 'logreg-cli-model';
/** Its version; {@link parseModelFile} refuses newer ones. */
export const MODEL_FILE_VERSION = 1;

/**
 * What a model file holds: the library's model JSON and everything that turns a data file into
 * its design matrix. Standardization lives in the library model (its coefficients are in the
 * original units).
 */
export interface ModelFile {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly version: typeof MODEL_FILE_VERSION;
  /** The target column of the training data (`label` for LIBSVM). */
  readonly target: string;
  /** The sample-weight column, or null. */
  readonly weights: string | null;
  /** The format of the training data: prediction on LIBSVM pads to the model's features. */
  readonly dataFormat: 'csv' | 'libsvm';
  /** The input columns in order, with the levels of categorical columns. */
  readonly features: readonly FeatureEncoding[];
  /** The training data: file as named, rows used, rows dropped for missing values. */
  readonly training: { readonly file: string; readonly rows: number; readonly droppedRows: number };
  /** The library model: binary, or (with `kind`) multinomial or one-vs-rest. */
  readonly model: ModelJSON | MultinomialModelJSON | OneVsRestModelJSON;
  /**
   * A model trained with `--formula`: the fitted formula, which builds the design from data
   * (`features` is then empty). Absent in other model files, and in files written before formulas.
   */
  readonly formula?: FormulaDesign;
}

/** A model file read back: the live model and its input description. */
export interface LoadedModel {
  readonly file: ModelFile;
  /** Binary (`LogisticRegressionModel`) or multiclass; commands branch with `instanceof`. */
  readonly model: FittedModel;
}

/** Above this many features a model file is written on one line (no indentation). */
const indentedFeatureLimit = 10_000;

/**
 * The model file's text: JSON ending in a newline, two-space indented up to 10,000 features and
 * on one line above (indentation would double a large file). The input columns of a LIBSVM
 * model, numeric features `x<k>` named as the model's features (`x1 … xp`, or the indices that
 * the training file used), are written as `"features": "libsvm"`, not one object per column.
 */
export function modelFileText(file: ModelFile): string {
  const p = file.features.length;
  const names = file.model.featureNames;
  const compact =
    file.dataFormat === 'libsvm' &&
    names.length === p &&
    file.features.every(
      (e, j) =>
        e.kind === 'numeric' && e.column === names[j] && libsvmFeatureIndex(e.column) !== undefined,
    );
  const json = compact ? { ...file, features: LIBSVM_FEATURES } : file;
  return `${p > indentedFeatureLimit ? JSON.stringify(json) : JSON.stringify(json, null, 2)}\n`;
}

/**
 * The `features` of a model file whose input columns are LIBSVM features, numeric and named as
 * the model's features (`x<k>`, k the 1-based index in the file). Files written before models
 * kept only the indices in use have the names `x1 … xp` and read the same way.
 */
const LIBSVM_FEATURES = 'libsvm';

/**
 * Parses the text of a model file written by `logreg train`. A bare library model (`JSON.stringify(model)`,
 * format `logreg-model`) is accepted too: its features are then numeric columns named by its
 * `featureNames`.
 *
 * @throws {ModelFormatError} not JSON, another format, a newer version, or inconsistent content.
 */
export function parseModelFile(text: string, path: string): LoadedModel {
  const fail = (problem: string): never => {
    throw new ModelFormatError(`${path}: ${problem}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`not a model file: not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('not a model file: expected a JSON object');
  }
  const o = json as Record<string, unknown>;
  if (o.format === MODEL_FORMAT) return bareModel(json, path);
  if (o.format !== MODEL_FILE_FORMAT) {
    return fail(
      `not a model file: format is ${JSON.stringify(o.format)}, expected "${MODEL_FILE_FORMAT}"`,
    );
  }
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
    return fail(`version must be a positive integer, got ${JSON.stringify(o.version)}`);
  }
  if (o.version > MODEL_FILE_VERSION) {
    return fail(`written by a newer logreg (model file version ${o.version}); upgrade logreg`);
  }
  if (typeof o.target !== 'string') fail('"target" must be a column name');
  if (o.weights !== null && typeof o.weights !== 'string')
    fail('"weights" must be a column name or null');
  if (o.dataFormat !== 'csv' && o.dataFormat !== 'libsvm')
    fail('"dataFormat" must be "csv" or "libsvm"');
  if (o.formula !== undefined) return formulaModelFile(o, path);
  const libsvmFeatures = o.features === LIBSVM_FEATURES && o.dataFormat === 'libsvm';
  if (!libsvmFeatures && (!Array.isArray(o.features) || !o.features.every(isEncoding))) {
    fail('"features" must list the input columns ({ column, kind, levels, reference })');
  }
  const model = libraryModel(o.model, path);
  if (
    libsvmFeatures &&
    !model.featureNames.every((name) => libsvmFeatureIndex(name) !== undefined)
  ) {
    fail('"features": "libsvm" needs feature names x<k> (k a LIBSVM feature index)');
  }
  const features = libsvmFeatures
    ? model.featureNames.map((column): FeatureEncoding => ({ column, kind: 'numeric' }))
    : (o.features as FeatureEncoding[]);
  const expected = featureNamesOf(features);
  const names = model.featureNames;
  if (expected.length !== names.length || expected.some((name, j) => name !== names[j])) {
    fail("the input columns do not match the model's feature names");
  }
  requireDistinctColumns(features, fail);
  const training = o.training as ModelFile['training'] | undefined;
  return {
    file: {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      target: o.target as string,
      weights: o.weights as string | null,
      dataFormat: o.dataFormat as 'csv' | 'libsvm',
      features,
      training: training ?? { file: '', rows: model.fitReport.nObservations, droppedRows: 0 },
      model: model.toJSON(),
    },
    model,
  };
}

/** A model file of `train --formula`: the formula checked against the model's feature names. */
function formulaModelFile(o: Record<string, unknown>, path: string): LoadedModel {
  const model = libraryModel(o.model, path);
  const formula = checkFormulaDesign(o.formula, model.featureNames, path);
  if (o.dataFormat !== 'csv' || !Array.isArray(o.features) || o.features.length !== 0) {
    throw new ModelFormatError(
      `${path}: a formula model has "dataFormat": "csv" and "features": []`,
    );
  }
  const training = o.training as ModelFile['training'] | undefined;
  return {
    file: {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      target: o.target as string,
      weights: o.weights as string | null,
      dataFormat: 'csv',
      features: [],
      training: training ?? { file: '', rows: model.fitReport.nObservations, droppedRows: 0 },
      model: model.toJSON(),
      formula,
    },
    model,
  };
}

function bareModel(json: unknown, path: string): LoadedModel {
  const model = libraryModel(json, path);
  requireDistinctColumns(
    model.featureNames.map((column) => ({ column, kind: 'numeric' as const })),
    (problem) => {
      throw new ModelFormatError(`${path}: ${problem}`);
    },
  );
  return {
    file: {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      target: 'y',
      weights: null,
      dataFormat: 'csv',
      features: model.featureNames.map((column) => ({ column, kind: 'numeric' as const })),
      training: { file: '', rows: model.fitReport.nObservations, droppedRows: 0 },
      model: model.toJSON(),
    },
    model,
  };
}

function libraryModel(json: unknown, path: string): FittedModel {
  try {
    return modelFromJSON(json);
  } catch (error) {
    if (error instanceof ModelFormatError) {
      throw new ModelFormatError(`${path}: ${error.message.replace(/^fromJSON: /, '')}`);
    }
    throw error;
  }
}

function isEncoding(value: unknown): value is FeatureEncoding {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (typeof e.column !== 'string') return false;
  if (e.kind === 'numeric') return true;
  return (
    e.kind === 'categorical' &&
    Array.isArray(e.levels) &&
    e.levels.every((level) => typeof level === 'string') &&
    (e.reference === null || (typeof e.reference === 'string' && e.levels.includes(e.reference)))
  );
}

/**
 * An input column may be listed once: a data file's column cannot be told apart from itself, and
 * a LIBSVM feature listed twice would feed one of its coefficients zeros (a hand-edited file).
 */
function requireDistinctColumns(
  features: readonly FeatureEncoding[],
  fail: (problem: string) => never,
): void {
  const seen = new Set<string>();
  for (const { column } of features) {
    if (seen.has(column)) fail(`the input column ${JSON.stringify(column)} is listed twice`);
    seen.add(column);
  }
}
