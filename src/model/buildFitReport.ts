import type { DataFingerprint, FitReport, SeparationReport } from '../options/fitReport.js';
import type { TrainPlan } from '../options/trainPlan.js';
import type { SolverResult } from '../solvers/objective.js';
import type { SgdResult } from '../solvers/sgd.js';

/** What a fit knows besides its plan and its solver's result. */
export interface FitFacts {
  readonly logLoss: number;
  readonly nObservations: number;
  readonly nFeatures: number;
  readonly sumWeights: number;
  readonly classCounts: readonly number[];
  readonly warnings: readonly string[];
  /** What separation detection found (penalty 'none'): the fit then has not converged. */
  readonly separation?: SeparationReport | undefined;
  readonly dataFingerprint?: DataFingerprint | undefined;
}

/**
 * The {@link FitReport} of a binary or multinomial fit, the one place it is assembled: the plan's
 * decisions (solver, penalty, C, tolerance…), the solver's account (iterations, stop reason,
 * objective, gradient norm, loss history) and the fit's facts. Separated data make the fit
 * unconverged with stop reason 'separation', whatever the solver reported. C is null without a
 * penalty and for Firth's (it plays no part there).
 */
export function buildFitReport(
  plan: TrainPlan,
  result: SolverResult | SgdResult,
  facts: FitFacts,
): FitReport {
  const { separation, dataFingerprint } = facts;
  const penalized = plan.penalty !== 'none' && plan.penalty !== 'firth';
  return {
    solver: plan.solver,
    penalty: plan.penalty,
    C: penalized ? plan.C : null,
    ...(plan.penalty === 'elasticnet' ? { l1Ratio: plan.l1Ratio } : {}),
    standardize: plan.standardize,
    fitIntercept: plan.fitIntercept,
    iterations: result.iterations,
    ...('startIterations' in result && typeof result.startIterations === 'number'
      ? { lbfgsStartIterations: result.startIterations }
      : {}),
    converged: separation === undefined && result.converged,
    stopReason: separation === undefined ? result.stopReason : 'separation',
    objective: result.objective,
    gradientNorm: result.gradientNorm,
    tolerance: plan.tolerance,
    lossHistory: result.lossHistory,
    logLoss: facts.logLoss,
    nObservations: facts.nObservations,
    nFeatures: facts.nFeatures,
    sumWeights: facts.sumWeights,
    classCounts: facts.classCounts,
    warnings: facts.warnings,
    ...(separation === undefined ? {} : { separation }),
    ...(dataFingerprint === undefined ? {} : { dataFingerprint }),
  };
}
