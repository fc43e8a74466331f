import { OptionError } from '../errors.js';
import { LogisticBatchObjective } from '../objectives/logisticBatchObjective.js';
import type { LogisticObjectiveSpec } from '../objectives/logisticObjective.js';
import { gradientDescent } from '../solvers/gradientDescent.js';
import { lbfgs } from '../solvers/lbfgs.js';
import { newton } from '../solvers/newton.js';
import { lbfgsThenNewton } from '../solvers/lbfgsThenNewton.js';
import type { NewtonSettings } from '../solvers/newton.js';
import type { SolverResult, TwiceDifferentiableObjective } from '../solvers/objective.js';
import { sgd } from '../solvers/sgd.js';
import { fitElasticNet } from './fitElasticNet.js';
import type { SgdResult } from '../solvers/sgd.js';
import { describe } from '../validation/toMatrix.js';
import { defaultTrainOptions } from '../options/trainOptions.js';
import type { SolverName, TrainOptions } from '../options/trainOptions.js';

/**
 * Runs the chosen solver on the objective (for `sgd`, on the same spec read in batches; for
 * `newglmnet`, on the elastic-net problem of the same data and coordinates). With `lbfgsStart`,
 * `'newton'` starts from an L-BFGS solution (see startsWithLbfgs in chooseSolver.ts).
 */
export function runSolver(
  solver: SolverName,
  objective: TwiceDifferentiableObjective,
  spec: LogisticObjectiveSpec,
  theta0: Float64Array,
  settings: NewtonSettings & { readonly lbfgsStart?: boolean },
  opts: TrainOptions,
): SolverResult | SgdResult {
  switch (solver) {
    case 'lbfgs':
      return lbfgs(objective, theta0, settings);
    case 'newton':
      return settings.lbfgsStart === true
        ? lbfgsThenNewton(objective, theta0, settings)
        : newton(objective, theta0, settings);
    case 'gd':
      return gradientDescent(objective, theta0, {
        ...settings,
        learningRate: opts.learningRate ?? defaultTrainOptions.learningRate,
      });
    case 'sgd':
      return sgd(new LogisticBatchObjective(spec), theta0, {
        ...settings,
        batchSize: Math.min(opts.batchSize ?? defaultTrainOptions.batchSize, spec.X.rows),
        seed: opts.seed ?? 0,
        // Undefined means 1/L, the data's own safe step: not gd's fixed default.
        learningRate: opts.learningRate,
        learningRateSchedule: opts.learningRateSchedule ?? (spec.l2 > 0 ? 'optimal' : 'invscaling'),
        learningRateExponent: opts.learningRateExponent,
        average: opts.average,
        validationFraction: opts.validationFraction,
        patience: opts.patience,
        validationTolerance: opts.validationTolerance,
      });
    case 'newglmnet':
      return fitElasticNet(
        {
          X: spec.X,
          y: spec.y,
          sampleWeight: spec.sampleWeight,
          fitIntercept: spec.fitIntercept,
          C: opts.C ?? defaultTrainOptions.C,
          l1Ratio:
            opts.penalty === 'l1' ? 1 : opts.penalty === 'elasticnet' ? (opts.l1Ratio ?? 0) : 0,
          center: spec.center,
          scale: spec.scale,
          penalizeScaled: spec.penalizeScaled,
        },
        theta0,
        settings,
      );
    default:
      throw new OptionError(`train: unknown solver ${describe(solver)}`);
  }
}
