import type { KernelChoice } from '../kernels/gradientKernel.js';
import type { KernelThreadPool } from '../kernels/threads/kernelThreadPool.js';
import type { MatrixInput } from '../linalg/matrix.js';

/** A class label: any two distinct numbers, strings or booleans. */
export type Label = number | string | boolean;

/**
 * The penalty on the coefficients (never on the intercept). `'firth'` is Firth's bias-reducing
 * Jeffreys-prior penalty ½·log|I(β)|, which gives finite estimates on separated data.
 */
export type Penalty = 'none' | 'l2' | 'l1' | 'elasticnet' | 'firth';

/**
 * The optimizer. `lbfgs` is the default for L2, `newton` for maximum likelihood and Firth; `gd`
 * is the article's batch gradient descent; `sgd` its mini-batch and stochastic variants.
 */
export type SolverName = 'lbfgs' | 'newton' | 'gd' | 'sgd' | 'newglmnet';

/**
 * What `train` accepts as `solver`: a {@link SolverName}, or `'auto'`, which picks by penalty and
 * shape: `'newglmnet'` for L1 and elastic net, `'newton'` for `'none'`, Firth and for L2
 * problems with at most 50 parameters and m·d² ≤ 1e8 (exact Hessian, quadratic convergence),
 * `'lbfgs'` otherwise.
 */
export type SolverChoice = SolverName | 'auto';

/** Step sizes of `sgd`: η₀, η₀/t^exponent, or 1/(μ(t₀ + t)) from the L2 strong convexity μ. */
export type LearningRateSchedule = 'constant' | 'invscaling' | 'optimal';

/**
 * The row weights of the moments that `standardize` scales by: `'fit'` the fit's weights
 * (`sampleWeight` × `classWeight`, glmnet's convention of standardizing with the observation
 * weights), `'sample'` `sampleWeight` alone, class weights left out (scikit-learn's
 * `StandardScaler` before `LogisticRegression(class_weight=…)`).
 */
export type StandardizeWeights = 'fit' | 'sample';

/**
 * How `train` models the classes: `'multinomial'` one softmax model of K ≥ 2 classes,
 * `'ovr'` K binary fits (one per class against the rest).
 */
export type MultiClassStrategy = 'multinomial' | 'ovr';

/** What to do when an unpenalized fit meets separated data. */
export type SeparationPolicy = 'error' | 'warn';

/** Progress of a solver, passed to {@link TrainOptions.onIteration} once per iteration. */
export interface IterationInfo {
  readonly iteration: number;
  readonly objective: number;
  readonly gradientNorm: number;
}

/**
 * Options of {@link train}. Every field is optional; {@link defaultTrainOptions} holds the defaults.
 *
 * Objective (scikit-learn's, divided by `C·Σsᵢ` so that it reads as a mean log loss):
 * `F(w, b) = (1/S)·Σᵢ sᵢ·logloss(yᵢ, w·xᵢ + b) + ‖w‖²/(2·C·S)` with `S = Σᵢ sᵢ`.
 * `C` is the inverse of the penalty strength, as in scikit-learn and LIBLINEAR: a larger `C`
 * penalizes less. The intercept `b` is never penalized.
 */
