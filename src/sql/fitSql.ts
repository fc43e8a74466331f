import { OptionError, ValueError } from '../errors.js';
import { featureNamesOf, sortLevels } from '../data/designMatrix.js';
import type { FeatureEncoding } from '../data/designMatrix.js';
import { compareLabels } from '../model/encodeLabels.js';
import { jacobiScale } from '../model/featureScaling.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { runSolver } from '../model/solverRegistry.js';
import { buildFitReport } from '../model/buildFitReport.js';
import { checkFiniteFit } from '../model/checkFiniteFit.js';
import { convergenceWarning } from '../model/convergenceWarning.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import { coefficientCovariance } from '../inference/coefficientCovariance.js';
import type { InferenceData } from '../inference/inferenceData.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { planPenaltyStrength, resolveTrainPlan } from '../options/trainPlan.js';
import { sqlDialect } from './sqlDialect.js';
import type { SqlDialect, SqlDialectName } from './sqlDialect.js';
import { SqlBinder } from './sqlStatement.js';
import type { SqlDesign, SqlSource } from './sqlDesign.js';
import { designColumnNames } from './sqlDesign.js';
import { SqlObjective } from './sqlObjective.js';
import type { SqlPasses } from './sqlObjective.js';
import {
  countStatement,
  firstRowStatement,
  gramStatement,
  labelsStatement,
  levelsStatement,
  momentsStatement,
  passStatement,
} from './sqlQueries.js';
import type { SqlStatement } from './sqlStatement.js';

/**
 * Runs one statement on an engine and returns its rows, each an array of values (numbers,
 * strings, booleans or null) in the statement's column order, synchronously: the solvers call it
 * inside their loops. The Node layer's runner waits on a worker thread that owns the connection.
 */
export interface SqlRunner {
  readonly dialect: SqlDialectName;
  run(statement: SqlStatement): (readonly unknown[])[];
}

/** The training options {@link fitSql} takes over from `train`. */
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

/** A fit inside an engine: the model, how its columns are coded, and what the rows were. */
export interface SqlFit {
  readonly model: LogisticRegressionModel;
  /** The input columns with the levels of the categorical ones (as a model file stores them). */
  readonly encodings: readonly FeatureEncoding[];
  /** Rows fitted on. */
  readonly rows: number;
  /** Rows left out for a missing (NULL) value in the target, a feature or the weight. */
  readonly droppedRows: number;
  /** Aggregate queries run (one per objective evaluation or Hessian). */
  readonly passes: number;
}

/** Newton forms the d × d Hessian in one query of d(d + 1)/2 sums: at most this d. */
export const SQL_HESSIAN_MAX_DIMENSION = 200;

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

/**
 * Fits a binary logistic regression on rows that stay in a SQL engine: every objective evaluation
 * is one aggregate query returning the loss and all gradient sums (Newton's Hessian one more), so
 * only p + 1 numbers per pass leave the engine. The objective, coordinates, start and solvers are
 * `train`'s (see {@link train}), so the fit equals the in-memory fit on the same rows up to the
 * engine's summation order. Before the passes: one count (rows, and rows with a NULL, which are
 * left out), `SELECT DISTINCT` of the target and of each categorical column (coded in SQL, R's
 * treatment contrasts as in the command line's coding), and one moments query for the scaling.
 *
 * Not in SQL (an OptionError): multiclass targets, L1/elastic net/Firth, sgd and newglmnet,
 * `sampleWeight`/`classWeight` (use `weights`), profile intervals and robust standard errors.
 * Maximum-likelihood fits store the covariance (one more Hessian query), so `summarize` gives R's
 * coefficient table. Without a penalty, separation is not tested (that needs the rows); a
 * separated fit reports that it did not converge.
 *
 * @throws {OptionError} an unknown or unsupported option, neither or both of `table` and `query`.
 * @throws {ValueError} no complete row, a target without exactly two values, a negative weight, a
 *   constant feature without a penalty.
 */
