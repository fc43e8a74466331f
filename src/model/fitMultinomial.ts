import { OptionError } from '../errors.js';
import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { Matrix } from '../linalg/matrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { logSumExp } from '../math/logSumExp.js';
import { elasticNetPenalty } from '../objectives/elasticNetPenalty.js';
import { MultinomialObjective } from '../objectives/multinomialObjective.js';
import type { SolverSettings } from '../solvers/objective.js';
import { proximalNewton } from '../solvers/proximalNewton.js';
import { standardizingWeights } from './rowWeights.js';
import { featureScaling } from './featureScaling.js';
import { MultinomialLogisticRegressionModel } from './multinomialModel.js';
import type { Label, TrainOptions } from '../options/trainOptions.js';
import { planPenaltyStrength } from '../options/trainPlan.js';
import type { TrainPlan } from '../options/trainPlan.js';
import { runSolver } from './solverRegistry.js';
import { buildFitReport } from './buildFitReport.js';
import { convergenceWarning } from './convergenceWarning.js';
import { extremeFitWarnings, multinomialSeparationGate } from './multinomialSeparationGate.js';
import { classSummary } from './classCounts.js';

/**
 * The largest multinomial L1 / elastic-net problem, in parameters K·(p + 1), that
 * {@link fitMultinomial} solves: proximal Newton reads a dense Hessian of that many squared
 * entries (8 MB at 1000), formed in O(m·(K·(p + 1))²/2) per Newton step. Digits (10 × 65 = 650)
 * fits. Larger problems get an OptionError pointing to one-vs-rest, whose binary L1 fits read
 * the data column by column without a dense Hessian.
 */
export const MULTINOMIAL_L1_MAX_DIMENSION = 1000;

/**
 * The multinomial fit of `train` (its doc states the objective): builds the
 * {@link MultinomialObjective} on checked inputs, runs the plan's solver and returns the model with
 * intercepts centred over the classes, and coefficients too for `'l2'` and `'none'`.
 *
 * L1 and elastic net (`'newglmnet'`, the only solver for them): {@link proximalNewton} on the
 * smooth part (loss + (1 − l1Ratio)/(C·S)·½‖·‖², gauge on the intercepts only) plus the L1 term
 * Σₖⱼ κⱼ·|θₖⱼ|, κⱼ = l1Ratio/(C·S)·qⱼ as the binary `elasticNetPenalty` (qⱼ = 1/scaleⱼ on original
 * units, 1 with `standardize`), so that the penalty is scikit-learn's on w (or θ); coefficients are
 * not centred over the classes there, since that would change the penalty.
 *
 * @param X - m × p, dense or CSR (never densified).
 * @param weights - row weights sᵢ, or undefined for all ones.
 * @param plan - the resolved plan (`model: 'multinomial'`).
 * @param where - the public function named in error messages.
 * @throws {OptionError} a penalty, solver or option the multinomial fit does not support, or an
 *   L1 problem above {@link MULTINOMIAL_L1_MAX_DIMENSION} parameters.
 */
