import { OptionError, ShapeError, ValueError } from '../errors.js';
import { MAX_COVARIANCE_DIMENSION } from '../inference/coefficientCovariance.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import type { TrainOptions } from '../options/trainOptions.js';
import type { TrainPlan } from '../options/trainPlan.js';

/**
 * The checks of a binary fit's input that need its shape (m rows, p features) and plan, before
 * the labels are read: `featureNames` (default `x0 … x{p−1}`) and the start's coefficients
 * (`initialCoefficients`, else `initialModel`'s) have p entries; Firth on sparse X fits in
 * MAX_COVARIANCE_DIMENSION parameters; an unpenalized or Firth fit has fewer features than rows.
 * @throws {ShapeError} a length that does not match p.
 * @throws {OptionError} Firth on sparse X above MAX_COVARIANCE_DIMENSION parameters.
 * @throws {ValueError} p ≥ m without a penalty or with Firth's.
 */
export function checkBinaryInput(
  matrix: FeatureMatrix,
  opts: TrainOptions,
  plan: Pick<TrainPlan, 'penalty' | 'fitIntercept'>,
): { featureNames: readonly string[]; initialCoefficients: readonly number[] | undefined } {
  const { rows: m, cols: p } = matrix;
  const { penalty, fitIntercept } = plan;
  const featureNames = opts.featureNames ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (featureNames.length !== p) {
    throw new ShapeError(
      `train: featureNames has ${featureNames.length} names, but X has ${p} features`,
    );
  }
  const dimension = p + (fitIntercept ? 1 : 0);
  if (penalty === 'firth' && isSparseMatrix(matrix) && dimension > MAX_COVARIANCE_DIMENSION) {
    throw new OptionError(
      `train: penalty 'firth' needs the dense ${dimension} × ${dimension} information matrix; with sparse X it is limited to ${MAX_COVARIANCE_DIMENSION} parameters (use penalty 'l2')`,
    );
  }
  const initialCoefficients = opts.initialCoefficients ?? opts.initialModel?.coefficients;
  if (initialCoefficients !== undefined && initialCoefficients.length !== p) {
    const what =
      opts.initialCoefficients === undefined ? 'initialModel has' : 'initialCoefficients has';
    throw new ShapeError(
      `train: ${what} ${initialCoefficients.length} coefficients, but X has ${p} features`,
    );
  }
  if ((penalty === 'none' || penalty === 'firth') && p >= m) throw tooFewRows(penalty, p, m);
  return { featureNames, initialCoefficients };
}

/**
 * Without a penalty (or with Firth's, whose information matrix is then singular) p ≥ n features
 * fit the rows exactly: the estimate is not unique and the solver returns one of many, or zeros.
 */
function tooFewRows(penalty: 'none' | 'firth', p: number, m: number): ValueError {
  const why =
    penalty === 'none'
      ? 'the maximum-likelihood estimate is not unique (the rows can be fitted exactly)'
      : "the information matrix is singular, so Firth's penalty is undefined";
  return new ValueError(
    `train: penalty '${penalty}' needs fewer features than rows, got ${p} features and ${m} rows: ${why}; use penalty 'l2' (or 'l1'), or fewer features`,
  );
}

/** The cluster values of `covariance`: one per row, at least two distinct ones. */
export function checkClusters(opts: TrainOptions, m: number): void {
  const cluster = opts.covariance?.cluster;
  if (cluster === undefined) return;
  if (cluster.length !== m) {
    throw new ShapeError(
      `train: covariance.cluster has ${cluster.length} values, but X has ${m} rows`,
    );
  }
  if (new Set(cluster).size < 2) {
    throw new ValueError(
      'train: covariance.cluster has a single cluster; a clustered covariance needs at least two',
    );
  }
}

/** Without a penalty, a constant feature is confounded with the intercept: no unique estimate. */
export function checkIdentifiable(
  X: FeatureMatrix,
  sd: Float64Array,
  names: readonly string[],
  fitIntercept: boolean,
): void {
  if (!fitIntercept) return;
  const j = sd.indexOf(0);
  if (j >= 0) {
    throw new ValueError(
      `train: feature '${names[j]}' is constant (${firstRowValue(X, j)}), so it is confounded with the intercept and has no estimate without a penalty; remove it or use penalty 'l2'`,
    );
  }
}

/** X[0][j], dense or CSR. */
function firstRowValue(X: FeatureMatrix, j: number): number {
  if (!isSparseMatrix(X)) return X.data[j];
  for (let k = X.indptr[0]; k < X.indptr[1]; k++) if (X.indices[k] === j) return X.values[k];
  return 0;
}
