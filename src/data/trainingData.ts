import { ValueError } from '../errors.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { Label } from '../options/trainOptions.js';
import { cellKey, rowKey } from './column.js';
import type { Table } from './column.js';
import { DataFileError } from './dataFileError.js';
import {
  buildDesignMatrix,
  columnsByName,
  featureNamesOf,
  fitEncodings,
  requireColumns,
} from './designMatrix.js';
import type { FeatureEncoding } from './designMatrix.js';
import { libsvmLabelColumn } from './libsvmData.js';
import type { LibsvmData } from './libsvmData.js';
import { distinctLabels, readLabels } from './targetLabels.js';
import { declaredClassesOf } from './declaredClasses.js';
import { libsvmFeatureColumns, libsvmFeatureName, libsvmLabels } from './libsvmData.js';
import { libsvmTarget, selectColumns } from './libsvmData.js';
import { selectRows } from './selectRows.js';
import { offsetColumn } from './offsetColumn.js';
import { UsageError } from './usageError.js';
import type { FormulaDesign } from './formula/formulaDesign.js';
import { prepareFormulaTrainingData } from './formulaTrainingData.js';

import { allocateKernelMatrix } from '../kernels/kernelMemory.js';
import type { Matrix } from '../linalg/matrix.js';

/** The flags of `train` that say what to fit to. */
export interface TrainingDataFlags {
  readonly target?: string;
  readonly features?: readonly string[];
  readonly exclude?: readonly string[];
  readonly categorical?: readonly string[];
  readonly positiveClass?: string;
  /** `--classes` (train only): the expected labels; any other label is an error. */
  readonly classes?: readonly string[];
  readonly weights?: string;
  /** `train --cluster`: the column of cluster identifiers (neither a feature nor the target). */
  readonly cluster?: string;
  /** `train --offset`: the column of offsets (neither a feature nor the target). */
  readonly offset?: string;
  /** `train --formula`: an R model formula that gives the response and the design. */
  readonly formula?: string;
  readonly intercept: boolean;
  readonly dropMissing: boolean;
  readonly quiet: boolean;
}

/** A table turned into what the library's `train` takes, and what the model file records. */
export interface TrainingData {
  readonly target: string;
  /** The training rows of the table (0-based). */
  readonly rows: Uint32Array;
  readonly labels: readonly Label[];
  /** The classes, sorted (two, or more for a multiclass model). */
  readonly classes: readonly Label[];
  /** With two classes, the one whose probability is modelled; undefined with more. */
  readonly positiveClass: Label | undefined;
  /** The classes `--classes` declared (checked against every row), for the library's `classes`. */
  readonly declaredClasses: readonly Label[] | undefined;
  /** The file line of each training row, for messages. */
  readonly lines: Uint32Array;
  readonly encodings: readonly FeatureEncoding[];
  /** Row-major for CSV and TSV; CSR (never densified) for LIBSVM. */
  readonly X: FeatureMatrix;
  readonly featureNames: readonly string[];
  readonly sampleWeight: Float64Array | undefined;
  /** The `--cluster` column's value on each training row (CSV and TSV). */
  readonly cluster?: readonly string[];
  /** The `--offset` column's value on each training row (CSV and TSV). */
  readonly offset?: Float64Array;
  /** With `--formula`: the fitted formula, which builds the design (`encodings` is then empty). */
  readonly formula?: FormulaDesign;
}

/**
 * Chooses the target, feature and weight columns and the rows, reads the labels, learns the
 * categorical coding and builds the design matrix. Notes on what changed the data (categorical
 * columns, dropped rows) go to `note` always; advice (an identifier-like column) unless `--quiet`.
 *
 * @throws {UsageError} no target for a CSV file, conflicting column flags.
 * @throws {DataFileError} absent columns, missing cells, a single class, bad weights.
 * @throws {ValueError} a --positive-class that is not a class.
 * @throws {UsageError} --positive-class with more than two classes.
 */
