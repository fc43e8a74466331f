/** Summary of one quantity over the k folds of a cross-validation. */
export interface FoldStatistics {
  /** The unweighted mean over folds, `(1/k)·Σ_f v_f` (as scikit-learn's `cross_validate`). */
  readonly mean: number;
  /**
   * The population standard deviation over folds, `√((1/k)·Σ_f (v_f − mean)²)`: what
   * `np.std(scores)` gives scikit-learn users (ddof = 0).
   */
  readonly std: number;
  /**
   * The standard error of the mean, `√(Σ_f (v_f − mean)² / (k·(k − 1)))` = sample standard
   * deviation / √k = `std / √(k − 1)`: cv.glmnet's `cvsd`, used by the one-standard-error rule.
   */
  readonly standardError: number;
}

/**
 * Mean, population standard deviation and standard error of the mean of `values` (k ≥ 2), in
 * two passes (the mean first, then squared deviations from it: no cancellation).
 */
export function foldStatistics(values: ArrayLike<number>): FoldStatistics {
  const k = values.length;
  let sum = 0;
  for (let f = 0; f < k; f++) sum += values[f];
  const mean = sum / k;
  let squares = 0;
  for (let f = 0; f < k; f++) squares += (values[f] - mean) ** 2;
  return {
    mean,
    std: Math.sqrt(squares / k),
    standardError: Math.sqrt(squares / (k * (k - 1))),
  };
}
