import type {
  LearningRateSchedule,
  MulticlassTrainOptions,
  Penalty,
  SeparationPolicy,
  SolverChoice,
  SolverName,
  StandardizeWeights,
  TrainOptions,
} from '../options/trainOptions.js';
import { resolveTrainPlan } from '../options/trainPlan.js';
import type { TrainPlan } from '../options/trainPlan.js';
import type { KernelChoice } from '../kernels/gradientKernel.js';
import { note } from './io.js';
import type { CliIO } from './io.js';
import type { TrainingData } from '../data/trainingData.js';

/**
 * The flags of `train` and `cv` that are library options: absent when not given, so that the
 * library applies its defaults (some depend on other options: none and firth fit with newton).
 */
export interface ModelOptionFlags {
  readonly penalty?: Penalty;
  readonly C?: number;
  readonly l1Ratio?: number;
  readonly solver?: SolverChoice;
  readonly learningRate?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  readonly standardize?: boolean;
  readonly standardizeWeights?: StandardizeWeights;
  readonly classWeight?: 'balanced' | Record<string, number>;
  readonly onSeparation?: SeparationPolicy;
  readonly seed?: number;
  readonly batchSize?: number;
  readonly learningRateSchedule?: LearningRateSchedule;
  readonly average?: boolean;
  readonly validationFraction?: number;
  readonly learningRateExponent?: number;
  readonly patience?: number;
  readonly validationTolerance?: number;
  readonly kernel?: KernelChoice;
}

/**
 * The library's plan for these options on the prepared data (`resolveTrainPlan`, the rule `train`
 * follows): the solver and iteration cap the fit will use, for the progress bar and the notes.
 */
export function planOf(options: MulticlassTrainOptions, data: TrainingData): TrainPlan {
  return resolveTrainPlan(options, {
    rows: data.X.rows,
    features: data.X.cols,
    classCount: data.classes.length,
  });
}

/** The library's `TrainOptions` for the flags and the prepared data. */
export function trainOptionsOf(
  flags: ModelOptionFlags & { readonly intercept: boolean },
  data: TrainingData,
): TrainOptions {
  const options: TrainOptions = {
    ...pick(flags, ['penalty', 'C', 'solver', 'tolerance', 'maxIterations', 'learningRate']),
    ...pick(flags, ['l1Ratio']),
    ...pick(flags, ['standardize', 'standardizeWeights', 'onSeparation', 'classWeight']),
    ...pick(flags, ['kernel']),
    fitIntercept: flags.intercept,
    featureNames: data.featureNames,
    ...(data.positiveClass === undefined ? {} : { positiveClass: data.positiveClass }),
    ...(data.sampleWeight === undefined ? {} : { sampleWeight: data.sampleWeight }),
  };
  return {
    ...options,
    // The library refuses sgd options with other solvers; explainIgnoredFlags notes them.
    ...(planOf(options, data).solver === 'sgd'
      ? pick(flags, [
          'seed',
          'batchSize',
          'learningRateSchedule',
          'average',
          'validationFraction',
          'learningRateExponent',
          'patience',
          'validationTolerance',
        ])
      : {}),
  };
}

/**
 * Notes (stderr) on flags the plan's solver or penalty ignores. `seedIsSgdOnly: false` where
 * `--seed` also seeds something else (cv's folds).
 */
export function explainIgnoredFlags(
  io: CliIO,
  flags: ModelOptionFlags,
  solver: SolverName,
  { seedIsSgdOnly = true }: { readonly seedIsSgdOnly?: boolean } = {},
): void {
  if (solver !== 'gd' && solver !== 'sgd' && flags.learningRate !== undefined) {
    note(io, `--learning-rate applies to --solver gd and sgd only; ${solver} ignores it`);
  }
  if (flags.C !== undefined && (flags.penalty === 'none' || flags.penalty === 'firth')) {
    note(
      io,
      `--C sets the strength of the l2, l1 and elasticnet penalties; with --penalty ${flags.penalty} it is ignored`,
    );
  }
  if (solver !== 'sgd') {
    const sgdOnly = (
      [
        ['seed', '--seed'],
        ['batchSize', '--batch-size'],
        ['learningRateSchedule', '--learning-rate-schedule'],
        ['average', '--average'],
        ['validationFraction', '--validation-fraction'],
        ['learningRateExponent', '--learning-rate-exponent'],
        ['patience', '--patience'],
        ['validationTolerance', '--validation-tolerance'],
      ] as const
    ).filter(
      ([key]) =>
        flags[key] !== undefined && flags[key] !== false && (key !== 'seed' || seedIsSgdOnly),
    );
    if (sgdOnly.length > 0) {
      note(
        io,
        `${sgdOnly.map(([, flag]) => flag).join(', ')} ${sgdOnly.length === 1 ? 'applies' : 'apply'} to --solver sgd only; the ${solver} solver is deterministic and ignores ${sgdOnly.length === 1 ? 'it' : 'them'}`,
      );
    }
  }
}

/** The entries of `flags` named in `keys` that are defined (exactOptionalPropertyTypes). */
function pick<K extends keyof ModelOptionFlags>(
  flags: ModelOptionFlags,
  keys: readonly K[],
): Partial<Pick<ModelOptionFlags, K>> {
  const picked: Partial<Pick<ModelOptionFlags, K>> = {};
  for (const key of keys) if (flags[key] !== undefined) picked[key] = flags[key];
  return picked;
}
