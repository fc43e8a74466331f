import { OptionError } from '../errors.js';
import type { TrainOptions } from '../model/options.js';
import { describe } from './toMatrix.js';

type Check = (value: unknown) => string | undefined;

const positiveNumber: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a finite number > 0';
const positiveInteger: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'an integer ≥ 1';
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v)
      ? undefined
      : `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
const finiteNumber: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number';
const arrayLike: Check = (v) =>
  Array.isArray(v) || v instanceof Float64Array ? undefined : 'an array of numbers';
const fn: Check = (v) => (typeof v === 'function' ? undefined : 'a function');
const label: Check = (v) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : 'a number, string or boolean';
const classWeight: Check = (v) =>
  v === 'balanced' || v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v))
    ? undefined
    : "'balanced', a Map or an object of weights per class";
const names: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : 'an array of strings';

/**
 * The constraint table of {@link TrainOptions}, checked once at the public boundary
 * (the pattern of scikit-learn's `_parameter_constraints`).
 */
export const trainOptionConstraints: Readonly<Record<keyof TrainOptions, Check>> = {
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
  featureNames: names,
  positiveClass: label,
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
  kernel: oneOf('auto', 'plain', 'wasm'),
  threadPool: (v) =>
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger((v as { size?: unknown }).size) &&
    typeof (v as { post?: unknown }).post === 'function' &&
    (v as { control?: unknown }).control instanceof Int32Array
      ? undefined
      : 'a thread pool (createThreadPool)',
  onIteration: fn,
};

/**
 * Checks every given option against {@link trainOptionConstraints}; unknown names are errors
 * (a misspelt option must not be silently ignored).
 *
 * @throws {OptionError} naming the option, what it must be and what it was.
 */
export function checkTrainOptions(options: unknown, where = 'train'): TrainOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = (trainOptionConstraints as Record<string, Check | undefined>)[key];
    if (check === undefined) {
      throw new OptionError(
        `${where}: unknown option '${key}' (known: ${Object.keys(trainOptionConstraints).join(', ')})`,
      );
    }
    const expected = check(value);
    if (expected !== undefined) {
      throw new OptionError(
        `${where}: option '${key}' must be ${expected}, got ${describe(value)}`,
      );
    }
  }
  const opts = options as TrainOptions;
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
  return opts;
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
