import { ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { checkPathOptions } from '../options/checkPathOptions.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { encodeLabels } from './encodeLabels.js';
import { featureScaling } from './featureScaling.js';
import { elasticNetProblem } from './fitElasticNet.js';
import type { ElasticNetSpec } from './fitElasticNet.js';
import type { Label } from '../options/trainOptions.js';
import { defaultPathOptions } from '../options/pathOptions.js';
import type { ElasticNetPathOptions } from '../options/pathOptions.js';
import { rowWeights } from './rowWeights.js';
import { proximalNewton } from '../solvers/proximalNewton.js';

/** The fits along a path, in increasing C; plottable as is by `coefficientPathSvg`. */
export interface ElasticNetPath {
  /** Increasing (the order fitted). */
  readonly Cs: readonly number[];
  readonly l1Ratio: number;
  /** Per C: coefficients in original units (exact zeros where the penalty drops a feature). */
  readonly coefficients: readonly Float64Array[];
  readonly intercepts: readonly number[];
  /** Per C: the objective F (scikit-learn's divided by C·S) at the solution. */
  readonly objectives: readonly number[];
  /** Per C: Newton iterations used. */
  readonly iterations: readonly number[];
  readonly converged: readonly boolean[];
  /** Per C: number of nonzero coefficients (the intercept not counted). */
  readonly nonZero: readonly number[];
  readonly featureNames: readonly string[];
}

/**
 * Fits the elastic-net logistic regression (scikit-learn's objective
 * `C·Σᵢ sᵢ·logloss_i + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²`, intercept unpenalized) at each C of an
 * increasing grid, each fit warm-started from the previous solution: glmnet's path, which walks
 * its λ = 1/(C·S) downward. Each fit is `fitElasticNet`'s (newGLMNET) to the stated
 * tolerance, so it equals an independent fit at that C up to the tolerance (the objective is
 * convex; with an L1 part it may have several minimizers only on degenerate data).
 *
 * The default grid (glmnet's): `count` values log-spaced from C* = {@link criticalC}, the largest
 * C at which every coefficient is 0, to C*·`span`; for `'l2'` (no C makes the coefficients 0)
 * C* is computed as if l1Ratio were 0.001, glmnet's rule for ridge.
 *
 * @param X - m × p features, dense or CSR (never densified).
 * @param y - m labels of two classes.
 * @throws {ShapeError} bad X, mismatched lengths. {@link ValueError} non-finite values, one class,
 *   bad weights, no feature related to y. {@link OptionError} an unknown or invalid option.
 * @example
 * const path = regularizationPath([[1, 2], [2, 1], [3, 5], [4, 3], [5, 6]], [0, 0, 1, 0, 1],
 *   { count: 5 });
 * path.nonZero; // [0, …]: the first C is C*, where the lasso keeps no feature
 */
export function regularizationPath(
  X: MatrixInput,
  y: readonly Label[],
  options: ElasticNetPathOptions = {},
): ElasticNetPath {
  const where = 'regularizationPath';
  checkPathOptions(options, where);
  const matrix = toFeatureMatrix(X, where);
  const { rows: m, cols: p } = matrix;
  const labels = encodeLabels(y, m, options.positiveClass);
  const weights = rowWeights(
    options.sampleWeight === undefined ? {} : { sampleWeight: options.sampleWeight },
    y,
    labels.classes,
    where,
  );
  const penalty = options.penalty ?? defaultPathOptions.penalty;
  const l1Ratio = penalty === 'l1' ? 1 : penalty === 'l2' ? 0 : (options.l1Ratio as number);
  const fitIntercept = options.fitIntercept ?? defaultPathOptions.fitIntercept;
  const standardize = options.standardize ?? defaultPathOptions.standardize;
  const featureNames = options.featureNames ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (featureNames.length !== p) {
    throw new ShapeError(
      `${where}: featureNames has ${featureNames.length} names, but X has ${p} features`,
    );
  }
  const scaling = featureScaling(matrix, weights, fitIntercept);
  const Cs =
    options.Cs !== undefined
      ? [...options.Cs].sort((a, b) => a - b)
      : defaultGrid(
          criticalC(matrix, labels.y, weights, fitIntercept, standardize, Math.max(l1Ratio, 1e-3)),
          options.count ?? defaultPathOptions.count,
          options.span ?? (m > p ? 1e4 : 100),
        );

  const settings = {
    tolerance: options.tolerance ?? defaultPathOptions.tolerance,
    maxIterations: options.maxIterations ?? defaultPathOptions.maxIterations,
  };
  const theta = new Float64Array(p + (fitIntercept ? 1 : 0));
  if (fitIntercept) theta[p] = interceptOnly(labels.y, weights);
  const coefficients: Float64Array[] = [];
  const intercepts: number[] = [];
  const objectives: number[] = [];
  const iterations: number[] = [];
  const converged: boolean[] = [];
  const nonZero: number[] = [];
  for (const C of Cs) {
    const spec: ElasticNetSpec = {
      X: matrix,
      y: labels.y,
      sampleWeight: weights,
      fitIntercept,
      C,
      l1Ratio,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: standardize,
    };
    const { objective, l1Weights, model } = elasticNetProblem(spec);
    const fit = proximalNewton(objective, l1Weights, theta, { ...settings, model });
    theta.set(fit.x);
    const w = new Float64Array(p);
    intercepts.push(objective.toOriginal(fit.x, w));
    coefficients.push(w);
    objectives.push(fit.objective);
    iterations.push(fit.iterations);
    converged.push(fit.converged);
    nonZero.push(w.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0));
  }
  return {
    Cs,
    l1Ratio,
    coefficients,
    intercepts,
    objectives,
    iterations,
    converged,
    nonZero,
    featureNames,
  };
}

