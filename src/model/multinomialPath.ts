import { OptionError, ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { MultinomialObjective } from '../objectives/multinomialObjective.js';
import { checkPathOptions } from '../options/checkPathOptions.js';
import { defaultPathOptions } from '../options/pathOptions.js';
import type { ElasticNetPathOptions } from '../options/pathOptions.js';
import type { Label } from '../options/trainOptions.js';
import { penaltyStrength } from '../objectives/penaltyStrength.js';
import { newton } from '../solvers/newton.js';
import { proximalNewton } from '../solvers/proximalNewton.js';
import { toFeatureMatrix } from '../validation/toMatrix.js';
import { distinctLabels } from './encodeLabels.js';
import { featureScaling } from './featureScaling.js';
import { MULTINOMIAL_L1_MAX_DIMENSION, multinomialL1Weights } from './fitMultinomial.js';
import { rowWeights } from './rowWeights.js';

/** The multinomial fits along a path, in increasing C. */
export interface MultinomialPath {
  /** Increasing (the order fitted). */
  readonly Cs: readonly number[];
  readonly l1Ratio: number;
  /** The K sorted classes; row k of each coefficient matrix belongs to `classes[k]`. */
  readonly classes: readonly Label[];
  /** Per C: the K × p coefficients in original units, row-major (row k = class k). */
  readonly coefficients: readonly Float64Array[];
  /** Per C: the K intercepts, centred over the classes. */
  readonly intercepts: readonly Float64Array[];
  /** Per C: the objective (scikit-learn's divided by C·S) at the solution. */
  readonly objectives: readonly number[];
  /** Per C: Newton iterations used. */
  readonly iterations: readonly number[];
  readonly converged: readonly boolean[];
  /** Per C: number of features with a nonzero coefficient in at least one class. */
  readonly nonZero: readonly number[];
  readonly featureNames: readonly string[];
}

/**
 * The regularization path of the multinomial (softmax) logistic regression: at each C of an
 * increasing grid, scikit-learn's `LogisticRegression(multi_class='multinomial', C)` objective
 * `C·Σᵢ sᵢ·(−log pᵢ,yᵢ) + l1Ratio·Σₖ‖wₖ‖₁ + (1 − l1Ratio)/2·Σₖ‖wₖ‖²` (intercepts unpenalized; on
 * the standardized coefficients with `standardize`, as glmnet), each fit warm-started from the
 * previous C's solution. L2: Newton on the {@link MultinomialObjective}; L1 and elastic net:
 * proximal Newton (newGLMNET) as `train`'s multinomial L1 fit, the same per-coordinate L1
 * weights, which is glmnet's `family = "multinomial"` (ungrouped) with λ = 1/(C·S).
 *
 * The default grid: `count` values log-spaced from C* to C*·`span`, with C* the largest C at which
 * every coefficient is 0 (see {@link multinomialCriticalC}); for `'l2'` C* is computed as if
 * l1Ratio were 0.001, glmnet's rule for ridge.
 *
 * L2 coefficients are centred over the classes (Σₖ wₖⱼ = 0, where the L2 optimum is); L1
 * coefficients are not (centring would change the penalty). Intercepts are centred.
 *
 * @param X - m × p features, dense or CSR.
 * @param y - m labels of K ≥ 2 classes (sorted as `distinctLabels`).
 * @throws {ShapeError} bad X or mismatched lengths. {@link ValueError} non-finite values, one
 *   class, bad weights, no feature related to y on the default grid. {@link OptionError} an invalid
 *   option, `positiveClass`, or an L1 problem above `MULTINOMIAL_L1_MAX_DIMENSION` parameters.
 * @example
 * const path = multinomialPath([[0, 1], [1, 0], [2, 2], [0, 0], [1, 2], [2, 1]],
 *   ['a', 'b', 'c', 'a', 'b', 'c'], { penalty: 'l2', Cs: [0.1, 1, 10] });
 * path.coefficients[2]; // 3 × 2 coefficients at C = 10
 */
export function multinomialPath(
  X: MatrixInput,
  y: readonly Label[],
  options: ElasticNetPathOptions = {},
): MultinomialPath {
  const where = 'multinomialPath';
  checkPathOptions(options, where);
  if (options.positiveClass !== undefined) {
    throw new OptionError(`${where}: option 'positiveClass' applies to two-class paths only`);
  }
  const matrix = toFeatureMatrix(X, where);
  const { rows: m, cols: p } = matrix;
  if (!Array.isArray(y) || y.length !== m) {
    throw new ShapeError(`${where}: X has ${m} rows, but y has ${y.length} labels`);
  }
  const classes = distinctLabels(y, where);
  const K = classes.length;
  if (K < 2) throw new ValueError(`${where}: y has a single class; a path needs at least two`);
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const labels = Int32Array.from(y, (v) => index.get(v) ?? 0);
  const weights = rowWeights(
    options.sampleWeight === undefined ? {} : { sampleWeight: options.sampleWeight },
    y,
    classes,
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
  const stride = p + (fitIntercept ? 1 : 0);
  if (l1Ratio > 0 && K * stride > MULTINOMIAL_L1_MAX_DIMENSION) {
    throw new OptionError(
      `${where}: the multinomial ${penalty} path holds a dense Hessian of K·(p + 1) = ${K * stride} parameters, above its limit of ${MULTINOMIAL_L1_MAX_DIMENSION}; use penalty 'l2' or fewer features`,
    );
  }
  const scaling = featureScaling(matrix, weights, fitIntercept);
  const prior = classShares(labels, K, weights, fitIntercept);
  const Cs =
    options.Cs !== undefined
      ? [...options.Cs].sort((a, b) => a - b)
      : logGrid(
          multinomialCriticalC(
            matrix,
            labels,
            prior,
            weights,
            scaling.center,
            standardize ? scaling.scale : undefined,
            Math.max(l1Ratio, 1e-3),
          ),
          options.count ?? defaultPathOptions.count,
          options.span ?? (m > p ? 1e4 : 100),
        );
  const settings = {
    tolerance: options.tolerance ?? defaultPathOptions.tolerance,
    maxIterations: options.maxIterations ?? defaultPathOptions.maxIterations,
  };
  let sumWeights = m;
  if (weights !== undefined) sumWeights = weights.reduce((a, b) => a + b, 0);

  // Start at the intercept-only optimum, bₖ = log πₖ (centred), w = 0; θ keeps one set of
  // coordinates (the plain standard deviations) along the whole path, so each fit starts where
  // the previous one stopped.
  const theta = new Float64Array(K * stride);
  if (fitIntercept) {
    const meanLog = prior.reduce((a, v) => a + Math.log(v), 0) / K;
    for (let k = 0; k < K; k++) theta[k * stride + p] = Math.log(prior[k]) - meanLog;
  }
  const path = {
    coefficients: [] as Float64Array[],
    intercepts: [] as Float64Array[],
    objectives: [] as number[],
    iterations: [] as number[],
    converged: [] as boolean[],
    nonZero: [] as number[],
  };
  for (const C of Cs) {
    const objective = new MultinomialObjective({
      X: matrix,
      y: labels,
      classCount: K,
      sampleWeight: weights,
      fitIntercept,
      l2: penaltyStrength(C, l1Ratio, sumWeights).l2,
      center: scaling.center,
      scale: scaling.scale,
      penalizeScaled: standardize,
      gauge: l1Ratio > 0 ? 'intercepts' : 'all',
    });
    const fit =
      l1Ratio > 0
        ? proximalNewton(
            objective,
            multinomialL1Weights(
              C,
              l1Ratio,
              sumWeights,
              objective,
              scaling.scale,
              standardize,
              fitIntercept,
            ),
            theta,
            settings,
          )
        : newton(objective, theta, settings);
    theta.set(fit.x);
    const w = new Float64Array(K * p);
    const b = new Float64Array(K);
    objective.toOriginal(fit.x, w, b);
    centre(l1Ratio > 0 ? null : w, b, K, p);
    path.coefficients.push(w);
    path.intercepts.push(b);
    path.objectives.push(fit.objective);
    path.iterations.push(fit.iterations);
    path.converged.push(fit.converged);
    let nonZero = 0;
    for (let j = 0; j < p; j++) {
      let any = false;
      for (let k = 0; k < K; k++) any ||= w[k * p + j] !== 0;
      if (any) nonZero++;
    }
    path.nonZero.push(nonZero);
  }
  return { Cs, l1Ratio, classes, featureNames, ...path };
}

/**
 * C* = l1Ratio / (S·maxₖⱼ |gₖⱼ|/qⱼ): the largest C at which w = 0 solves the multinomial
 * elastic-net problem. At w = 0 with the intercepts at their optimum (softmax of the class shares
 * πₖ; πₖ = 1/K without an intercept) the loss gradient is
 * gₖⱼ = (1/S)·Σᵢ sᵢ·(πₖ − [yᵢ = k])·(xᵢⱼ − centerⱼ), and w = 0 stays optimal while
 * |gₖⱼ| ≤ l1Ratio·qⱼ/(C·S) for every class and feature (qⱼ = 1, or the feature's standard
 * deviation on the standardized scale): glmnet's multinomial λ_max, in C.
 *
 * @param scale - the standard deviations when the penalty is on the standardized scale, else undefined.
 * @throws {ValueError} if every gₖⱼ is 0.
 */
export function multinomialCriticalC(
  X: FeatureMatrix,
  y: Int32Array,
  prior: Float64Array,
  sampleWeight: Float64Array | undefined,
  center: Float64Array,
  scale: Float64Array | undefined,
  l1Ratio: number,
): number {
  const { rows: m, cols: p } = X;
  const K = prior.length;
  const g = new Float64Array(K * p);
  const residualSums = new Float64Array(K);
  const sparse = isSparseMatrix(X) ? X : undefined;
  const dense = isSparseMatrix(X) ? undefined : X.data;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const s = sampleWeight === undefined ? 1 : sampleWeight[i];
    total += s;
    for (let k = 0; k < K; k++) {
      const r = s * (prior[k] - (y[i] === k ? 1 : 0));
      residualSums[k] += r;
      if (sparse !== undefined) {
        const { indptr, indices, values } = sparse;
        for (let t = indptr[i]; t < indptr[i + 1]; t++) g[k * p + indices[t]] += r * values[t];
      } else {
        for (let j = 0; j < p; j++) g[k * p + j] += r * dense![i * p + j];
      }
    }
  }
  let largest = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < p; j++) {
      const gkj = (g[k * p + j] - center[j] * residualSums[k]) / total;
      largest = Math.max(largest, Math.abs(gkj) / (scale === undefined ? 1 : scale[j]));
    }
  }
  if (!(largest > 0)) {
    throw new ValueError(
      'multinomialPath: at w = 0 no feature has a nonzero gradient, so no C makes a coefficient nonzero; pass Cs explicitly',
    );
  }
  return l1Ratio / (total * largest);
}

