import { ModelFormatError, ShapeError } from '../../errors.js';
import type { Matrix } from '../../linalg/matrix.js';
import { LogisticRegressionModel } from '../../model/logisticRegressionModel.js';
import type { ModelJSON } from '../../model/modelData.js';
import type { Label } from '../../options/trainOptions.js';
import type { Table } from '../column.js';
import { completeRows } from '../completeRows.js';
import { formulaColumns, formulaMatrix } from './formulaDesign.js';
import type { FormulaDesign } from './formulaDesign.js';

/** The `format` of {@link FormulaModel.toJSON}. */
export const FORMULA_MODEL_FORMAT = 'logreg-formula-model';

/** A {@link FormulaModel} as JSON: the fitted formula and the library model. */
export interface FormulaModelJSON {
  readonly format: typeof FORMULA_MODEL_FORMAT;
  readonly version: 1;
  readonly design: FormulaDesign;
  readonly model: ModelJSON;
}

/**
 * A binary logistic regression fitted through a model formula (`trainFormula`): the model, whose
 * feature names are R's `model.matrix` column names, and the fitted formula, which builds the same
 * columns from new data (factor levels and `.` as in training). Immutable.
 */
export class FormulaModel {
  constructor(
    /** The fitted formula: what turns a table into the model's features. */
    readonly design: FormulaDesign,
    /** The model on the formula's columns (`featureNames` as R names them). */
    readonly model: LogisticRegressionModel,
  ) {}

  /**
   * The model matrix of a table's rows (without the intercept column): every row, or the given
   * ones (0-based).
   *
   * @throws {FormulaError} a column the table lacks.
   * @throws {DataFileError} a missing cell or a factor level not seen in training.
   */
  designMatrix(table: Table, rows?: Uint32Array): Matrix {
    return formulaMatrix(this.design, table, rows);
  }

  /**
   * P(positive class) of each row of `table` (R's `predict(fit, newdata, type = "response")`).
   * Rows with a missing value in a column the formula uses get NaN (R's `na.pass`). A model
   * fitted with an offset takes `options.offset`, one value per row of the table.
   *
   * @throws {DataFileError} a factor level not seen in training (naming line, column and value).
   * @throws {ShapeError} an offset whose length is not the table's row count.
   */
  positiveProbability(
    table: Table,
    options: { readonly offset?: readonly number[] | Float64Array } = {},
  ): Float64Array {
    const used = formulaColumns(this.design).filter((name) => name !== this.design.response);
    const { rows } = completeRows(table, used);
    const offset = options.offset;
    if (offset !== undefined && offset.length !== table.rowCount) {
      throw new ShapeError(
        `FormulaModel.positiveProbability: offset has ${offset.length} values, but the table has ${table.rowCount} rows`,
      );
    }
    const p = this.model.positiveProbability(
      formulaMatrix(this.design, table, rows),
      offset === undefined ? {} : { offset: Float64Array.from(rows, (row) => offset[row]!) },
    );
    const out = new Float64Array(table.rowCount).fill(NaN);
    rows.forEach((row, i) => (out[row] = p[i]!));
    return out;
  }

  /** The predicted class of each complete row of `table` (see {@link positiveProbability}). */
  predict(table: Table): Label[] {
    const used = formulaColumns(this.design).filter((name) => name !== this.design.response);
    const { rows } = completeRows(table, used);
    return this.model.predict(formulaMatrix(this.design, table, rows));
  }

  toJSON(): FormulaModelJSON {
    return {
      format: FORMULA_MODEL_FORMAT,
      version: 1,
      design: this.design,
      model: this.model.toJSON(),
    };
  }

  /**
   * Reads {@link toJSON}'s output.
   *
   * @throws {ModelFormatError} another format or version, or a formula whose columns do not match
   *   the model's features.
   */
  static fromJSON(json: unknown): FormulaModel {
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (o.format !== FORMULA_MODEL_FORMAT) {
      throw new ModelFormatError(
        `FormulaModel.fromJSON: format is ${JSON.stringify(o.format)}, expected "${FORMULA_MODEL_FORMAT}"`,
      );
    }
    if (o.version !== 1) {
      throw new ModelFormatError(
        `FormulaModel.fromJSON: version ${JSON.stringify(o.version)} is not 1; upgrade logreg`,
      );
    }
    const model = LogisticRegressionModel.fromJSON(o.model);
    const design = checkFormulaDesign(o.design, model.featureNames, 'FormulaModel.fromJSON');
    return new FormulaModel(design, model);
  }
}

/**
 * Checks the shape of a stored {@link FormulaDesign} and that its feature names are the model's.
 *
 * @throws {ModelFormatError} naming `where` and the problem.
 */
export function checkFormulaDesign(
  value: unknown,
  featureNames: readonly string[],
  where: string,
): FormulaDesign {
  const fail = (problem: string): never => {
    throw new ModelFormatError(`${where}: ${problem}`);
  };
  if (typeof value !== 'object' || value === null) return fail('"formula" must be an object');
  const d = value as Record<string, unknown>;
  const strings = (v: unknown): boolean =>
    Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (typeof d.formula !== 'string') fail('"formula.formula" must be the formula text');
  if (d.response !== null && typeof d.response !== 'string')
    fail('"formula.response" must be a column name or null');
  if (!strings(d.dotColumns)) fail('"formula.dotColumns" must list column names');
  if (typeof d.intercept !== 'boolean') fail('"formula.intercept" must be true or false');
  if (
    typeof d.levels !== 'object' ||
    d.levels === null ||
    !Object.values(d.levels).every(strings)
  ) {
    fail('"formula.levels" must map factor names to their levels');
  }
  const numbers = (v: unknown): boolean =>
    Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (
    d.poly !== undefined &&
    (typeof d.poly !== 'object' ||
      d.poly === null ||
      !Object.values(d.poly).every(
        (c: unknown) =>
          typeof c === 'object' &&
          c !== null &&
          numbers((c as Record<string, unknown>).alpha) &&
          numbers((c as Record<string, unknown>).norm2),
      ))
  ) {
    fail('"formula.poly" must map poly() variables to their { alpha, norm2 }');
  }
  if (!strings(d.featureNames)) fail('"formula.featureNames" must list the model matrix columns');
  const names = d.featureNames as string[];
  if (names.length !== featureNames.length || names.some((n, j) => n !== featureNames[j])) {
    fail("the formula's columns do not match the model's feature names");
  }
  return value as FormulaDesign;
}