/**
 * C* = l1Ratio / (S·maxⱼ |gⱼ|/qⱼ): the largest C at which w = 0 solves the elastic-net problem
 * (every coefficient is 0 for C ≤ C*). At w = 0 with the intercept at its optimum (b = logit of
 * the weighted positive rate r; b = 0 and r = ½ without an intercept) the loss gradient is
 * gⱼ = (1/S)·Σᵢ sᵢ·(r − yᵢ)·(xᵢⱼ − centerⱼ), and w = 0 stays optimal while |gⱼ| ≤ l1Ratio·qⱼ/(C·S)
 * for all j (the subgradient condition of the L1 term; the L2 term has zero gradient at 0), with
 * qⱼ = 1, or the feature's standard deviation when the penalty is on the standardized scale.
 * glmnet's λ_max, in C.
 *
 * For CSR data gⱼ = (1/S)·[Σ_{i∈nz(j)} rᵢxᵢⱼ − centerⱼ·Σᵢ rᵢ] with rᵢ = sᵢ(r − yᵢ), over the stored entries.
 *
 * @throws {ValueError} if every gⱼ is 0 (no feature moves the fit; no C makes one nonzero).
 */
export function criticalC(
  X: FeatureMatrix,
  y: Float64Array,
  sampleWeight: Float64Array | undefined,
  fitIntercept: boolean,
  standardize: boolean,
  l1Ratio: number,
): number {
  const { rows: m, cols: p } = X;
  const scaling = featureScaling(X, sampleWeight, fitIntercept);
  const rate = fitIntercept ? positiveRate(y, sampleWeight) : 0.5;
  const g = new Float64Array(p);
  let total = 0;
  if (isSparseMatrix(X)) {
    const { indptr, indices, values } = X;
    let residualSum = 0;
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      total += s;
      const r = s * (rate - y[i]);
      residualSum += r;
      for (let k = indptr[i]; k < indptr[i + 1]; k++) g[indices[k]] += r * values[k];
    }
    for (let j = 0; j < p; j++) g[j] -= scaling.center[j] * residualSum;
  } else {
    const data = X.data;
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      total += s;
      const r = s * (rate - y[i]);
      for (let j = 0; j < p; j++) g[j] += r * (data[i * p + j] - scaling.center[j]);
    }
  }
  let largest = 0;
  for (let j = 0; j < p; j++) {
    largest = Math.max(largest, Math.abs(g[j]) / total / (standardize ? scaling.scale[j] : 1));
  }
  if (!(largest > 0)) {
    throw new ValueError(
      'regularizationPath: at w = 0 no feature has a nonzero gradient, so no C makes a coefficient nonzero; pass Cs explicitly',
    );
  }
  return l1Ratio / (total * largest);
}

/** `count` values log-spaced from `smallest` to `smallest·span`. */
function defaultGrid(smallest: number, count: number, span: number): number[] {
  if (count === 1) return [smallest];
  return Array.from({ length: count }, (_, k) => smallest * span ** (k / (count - 1)));
}

function positiveRate(y: Float64Array, weights: Float64Array | undefined): number {
  let pos = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const s = weights === undefined ? 1 : weights[i];
    pos += s * y[i];
    total += s;
  }
  return pos / total;
}

/** log(r/(1 − r)): the intercept-only optimum, where the default grid's first fit already is. */
function interceptOnly(y: Float64Array, weights: Float64Array | undefined): number {
  const r = Math.min(Math.max(positiveRate(y, weights), 1e-12), 1 - 1e-12);
  return Math.log(r / (1 - r));
}
