import { ValueError } from '../errors.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';

/**
 * Refuses features whose moments overflow: with finite entries, a non-finite standard deviation
 * means Σ sᵢ·xᵢⱼ² passed the largest double (entries beyond about 1e153). Fitting on would divide
 * by an infinite scale and return all-zero coefficients with no word of why; the Hessian XᵀWX
 * would overflow the same way. So training stops with the feature, its largest entry and the
 * remedy (rescaling leaves predictions of an unpenalized fit unchanged).
 *
 * @param sd the weighted standard deviation of each column; X's entries are known to be finite.
 * @throws {ValueError} naming the first such feature.
 */
export function checkFeatureRange(
  where: string,
  X: FeatureMatrix,
  sd: Float64Array,
  names: readonly string[],
): void {
  const j = sd.findIndex((value) => !Number.isFinite(value));
  if (j < 0) return;
  let largest = 0;
  if (isSparseMatrix(X)) {
    for (let k = 0; k < X.indices.length; k++) {
      if (X.indices[k] === j) largest = Math.max(largest, Math.abs(X.values[k]));
    }
  } else {
    for (let i = 0; i < X.rows; i++) largest = Math.max(largest, Math.abs(X.data[i * X.cols + j]));
  }
  const divisor = 10 ** Math.max(0, Math.floor(Math.log10(largest)) - 2);
  throw new ValueError(
    `${where}: feature '${names[j]}' has entries up to ${largest.toPrecision(3)}, too large to fit: ` +
      `sums of their squares overflow a double (about 1.8e308); rescale it, e.g. divide it by ${divisor.toPrecision(1)}`,
  );
}
