import { isSparseMatrix, sparseRowScore } from '../linalg/sparseMatrix.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { linearScore } from '../math/linearScore.js';
import type { KernelChoice } from '../kernels/gradientKernel.js';
import { linearScores } from '../kernels/scoreKernel.js';
import type { KernelThreadPool } from '../kernels/threads/kernelThreadPool.js';
import { describe } from '../validation/toMatrix.js';
import {
  detectMultinomialSeparation,
  isMultinomialSeparationCheckAffordable,
} from './detectMultinomialSeparation.js';
import { detectSeparation, isSeparationCheckAffordable } from './detectSeparation.js';
import type { SeparationReport } from '../options/fitReport.js';
import type { Label } from '../options/trainOptions.js';

/** Name of the intercept in reports and messages, as R prints it. */
export const INTERCEPT_NAME = '(Intercept)';

/**
 * Exact separation check before an unpenalized fit (linear programming, see detectSeparation),
 * in feature names; undefined when the MLE exists or the data are too large to check. The LP is
 * dense: detectSeparation densifies CSR data for it, which the size limit keeps small (m·d² ≤ 1e8, so m·p ≤ 1e8/d).
 */
export function checkSeparation(
  X: FeatureMatrix,
  y: Float64Array,
  weights: Float64Array | undefined,
  fitIntercept: boolean,
  names: readonly string[],
): SeparationReport | undefined {
  if (!isSeparationCheckAffordable(X.rows, X.cols, fitIntercept)) return undefined;
  const result = detectSeparation(X, y, fitIntercept, weights);
  if (result.kind === 'none') return undefined;
  return {
    kind: result.kind,
    features: result.involved.map((j) => (j === X.cols ? INTERCEPT_NAME : names[j])),
  };
}

/**
 * The multinomial counterpart of {@link checkSeparation} (see detectMultinomialSeparation), in
 * class labels and feature names; undefined when the MLE exists or the stacked LP is too large.
 *
 * @param y - class indices into `classes`.
 */
export function checkMultinomialSeparation(
  X: FeatureMatrix,
  y: Int32Array,
  classes: readonly Label[],
  weights: Float64Array | undefined,
  fitIntercept: boolean,
  names: readonly string[],
): SeparationReport | undefined {
  const K = classes.length;
  if (!isMultinomialSeparationCheckAffordable(X.rows, X.cols, K, fitIntercept)) return undefined;
  const result = detectMultinomialSeparation(X, y, K, fitIntercept, weights);
  if (result.kind === 'none') return undefined;
  return {
    kind: result.kind,
    features: result.involved.map((j) => (j === X.cols ? INTERCEPT_NAME : names[j])),
    classes: result.classes.map((k) => classes[k]),
    classPairs: result.pairs.map(([k, l]) => [classes[k], classes[l]] as const),
  };
}

/** The message of a multinomial fit's SeparationError: which classes, which features, what to do. */
export function multinomialSeparationMessage(s: SeparationReport, where: string): string {
  const pairs = s.classPairs ?? [];
  const shownPairs =
    pairs
      .slice(0, 6)
      .map(([a, b]) => `${describe(a)} from ${describe(b)}`)
      .join(', ') + (pairs.length > 6 ? `, … (${pairs.length} pairs in all)` : '');
  return (
    `${where}: the classes are ${s.kind === 'complete' ? 'completely' : 'quasi-completely'} separated ` +
    `(${shownPairs}; a hyperplane in ${shownFeatures(s)} splits them), so the unpenalized multinomial ` +
    `maximum-likelihood estimates do not exist: the coefficients grow without bound. Use penalty 'l2' ` +
    `(C sets its strength), or multiClass 'ovr' with penalty 'firth', or drop the separating features.`
  );
}

function shownFeatures(s: SeparationReport): string {
  return (
    s.features.slice(0, 8).join(', ') +
    (s.features.length > 8 ? `, … (${s.features.length} in all)` : '')
  );
}

/** The message of a SeparationError: what happened, which features, what to do. */
export function separationMessage(s: SeparationReport): string {
  const shown = shownFeatures(s);
  return (
    `train: the classes are ${s.kind === 'complete' ? 'completely' : 'quasi-completely'} separated ` +
    `(a hyperplane in ${shown} splits them), so the unpenalized maximum-likelihood estimates do not exist: ` +
    `the coefficients grow without bound. Use penalty 'firth' (Firth's bias-reduced fit: finite estimates with ` +
    `standard errors) or penalty 'l2' (C sets its strength), or drop the separating features.`
  );
}

/**
 * The multinomial counterpart of {@link countExtremeFits}: rows where two classes' scores differ
 * by more than 33.7 (a probability ratio below 10·ε), at original-unit coefficients w (K × p,
 * row-major) and intercepts b (K). Used when the exact check is too large to run.
 */
export function countExtremeMultinomialFits(
  X: FeatureMatrix,
  w: Float64Array,
  b: Float64Array,
): number {
  const K = b.length;
  const p = X.cols;
  const rowsOf = Array.from({ length: K }, (_, k) => w.subarray(k * p, (k + 1) * p));
  let count = 0;
  for (let i = 0; i < X.rows; i++) {
    let low = Infinity;
    let high = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = isSparseMatrix(X)
        ? sparseRowScore(X, i, rowsOf[k], b[k])
        : linearScore(X.data, i * p, rowsOf[k], b[k]);
      low = Math.min(low, z);
      high = Math.max(high, z);
    }
    if (high - low > 33.7) count++;
  }
  return count;
}

/**
 * Rows whose fitted probability is within 10·ε of 0 or 1, R's glm.fit test ("fitted
 * probabilities numerically 0 or 1 occurred"): |z| > logit(1 − 2.22e-15) ≈ 33.7. Dense scores
 * come from the score kernel (`kernel`, as positiveProbability's: a tenth of a second less at
 * 1M × 100), over the fit's `threadPool` when given. With `offset`, z = w·x + b + o.
 */
export function countExtremeFits(
  X: FeatureMatrix,
  w: Float64Array,
  b: number,
  kernel: KernelChoice = 'auto',
  threadPool?: KernelThreadPool,
  offset?: Float64Array,
): number {
  let count = 0;
  const o = (i: number): number => (offset === undefined ? 0 : offset[i]);
  if (isSparseMatrix(X)) {
    for (let i = 0; i < X.rows; i++) {
      if (Math.abs(sparseRowScore(X, i, w, b) + o(i)) > 33.7) count++;
    }
    return count;
  }
  const z = new Float64Array(X.rows);
  linearScores(X, w, b, z, kernel, threadPool);
  for (let i = 0; i < X.rows; i++) if (Math.abs(z[i] + o(i)) > 33.7) count++;
  return count;
}