export function fitMultinomial(
  X: FeatureMatrix,
  labels: readonly Label[],
  classes: readonly Label[],
  weights: Float64Array | undefined,
  opts: TrainOptions,
  plan: TrainPlan,
  featureNames: readonly string[],
  where: string,
): MultinomialLogisticRegressionModel {
  const { rows: m, cols: p } = X;
  const K = classes.length;
  const { penalty, solver, fitIntercept, standardize, l1Ratio } = plan;
  if (penalty === 'firth') {
    throw new OptionError(
      `${where}: penalty 'firth' is not available for multinomial models (use 'l2', 'l1', 'elasticnet' or 'none', or multiClass 'ovr')`,
    );
  }
  if (opts.covariance !== undefined) {
    throw new OptionError(
      `${where}: option 'covariance' (robust standard errors) is available for binary and one-vs-rest models only`,
    );
  }
  if (opts.profileConfidenceLevel !== undefined) {
    throw new OptionError(
      `${where}: profileConfidenceLevel is available for binary and one-vs-rest models only`,
    );
  }
  if (opts.kernel === 'wasm' || opts.threadPool !== undefined) {
    throw new OptionError(
      `${where}: the multinomial fit has no WebAssembly or threaded kernel; drop 'kernel' and 'threadPool' or use multiClass 'ovr'`,
    );
  }
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const y = Int32Array.from(labels, (v) => index.get(v) ?? 0);
  const scaling = featureScaling(
    X,
    standardizingWeights(opts, weights, labels, classes, where),
    fitIntercept,
  );
  const prior = new Float64Array(K);
  let sumWeights = 0;
  for (let i = 0; i < m; i++) {
    const s = weights === undefined ? 1 : weights[i];
    prior[y[i]] += s;
    sumWeights += s;
  }
  for (let k = 0; k < K; k++) prior[k] = Math.max(prior[k] / sumWeights, 1e-12);
  const penalized = penalty !== 'none';
  const { l2 } = planPenaltyStrength(plan, sumWeights);
  const stride = p + (fitIntercept ? 1 : 0);
  if (solver === 'newglmnet' && K * stride > MULTINOMIAL_L1_MAX_DIMENSION) {
    throw new OptionError(
      `${where}: the multinomial ${penalty} fit (solver 'newglmnet') holds a dense Hessian of K·(p + 1) = ${K * stride} parameters, above its limit of ${MULTINOMIAL_L1_MAX_DIMENSION}; use multiClass 'ovr' (its L1 fits read the data, no such limit) or fewer features`,
    );
  }

  const objective = new MultinomialObjective({
    X,
    y,
    classCount: K,
    sampleWeight: weights,
    fitIntercept,
    l2,
    center: scaling.center,
    // newglmnet's coordinate descent wants plain standard deviations (its L1 weights follow
    // them), as in the binary fit.
    scale:
      standardize || solver === 'newglmnet'
        ? scaling.scale
        : multinomialJacobiScale(scaling.sd, l2, prior),
    penalizeScaled: standardize,
    gauge: l1Ratio > 0 ? 'intercepts' : 'all',
  });
  // Start from the intercept-only optimum: bₖ = log πₖ (centred), w = 0.
  const theta0 = new Float64Array(objective.dimension);
  if (fitIntercept) {
    let meanLog = 0;
    for (let k = 0; k < K; k++) meanLog += Math.log(prior[k]) / K;
    for (let k = 0; k < K; k++) theta0[k * objective.stride + p] = Math.log(prior[k]) - meanLog;
  }
  // Without a penalty the estimates exist only if no hyperplane separates the classes: check
  // exactly first (as the binary train does), and refuse or warn instead of reporting divergence.
  const { classCounts, warnings } = classSummary(labels, classes, opts.classes);
  const separation = penalized
    ? undefined
    : multinomialSeparationGate(X, y, classes, weights, plan, featureNames, warnings, where);
  const problem = {
    objective,
    withL1: (x0: Float64Array, settings: SolverSettings) =>
      proximalNewton(
        objective,
        multinomialL1Weights(
          plan.C,
          l1Ratio,
          sumWeights,
          objective,
          scaling.scale,
          standardize,
          fitIntercept,
        ),
        x0,
        settings,
      ),
  };
  const result = runSolver(problem, theta0, plan, opts, where, 'multinomial models');

  const w = new Float64Array(K * p);
  const b = new Float64Array(K);
  objective.toOriginal(result.x, w, b);
  centreOverClasses(l1Ratio > 0 ? null : w, b, K, p);
  if (!result.converged && separation === undefined) {
    warnings.push(convergenceWarning(plan, result));
  }
  if (!penalized) warnings.push(...extremeFitWarnings(X, w, b, fitIntercept));
  const fitReport = buildFitReport(plan, result, {
    logLoss: multinomialLogLoss(X, y, w, b, weights),
    nObservations: m,
    nFeatures: p,
    sumWeights,
    classCounts,
    warnings,
    separation,
  });
  return new MultinomialLogisticRegressionModel({
    coefficients: Array.from({ length: K }, (_, k) => Array.from(w.subarray(k * p, (k + 1) * p))),
    intercepts: Array.from(b),
    classes,
    featureNames,
    fitReport,
  });
}

