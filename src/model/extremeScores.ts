import { ValueError } from '../errors.js';
import type { FeatureMatrix } from '../linalg/sparseMatrix.js';
import { isSparseMatrix } from '../linalg/sparseMatrix.js';
import { scaledScore } from '../math/scaledScore.js';

/**
 * Sums again, with the features scaled (see `scaledScore`), the class scores zᵢₖ = wₖ·xᵢ + bₖ
 * that came out NaN although every entry of X is finite: terms near the largest double give
 * Inf − Inf in the plain order (`1.5e308·1 + (−1.79e308)·1`). The binary model does the same for
 * its one score. `scores` is n × K row-major, `w` K × p row-major.
 *
 * @throws {ValueError} a score that even the scaled sum cannot represent (a coefficient beyond
 *   ~1e292 next to such entries), naming the row and class.
 */
export function rescueClassScores(
  X: FeatureMatrix,
  w: Float64Array,
  b: Float64Array,
  scores: Float64Array,
  where: string,
): void {
  const K = b.length;
  const p = X.cols;
  for (let t = 0; t < scores.length; t++) {
    if (!Number.isNaN(scores[t])) continue;
    const i = Math.floor(t / K);
    const k = t - i * K;
    const wk = w.subarray(k * p, (k + 1) * p);
    const z = isSparseMatrix(X)
      ? scaledScore(
          X.values.subarray(X.indptr[i], X.indptr[i + 1]),
          X.indices.subarray(X.indptr[i], X.indptr[i + 1]),
          wk,
          b[k],
        )
      : scaledScore(X.data.subarray(i * p, (i + 1) * p), undefined, wk, b[k]);
    if (Number.isNaN(z)) {
      throw new ValueError(
        `${where}: the score of row ${i} for class ${k} cannot be represented (its terms overflow a double even when scaled); rescale the features`,
      );
    }
    scores[t] = z;
  }
}

/**
 * The softmax of `z[start..end)` in place when its largest entry is infinite, the limit of the
 * finite softmax: the entries equal to +∞ share probability 1 equally (the others get 0); when
 * every entry is −∞, each gets 1/K (no class is preferred). `softmax` itself wants finite scores
 * (e^(∞ − ∞) is NaN).
 */
export function softmaxOfInfinite(z: Float64Array, start: number, end: number): void {
  let top = 0;
  for (let k = start; k < end; k++) if (z[k] === Infinity) top++;
  const K = end - start;
  for (let k = start; k < end; k++) {
    z[k] = top === 0 ? 1 / K : z[k] === Infinity ? 1 / top : 0;
  }
}
