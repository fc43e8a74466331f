import { SeparationError, ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { MAX_COVARIANCE_DIMENSION } from '../inference/coefficientCovariance.js';
import { createGradientKernel, plainGradientKernel } from '../kernels/gradientKernel.js';
import { LogisticObjective } from '../objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../objectives/logisticObjective.js';
import { FirthObjective } from '../objectives/firthObjective.js';
import { computeInference } from '../inference/computeInference.js';
import type { SolverResult, SolverSettings } from '../solvers/objective.js';
import type { NewtonResult } from '../solvers/newton.js';
import type { SgdResult } from '../solvers/sgd.js';
import { LogisticBatchObjective } from '../objectives/logisticBatchObjective.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { encodeLabels } from './encodeLabels.js';
import { featureScaling, jacobiScale } from './featureScaling.js';
import type { SeparationReport } from '../options/fitReport.js';
import { LogisticRegressionModel } from './logisticRegressionModel.js';
import type { Label, MulticlassTrainOptions } from '../options/trainOptions.js';
import { planPenaltyStrength, resolveTrainPlan } from '../options/trainPlan.js';
import { rowWeights, standardizingWeights } from './rowWeights.js';
import { convergenceWarning } from './convergenceWarning.js';
import { checkFeatureRange } from './checkFeatureRange.js';
import { checkFiniteFit } from './checkFiniteFit.js';
import { aliasingOfGram, expandAliasedModel, findAliasedColumns } from './aliasedColumns.js';
import type { Aliasing } from './aliasedColumns.js';
import { selectColumns } from '../linalg/selectColumns.js';
import { runSolver } from './solverRegistry.js';
import { fitElasticNet } from './fitElasticNet.js';
import { buildFitReport } from './buildFitReport.js';
import { checkSeparation, countExtremeFits, separationMessage } from './separationCheck.js';
import { classSummary } from './classCounts.js';
import { dataFingerprint } from './dataFingerprint.js';
import { checkBinaryInput, checkClusters, checkIdentifiable } from './checkBinaryInput.js';

/**
 * The binary fit of {@link train} (its doc states the objective): resolve the plan → encode
 * labels → build the objective → run the plan's solver → an immutable
 * {@link LogisticRegressionModel}. `opts` are checked (checkTrainOptions). With `findAliasing`,
 * an unpenalized or Firth fit first looks for aliased features and, finding some, fits the others
 * and expands that model (see aliasedColumns.ts).
 */
export function fitBinary(
  X: MatrixInput,
  y: readonly Label[],
  opts: MulticlassTrainOptions,
  findAliasing: boolean,
): LogisticRegressionModel {
  // Dense X is checked for NaN and infinities through its moments below: one pass fewer.
  const matrix = toFeatureMatrix(X, 'train', 'X', false);
  const { rows: m, cols: p } = matrix;
  const plan = resolveTrainPlan(opts, { rows: m, features: p, classCount: 2 });
  const { penalty, solver, fitIntercept, standardize, lbfgsStart } = plan;
  const { featureNames, initialCoefficients } = checkBinaryInput(matrix, opts, plan);
  const dimension = p + (fitIntercept ? 1 : 0);
  const labels = encodeLabels(y, m, opts.positiveClass, 'train', opts.classes);
  checkClusters(opts, m);
  const offset = checkedOffset(opts.offset, m);
  const weights = rowWeights(opts, y, labels.classes);
  // Maximum-likelihood fits remember their data's hashes, for compareModels.
  const wantFingerprint = findAliasing && penalty === 'none';
  // An offset enters the plain pass only (the WebAssembly kernels score w·x + b).
  const gradientKernel =
    offset === undefined
      ? createGradientKernel(matrix, labels.y, weights, {
          kernel: opts.kernel,
          threadPool: opts.threadPool,
        })
      : plainGradientKernel(matrix, labels.y, weights, offset);
  const scalingWeights = standardizingWeights(opts, weights, y, labels.classes, 'train');
  // Solvers that evaluate through the kernel get its copy of X made now, in the same pass over X
  // as the moments of the scaling (the others never copy X); the kernel's sums are weighted by the
  // fit's weights, so they serve only when the scaling uses the same weights.
  const sums =
    solver === 'sgd' || solver === 'newglmnet' || scalingWeights !== weights
      ? undefined
      : gradientKernel.columnSums?.(wantFingerprint);
  const scaling = featureScaling(matrix, scalingWeights, fitIntercept, opts.kernel, sums);
  // The fingerprint's column sums come from the same pass when the kernel took them.
  const fingerprint = wantFingerprint
    ? dataFingerprint(matrix, labels.y, weights, sums?.inOrder, offset)
    : undefined;
  if (!scaling.sd.every(Number.isFinite)) {
    gradientKernel.release(); // its copy of X, if made
    toFeatureMatrix(X, 'train'); // throws, naming the entry
  }
  try {
    checkFeatureRange('train', matrix, scaling.sd, featureNames);
  } catch (error) {
    gradientKernel.release();
    throw error;
  }
  const sumWeights = weights === undefined ? m : weights.reduce((a, b) => a + b, 0);
  if (penalty === 'none') {
    try {
      checkIdentifiable(matrix, scaling.sd, featureNames, fitIntercept);
    } catch (error) {
      gradientKernel.release();
      throw error;
    }
  }
  // The fit of the estimable columns, expanded to the full design (see aliasedColumns.ts).
  const refitWithout = (aliasing: Aliasing): LogisticRegressionModel => {
    gradientKernel.release(); // the fit of the estimable columns binds its own
    const { kept } = aliasing;
    const intercept = opts.initialIntercept ?? opts.initialModel?.intercept;
    const reduced = fitBinary(
      selectColumns(matrix, kept),
      y,
      {
        ...opts,
        featureNames: kept.map((j) => featureNames[j]),
        ...(initialCoefficients === undefined
          ? {}
          : { initialCoefficients: kept.map((j) => initialCoefficients[j]) }),
        ...(intercept === undefined ? {} : { initialIntercept: intercept }),
      },
      false,
    );
    const expanded = expandAliasedModel(reduced, aliasing, featureNames);
    if (fingerprint === undefined) return expanded;
    const json = expanded.toJSON();
    return LogisticRegressionModel.fromJSON({
      ...json,
      fitReport: { ...json.fitReport, dataFingerprint: fingerprint },
    });
  };
  // Large maximum-likelihood fits start Newton from L-BFGS and look for aliasing on the Hessian
  // at their last Newton point (no Gram of its own); the others before fitting.
  const rate = positiveRate(labels.y, weights, sumWeights);
  // The start's intercept, the log-odds of the weighted positive rate (see theta0 below), less the
  // offset's weighted mean.
  const startIntercept =
    opts.initialIntercept ?? Math.log(rate / (1 - rate)) - meanOffset(offset, weights, sumWeights);
  if (findAliasing && !lbfgsStart && (penalty === 'none' || penalty === 'firth')) {
    const aliasing = findAliasedColumns(
      matrix,
      labels.y,
      weights,
      fitIntercept,
      scaling,
      featureNames,
      // The test is on the Gram of constant weights (see findAliasedColumns): without the offset.
      offset === undefined ? gradientKernel : undefined,
      // At the start point Newton's first Hessian is the same Gram: the kernel keeps it.
      initialCoefficients === undefined && Math.abs(startIntercept) <= 30 ? startIntercept : 0,
    );
    if (aliasing !== undefined) return refitWithout(aliasing);
  }

  const { l2 } = planPenaltyStrength(plan, sumWeights);
  const spec: LogisticObjectiveSpec = {
    gradientKernel,
    X: matrix,
    y: labels.y,
    sampleWeight: weights,
    fitIntercept,
    l2,
    center: scaling.center,
    // newglmnet's coordinate descent wants plain standard deviations (its L1 weights follow them).
    scale:
      standardize || solver === 'newglmnet' ? scaling.scale : jacobiScale(scaling.sd, l2, rate),
    penalizeScaled: standardize,
    offset,
  };
  const logistic = new LogisticObjective(spec);
  const objective = penalty === 'firth' ? new FirthObjective(spec) : logistic;

  const { classCounts, warnings } = classSummary(y, labels.classes, opts.classes);
  let separation: SeparationReport | undefined;
  if (penalty === 'none') {
    separation = checkSeparation(matrix, labels.y, weights, fitIntercept, featureNames);
    if (separation !== undefined) {
      const message = separationMessage(separation);
      if (plan.onSeparation === 'error') {
        throw new SeparationError(message, separation.kind, separation.features);
      }
      warnings.push(message);
    }
  }

  const theta0 = new Float64Array(objective.dimension);
  if (initialCoefficients !== undefined) {
    const b = opts.initialIntercept ?? opts.initialModel?.intercept ?? 0;
    logistic.fromOriginal(initialCoefficients, b, theta0);
  } else if (fitIntercept) {
    // Start from the intercept-only optimum, the log-odds of the weighted positive rate.
    theta0[p] = startIntercept;
  }

  const problem = {
    objective,
    batches: () => new LogisticBatchObjective(spec),
    // newglmnet: the elastic-net problem of the same data and coordinates.
    withL1: (x0: Float64Array, settings: SolverSettings) =>
      fitElasticNet(
        {
          X: spec.X,
          y: spec.y,
          sampleWeight: spec.sampleWeight,
          fitIntercept,
          C: plan.C,
          l1Ratio: plan.l1Ratio,
          center: spec.center,
          scale: spec.scale,
          penalizeScaled: spec.penalizeScaled,
          offset,
        },
        x0,
        settings,
      ),
  };
  let result: SolverResult | SgdResult;
  let logLoss: number;
  // Where the covariance's Hessian is formed: the final point, or, after an L-BFGS start, the
  // point of the last Newton Hessian (one step before the end, as R's glm: no Gram of its own).
  let hessianTheta: Float64Array;
  try {
    result = runSolver(problem, theta0, plan, opts, 'train', 'binary models');
    logLoss = logistic.logLoss(result.x);
    hessianTheta = result.x;
    const last = lbfgsStart ? (result as Partial<NewtonResult>) : undefined;
    if (
      last?.hessianPoint !== undefined &&
      (last.finalDecrement ?? Infinity) <= COVARIANCE_REUSE_DECREMENT
    ) {
      hessianTheta = last.hessianPoint;
    }
    if (lbfgsStart && findAliasing && dimension <= MAX_COVARIANCE_DIMENSION) {
      const gram = new Float64Array(dimension * dimension);
      logistic.hessian(hessianTheta, gram); // the kernel's last Gram when at hessianPoint
      const aliasing = aliasingOfGram(gram, p, fitIntercept, spec.scale, featureNames);
      if (aliasing !== undefined) return refitWithout(aliasing);
    }
  } finally {
    gradientKernel.release(); // frees the kernel's copy of X and detaches worker threads
  }

  const w = new Float64Array(p);
  const intercept = logistic.toOriginal(result.x, w);
  checkFiniteFit('train', solver, w, [intercept], result.objective);
  if (!result.converged) warnings.push(convergenceWarning(plan, result));
  if (separation === undefined && penalty === 'none') {
    const extreme = countExtremeFits(matrix, w, intercept, opts.kernel, opts.threadPool, offset);
    if (extreme > 0) {
      warnings.push(
        `fitted probabilities numerically 0 or 1 occurred for ${extreme} row(s): the data may be nearly separated; consider penalty 'l2'`,
      );
    }
  }

  const fitReport = buildFitReport(plan, result, {
    logLoss,
    nObservations: m,
    nFeatures: p,
    sumWeights,
    classCounts,
    warnings,
    separation,
    dataFingerprint: fingerprint,
  });
  const inference = computeInference({
    spec,
    penalty,
    theta: result.x,
    hessianTheta,
    coefficients: w,
    intercept,
    logLoss,
    sumWeights,
    usable: separation === undefined,
    profileConfidenceLevel: opts.profileConfidenceLevel,
    covariance: opts.covariance,
  });
  return new LogisticRegressionModel({
    inference,
    coefficients: Array.from(w),
    intercept,
    classes: labels.classes,
    positiveClass: labels.positiveClass,
    featureNames,
    fitReport,
    ...(offset === undefined ? {} : { offset: opts.offsetName ?? 'offset' }),
  });
}

/** The `offset` option as a Float64Array of m finite numbers, or undefined. */
function checkedOffset(
  offset: readonly number[] | Float64Array | undefined,
  m: number,
): Float64Array | undefined {
  if (offset === undefined) return undefined;
  if (offset.length !== m) {
    throw new ShapeError(`train: offset has ${offset.length} values, but X has ${m} rows`);
  }
  const values = Float64Array.from(offset);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ValueError(`train: offset[${bad}] is ${String(offset[bad])}; offsets must be finite`);
  }
  return values;
}

/** Σ sᵢoᵢ / S, or 0 without an offset. */
function meanOffset(
  offset: Float64Array | undefined,
  weights: Float64Array | undefined,
  sumWeights: number,
): number {
  if (offset === undefined) return 0;
  let sum = 0;
  for (let i = 0; i < offset.length; i++)
    sum += (weights === undefined ? 1 : weights[i]) * offset[i];
  return sum / sumWeights;
}

/**
 * The largest decrement λ² = dᵀ∇²F·d of the final Newton step after which the covariance reuses
 * that step's Hessian: the step then moves each fitted score zᵢ by about λ/√(mean weight),
 * ≈ 1e-10, and each weight pᵢ(1 − pᵢ) by at most that relative amount (its derivative is at most
 * itself), so the covariance is the final point's to about 1e-10 relative.
 */
const COVARIANCE_REUSE_DECREMENT = 1e-20;

/** The weighted share of positive rows, kept inside [1e-12, 1 − 1e-12]. */
function positiveRate(
  y: Float64Array,
  weights: Float64Array | undefined,
  sumWeights: number,
): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += (weights === undefined ? 1 : weights[i]) * y[i];
  return Math.min(Math.max(pos / sumWeights, 1e-12), 1 - 1e-12);
}
