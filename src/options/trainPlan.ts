import { penaltyStrength } from '../objectives/penaltyStrength.js';
import { chooseSolver, startsWithLbfgs } from './chooseSolver.js';
import { defaultTrainOptions } from './trainOptions.js';
import type {
  LearningRateSchedule,
  MulticlassTrainOptions,
  MultiClassStrategy,
  Penalty,
  SeparationPolicy,
  SolverName,
  StandardizeWeights,
} from './trainOptions.js';

/** The kind of model a fit returns: one binary model, one softmax model, or K binary fits. */
export type ModelKind = 'binary' | MultiClassStrategy;

/** What a plan needs to know of the data: its shape and how many classes y has. */
export interface TrainShape {
  readonly rows: number;
  readonly features: number;
  /** Distinct labels of y (2 for a binary fit). */
  readonly classCount: number;
}

/**
 * Every decision of a fit, made once from the options and the data's shape (LIBLINEAR's
 * `parameter`, scikit-learn's validated estimator parameters): nothing downstream applies a
 * default or chooses a solver again. `train` builds it; the CLI asks the same plan to name the
 * solver in its progress bar and notes.
 */
export interface TrainPlan {
  readonly model: ModelKind;
  readonly penalty: Penalty;
  /** The C given (default 1); ignored, and reported as null, without a penalty and for Firth's. */
  readonly C: number;
  /** Share of L1: 1 for `'l1'`, the option for `'elasticnet'`, 0 otherwise. */
  readonly l1Ratio: number;
  readonly solver: SolverName;
  /**
   * `'decrement'`: Newton's relative decrement (binary maximum-likelihood and Firth Newton fits,
   * to R's precision); `'gradient'`: ‖∇F‖∞ ≤ tolerance (every other fit).
   */
  readonly stoppingRule: 'gradient' | 'decrement';
  /** The tolerance of `stoppingRule` (default 1e-12 for the decrement, 1e-6 for the gradient). */
  readonly tolerance: number;
  /** The solver's iteration cap (epochs for `sgd`), by default the solver's own. */
  readonly maxIterations: number;
  /** Large maximum-likelihood Newton fits start from an L-BFGS solution (see startsWithLbfgs). */
  readonly lbfgsStart: boolean;
  readonly fitIntercept: boolean;
  readonly standardize: boolean;
  readonly standardizeWeights: StandardizeWeights;
  readonly onSeparation: SeparationPolicy;
  /** `gd`'s step size (default 0.1); `sgd`'s η₀, where undefined means 1/L, the data's own. */
  readonly learningRate: number | undefined;
  /** `sgd`: rows per update (default 32, at most the rows). */
  readonly batchSize: number;
  /** `sgd`: seed of the shuffles (default 0). */
  readonly seed: number;
  /** `sgd`: `'optimal'` with an L2 penalty, else `'invscaling'`, unless given. */
  readonly learningRateSchedule: LearningRateSchedule;
}

/**
 * Resolves checked options into the {@link TrainPlan} of a fit on data of this shape: every
 * default applied here, the solver chosen by {@link chooseSolver}, the tolerance by the stopping
 * rule. Pure: invalid combinations are refused by `checkTrainOptions`, not here.
 *
 * @example
 * resolveTrainPlan({ penalty: 'none' }, { rows: 100, features: 3, classCount: 2 }).solver; // 'newton'
 */
export function resolveTrainPlan(options: MulticlassTrainOptions, shape: TrainShape): TrainPlan {
  const model = modelKind(options, shape.classCount);
  const penalty = options.penalty ?? defaultTrainOptions.penalty;
  const fitIntercept = options.fitIntercept ?? defaultTrainOptions.fitIntercept;
  // One-vs-rest plans as its binary fits do (each is a binary `train`).
  const solver = chooseSolver(
    options.solver,
    penalty,
    shape.rows,
    shape.features + 1,
    model === 'multinomial',
  );
  // Maximum likelihood and Firth: Newton to R's precision, on a scale-free criterion.
  const byDecrement =
    model !== 'multinomial' && solver === 'newton' && (penalty === 'none' || penalty === 'firth');
  const dimension = shape.features + (fitIntercept ? 1 : 0);
  return {
    model,
    penalty,
    C: options.C ?? defaultTrainOptions.C,
    l1Ratio: penalty === 'l1' ? 1 : penalty === 'elasticnet' ? (options.l1Ratio ?? 0) : 0,
    solver,
    stoppingRule: byDecrement ? 'decrement' : 'gradient',
    tolerance:
      options.tolerance ??
      (byDecrement ? defaultTrainOptions.decrementTolerance : defaultTrainOptions.tolerance),
    maxIterations: options.maxIterations ?? defaultTrainOptions.maxIterations[solver],
    lbfgsStart: byDecrement && startsWithLbfgs(penalty, shape.rows, dimension),
    fitIntercept,
    standardize: options.standardize ?? defaultTrainOptions.standardize,
    standardizeWeights: options.standardizeWeights ?? defaultTrainOptions.standardizeWeights,
    onSeparation: options.onSeparation ?? defaultTrainOptions.onSeparation,
    learningRate:
      options.learningRate ?? (solver === 'gd' ? defaultTrainOptions.learningRate : undefined),
    batchSize: Math.min(options.batchSize ?? defaultTrainOptions.batchSize, shape.rows),
    seed: options.seed ?? 0,
    learningRateSchedule:
      options.learningRateSchedule ?? (penalty === 'l2' ? 'optimal' : 'invscaling'),
  };
}

/**
 * λ₁ and λ₂ of the plan's penalty on data of total row weight `sumWeights` (see
 * penaltyStrength): zero without a penalty and for Firth's (its penalty is not a norm).
 */
export function planPenaltyStrength(
  plan: TrainPlan,
  sumWeights: number,
): { readonly l1: number; readonly l2: number } {
  return plan.penalty === 'none' || plan.penalty === 'firth'
    ? { l1: 0, l2: 0 }
    : penaltyStrength(plan.C, plan.l1Ratio, sumWeights);
}

/** The model `multiClass` asks for, given the number of classes. */
function modelKind(options: MulticlassTrainOptions, classCount: number): ModelKind {
  const { multiClass } = options;
  if (multiClass === undefined) return 'binary';
  if (multiClass === 'auto') return classCount > 2 ? 'multinomial' : 'binary';
  return multiClass;
}