/**
 * The per-feature solver scale when the penalty is on original units: as the binary
 * `jacobiScale`, √(σⱼ² + λ/v) with v = (1/K)·Σₖ πₖ(1 − πₖ) the mean curvature of the softmax at the
 * intercept-only start (πₖ the class shares), so that every coordinate has curvature about 1.
 */
function multinomialJacobiScale(sd: Float64Array, l2: number, prior: Float64Array): Float64Array {
  let v = 0;
  for (const pk of prior) v += (pk * (1 - pk)) / prior.length;
  const extra = l2 / Math.max(v, 1e-12);
  return sd.map((s) => {
    const scale = Math.sqrt(s * s + extra);
    return scale > 0 && Number.isFinite(scale) ? scale : 1;
  });
}

/**
 * κ of the multinomial L1 term, one block per class: the binary {@link elasticNetPenalty}
 * weights (l1Ratio/(C·S) per coordinate, divided by scaleⱼ unless the penalty is on the
 * standardized scale; 0 on the intercept) repeated K times.
 */
export function multinomialL1Weights(
  C: number,
  l1Ratio: number,
  sumWeights: number,
  objective: MultinomialObjective,
  scale: Float64Array,
  penalizeScaled: boolean,
  fitIntercept: boolean,
): Float64Array {
  const block = elasticNetPenalty({
    C,
    l1Ratio,
    sumWeights,
    scale,
    penalizeScaled,
    fitIntercept,
  }).l1Weights;
  const out = new Float64Array(objective.dimension);
  for (let k = 0; k < objective.classCount; k++) out.set(block, k * objective.stride);
  return out;
}

/**
 * Subtracts the mean over the classes from the intercepts and (unless `w` is null) from every
 * coefficient. The probabilities do not change; the L2 optimum is already centred (to rounding),
 * and without a penalty this picks the representative of smallest norm. An L1 optimum is not
 * centred (pass null): moving its coefficients would change the penalty.
 */
function centreOverClasses(w: Float64Array | null, b: Float64Array, K: number, p: number): void {
  if (w !== null) {
    for (let j = 0; j < p; j++) {
      let mean = 0;
      for (let k = 0; k < K; k++) mean += w[k * p + j];
      mean /= K;
      for (let k = 0; k < K; k++) w[k * p + j] -= mean;
    }
  }
  let mean = 0;
  for (let k = 0; k < K; k++) mean += b[k];
  mean /= K;
  for (let k = 0; k < K; k++) b[k] -= mean;
}

/** (1/S)·Σᵢ sᵢ·(−log pᵢ,yᵢ) at original-unit (w, b); X dense or CSR. */
function multinomialLogLoss(
  X: FeatureMatrix,
  y: Int32Array,
  w: Float64Array,
  b: Float64Array,
  weights: Float64Array | undefined,
): number {
  const { rows: m, cols: p } = X;
  const K = b.length;
  const z = new Float64Array(K);
  let loss = 0;
  let total = 0;
  const sparse = isSparseMatrix(X) ? X : undefined;
  const rowsOf = Array.from({ length: K }, (_, k) => w.subarray(k * p, (k + 1) * p));
  for (let i = 0; i < m; i++) {
    const s = weights === undefined ? 1 : weights[i];
    for (let k = 0; k < K; k++) {
      if (sparse !== undefined) {
        z[k] = sparseRowScore(sparse, i, rowsOf[k], b[k]);
        continue;
      }
      let zk = b[k];
      for (let j = 0; j < p; j++) zk += w[k * p + j] * (X as Matrix).data[i * p + j];
      z[k] = zk;
    }
    loss += s * (logSumExp(z) - z[y[i]]);
    total += s;
  }
  return loss / total;
}