/** Weighted class shares πₖ (floored at 1e-12), or 1/K each without an intercept. */
function classShares(
  y: Int32Array,
  K: number,
  weights: Float64Array | undefined,
  fitIntercept: boolean,
): Float64Array {
  const prior = new Float64Array(K);
  if (!fitIntercept) return prior.fill(1 / K);
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const s = weights === undefined ? 1 : weights[i];
    prior[y[i]] += s;
    total += s;
  }
  for (let k = 0; k < K; k++) prior[k] = Math.max(prior[k] / total, 1e-12);
  return prior;
}

/** `count` values log-spaced from `smallest` to `smallest·span`. */
function logGrid(smallest: number, count: number, span: number): number[] {
  if (count === 1) return [smallest];
  return Array.from({ length: count }, (_, k) => smallest * span ** (k / (count - 1)));
}

/** Subtracts the class mean from the intercepts and (unless null) from each feature's coefficients. */
function centre(w: Float64Array | null, b: Float64Array, K: number, p: number): void {
  if (w !== null) {
    for (let j = 0; j < p; j++) {
      let mean = 0;
      for (let k = 0; k < K; k++) mean += w[k * p + j] / K;
      for (let k = 0; k < K; k++) w[k * p + j] -= mean;
    }
  }
  const mean = b.reduce((a, v) => a + v, 0) / K;
  for (let k = 0; k < K; k++) b[k] -= mean;
}