export function prepareTrainingData(
  note: (message: string) => void,
  table: Table,
  flags: TrainingDataFlags,
): TrainingData {
  if (flags.formula !== undefined) {
    return prepareFormulaTrainingData(note, table, flags.formula, flags, (target, classes) =>
      choosePositiveClass(table.file, target, classes, flags.positiveClass),
    );
  }
  if (flags.features !== undefined && flags.exclude !== undefined) {
    throw new UsageError('give --features or --exclude, not both');
  }
  const target = flags.target ?? (table.format === 'libsvm' ? libsvmLabelColumn : undefined);
  if (target === undefined) {
    throw new UsageError('train needs --target <column>: the column to predict');
  }
  if (flags.weights === target) {
    throw new UsageError(
      `--weights names the target column "${target}"; the weights are another column of non-negative numbers`,
    );
  }
  const features = chooseFeatures(table, target, flags);
  const used = [
    target,
    ...features,
    ...(flags.weights === undefined ? [] : [flags.weights]),
    ...(flags.cluster === undefined ? [] : [flags.cluster]),
    ...(flags.offset === undefined ? [] : [flags.offset]),
  ];
  const rows = selectRows(note, table, used, flags);
  const labels = readLabels(table, columnsByName(table).get(target)!, rows);
  const classes = checkClasses(table, target, labels);
  const lines = Uint32Array.from(rows, (row) => table.lines[row]!);
  const declaredClasses =
    flags.classes === undefined
      ? undefined
      : declaredClassesOf(table.file, target, lines, labels, classes, flags.classes);
  if (classes.length > 2 && flags.positiveClass !== undefined) {
    throw new UsageError(
      `--positive-class applies to two classes; the target column "${target}" has ${classes.length}`,
    );
  }
  const positiveClass =
    classes.length > 2
      ? undefined
      : choosePositiveClass(table.file, target, classes, flags.positiveClass);
  const { encodings, notes, advice } = fitEncodings(table, {
    features,
    ...(flags.categorical === undefined ? {} : { categorical: flags.categorical }),
    fitIntercept: flags.intercept,
    rows,
  });
  // What changed the data is said even with --quiet; advice is not.
  for (const message of notes) note(message);
  if (!flags.quiet) for (const message of advice) note(message);
  const featureNames = featureNamesOf(encodings);
  if (featureNames.length === 0 && !flags.intercept) {
    throw new UsageError('no features and --no-intercept: there is nothing to fit');
  }
  return {
    target,
    rows,
    labels,
    classes,
    positiveClass,
    declaredClasses,
    lines,
    encodings,
    X: buildDesignMatrix(table, encodings, rows, trainingMatrix),
    featureNames,
    sampleWeight: flags.weights === undefined ? undefined : readWeights(table, flags.weights, rows),
    ...(flags.cluster === undefined
      ? {}
      : {
          cluster: Array.from(rows, (row) =>
            rowKey(columnsByName(table).get(flags.cluster!)!, row)!,
          ),
        }),
    ...(flags.offset === undefined ? {} : { offset: offsetColumn(table, flags.offset, rows) }),
  };
}

/**
 * {@link prepareTrainingData} for a LIBSVM file read as CSR: the target is `label`, the features
 * are the columns `x<k>` that some row uses (or those of `--features`, or less `--exclude`), all
 * numeric; X stays sparse and holds only those columns.
 * A LIBSVM file has no missing values, so `--drop-missing` changes nothing.
 *
 * @throws {UsageError} --categorical or --weights, conflicting column flags, --positive-class with
 *   more than two classes, no features and no intercept.
 * @throws {DataFileError} another target, absent columns, a single class.
 * @throws {ValueError} a --positive-class that is not a class.
 */
export function prepareLibsvmTrainingData(
  data: LibsvmData,
  flags: TrainingDataFlags,
): TrainingData {
  if (flags.formula !== undefined) {
    throw new UsageError(
      '--formula reads CSV, TSV or Parquet columns; a LIBSVM file has none to name',
    );
  }
  const target = libsvmTarget(data, flags.target);
  const columns = libsvmFeatureColumns(data, flags);
  const { labels, classes } = libsvmLabels(data);
  const declaredClasses =
    flags.classes === undefined
      ? undefined
      : declaredClassesOf(data.file, target, data.lines, labels, classes, flags.classes);
  if (classes.length > 2 && flags.positiveClass !== undefined) {
    throw new UsageError(
      `--positive-class applies to two classes; the target column "${target}" has ${classes.length}`,
    );
  }
  const positiveClass =
    classes.length > 2
      ? undefined
      : choosePositiveClass(data.file, target, classes, flags.positiveClass);
  const featureNames = columns.map((j) => libsvmFeatureName(j + 1));
  if (featureNames.length === 0 && !flags.intercept) {
    throw new UsageError('no features and --no-intercept: there is nothing to fit');
  }
  return {
    target,
    rows: Uint32Array.from({ length: data.X.rows }, (_, i) => i),
    labels,
    classes,
    positiveClass,
    declaredClasses,
    lines: data.lines,
    encodings: featureNames.map((column) => ({ column, kind: 'numeric' as const })),
    X: selectColumns(data.X, columns),
    featureNames,
    sampleWeight: undefined,
  };
}

