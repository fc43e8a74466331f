import { ShapeError } from '../../errors.js';
import type { LogisticRegressionModel } from '../../model/logisticRegressionModel.js';
import { train } from '../../model/train.js';
import type { TrainOptions } from '../../options/trainOptions.js';
import type { Table } from '../column.js';
import { completeRows } from '../completeRows.js';
import { columnsByName } from '../designMatrix.js';
import { readLabels } from '../targetLabels.js';
import { fitFormula, formulaInputColumns, formulaMatrix } from './formulaDesign.js';
import { FormulaError } from './formulaError.js';
import { FormulaModel } from './formulaModel.js';

/**
 * Fits a binary logistic regression given by a model formula, as R's
 * `glm(formula, family = binomial, data = table)`: the response is the formula's left side (its
 * second class in sorted order is the positive one, as R's factor response), the features are the
 * columns of R's `model.matrix` (treatment contrasts, R's names such as `race2:smoke`), the
 * intercept is the formula's (`- 1` or `+ 0` drop it), and rows with a missing value in a column
 * the formula uses are left out (R's `na.omit`). With `penalty: 'none'` the coefficients are R's.
 * `options` are {@link train}'s but `fitIntercept` and `featureNames`, which the formula decides;
 * `sampleWeight` and `offset` have one value per row of the table (those of dropped rows are
 * dropped too).
 *
 * @example
 * ```ts
 * // examples/formula.ts: R's glm(y ~ ..., binomial, pima)
 * const fit = trainFormula('y ~ glucose + mass + log(pedigree) + poly(age, 2) + I(pregnant > 0)', pima, {
 *   penalty: 'none',
 * });
 * fit.model.featureNames; // ['glucose', 'mass', 'log(pedigree)', 'poly(age, 2)1', 'poly(age, 2)2', 'I(pregnant > 0)TRUE']
 * fit.positiveProbability(newRows);
 * ```
 *
 * @throws {FormulaError} a syntax error, an unknown column or function, no response (with a caret).
 * @throws {DataFileError} a factor with one level; a value that is not finite.
 * @throws {ShapeError} every row has a missing value.
 */
export function trainFormula(
  formula: string,
  table: Table,
  options: Omit<TrainOptions, 'fitIntercept' | 'featureNames'> = {},
): FormulaModel {
  const used = formulaInputColumns(formula, table);
  const { rows } = completeRows(table, used);
  if (rows.length === 0) {
    throw new ShapeError(
      `trainFormula: every row of ${table.file} has a missing value in ${used.join(', ')}`,
    );
  }
  const design = fitFormula(formula, table, { rows });
  if (design.response === null) {
    throw new FormulaError(formula, 0, 'trainFormula needs a response: write response ~ terms');
  }
  if (design.featureNames.length === 0 && !design.intercept) {
    throw new FormulaError(
      formula,
      formula.indexOf('~') + 1,
      'no terms and no intercept: there is nothing to fit',
    );
  }
  const X = formulaMatrix(design, table, rows);
  const y = readLabels(table, columnsByName(table).get(design.response)!, rows);
  const model: LogisticRegressionModel = train(X, y, {
    ...options,
    ...perRow('sampleWeight', options.sampleWeight, table, rows),
    ...perRow('offset', options.offset, table, rows),
    fitIntercept: design.intercept,
    featureNames: design.featureNames,
  });
  return new FormulaModel(design, model);
}

/**
 * A per-row option (`sampleWeight`, `offset`), given with one value per row of the table, on the
 * rows the fit uses (R's `glm(weights = , offset = )` drop the rows `na.omit` drops).
 *
 * @throws {ShapeError} a length other than the table's row count.
 */
function perRow(
  name: 'sampleWeight' | 'offset',
  values: readonly number[] | Float64Array | undefined,
  table: Table,
  rows: Uint32Array,
): Partial<Record<'sampleWeight' | 'offset', Float64Array>> {
  if (values === undefined) return {};
  if (values.length !== table.rowCount) {
    throw new ShapeError(
      `trainFormula: ${name} has ${values.length} values, but the table has ${table.rowCount} rows`,
    );
  }
  return { [name]: Float64Array.from(rows, (row) => values[row]!) };
}
