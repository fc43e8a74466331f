import { OptionError, ValueError } from '../errors.js';
import { StreamedBatchObjective } from '../objectives/streamedBatchObjective.js';
import { StreamedLogisticObjective } from '../objectives/streamedLogisticObjective.js';
import { checkTrainOptions } from '../options/checkTrainOptions.js';
import type { TrainOptions } from '../options/trainOptions.js';
import { planPenaltyStrength, resolveTrainPlan } from '../options/trainPlan.js';
import type { TrainPlan } from '../options/trainPlan.js';
import type { SolverResult } from '../solvers/objective.js';
import { buildFitReport } from './buildFitReport.js';
import { checkFiniteFit } from './checkFiniteFit.js';
import { convergenceWarning } from './convergenceWarning.js';
import { jacobiScale } from './featureScaling.js';
import { LogisticRegressionModel } from './logisticRegressionModel.js';
import type { RowChunkSource } from './rowChunkSource.js';
import { runSolver } from './solverRegistry.js';
import { streamMoments } from './streamMoments.js';
import type { StreamMoments } from './streamMoments.js';
import { streamSgd } from './streamSgd.js';
import { largestRowNorm, streamInference } from './streamInference.js';

/** The options of {@link trainStream}: those of `train` that a streamed fit supports, and `onPass`. */
export interface StreamTrainOptions extends Pick<
  TrainOptions,
  | 'penalty'
  | 'C'
  | 'solver'
  | 'fitIntercept'
  | 'tolerance'
  | 'maxIterations'
  | 'standardize'
  | 'featureNames'
  | 'onIteration'
  | 'learningRate'
  | 'batchSize'
  | 'learningRateSchedule'
  | 'learningRateExponent'
  | 'average'
> {
  /** Called after every pass over the source, with the passes so far (for progress). */
  readonly onPass?: (passes: number) => void;
}

/** The options of `train` that {@link trainStream} takes (see {@link StreamTrainOptions}). */
const streamOptions = new Set([
  'penalty',
  'C',
  'solver',
  'fitIntercept',
  'tolerance',
  'maxIterations',
  'standardize',
  'featureNames',
  'onIteration',
  'learningRate',
  'batchSize',
  'learningRateSchedule',
  'learningRateExponent',
  'average',
]);

/**
 * Fits a binary logistic regression to rows read in chunks, pass after pass, never all in memory
 * (data larger than memory, or kept elsewhere): the objective of {@link train}, with every
 * evaluation one pass of sums over the chunks. Pass 1 takes the counts and, from shifted sums,
 * the columns' means and standard deviations (for `standardize` and the solver's scaling); then
 * each L-BFGS, gradient-descent or Newton evaluation (value and gradient, the Hessian
 * X̃ᵀWX̃/S for Newton up to 400 parameters, Hessian-vector products above) is one pass, summed
 * with the in-memory kernels' loops: on the same rows, the fit equals `train`'s with
 * `kernel: 'plain'` (and to rounding with any kernel). Memory: one chunk plus O(p²).
 *
 * `solver: 'sgd'` learns in one pass by default (`maxIterations` counts passes): rows in the
 * source's order, `batchSize` rows per step, and `fitReport.progressiveValidationLoss` the mean
 * loss of each row scored just before it is trained on (Vowpal Wabbit's progressive validation).
 *
 * Penalties `'l2'` (default) and `'none'` (with the covariance for `summary`); not separation
 * detection (an LP over all rows: a separated fit shows as a non-converged one whose
 * coefficients grow), aliased-column detection, class weights or `'firth'`.
 *
 * @param source - the rows (see {@link RowChunkSource}; `matrixChunkSource` for a matrix).
 * @throws {OptionError} an option `train` knows that a streamed fit does not support, or a
 *   penalty other than 'l2' and 'none'.
 * @throws {ValueError} a non-finite feature, a target other than 0/1, a bad weight (naming the
 *   row), a constant feature without a penalty, p ≥ m without a penalty.
 * @example
 * const source = matrixChunkSource([[1, 2], [2, 1], [3, 4], [4, 3]], [0, 0, 1, 1], { chunkRows: 2 });
 * const model = trainStream(source, { C: 1 }); // the model of train(X, y, { C: 1 })
 */
