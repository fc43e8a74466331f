import { OptionError } from '../errors.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import type { TrainOptions } from '../options/trainOptions.js';

/** The training options `fitSql` takes over from `train`. */
export type SqlFitOptions = Pick<
  TrainOptions,
  | 'penalty'
  | 'C'
  | 'solver'
  | 'tolerance'
  | 'maxIterations'
  | 'fitIntercept'
  | 'standardize'
  | 'positiveClass'
  | 'learningRate'
  | 'onIteration'
>;

/** What to fit inside an engine: where the rows are, which columns, and the training options. */
export interface SqlTrainSpec extends SqlFitOptions {
  /** A table (a name, or schema-qualified parts, each quoted). Give this or `query`. */
  readonly table?: string | readonly string[];
  /** A SELECT whose rows to fit on (run as a derived table). Give this or `table`. */
  readonly query?: string;
  /** The target column: two distinct values (the larger the positive class, unless given). */
  readonly target: string;
  /** The feature columns, in order. */
  readonly features: readonly string[];
  /** Feature columns to one-hot code by their distinct values (as text); the others are numbers. */
  readonly categorical?: readonly string[];
  /** A column of non-negative row weights. */
  readonly weights?: string;
}

const specKeys = new Set([
  'table',
  'query',
  'target',
  'features',
  'categorical',
  'weights',
  'penalty',
  'C',
  'solver',
  'tolerance',
  'maxIterations',
  'fitIntercept',
  'standardize',
  'positiveClass',
  'learningRate',
  'onIteration',
]);

/** The spec's own checks: known keys, one source, column names; then `train`'s option checks. */
export function checkSpec(spec: SqlTrainSpec): void {
  if (typeof spec !== 'object' || spec === null) {
    throw new OptionError('trainSql: expected an options object');
  }
  for (const key of Object.keys(spec)) {
    if (!specKeys.has(key)) {
      throw new OptionError(
        `trainSql: option '${key}' is not supported inside a SQL engine (supported: ${[...specKeys].join(', ')})`,
      );
    }
  }
  if ((spec.table === undefined) === (spec.query === undefined)) {
    throw new OptionError("trainSql: give either 'table' or 'query' (exactly one)");
  }
  if (typeof spec.target !== 'string')
    throw new OptionError("trainSql: 'target' must be a column name");
  if (!Array.isArray(spec.features) || !spec.features.every((f) => typeof f === 'string')) {
    throw new OptionError("trainSql: 'features' must be an array of column names");
  }
  const all = [
    spec.target,
    ...spec.features,
    ...(spec.weights === undefined ? [] : [spec.weights]),
  ];
  const dup = all.find((c, i) => all.indexOf(c) !== i);
  if (dup !== undefined) {
    throw new OptionError(
      `trainSql: column "${dup}" is named twice among target, features and weights`,
    );
  }
  for (const c of spec.categorical ?? []) {
    if (!spec.features.includes(c)) {
      throw new OptionError(`trainSql: categorical column "${c}" is not among the features`);
    }
  }
  const { table, query, target, features, categorical, weights, ...train } = spec;
  void table;
  void query;
  void target;
  void features;
  void categorical;
  void weights;
  checkTrainOptions(train, 'trainSql');
  if (train.penalty !== undefined && train.penalty !== 'l2' && train.penalty !== 'none') {
    throw new OptionError(
      `trainSql: penalty '${train.penalty}' is not available inside a SQL engine (use 'l2' or 'none')`,
    );
  }
}
