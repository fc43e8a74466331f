import { OptionError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { logSumExp } from '../math/logSumExp.js';
import { MultinomialObjective } from '../objectives/multinomialObjective.js';
import { gradientDescent } from '../solvers/gradientDescent.js';
import { lbfgs } from '../solvers/lbfgs.js';
import { newton } from '../solvers/newton.js';
import type { SolverResult } from '../solvers/objective.js';
import { solverSettings } from './solverSettings.js';
import { describe } from '../validation/toMatrix.js';
import { featureScaling } from './featureScaling.js';
import type { FitReport } from './fitReport.js';
import { MultinomialLogisticRegressionModel } from './multinomialModel.js';
import { defaultTrainOptions } from './options.js';
import type { Label, SolverName, TrainOptions } from './options.js';

const WHERE = 'trainMulticlass';

/**
 * The multinomial branch of `trainMulticlass` (its doc states the objective): builds the
 * {@link MultinomialObjective} on checked inputs, runs the solver and returns the model with
 * coefficients and intercepts centred over the classes.
 *
 * @param weights - row weights sᵢ, or undefined for all ones.
 * @throws {OptionError} a penalty, solver or option the multinomial fit does not support.
 */
export function fitMultinomial(
  X: Matrix,
  labels: readonly Label[],
  classes: readonly Label[],
  weights: Float64Array | undefined,
  opts: TrainOptions,
  featureNames: readonly string[],
): MultinomialLogisticRegressionModel {
  const { rows: m, cols: p } = X;
  const K = classes.length;
  const penalty = opts.penalty ?? defaultTrainOptions.penalty;
  if (penalty !== 'l2' && penalty !== 'none') {
    throw new OptionError(
      `${WHERE}: penalty '${penalty}' is not available for multinomial models (use 'l2' or 'none', or multiClass 'ovr')`,
    );
  }
  if (opts.profileConfidenceLevel !== undefined) {
    throw new OptionError(
      `${WHERE}: profileConfidenceLevel is available for binary and one-vs-rest models only`,
    );
  }
  if (opts.kernel === 'wasm' || opts.threadPool !== undefined) {
    throw new OptionError(
      `${WHERE}: the multinomial fit has no WebAssembly or threaded kernel; drop 'kernel' and 'threadPool' or use multiClass 'ovr'`,
    );
  }
  // Newton (Newton-CG above 400 parameters) by default: at the default tolerance it reaches
  // scikit-learn's newton-cg optimum on digits to 6e-12, where L-BFGS stops 4e-8 short.
  const solver: SolverName =
    opts.solver === undefined || opts.solver === 'auto' ? 'newton' : opts.solver;
  const C = opts.C ?? defaultTrainOptions.C;
  const fitIntercept = opts.fitIntercept ?? defaultTrainOptions.fitIntercept;
  const standardize = opts.standardize ?? defaultTrainOptions.standardize;
  const tolerance = opts.tolerance ?? defaultTrainOptions.tolerance;
  const maxIterations = opts.maxIterations ?? defaultTrainOptions.maxIterations[solver];

  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const y = Int32Array.from(labels, (v) => index.get(v) ?? 0);
  const scaling = featureScaling(X, weights, fitIntercept);
  const prior = new Float64Array(K);
  let sumWeights = 0;
  for (let i = 0; i < m; i++) {
    const s = weights === undefined ? 1 : weights[i];
    prior[y[i]] += s;
    sumWeights += s;
  }
  for (let k = 0; k < K; k++) prior[k] = Math.max(prior[k] / sumWeights, 1e-12);
  const l2 = penalty === 'l2' ? 1 / (C * sumWeights) : 0;

  const objective = new MultinomialObjective({
    X,
    y,
    classCount: K,
    sampleWeight: weights,
    fitIntercept,
    l2,
    center: scaling.center,
    scale: standardize ? scaling.scale : multinomialJacobiScale(scaling.sd, l2, prior),
    penalizeScaled: standardize,
  });
  // Start from the intercept-only optimum: bₖ = log πₖ (centred), w = 0.
  const theta0 = new Float64Array(objective.dimension);
  if (fitIntercept) {
    let meanLog = 0;
    for (let k = 0; k < K; k++) meanLog += Math.log(prior[k]) / K;
    for (let k = 0; k < K; k++) theta0[k * objective.stride + p] = Math.log(prior[k]) - meanLog;
  }
  const settings = solverSettings(tolerance, maxIterations, opts.onIteration);
  let result: SolverResult;
  switch (solver) {
    case 'lbfgs':
      result = lbfgs(objective, theta0, settings);
      break;
    case 'newton':
      result = newton(objective, theta0, settings);
      break;
    case 'gd':
      result = gradientDescent(objective, theta0, {
        ...settings,
        learningRate: opts.learningRate ?? defaultTrainOptions.learningRate,
      });
      break;
    default:
      throw new OptionError(
        `${WHERE}: solver ${describe(solver)} is not available for multinomial models (use 'lbfgs', 'newton' or 'gd')`,
      );
  }

  const w = new Float64Array(K * p);
  const b = new Float64Array(K);
  objective.toOriginal(result.x, w, b);
  centreOverClasses(w, b, K, p);
  const warnings: string[] = [];
  if (!result.converged) warnings.push(convergenceWarning(solver, result, tolerance, penalty));
  const fitReport: FitReport = {
    solver,
    penalty,
    C: penalty === 'l2' ? C : null,
    standardize,
    fitIntercept,
    iterations: result.iterations,
    converged: result.converged,
    stopReason: result.stopReason,
    objective: result.objective,
    gradientNorm: result.gradientNorm,
    tolerance,
    lossHistory: result.lossHistory,
    logLoss: multinomialLogLoss(X, y, w, b, weights),
    nObservations: m,
    nFeatures: p,
    sumWeights,
    warnings,
  };
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
 * Subtracts the mean over the classes from every coefficient and from the intercepts. The
 * probabilities do not change; the L2 optimum is already centred (to rounding), and without a
 * penalty this picks the representative of smallest norm.
 */
function centreOverClasses(w: Float64Array, b: Float64Array, K: number, p: number): void {
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += w[k * p + j];
    mean /= K;
    for (let k = 0; k < K; k++) w[k * p + j] -= mean;
  }
  let mean = 0;
  for (let k = 0; k < K; k++) mean += b[k];
  mean /= K;
  for (let k = 0; k < K; k++) b[k] -= mean;
}

/** (1/S)·Σᵢ sᵢ·(−log pᵢ,yᵢ) at original-unit (w, b). */
function multinomialLogLoss(
  X: Matrix,
  y: Int32Array,
  w: Float64Array,
  b: Float64Array,
  weights: Float64Array | undefined,
): number {
  const { rows: m, cols: p, data } = X;
  const K = b.length;
  const z = new Float64Array(K);
  let loss = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const s = weights === undefined ? 1 : weights[i];
    for (let k = 0; k < K; k++) {
      let zk = b[k];
      for (let j = 0; j < p; j++) zk += w[k * p + j] * data[i * p + j];
      z[k] = zk;
    }
    loss += s * (logSumExp(z) - z[y[i]]);
    total += s;
  }
  return loss / total;
}

function convergenceWarning(
  solver: SolverName,
  r: SolverResult,
  tolerance: number,
  penalty: string,
): string {
  const why =
    r.stopReason === 'max-iterations'
      ? `reached maxIterations (${r.iterations})`
      : r.stopReason === 'not-finite'
        ? 'the objective became non-finite (for gd: the learning rate is too large)'
        : 'the line search could not decrease the objective further (floating-point limit)';
  const hint =
    penalty === 'none'
      ? " Without a penalty the estimates do not exist when the classes are separated: use penalty 'l2'."
      : '';
  return (
    `${solver} did not converge: ${why}; gradient norm ${r.gradientNorm.toExponential(2)} > tolerance ${tolerance}. ` +
    `Raise maxIterations, loosen tolerance, standardize the features or try solver 'newton'.${hint}`
  );
}