export function fitSql(runner: SqlRunner, spec: SqlTrainSpec): SqlFit {
  checkSpec(spec);
  const source: SqlSource =
    spec.table !== undefined ? { table: spec.table } : { query: spec.query! };
  const dialect = summingDialect(runner, source);
  const complete = designColumnNames(spec.target, spec.features, spec.weights);
  const [counts] = runner.run(countStatement(dialect, source, complete));
  const total = Number(counts![0]);
  const rows = Number(counts![1] ?? 0);
  if (!(rows > 0)) {
    throw new ValueError(
      `trainSql: no complete row: all ${total} rows have a NULL in ${complete.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  const { classes, positive } = readClasses(runner, dialect, source, spec, complete);
  const fitIntercept = spec.fitIntercept ?? true;
  const categorical = new Set(spec.categorical ?? []);
  let fullCoding = !fitIntercept;
  const encodings = spec.features.map((column): FeatureEncoding => {
    if (!categorical.has(column)) return { column, kind: 'numeric' };
    const found = runner.run(levelsStatement(dialect, source, column, complete));
    const levels = sortLevels(found.map((row) => String(row[0])));
    const reference = fullCoding ? null : (levels[0] ?? null);
    fullCoding = false;
    return { column, kind: 'categorical', levels, reference };
  });
  const featureNames = featureNamesOf(encodings);
  const p = featureNames.length;
  const opts = spec as SqlFitOptions;
  const plan = resolveTrainPlan(opts, { rows, features: p, classCount: 2 });
  const d = p + (fitIntercept ? 1 : 0);
  if (
    (plan.solver === 'newton' || plan.stoppingRule === 'decrement') &&
    d > SQL_HESSIAN_MAX_DIMENSION
  ) {
    throw new OptionError(
      `trainSql: solver 'newton' forms the ${d} × ${d} Hessian in SQL, at most ${SQL_HESSIAN_MAX_DIMENSION} parameters; use solver 'lbfgs'`,
    );
  }
  if (plan.penalty === 'none' && p >= rows) {
    throw new ValueError(
      `trainSql: penalty 'none' needs fewer features than rows, got ${p} features and ${rows} rows`,
    );
  }

  const design: SqlDesign = {
    dialect,
    source,
    target: spec.target,
    positive: typeof positive.value === 'number' ? positive.value : positive.text,
    encodings,
    weights: spec.weights,
  };
  const [first] = runner.run(firstRowStatement(design));
  const shift = Float64Array.from({ length: p }, (_, j) => Number(first![2 + j]));
  const [moments] = runner.run(momentsStatement(design, shift));
  const m = moments!.map(Number);
  const [, S, positiveWeight, minWeight] = m as [number, number, number, number];
  if (minWeight < 0) {
    throw new ValueError(
      `trainSql: weights column "${spec.weights}" has a negative value (${minWeight})`,
    );
  }
  if (!(S > 0)) throw new ValueError(`trainSql: the weights of column "${spec.weights}" sum to 0`);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const sum = m[4 + 2 * j];
    const squares = m[5 + 2 * j];
    mean[j] = shift[j] + sum / S;
    sd[j] = Math.sqrt(Math.max(0, squares - (sum * sum) / S) / S);
  }
  const center = fitIntercept ? mean : new Float64Array(p);
  const standardize = plan.standardize;
  const { l2 } = planPenaltyStrength(plan, S);
  const rate = Math.min(Math.max(positiveWeight / S, 1e-12), 1 - 1e-12);
  const scale = standardize
    ? sd.map((s) => (s > 0 && Number.isFinite(s) ? s : 1))
    : jacobiScale(sd, l2, rate);
  if (plan.penalty === 'none' && fitIntercept) {
    const j = sd.indexOf(0);
    if (j >= 0) {
      throw new ValueError(
        `trainSql: feature '${featureNames[j]}' is constant (${shift[j]}), so it is confounded with the intercept and has no estimate without a penalty; remove it or use penalty 'l2'`,
      );
    }
  }

  const passes: SqlPasses = {
    lossAndGradient(w, b, gradOut) {
      const [row] = runner.run(passStatement(design, w, b));
      for (let j = 0; j < p; j++) gradOut[j] = Number(row![2 + j]) / S;
      gradOut[p] = Number(row![1]) / S;
      return Number(row![0]) / S;
    },
    weightedGram(w, b, c, s, intercept, out) {
      const [row] = runner.run(gramStatement(design, w, b, c, s, intercept));
      let k = 0;
      for (let a = 0; a < d; a++) {
        for (let e = 0; e <= a; e++) {
          const v = Number(row![k++]) / S;
          out[a * d + e] = v;
          out[e * d + a] = v;
        }
      }
    },
  };
  const objective = new SqlObjective(passes, {
    features: p,
    fitIntercept,
    l2,
    center,
    scale,
    penalizeScaled: standardize,
  });
  const theta0 = new Float64Array(d);
  if (fitIntercept) theta0[p] = Math.log(rate / (1 - rate));
  const result = runSolver({ objective }, theta0, plan, opts, 'trainSql', 'SQL fits');
  const w = new Float64Array(p);
  const intercept = objective.toOriginal(result.x, w);
  checkFiniteFit('trainSql', plan.solver, w, [intercept], result.objective);
  const logLoss = objective.logLoss(result.x);
  const warnings: string[] = [];
  if (!result.converged) warnings.push(convergenceWarning(plan, result));
  const positiveRows = m[4 + 2 * p];
  const weightedRows = m[5 + 2 * p];
  const classCounts =
    classes[1] === positive.value
      ? [rows - positiveRows, positiveRows]
      : [positiveRows, rows - positiveRows];
  const fitReport = buildFitReport(plan, result, {
    logLoss,
    nObservations: rows,
    nFeatures: p,
    sumWeights: S,
    classCounts,
    warnings,
  });
  const inference = sqlInference(objective, result.x, {
    maximumLikelihood: plan.penalty === 'none',
    logLoss,
    sumWeights: S,
    rate: positiveWeight / S,
    fitIntercept,
    nObservations: weightedRows,
    center,
    scale,
  });
  const model = new LogisticRegressionModel({
    inference,
    coefficients: Array.from(w),
    intercept,
    classes,
    positiveClass: positive.value,
    featureNames,
    fitReport,
  });
  return { model, encodings, rows, droppedRows: total - rows, passes: objective.passes };
}

/**
 * The inference a SQL fit stores, as `computeInference` does in memory: the log-likelihoods and,
 * for maximum likelihood, the covariance (X̃ᵀWX̃)⁻¹ from one more Hessian query at the estimate
 * (R's `vcov(glm)`); penalized fits have none.
 */
function sqlInference(
  objective: SqlObjective,
  theta: Float64Array,
  fit: {
    readonly maximumLikelihood: boolean;
    readonly logLoss: number;
    readonly sumWeights: number;
    readonly rate: number;
    readonly fitIntercept: boolean;
    readonly nObservations: number;
    readonly center: Float64Array;
    readonly scale: Float64Array;
  },
): InferenceData {
  const S = fit.sumWeights;
  const xlogx = (v: number): number => (v > 0 ? v * Math.log(v) : 0);
  const base = {
    logLikelihood: -fit.logLoss * S,
    nullLogLikelihood: fit.fitIntercept
      ? S * (xlogx(fit.rate) + xlogx(1 - fit.rate))
      : S * Math.log(0.5),
    nObservations: fit.nObservations,
  };
  if (!fit.maximumLikelihood) return { ...base, covariance: null };
  if (objective.dimension > SQL_HESSIAN_MAX_DIMENSION) {
    return {
      ...base,
      covariance: null,
      covarianceNote: `no standard errors above ${SQL_HESSIAN_MAX_DIMENSION} parameters inside a SQL engine`,
    };
  }
  const covariance = coefficientCovariance(
    objective,
    theta,
    S,
    fit.center,
    fit.scale,
    fit.fitIntercept,
  );
  return covariance === null
    ? { ...base, covariance: null, covarianceNote: 'the information matrix is singular' }
    : { ...base, covariance: Array.from(covariance) };
}

/**
 * The engine's dialect, except on a ClickHouse Distributed table: ClickHouse 18.16's server
 * crashes when it merges `sumKahan` states from shards, so there the shards' sums are plain
 * `sum` (each shard's sum, and the result, then depend on the order of rows, to rounding).
 */
function summingDialect(runner: SqlRunner, source: SqlSource): SqlDialect {
  const dialect = sqlDialect(runner.dialect);
  if (dialect.name !== 'clickhouse' || source.table === undefined) return dialect;
  const parts = typeof source.table === 'string' ? [source.table] : source.table;
  const binder = new SqlBinder(dialect);
  const name = binder.bind(parts[parts.length - 1]!);
  const database = parts.length > 1 ? binder.bind(parts[parts.length - 2]!) : 'currentDatabase()';
  const found = runner.run(
    binder.statement(
      `SELECT engine FROM system.tables WHERE database = ${database} AND name = ${name}`,
    ),
  );
  return found[0]?.[0] === 'Distributed' ? { ...dialect, sum: 'sum' } : dialect;
}

/** The two classes of the target (sorted as `train` sorts labels) and the positive one. */
function readClasses(
  runner: SqlRunner,
  dialect: SqlDialect,
  source: SqlSource,
  spec: SqlTrainSpec,
  complete: readonly string[],
): { classes: [Label, Label]; positive: { value: Label; text: string } } {
  const found = runner
    .run(labelsStatement(dialect, source, spec.target, complete))
    .map((row) => ({ value: toLabel(row[0]), text: String(row[1]) }));
  if (found.length !== 2) {
    throw new ValueError(
      `trainSql: target "${spec.target}" must have exactly two distinct values, got ${found.length === 3 ? 'three or more' : found.length} (${found.map((f) => f.text).join(', ')})`,
    );
  }
  found.sort((a, b) => compareLabels(a.value, b.value));
  const classes: [Label, Label] = [found[0]!.value, found[1]!.value];
  let positive = found[1]!;
  if (spec.positiveClass !== undefined) {
    const given = found.find(
      (f) => f.value === spec.positiveClass || f.text === String(spec.positiveClass),
    );
    if (given === undefined) {
      throw new OptionError(
        `trainSql: positiveClass ${JSON.stringify(spec.positiveClass)} is not a value of "${spec.target}" (${found.map((f) => f.text).join(', ')})`,
      );
    }
    positive = given;
  }
  return { classes, positive };
}

/** An engine's value as a label: bigints become numbers. */
function toLabel(value: unknown): Label {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return String(value);
}

/** The spec's own checks: known keys, one source, column names; then `train`'s option checks. */
function checkSpec(spec: SqlTrainSpec): void {
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
