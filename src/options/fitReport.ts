import type { StopReason } from '../solvers/objective.js';
import type { Label, Penalty, SolverName } from './trainOptions.js';

/** What separation detection found, in feature names. */
export interface SeparationReport {
  readonly kind: 'complete' | 'quasi-complete';
  /** Features (and `(Intercept)`) whose maximum-likelihood estimates diverge. */
  readonly features: readonly string[];
  /**
   * Multiclass fits: the classes involved (multinomial: those of the separated pairs;
   * one-vs-rest: those whose class-vs-rest fit is separated). Absent for binary fits.
   */
  readonly classes?: readonly Label[];
  /** Multinomial fits: the pairs of classes that a hyperplane pulls apart. */
  readonly classPairs?: readonly (readonly [Label, Label])[];
}

/**
 * How a fit went. Convergence is reported, not thrown: read `converged` and `warnings`.
 * `objective` is F = (1/S)·Σ sᵢ·logloss + ‖w‖²/(2·C·S) (see TrainOptions): multiply by C·S for
 * scikit-learn's `0.5·‖w‖² + C·Σ logloss`.
 */
export interface FitReport {
  readonly solver: SolverName;
  readonly penalty: Penalty;
  /** The C used, or null without a penalty (and for Firth's). */
  readonly C: number | null;
  /** The L1 share of an elastic-net penalty. */
  readonly l1Ratio?: number;
  readonly standardize: boolean;
  readonly fitIntercept: boolean;
  readonly iterations: number;
  /**
   * Large maximum-likelihood Newton fits (see README "Solvers"): the iterations of the L-BFGS
   * start, included in `iterations` (the rest are Newton steps). Absent for a pure Newton fit.
   */
  readonly lbfgsStartIterations?: number;
  readonly converged: boolean;
  readonly stopReason: StopReason;
  readonly objective: number;
  /** ‖∇F‖∞ at the solution, in the solver's standardized coordinates (what `tolerance` bounds). */
  readonly gradientNorm: number;
  readonly tolerance: number;
  /** F after each iteration (entry 0: at the start). */
  readonly lossHistory: readonly number[];
  /** Mean (weighted) log loss on the training data at the solution. */
  readonly logLoss: number;
  readonly nObservations: number;
  readonly nFeatures: number;
  /** Σ sᵢ, the total row weight (equals nObservations without weights). */
  readonly sumWeights: number;
  /**
   * Rows per class in the order of the model's `classes` (unweighted). Set by every fit of
   * `train` (any number of classes); absent in reports built elsewhere or saved by older versions.
   */
  readonly classCounts?: readonly number[];
  readonly warnings: readonly string[];
  readonly separation?: SeparationReport;
  /**
   * Unpenalized and Firth fits: one flag per feature, true where the feature is a linear
   * combination of earlier ones (and the intercept), so not estimable (R's NA coefficients). Its
   * coefficient is 0; the degrees of freedom are the rank. Absent when no feature is aliased.
   */
  readonly aliased?: readonly boolean[];
  /** Maximum-likelihood fits: hashes of the training rows and columns (see compareModels). */
  readonly dataFingerprint?: DataFingerprint;
  /** Streamed fits (`trainStream`): the passes made over the rows, the moments' pass included. */
  readonly passes?: number;
  /**
   * Streamed `sgd` fits: the mean loss of the first pass, each row scored with the coefficients
   * of just before it was trained on (progressive validation, as Vowpal Wabbit reports it): an
   * estimate of the loss on new data without a held-out set.
   */
  readonly progressiveValidationLoss?: number;
}

/**
 * Hashes of the training data, stored with a model so that two models can be checked to have
 * been fitted on the same rows (`compareModels`) without the data: one of the labels and weights,
 * and one per feature column. Not cryptographic: two 32-bit multiplicative hashes (cyrb53's
 * mixing) per value, 53 bits of output, written in hexadecimal.
 */
export interface DataFingerprint {
  /** The rows: their count, labels (0/1) and weights. */
  readonly rows: string;
  /** One per feature, in order: the column's nonzero values and their rows. */
  readonly columns: readonly string[];
}