export interface TrainOptions {
  /**
   * `'l2'` (default, as scikit-learn), `'none'` (maximum likelihood, as R's `glm`), `'l1'`,
   * `'elasticnet'` (scikit-learn's `l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖²`, exact zeros) or `'firth'`.
   */
  readonly penalty?: Penalty;
  /** Share of L1 in `'elasticnet'`, in [0, 1]; required for it. (`'l1'` is 1, `'l2'` is 0.) */
  readonly l1Ratio?: number;
  /** Inverse penalty strength, > 0. Default 1. Ignored when `penalty` is `'none'`. */
  readonly C?: number;
  /**
   * Default `'newton'` (IRLS; Fisher scoring for Firth) for `penalty: 'none'` and `'firth'`,
   * `'lbfgs'` for `'l2'`; `'newglmnet'` (LIBLINEAR's proximal Newton with coordinate descent,
   * Yuan, Ho & Lin 2012) for `'l1'` and `'elasticnet'`, the only solver for them. `'auto'`: see
   * {@link SolverChoice}.
   */
  readonly solver?: SolverChoice;
  /** Fit an unpenalized intercept. Default true. */
  readonly fitIntercept?: boolean;
  /**
   * Stop when the largest gradient component (in the solver's scaled coordinates) is ≤ this.
   * Default 1e-6. For `solver: 'newton'` with `penalty: 'none'` or `'firth'` it bounds instead the
   * relative Newton decrement gᵀH⁻¹g / (|F| + tolerance), as R's glm bounds the relative change
   * of the deviance; default there 1e-12.
   */
  readonly tolerance?: number;
  /** Iteration cap (epochs for `sgd`). Default 1000 for `lbfgs`, 100 `newton`, 100000 `gd`, 1000 `sgd`. */
  readonly maxIterations?: number;
  /**
   * Step size η of `gd` (θ ← θ − η·∇F; default 0.1, suits standardized features) and η₀ of `sgd`
   * (default 1/L, L the data's Lipschitz bound max‖x̃ᵢ‖²/4 + λ).
   */
  readonly learningRate?: number;
  /** `sgd`: rows per update (1: stochastic; m: batch). Default 32 (at most m). */
  readonly batchSize?: number;
  /** `sgd`: step schedule. Default `'optimal'` with an L2 penalty, else `'invscaling'`. */
  readonly learningRateSchedule?: LearningRateSchedule;
  /** `sgd`: exponent of `'invscaling'`. Default 0.5. */
  readonly learningRateExponent?: number;
  /** `sgd`: Polyak–Ruppert averaging of the iterates. Default false. */
  readonly average?: boolean;
  /** `sgd`: seed of the per-epoch shuffles; the same seed gives a bit-identical model. Default 0. */
  readonly seed?: number;
  /** `sgd`: hold out this fraction of rows for early stopping. Default 0 (none). */
  readonly validationFraction?: number;
  /** `sgd`: epochs without held-out improvement before stopping. Default 5. */
  readonly patience?: number;
  /** `sgd`: held-out loss improvement that counts. Default 1e-4. */
  readonly validationTolerance?: number;
  /** Per-row weights sᵢ ≥ 0 (a weight of 2 counts a row twice). */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** `'balanced'` (n / (k · nₖ), as scikit-learn) or a weight per class label. Multiplies `sampleWeight`. */
  readonly classWeight?: 'balanced' | ReadonlyMap<Label, number> | Readonly<Record<string, number>>;
  /**
   * Fit on features scaled to mean 0 and population standard deviation 1 (centred only when an
   * intercept is fitted), penalty on that scale; coefficients are reported in the original units,
   * as glmnet does. Default false.
   */
  readonly standardize?: boolean;
  /**
   * With `standardize`: the weights of the means and standard deviations. `'fit'` (default):
   * `sampleWeight` × `classWeight`, as glmnet standardizes with its observation weights; `'sample'`:
   * `sampleWeight` only, as scikit-learn's `StandardScaler` followed by `class_weight`. The two
   * differ only with `classWeight`. See {@link StandardizeWeights}.
   */
  readonly standardizeWeights?: StandardizeWeights;
  /** Names of the features, one per column. Default `x0, x1, …`. */
  readonly featureNames?: readonly string[];
  /** The class whose probability `positiveProbability` returns. Default: the second of the sorted classes. */
  readonly positiveClass?: Label;
  /**
   * The expected class labels (at least two, distinct, of one type; any order). A label not in the
   * list is a ValueError naming its row (a typo such as "Yse" among "yes" and "no"), and so is a
   * listed label that no row has. Declaring the labels also silences the rare-class warning (see
   * `rareClassRule`). Default: whatever labels occur.
   */
  readonly classes?: readonly Label[];
  /** Unpenalized fit on separated data: throw a SeparationError (default) or return with a warning. */
  readonly onSeparation?: SeparationPolicy;
  /** Starting coefficients (one per feature) and intercept. Default zeros. */
  readonly initialCoefficients?: readonly number[];
  readonly initialIntercept?: number;
  /**
   * Warm start from a fitted model (same features): its coefficients and intercept start the
   * solver. Overridden by `initialCoefficients` / `initialIntercept` when those are given.
   */
  readonly initialModel?: { readonly coefficients: readonly number[]; readonly intercept: number };
  /**
   * A known term of each row's score, z = w·x + b + offset (R's `glm(offset = )`): one finite
   * number per row, not fitted (its coefficient is 1). The typical one is a log exposure, or the
   * log odds of a sampling fraction. The model remembers that it has one (named `offsetName`), and
   * its predictions then need one per row too. Binary fits of any penalty (Firth as brglm2's
   * `brglmFit` with an offset, L1 / elastic net as glmnet's `offset`) and every solver (the plain
   * gradient pass); not the WebAssembly or threaded kernels, or multiclass models.
   */
  readonly offset?: readonly number[] | Float64Array;
  /** The name of the offset, for the model and its summary (default `'offset'`). */
  readonly offsetName?: string;
  /**
   * Also compute profile-likelihood confidence intervals at this level (e.g. 0.95) and store them
   * with the model, for unpenalized and Firth fits (2 constrained fits per parameter).
   */
  readonly profileConfidenceLevel?: number;
  /**
   * Also compute a robust (`{ type: 'hc0' | 'hc1' | 'hc2' | 'hc3' }`, as `sandwich::vcovHC`) or
   * cluster-robust (`{ type: 'hc0' | 'hc1', cluster: values }`, as `sandwich::vcovCL`) covariance
   * and store it with the model; the summary then shows its standard errors. `penalty: 'none'`
   * only. See {@link CovarianceOption}.
   */
  readonly covariance?: CovarianceOption;
  /**
   * The gradient pass: `'auto'` (default: WebAssembly SIMD when available, plain TypeScript for
   * tiny data or as fallback), `'plain'` (the reference) or `'wasm'`. Results agree to rounding.
   */
  readonly kernel?: KernelChoice;
  /** Worker threads sharing each gradient pass by row blocks (Node: `createThreadPool()`). */
  readonly threadPool?: KernelThreadPool;
  /** Called once per solver iteration (for progress bars). */
  readonly onIteration?: (info: IterationInfo) => void;
}