/** The feature columns: `--features`, or every column but the target, the weights and `--exclude`. */
function chooseFeatures(table: Table, target: string, flags: TrainingDataFlags): string[] {
  requireColumns(table, [
    target,
    ...(flags.weights === undefined ? [] : [flags.weights]),
    ...(flags.cluster === undefined ? [] : [flags.cluster]),
    ...(flags.offset === undefined ? [] : [flags.offset]),
    ...(flags.features ?? []),
    ...(flags.exclude ?? []),
    ...(flags.categorical ?? []),
  ]);
  const reserved = new Set([
    target,
    ...(flags.weights === undefined ? [] : [flags.weights]),
    ...(flags.cluster === undefined ? [] : [flags.cluster]),
    ...(flags.offset === undefined ? [] : [flags.offset]),
  ]);
  let features: string[];
  if (flags.features !== undefined) {
    const clash = flags.features.filter((name) => reserved.has(name));
    if (clash.length > 0) {
      throw new UsageError(
        `--features lists ${clash.map((c) => `"${c}"`).join(', ')}, the target or weights column${flags.cluster === undefined ? '' : ' or the --cluster column'}${flags.offset === undefined ? '' : ' or the --offset column'}`,
      );
    }
    features = [...new Set(flags.features)];
  } else {
    const excluded = new Set(flags.exclude ?? []);
    features = table.columns
      .map((c) => c.name)
      .filter((name) => !reserved.has(name) && !excluded.has(name));
  }
  const outside = (flags.categorical ?? []).filter((name) => !features.includes(name));
  if (outside.length > 0) {
    throw new UsageError(
      `--categorical names ${outside.map((c) => `"${c}"`).join(', ')}, which ${outside.length === 1 ? 'is' : 'are'} not a feature`,
    );
  }
  return features;
}

function checkClasses(table: Table, target: string, labels: readonly Label[]): Label[] {
  const classes = distinctLabels(labels);
  const shown = classes
    .slice(0, 6)
    .map((c) => `"${String(c)}"`)
    .join(', ');
  if (classes.length < 2) {
    throw new DataFileError(
      table.file,
      undefined,
      `the target column "${target}" has a single value (${shown}); a classifier needs two classes`,
    );
  }
  return classes;
}

function choosePositiveClass(
  file: string,
  target: string,
  classes: readonly Label[],
  flag: string | undefined,
): Label {
  if (flag === undefined) return classes[1]!;
  const key = cellKey(flag);
  const found = classes.find((c) => String(c) === flag || String(c) === key);
  if (found === undefined) {
    throw new ValueError(
      `--positive-class "${flag}" is not a value of the target column "${target}" in ${file} ` +
        `(its classes are ${classes.map((c) => `"${String(c)}"`).join(' and ')})`,
    );
  }
  return found;
}

function readWeights(table: Table, name: string, rows: Uint32Array): Float64Array {
  const column = columnsByName(table).get(name)!;
  const weights = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = column.numbers[row]!;
    if (!(value >= 0)) {
      const shown = column.text?.[row] ?? String(value);
      throw new DataFileError(
        table.file,
        table.lines[row],
        `column "${name}": a weight must be a number ≥ 0, got "${shown}"`,
      );
    }
    weights[i] = value;
  }
  return weights;
}

/** Entries from which the design matrix is built in kernel memory (512 KiB of doubles). */
const kernelMatrixEntries = 1 << 16;

/**
 * Where the training design matrix is built: a large one straight into WebAssembly kernel memory
 * (`allocateKernelMatrix`), which the gradient kernel then reads in place, instead of an ordinary
 * array that the fit copies in (one pass over X and its size again in memory: 800 MB at
 * 1,000,000 × 100); a small one in an ordinary array.
 */
function trainingMatrix(rows: number, cols: number): Matrix {
  return rows * cols >= kernelMatrixEntries
    ? allocateKernelMatrix(rows, cols)
    : { rows, cols, data: new Float64Array(rows * cols) };
}
