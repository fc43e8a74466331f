import { OptionError } from '../errors.js';
import type { MulticlassTrainOptions, TrainOptions } from './trainOptions.js';
import {
  booleanCheck,
  checkOptions,
  finiteNumberCheck,
  labelCheck,
  numberArrayCheck,
  oneOfCheck,
  positiveIntegerCheck,
  positiveNumberCheck,
  stringArrayCheck,
  threadPoolCheck,
} from '../validation/optionChecks.js';
import type { OptionCheck } from '../validation/optionChecks.js';

type Check = OptionCheck;
const positiveNumber = positiveNumberCheck;
const positiveInteger = positiveIntegerCheck;
const boolean = booleanCheck;
const oneOf = (...allowed: string[]): Check => oneOfCheck(allowed);
const finiteNumber = finiteNumberCheck;
const arrayLike = numberArrayCheck;
const label = labelCheck;
const names = stringArrayCheck;
/** At least two distinct labels of one type (the `classes` option). */
const labels: Check = (v) =>
  Array.isArray(v) &&
  v.length >= 2 &&
  v.every((c) => label(c) === undefined && typeof c === typeof v[0]) &&
  new Set(v).size === v.length
    ? undefined
    : 'an array of at least two distinct labels of one type (numbers, strings or booleans)';
const fn: Check = (v) => (typeof v === 'function' ? undefined : 'a function');
const classWeight: Check = (v) =>
  v === 'balanced' || v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v))
    ? undefined
    : "'balanced', a Map or an object of weights per class";

/** `{ type, cluster?, clusterName? }` (see CovarianceOption). */
const covarianceCheck: Check = (v) => {
  const o = v as { type?: unknown; cluster?: unknown; clusterName?: unknown };
  const ok =
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).every((k) => k === 'type' || k === 'cluster' || k === 'clusterName') &&
    oneOfCheck(['hc0', 'hc1', 'hc2', 'hc3'])(o.type) === undefined &&
    (o.cluster === undefined ||
      (Array.isArray(o.cluster) &&
        o.cluster.every(
          (c) => typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c)),
        ))) &&
    (o.clusterName === undefined || typeof o.clusterName === 'string');
  return ok
    ? undefined
    : "{ type: 'hc0' | 'hc1' | 'hc2' | 'hc3', cluster?: one string or number per row, clusterName?: string }";
};

/**
 * The constraint table of {@link TrainOptions}, checked once at the public boundary
 * (the pattern of scikit-learn's `_parameter_constraints`).
 */
export const trainOptionConstraints: Readonly<Record<keyof MulticlassTrainOptions, Check>> = {
  multiClass: oneOf('multinomial', 'ovr', 'auto'),
  penalty: oneOf('none', 'l2', 'l1', 'elasticnet', 'firth'),
  l1Ratio: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'a number in [0, 1]'),
  C: positiveNumber,
  solver: oneOf('lbfgs', 'newton', 'gd', 'sgd', 'newglmnet', 'auto'),
  fitIntercept: boolean,
  tolerance: positiveNumber,
  maxIterations: positiveInteger,
  learningRate: positiveNumber,
  sampleWeight: arrayLike,
  classWeight,
  standardize: boolean,
  standardizeWeights: oneOf('fit', 'sample'),
  featureNames: names,
  positiveClass: label,
  classes: labels,
  onSeparation: oneOf('error', 'warn'),
  initialCoefficients: arrayLike,
  initialIntercept: finiteNumber,
  initialModel: (v) =>
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as { coefficients?: unknown }).coefficients) &&
    typeof (v as { intercept?: unknown }).intercept === 'number'
      ? undefined
      : 'a fitted binary model (with coefficients and intercept)',
  batchSize: positiveInteger,
  learningRateSchedule: oneOf('constant', 'invscaling', 'optimal'),
  learningRateExponent: positiveNumber,
  average: boolean,
  seed: (v) => (typeof v === 'number' && Number.isInteger(v) ? undefined : 'an integer'),
  validationFraction: (v) =>
    typeof v === 'number' && v >= 0 && v < 1 ? undefined : 'a number in [0, 1)',
  patience: positiveInteger,
  validationTolerance: positiveNumber,
  profileConfidenceLevel: (v) =>
    typeof v === 'number' && v > 0 && v < 1 ? undefined : 'a confidence level in (0, 1)',
  covariance: covarianceCheck,
  offset: arrayLike,
  offsetName: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'a non-empty string'),
  kernel: oneOf('auto', 'plain', 'wasm'),
  threadPool: threadPoolCheck,
  onIteration: fn,
};

/**
 * Checks every given option against {@link trainOptionConstraints}; unknown names are errors
 * (a misspelt option must not be silently ignored).
 *
 * @throws {OptionError} naming the option, what it must be and what it was.
 */
