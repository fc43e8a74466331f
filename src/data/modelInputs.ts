import type { Matrix } from '../linalg/matrix.js';
import type { Table } from './column.js';
import { buildDesignMatrix } from './designMatrix.js';
import { formulaColumns, formulaMatrix } from './formula/formulaDesign.js';
import type { ModelFile } from './modelFile.js';

/**
 * The columns of a data file that a model file's design reads (not the target): its input
 * columns, or the columns its formula uses less the response.
 */
export function modelInputColumns(file: ModelFile): string[] {
  const formula = file.formula;
  if (formula === undefined) return file.features.map((encoding) => encoding.column);
  return formulaColumns(formula).filter((name) => name !== formula.response);
}

/**
 * The design matrix of the given rows of a table for a model file: its formula's model matrix,
 * or its input columns' coding (`buildDesignMatrix`).
 *
 * @throws {DataFileError} a missing cell, text in a numeric column, a level not seen in training.
 * @throws {FormulaError} a column the formula names that the table lacks.
 */
export function modelDesignMatrix(file: ModelFile, table: Table, rows?: Uint32Array): Matrix {
  return file.formula === undefined
    ? buildDesignMatrix(table, file.features, rows)
    : formulaMatrix(file.formula, table, rows);
}