/**
 * Options of {@link train} for any number of classes: {@link TrainOptions} and the model to fit.
 * (`TrainOptions` alone types a binary fit, so that its model's type is the binary model.)
 */
export interface MulticlassTrainOptions extends TrainOptions {
  /**
   * Absent (default): a binary model, and y must have two classes. `'multinomial'` or `'ovr'`:
   * a model of K ≥ 2 classes (see {@link MultiClassStrategy}). `'auto'`: a binary model for two
   * classes, a multinomial one for more (scikit-learn's `LogisticRegression`).
   */
  readonly multiClass?: MultiClassStrategy | 'auto';
}

/** The defaults of {@link TrainOptions}, defined once: docs and the CLI's `--help` read them. */
export const defaultTrainOptions = {
  penalty: 'l2',
  C: 1,
  /** For `penalty: 'l2'`; `'none'` and `'firth'` default to `'newton'` (see chooseSolver). */
  solver: 'lbfgs',
  fitIntercept: true,
  tolerance: 1e-6,
  /** The tolerance of Newton's relative-decrement rule (maximum likelihood and Firth fits). */
  decrementTolerance: 1e-12,
  maxIterations: { lbfgs: 1000, newton: 100, gd: 100000, sgd: 1000, newglmnet: 100 },
  batchSize: 32,
  learningRate: 0.1,
  standardize: false,
  standardizeWeights: 'fit',
  onSeparation: 'error',
} as const;

/** Arguments accepted by `train`. */
export type TrainInput = MatrixInput;

/**
 * The heteroskedasticity-consistent ("sandwich") estimators of MacKinnon & White (1985), named
 * as R's `sandwich::vcovHC` names them: `hc0` White's, `hc1` with the n/(n − k) correction (Stata's
 * `vce(robust)`), `hc2` and `hc3` with leverage corrections.
 */
export type RobustType = 'hc0' | 'hc1' | 'hc2' | 'hc3';

/**
 * The `covariance` option of `train`: a robust or cluster-robust covariance to compute at training
 * time and store with the model (maximum-likelihood fits only). With `cluster` (one value per row
 * of X, any strings or numbers; rows with the same value form a cluster) it is the cluster-robust
 * estimator of `sandwich::vcovCL(type = …)`: `hc1` is CR1 (Stata's `vce(cluster …)`), `hc0` CR0.
 */
export interface CovarianceOption {
  readonly type: RobustType;
  readonly cluster?: readonly (string | number)[];
  /** The name of the cluster variable, for the summary's header. */
  readonly clusterName?: string;
}
