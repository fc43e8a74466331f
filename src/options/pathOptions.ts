import type { Label } from './trainOptions.js';

/** Options of `regularizationPath`; {@link defaultPathOptions} holds the defaults. */
export interface ElasticNetPathOptions {
  /** `'l1'` (default; l1Ratio 1), `'elasticnet'` (needs `l1Ratio`) or `'l2'` (l1Ratio 0). */
  readonly penalty?: 'l1' | 'elasticnet' | 'l2';
  /** Share of L1 in the penalty, in (0, 1]; only with `penalty: 'elasticnet'`. */
  readonly l1Ratio?: number;
  /** The values of C to fit (> 0, distinct). Default: a grid of `count` values from `criticalC`. */
  readonly Cs?: readonly number[];
  /** Number of values in the default grid. Default 100 (glmnet's `nlambda`). */
  readonly count?: number;
  /**
   * Largest over smallest C of the default grid (> 1): glmnet's 1/`lambda.min.ratio`.
   * Default 1e4 when there are more rows than features, else 100.
   */
  readonly span?: number;
  /** Fit an unpenalized intercept. Default true. */
  readonly fitIntercept?: boolean;
  /** Penalize the standardized coefficients (glmnet's `standardize`); coefficients are reported in original units. Default false. */
  readonly standardize?: boolean;
  /** Per-row weights sᵢ ≥ 0. */
  readonly sampleWeight?: readonly number[] | Float64Array;
  /** Per fit: stop when the minimum-norm subgradient (θ coordinates) is ≤ this. Default 1e-8. */
  readonly tolerance?: number;
  /** Per fit: cap on Newton iterations. Default 100. */
  readonly maxIterations?: number;
  /** One name per feature. Default `x0, x1, …`. */
  readonly featureNames?: readonly string[];
  /** The label coded 1. Default: the second of the sorted classes. */
  readonly positiveClass?: Label;
}

/** The defaults of {@link ElasticNetPathOptions}, defined once. */
export const defaultPathOptions = {
  penalty: 'l1',
  count: 100,
  fitIntercept: true,
  standardize: false,
  tolerance: 1e-8,
  maxIterations: 100,
} as const;
