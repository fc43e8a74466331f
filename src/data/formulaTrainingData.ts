import type { Table } from './column.js';
import { columnsByName, requireColumns } from './designMatrix.js';
import { DataFileError } from './dataFileError.js';
import { fitFormula, formulaInputColumns, formulaMatrix } from './formula/formulaDesign.js';
import { FormulaError } from './formula/formulaError.js';
import { parseFormula } from './formula/parseFormula.js';
import { offsetColumn } from './offsetColumn.js';
import { selectRows } from './selectRows.js';
import { distinctLabels, readLabels } from './targetLabels.js';
import type { TrainingData, TrainingDataFlags } from './trainingData.js';
import { UsageError } from './usageError.js';
import { declaredClassesOf } from './declaredClasses.js';
import { rowKey } from './column.js';

/**
 * {@link TrainingData} from a model formula (`train --formula`): the target is the formula's
 * response, the design matrix R's `model.matrix` (see `fitFormula`), the rows those without a
 * missing value in a column the formula, the weights, the cluster or the offset use (with
 * `--drop-missing`; without, a missing cell is an error, as for other designs). `.` stands for
 * every column but the response, the weights, the cluster and the offset columns.
 *
 * @throws {UsageError} `--target`, `--features`, `--exclude`, `--categorical` or `--no-intercept`
 *   with a formula (the formula says all that).
 * @throws {FormulaError} a bad formula, with a caret.
 * @throws {DataFileError} missing cells, a single class, a factor with one level.
 */
export function prepareFormulaTrainingData(
  note: (message: string) => void,
  table: Table,
  formula: string,
  flags: TrainingDataFlags,
  positiveClassOf: (
    target: string,
    classes: TrainingData['classes'],
  ) => TrainingData['positiveClass'],
): TrainingData {
  const conflicts = (
    [
      ['--target', flags.target],
      ['--features', flags.features],
      ['--exclude', flags.exclude],
      ['--categorical', flags.categorical],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (conflicts.length > 0) {
    throw new UsageError(
      `--formula says the response and the terms; leave out ${conflicts.map(([flag]) => flag).join(', ')}`,
    );
  }
  // `path` has no --no-intercept flag (undefined): only an explicit false conflicts.
  if (flags.intercept === false) {
    throw new UsageError(
      '--formula decides the intercept: write "- 1" or "+ 0" in the formula instead of --no-intercept',
    );
  }
  const reserved = [flags.weights, flags.cluster, flags.offset].filter(
    (name): name is string => name !== undefined,
  );
  requireColumns(table, reserved);
  const parsed = parseFormula(formula);
  if (parsed.response === undefined) {
    throw new FormulaError(
      formula,
      formula.indexOf('~'),
      'train needs a response: write response ~ terms',
    );
  }
  const columns = formulaInputColumns(formula, table, reserved);
  const response = columns[0]!;
  const rows = selectRows(note, table, [...new Set([...columns, ...reserved])], flags);
  const design = fitFormula(formula, table, { exclude: reserved, rows });
  if (design.featureNames.length === 0 && !design.intercept) {
    throw new FormulaError(
      formula,
      formula.indexOf('~') + 1,
      'no terms and no intercept: there is nothing to fit',
    );
  }
  const byName = columnsByName(table);
  const labels = readLabels(table, byName.get(response)!, rows);
  const classes = distinctLabels(labels);
  if (classes.length < 2) {
    throw new DataFileError(
      table.file,
      undefined,
      `the response column "${response}" has a single value; a classifier needs two classes`,
    );
  }
  if (classes.length > 2 && flags.positiveClass !== undefined) {
    throw new UsageError(
      `--positive-class applies to two classes; the response column "${response}" has ${classes.length}`,
    );
  }
  const lines = Uint32Array.from(rows, (row) => table.lines[row]!);
  const declaredClasses =
    flags.classes === undefined
      ? undefined
      : declaredClassesOf(table.file, response, lines, labels, classes, flags.classes);
  const weights = flags.weights;
  return {
    target: response,
    rows,
    labels,
    classes,
    positiveClass: classes.length > 2 ? undefined : positiveClassOf(response, classes),
    declaredClasses,
    lines,
    encodings: [],
    X: formulaMatrix(design, table, rows),
    featureNames: design.featureNames,
    sampleWeight:
      weights === undefined
        ? undefined
        : Float64Array.from(rows, (row) => {
            const value = byName.get(weights)!.numbers[row]!;
            if (!(value >= 0)) {
              throw new DataFileError(
                table.file,
                table.lines[row],
                `column "${weights}": a weight must be a number ≥ 0, got "${rowKey(byName.get(weights)!, row) ?? ''}"`,
              );
            }
            return value;
          }),
    formula: design,
    ...(flags.cluster === undefined
      ? {}
      : { cluster: Array.from(rows, (row) => rowKey(byName.get(flags.cluster!)!, row)!) }),
    ...(flags.offset === undefined ? {} : { offset: offsetColumn(table, flags.offset, rows) }),
  };
}
