import { OptionError } from '../errors.js';
import type { TrainOptions } from '../options/trainOptions.js';
import type { SolverName } from '../options/trainOptions.js';
import type { TrainPlan } from '../options/trainPlan.js';
import { gradientDescent } from '../solvers/gradientDescent.js';
import { lbfgs } from '../solvers/lbfgs.js';
import { lbfgsThenNewton } from '../solvers/lbfgsThenNewton.js';
import { newton } from '../solvers/newton.js';
import type { NewtonSettings } from '../solvers/newton.js';
import type {
  SolverResult,
  SolverSettings,
  TwiceDifferentiableObjective,
} from '../solvers/objective.js';
import { sgd } from '../solvers/sgd.js';
import type { SgdResult } from '../solvers/sgd.js';
import type { StochasticObjective } from '../solvers/stochasticObjective.js';

/**
 * What a fit hands its solver: the smooth objective F (loss plus the quadratic part of the
 * penalty, in the solver's coordinates), and the other views of the same problem that some
 * solvers need. A view left out makes its solvers unavailable for this model (an OptionError).
 */
export interface SolverProblem {
  readonly objective: TwiceDifferentiableObjective;
  /** `sgd`: the same objective read in mini-batches of rows. */
  readonly batches?: () => StochasticObjective;
  /** `newglmnet`: minimizes F plus the L1 part of the penalty from `x0` (proximal Newton). */
  readonly withL1?: (x0: Float64Array, settings: SolverSettings) => SolverResult;
}

/** The settings every runner receives: the plan's stopping rule, tolerance and cap. */
export type RunnerSettings = NewtonSettings;

/** One solver of the registry: how it runs, and which view of the problem it needs. */
export interface SolverEntry {
  readonly needs?: 'batches' | 'withL1';
  run(
    problem: SolverProblem,
    x0: Float64Array,
    settings: RunnerSettings,
    plan: TrainPlan,
    options: TrainOptions,
  ): SolverResult | SgdResult;
}

/**
 * The solvers by name, the one switch from a plan's `solver` to code: adding a solver adds an
 * entry here (and its name to SolverName), nothing else in the pipeline.
 */
export const solverRegistry: Readonly<Record<SolverName, SolverEntry>> = {
  lbfgs: { run: (problem, x0, settings) => lbfgs(problem.objective, x0, settings) },
  newton: {
    // Large maximum-likelihood fits start from an L-BFGS solution (see startsWithLbfgs).
    run: (problem, x0, settings, plan) =>
      plan.lbfgsStart
        ? lbfgsThenNewton(problem.objective, x0, settings)
        : newton(problem.objective, x0, settings),
  },
  gd: {
    run: (problem, x0, settings, plan) =>
      gradientDescent(problem.objective, x0, {
        ...settings,
        learningRate: plan.learningRate ?? Number.NaN,
      }),
  },
  sgd: {
    needs: 'batches',
    run: (problem, x0, settings, plan, options) =>
      sgd(problem.batches!(), x0, {
        ...settings,
        batchSize: plan.batchSize,
        seed: plan.seed,
        // Undefined means 1/L, the data's own safe step: not gd's fixed default.
        learningRate: plan.learningRate,
        learningRateSchedule: plan.learningRateSchedule,
        learningRateExponent: options.learningRateExponent,
        average: options.average,
        validationFraction: options.validationFraction,
        patience: options.patience,
        validationTolerance: options.validationTolerance,
      }),
  },
  newglmnet: { needs: 'withL1', run: (problem, x0, settings) => problem.withL1!(x0, settings) },
};

/**
 * Runs the plan's solver from the registry on the problem, with the plan's stopping rule,
 * tolerance and iteration cap and the user's `onIteration`.
 *
 * @param where - the public function, for the error message.
 * @param modelName - what is being fitted ("multinomial models"), for the error message.
 * @throws {OptionError} the solver needs a view of the problem this model does not have.
 */
export function runSolver(
  problem: SolverProblem,
  x0: Float64Array,
  plan: TrainPlan,
  options: TrainOptions,
  where: string,
  modelName: string,
): SolverResult | SgdResult {
  const entry = solverRegistry[plan.solver];
  if (entry.needs !== undefined && problem[entry.needs] === undefined) {
    const usable = Object.entries(solverRegistry)
      .filter(([, e]) => e.needs === undefined || problem[e.needs] !== undefined)
      .map(([name]) => `'${name}'`);
    throw new OptionError(
      `${where}: solver '${plan.solver}' is not available for ${modelName} (use ${usable.slice(0, -1).join(', ')} or ${usable[usable.length - 1]})`,
    );
  }
  const { onIteration } = options;
  const settings: RunnerSettings = {
    tolerance: plan.tolerance,
    maxIterations: plan.maxIterations,
    stoppingRule: plan.stoppingRule,
    onIteration:
      onIteration === undefined
        ? undefined
        : (iteration, value, gradientNorm) =>
            onIteration({ iteration, objective: value, gradientNorm }),
  };
  return entry.run(problem, x0, settings, plan, options);
}