export function trainStream(
  source: RowChunkSource,
  options: StreamTrainOptions = {},
): LogisticRegressionModel {
  const where = 'trainStream';
  const { onPass, ...trainOptions } = options;
  if (onPass !== undefined && typeof onPass !== 'function') {
    throw new OptionError(`${where}: onPass must be a function, got ${typeof onPass}`);
  }
  const opts = checkTrainOptions(trainOptions, where);
  for (const key of Object.keys(opts)) {
    if (!streamOptions.has(key) && (opts as Record<string, unknown>)[key] !== undefined) {
      throw new OptionError(
        `${where}: option '${key}' is not available for streamed fits (use train with the data in memory)`,
      );
    }
  }
  const penalty = opts.penalty ?? 'l2';
  if (penalty !== 'l2' && penalty !== 'none') {
    throw new OptionError(
      `${where}: penalty '${penalty}' is not available for streamed fits; use 'l2' or 'none'`,
    );
  }
  const p = source.features;
  const featureNames =
    opts.featureNames ?? source.featureNames ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (featureNames.length !== p) {
    throw new OptionError(
      `${where}: featureNames has ${featureNames.length} names, but the source has ${p} features`,
    );
  }
  let passes = 0;
  const passDone = (): void => {
    passes++;
    onPass?.(passes);
  };
  const moments = streamMoments(source, where);
  passDone();
  const plan = resolveTrainPlan(opts, { rows: moments.rows, features: p, classCount: 2 });
  const { fitIntercept, standardize, solver } = plan;
  if (penalty === 'none') checkEstimable(moments, featureNames, fitIntercept, p, where);
  const sd = moments.variance.map((v) => Math.sqrt(v / moments.sumWeights));
  const sdScale = sd.map((s) => (s > 0 && Number.isFinite(s) ? s : 1));
  const center = fitIntercept ? moments.mean : new Float64Array(p);
  const rate = Math.min(Math.max(moments.positiveWeight / moments.sumWeights, 1e-12), 1 - 1e-12);
  const { l2 } = planPenaltyStrength(plan, moments.sumWeights);
  const scale = standardize ? sdScale : jacobiScale(sd, l2, rate);
  const objective = new StreamedLogisticObjective({
    rows: source,
    fitIntercept,
    l2,
    center,
    scale,
    penalizeScaled: standardize,
    onPass: passDone,
  });
  const theta0 = new Float64Array(objective.dimension);
  if (fitIntercept) theta0[p] = Math.log(rate / (1 - rate));

  let result: SolverResult;
  let progressiveLoss: readonly number[] | undefined;
  if (solver === 'sgd') {
    const batches = new StreamedBatchObjective({
      full: objective,
      fitIntercept,
      l2,
      center,
      scale,
      penalizeScaled: standardize,
      rowCount: moments.rows,
      sumWeights: moments.sumWeights,
      largestRowNorm: largestRowNorm(moments, center, scale, fitIntercept),
    });
    const sgdResult = streamSgd(source, batches, theta0, {
      tolerance: plan.tolerance,
      maxIterations: opts.maxIterations ?? 1,
      onIteration: iterationCallback(opts),
      batchSize: opts.batchSize ?? plan.batchSize,
      learningRate: plan.learningRate,
      learningRateSchedule: plan.learningRateSchedule,
      learningRateExponent: opts.learningRateExponent,
      average: opts.average,
      onPass: passDone,
    });
    result = sgdResult as unknown as SolverResult;
    progressiveLoss = sgdResult.progressiveLoss;
  } else {
    result = runSolver({ objective }, theta0, plan, opts, where, 'streamed fits') as SolverResult;
  }
  const logLoss = objective.logLoss(result.x);
  const w = new Float64Array(p);
  const intercept = objective.toOriginal(result.x, w);
  checkFiniteFit(where, solver, w, [intercept], result.objective);
  const warnings: string[] = [];
  if (!result.converged) warnings.push(streamWarning(plan, result, progressiveLoss));
  const report = buildFitReport(plan, result, {
    logLoss,
    nObservations: moments.rows,
    nFeatures: p,
    sumWeights: moments.sumWeights,
    classCounts: moments.classCounts,
    warnings,
  });
  const inference = streamInference(objective, result.x, moments, penalty, logLoss, plan, {
    center,
    scale,
  });
  return new LogisticRegressionModel({
    inference,
    coefficients: Array.from(w),
    intercept,
    classes: source.classes,
    positiveClass: source.positiveClass,
    featureNames,
    fitReport: {
      ...report,
      ...(progressiveLoss === undefined
        ? {}
        : { progressiveValidationLoss: progressiveLoss[0] ?? Number.NaN }),
      passes,
    },
  });
}

/** The user's onIteration as a solver callback. */
function iterationCallback(
  opts: TrainOptions,
): ((iteration: number, objective: number, gradientNorm: number) => void) | undefined {
  const { onIteration } = opts;
  return onIteration === undefined
    ? undefined
    : (iteration, objective, gradientNorm) => onIteration({ iteration, objective, gradientNorm });
}

/** Without a penalty: fewer features than rows, and no constant feature beside an intercept. */
function checkEstimable(
  moments: StreamMoments,
  names: readonly string[],
  fitIntercept: boolean,
  p: number,
  where: string,
): void {
  if (p >= moments.rows) {
    throw new ValueError(
      `${where}: penalty 'none' needs fewer features than rows, got ${p} features and ${moments.rows} rows; use penalty 'l2'`,
    );
  }
  if (!fitIntercept) return;
  const j = moments.variance.indexOf(0);
  if (j >= 0) {
    throw new ValueError(
      `${where}: feature '${names[j]}' is constant (${moments.min[j]}), so it is confounded with the intercept and has no estimate without a penalty; remove it or use penalty 'l2'`,
    );
  }
}

/** The warning of a streamed fit that did not converge (sgd's names its progressive loss). */
function streamWarning(
  plan: TrainPlan,
  result: SolverResult,
  progressiveLoss: readonly number[] | undefined,
): string {
  if (progressiveLoss === undefined || result.stopReason !== 'max-iterations') {
    return convergenceWarning(plan, result);
  }
  return (
    `sgd made ${result.iterations} pass${result.iterations === 1 ? '' : 'es'} over the stream and stopped short of the optimum ` +
    `(gradient norm ${result.gradientNorm.toExponential(2)} > tolerance ${plan.tolerance}); progressive validation loss ${progressiveLoss[0]!.toPrecision(6)}. ` +
    `For the exact optimum use solver 'lbfgs'; for more passes raise maxIterations.`
  );
}
