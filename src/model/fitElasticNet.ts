import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { elasticNetPenalty } from '../objectives/elasticNetPenalty.js';
import { LogisticObjective } from '../objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../objectives/logisticObjective.js';
import { logisticQuadraticModel } from '../objectives/logisticQuadraticModel.js';
import type { SolverResult, SolverSettings } from '../solvers/objective.js';
import { proximalNewton } from '../solvers/proximalNewton.js';
import { DenseQuadraticModel } from '../solvers/quadraticModel.js';
import type { CoordinateQuadraticModel } from '../solvers/quadraticModel.js';

/** The problem {@link fitElasticNet} solves; the fields are LogisticObjectiveSpec's, with C and l1Ratio for `l2`. */
export interface ElasticNetSpec {
  /** m × p features, dense or CSR (never densified). */
  readonly X: FeatureMatrix;
  /** 0/1 targets. */
  readonly y: Float64Array;
  /** Row weights sᵢ (class weights already multiplied in), or undefined for all ones. */
  readonly sampleWeight: Float64Array | undefined;
  readonly fitIntercept: boolean;
  /** Inverse penalty strength, > 0 (scikit-learn's and LIBLINEAR's C). */
  readonly C: number;
  /** Share of L1 in the penalty, in [0, 1]: 1 is penalty 'l1', 0 is 'l2'. */
  readonly l1Ratio: number;
  /** Solver coordinates θⱼ = wⱼ·scaleⱼ on features (x − center)/scale (see LogisticObjectiveSpec). */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Penalize θ (glmnet's `standardize`) instead of w. */
  readonly penalizeScaled: boolean;
  /** A known term oᵢ of each row's score, zᵢ = w·xᵢ + b + oᵢ (glmnet's `offset`), or undefined. */
  readonly offset?: Float64Array | undefined;
}

/**
 * Fits scikit-learn's elastic-net logistic regression exactly:
 * minimizes F(w, b) = (1/S)·Σᵢ sᵢ·logloss(yᵢ, w·xᵢ + b) + (1/(C·S))·[l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²]
 * (scikit-learn's objective divided by C·S; S = Σ sᵢ; the intercept is not penalized; with
 * `penalizeScaled` the norms are of the standardized coefficients θ instead of w), by
 * {@link proximalNewton} (newGLMNET) on θ. Coefficients that are 0 at the optimum come out exactly 0.
 *
 * Stopping rule (the solver's): the minimum-norm subgradient of F in θ coordinates,
 * ‖∂F(θ)‖∞ ≤ `settings.tolerance`, returned as `gradientNorm`; `objective` is F as above.
 *
 * @param x0 - starting θ (length p, plus 1 with an intercept, stored last); warm starts welcome.
 * @returns the solver's result; `result.x` is θ: w = θⱼ/scaleⱼ and b = θ_b − Σⱼ wⱼ·centerⱼ, as
 *   `LogisticObjective.toOriginal` maps it.
 * @example
 * const X = { rows: 4, cols: 1, data: new Float64Array([0, 1, 2, 3]) };
 * const r = fitElasticNet({ X, y: new Float64Array([0, 1, 0, 1]), sampleWeight: undefined,
 *   fitIntercept: true, C: 0.1, l1Ratio: 1, center: new Float64Array([1.5]),
 *   scale: new Float64Array([1]), penalizeScaled: false }, new Float64Array(2),
 *   { tolerance: 1e-10, maxIterations: 100 });
 * r.x[0]; // 0: at C = 0.1 the lasso drops the feature
 */
export function fitElasticNet(
  spec: ElasticNetSpec,
  x0: Float64Array,
  settings: SolverSettings,
): SolverResult {
  const { objective, l1Weights, model } = elasticNetProblem(spec);
  return proximalNewton(objective, l1Weights, x0, { ...settings, model });
}

/**
 * Above this many coefficients the Newton model is read from the data (O(m + p) memory, one column
 * pass per coordinate step) instead of a dense p × p Hessian (O(m·p²) to form per iteration).
 */
export const DENSE_MODEL_MAX_DIMENSION = 400;

/** The pieces of {@link fitElasticNet}'s F: the smooth part, the L1 weights, the Newton model. */
export interface ElasticNetProblem {
  /** Loss plus the quadratic part of the penalty, in θ coordinates. */
  readonly objective: LogisticObjective;
  /** κ of the L1 part Σⱼ κⱼ·|θⱼ| (0 on the intercept). */
  readonly l1Weights: Float64Array;
  readonly model: CoordinateQuadraticModel;
}

/**
 * Builds {@link ElasticNetProblem} for a spec; `model` chooses by dimension (see
 * {@link DENSE_MODEL_MAX_DIMENSION}) unless forced.
 */
export function elasticNetProblem(
  spec: ElasticNetSpec,
  model: 'auto' | 'dense' | 'data' = 'auto',
): ElasticNetProblem {
  const { sampleWeight, X } = spec;
  let sumWeights = X.rows;
  if (sampleWeight !== undefined) {
    sumWeights = 0;
    for (let i = 0; i < sampleWeight.length; i++) sumWeights += sampleWeight[i];
  }
  const { l2, l1Weights } = elasticNetPenalty({ ...spec, sumWeights });
  const objectiveSpec: LogisticObjectiveSpec = {
    X,
    y: spec.y,
    sampleWeight,
    fitIntercept: spec.fitIntercept,
    l2,
    center: spec.center,
    scale: spec.scale,
    penalizeScaled: spec.penalizeScaled,
    offset: spec.offset,
  };
  const objective = new LogisticObjective(objectiveSpec);
  const dense =
    model === 'dense' || (model === 'auto' && objective.dimension <= DENSE_MODEL_MAX_DIMENSION);
  return {
    objective,
    l1Weights,
    model: dense ? new DenseQuadraticModel(objective) : logisticQuadraticModel(objectiveSpec),
  };
}
