import { ValueError, OptionError } from '../errors.js';
import { featureNamesOf, sortLevels } from '../data/designMatrix.js';
import type { FeatureEncoding } from '../data/designMatrix.js';
import { jacobiScale } from '../model/featureScaling.js';
import { LogisticRegressionModel } from '../model/logisticRegressionModel.js';
import { runSolver } from '../model/solverRegistry.js';
import { buildFitReport } from '../model/buildFitReport.js';
import { checkFiniteFit } from '../model/checkFiniteFit.js';
import { convergenceWarning } from '../model/convergenceWarning.js';
import { planPenaltyStrength, resolveTrainPlan } from '../options/trainPlan.js';
import { readClasses } from './readSqlClasses.js';
import { sqlDialect } from './sqlDialect.js';
import type { SqlDialect, SqlDialectName } from './sqlDialect.js';
import { SqlBinder } from './sqlStatement.js';
import type { SqlDesign, SqlSource } from './sqlDesign.js';
import { designColumnNames } from './sqlDesign.js';
import { SQL_HESSIAN_MAX_DIMENSION, sqlInference } from './sqlInference.js';
import { SqlObjective } from './sqlObjective.js';
import type { SqlPasses } from './sqlObjective.js';
import {
  countStatement,
  firstRowStatement,
  gramStatement,
  levelsStatement,
  momentsStatement,
  passStatement,
} from './sqlQueries.js';
import type { SqlStatement } from './sqlStatement.js';
import { checkSpec } from './sqlTrainSpec.js';
import type { SqlFitOptions, SqlTrainSpec } from './sqlTrainSpec.js';

export type { SqlFitOptions, SqlTrainSpec } from './sqlTrainSpec.js';
export { SQL_HESSIAN_MAX_DIMENSION } from './sqlInference.js';

/**
 * Runs one statement on an engine and returns its rows, each an array of values (numbers,
 * strings, booleans or null) in the statement's column order, synchronously: the solvers call it
 * inside their loops. The Node layer's runner waits on a worker thread that owns the connection.
 */
export interface SqlRunner {
  readonly dialect: SqlDialectName;
  run(statement: SqlStatement): (readonly unknown[])[];
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