export function checkTrainOptions(options: unknown, where = 'train'): MulticlassTrainOptions {
  if (options === undefined) return {};
  checkOptions<MulticlassTrainOptions>(where, options, trainOptionConstraints);
  const opts = options as MulticlassTrainOptions;
  if (opts.solver !== 'sgd') {
    for (const key of sgdOnlyOptions) {
      if (opts[key] !== undefined) {
        throw new OptionError(
          `${where}: option '${key}' applies to solver 'sgd' only (solver is '${opts.solver ?? 'lbfgs'}')`,
        );
      }
    }
  }
  if (opts.solver === 'sgd' && opts.penalty === 'firth') {
    throw new OptionError(
      `${where}: penalty 'firth' is not supported by solver 'sgd'; use 'newton' or 'lbfgs'`,
    );
  }
  checkPenaltyAndSolver(opts, where);
  checkCovariance(opts, where);
  checkOffset(opts, where);
  if (opts.standardizeWeights !== undefined && opts.standardize !== true) {
    throw new OptionError(
      `${where}: option 'standardizeWeights' applies with option 'standardize' only (it chooses the weights of its moments)`,
    );
  }
  return opts;
}

/** Robust covariances are for maximum likelihood; clustered ones are CR0 and CR1. */
function checkCovariance(opts: TrainOptions, where: string): void {
  const covariance = opts.covariance;
  if (covariance === undefined) return;
  if (opts.penalty !== 'none') {
    throw new OptionError(
      `${where}: option 'covariance' applies to penalty 'none' (maximum likelihood) only, not to penalty '${opts.penalty ?? 'l2'}'`,
    );
  }
  if (
    covariance.cluster !== undefined &&
    (covariance.type === 'hc2' || covariance.type === 'hc3')
  ) {
    throw new OptionError(
      `${where}: a clustered covariance has type 'hc0' (CR0) or 'hc1' (CR1), got '${covariance.type}'`,
    );
  }
}

/**
 * Offsets enter the plain gradient pass of binary fits: maximum likelihood, L2, Firth (brglm2's
 * `brglmFit` with an offset) and L1 / elastic net (glmnet's `offset`), by Newton, L-BFGS, gd,
 * sgd or newGLMNET. Not multiclass (one known term added to every class's score cancels in the
 * softmax; per-class offsets are not an option), not the WebAssembly or threaded kernels (their
 * passes score w·x + b).
 */
function checkOffset(opts: MulticlassTrainOptions, where: string): void {
  if (opts.offset === undefined) {
    if (opts.offsetName !== undefined) {
      throw new OptionError(`${where}: option 'offsetName' names option 'offset', which is absent`);
    }
    return;
  }
  if (opts.multiClass !== undefined) {
    throw new OptionError(
      `${where}: option 'offset' applies to binary models only (multiClass is '${opts.multiClass}'): one known term added to every class's score cancels in the softmax`,
    );
  }
  if (opts.kernel === 'wasm' || opts.threadPool !== undefined) {
    throw new OptionError(
      `${where}: option 'offset' runs the plain gradient pass; drop option ${opts.kernel === 'wasm' ? "'kernel: wasm'" : "'threadPool'"}`,
    );
  }
}

const sgdOnlyOptions = [
  'batchSize',
  'learningRateSchedule',
  'learningRateExponent',
  'average',
  'seed',
  'validationFraction',
  'patience',
  'validationTolerance',
] as const;

/** Penalties and solvers that do not go together, and the elastic net's l1Ratio. */
function checkPenaltyAndSolver(opts: TrainOptions, where: string): void {
  const sparse = opts.penalty === 'l1' || opts.penalty === 'elasticnet';
  if (
    sparse &&
    opts.solver !== undefined &&
    opts.solver !== 'newglmnet' &&
    opts.solver !== 'auto'
  ) {
    throw new OptionError(
      `${where}: penalty '${opts.penalty}' is not supported by solver '${opts.solver}' (its optimum has exact zeros, where the objective has no gradient); use solver 'newglmnet'`,
    );
  }
  if (opts.solver === 'newglmnet' && (opts.penalty === 'none' || opts.penalty === 'firth')) {
    throw new OptionError(
      `${where}: solver 'newglmnet' needs penalty 'l1', 'elasticnet' or 'l2', got '${opts.penalty}'`,
    );
  }
  if (opts.penalty === 'elasticnet' && opts.l1Ratio === undefined) {
    throw new OptionError(
      `${where}: penalty 'elasticnet' needs option 'l1Ratio' (a number in [0, 1])`,
    );
  }
  if (opts.l1Ratio !== undefined && opts.penalty !== 'elasticnet') {
    throw new OptionError(
      `${where}: option 'l1Ratio' applies to penalty 'elasticnet' only (penalty is '${opts.penalty ?? 'l2'}')`,
    );
  }
}
