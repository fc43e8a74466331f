import { ShapeError, ValueError } from '../errors.js';
import type { MatrixInput } from '../linalg/matrix.js';
import { toMatrix } from '../validation/toMatrix.js';
import { checkSampleWeight } from './checkMetricInputs.js';
import { rocAuc } from './rocAuc.js';

/** How {@link multiclassRocAuc} averages the per-class areas. */
export type RocAucAverage = 'macro' | 'weighted';

/**
 * The one-vs-rest ROC AUC of k-class probabilities, as scikit-learn's
 * `roc_auc_score(y, p, multi_class='ovr', average=…, sample_weight=w)`: for each class c the
 * binary {@link rocAuc} of [yᵢ = c] against the column pᵢc, then their mean (`'macro'`) or their
 * mean weighted by each class's (weighted) support Σᵢ wᵢ·[yᵢ = c] (`'weighted'`).
 *
 * @param yTrue - class indices, length n, integers in 0 … k − 1.
 * @param probabilities - n × k (row-major `{ rows, cols, data }` or n rows of k numbers).
 * @param average - `'macro'` (default) or `'weighted'`.
 * @throws {ShapeError} fewer than 2 columns, row counts that differ.
 * @throws {ValueError} a label outside 0 … k − 1, a class without rows of positive weight or with
 *   nothing else (its AUC is undefined; scikit-learn raises too), bad weights.
 * @example
 * ```ts
 * multiclassRocAuc([0, 1, 2], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7]]); // 1
 * ```
 */
export function multiclassRocAuc(
  yTrue: ArrayLike<number>,
  probabilities: MatrixInput,
  average: RocAucAverage = 'macro',
  sampleWeight?: ArrayLike<number>,
): number {
  const where = 'multiclassRocAuc';
  const P = toMatrix(probabilities, where, 'probabilities');
  const { rows: n, cols: k } = P;
  if (k < 2) {
    throw new ShapeError(`${where}: probabilities needs one column per class (≥ 2), got ${k}`);
  }
  if (yTrue.length !== n) {
    throw new ShapeError(
      `${where}: yTrue has ${yTrue.length} values, but probabilities has ${n} rows`,
    );
  }
  const { weight } = checkSampleWeight(where, n, sampleWeight);
  const areas = perClassRocAuc(yTrue, P.data, n, k, weight, where);
  if (areas.some((a) => a === null)) {
    const c = areas.findIndex((a) => a === null);
    throw new ValueError(
      `${where}: class ${c} has no rows of positive weight, or nothing else has: its one-vs-rest ROC AUC is undefined`,
    );
  }
  return averageAreas(areas as number[], yTrue, weight, average);
}

/**
 * The binary ROC AUC of each class against the rest; null for a class whose AUC is undefined
 * (no rows of it, or only rows of it, among those of positive weight).
 * @internal shared with multiclassReport.
 */
export function perClassRocAuc(
  yTrue: ArrayLike<number>,
  data: ArrayLike<number>,
  n: number,
  k: number,
  weight: ArrayLike<number>,
  where: string,
): (number | null)[] {
  const labels = new Float64Array(n);
  const score = new Float64Array(n);
  const out: (number | null)[] = [];
  for (let c = 0; c < k; c++) {
    let positive = 0;
    let negative = 0;
    for (let i = 0; i < n; i++) {
      const y = yTrue[i];
      if (!(typeof y === 'number' && Number.isInteger(y) && y >= 0 && y < k)) {
        throw new ValueError(
          `${where}: yTrue[${i}] must be a class index, an integer in 0 … ${k - 1}, got ${String(y)}`,
        );
      }
      labels[i] = y === c ? 1 : 0;
      score[i] = data[i * k + c];
      if (weight[i] > 0) {
        if (y === c) positive++;
        else negative++;
      }
    }
    out.push(positive === 0 || negative === 0 ? null : rocAuc(labels, score, weight));
  }
  return out;
}

/** The macro or support-weighted mean of per-class areas. @internal */
export function averageAreas(
  areas: readonly number[],
  yTrue: ArrayLike<number>,
  weight: ArrayLike<number>,
  average: RocAucAverage,
): number {
  if (average === 'macro') return areas.reduce((a, b) => a + b, 0) / areas.length;
  const support = new Float64Array(areas.length);
  for (let i = 0; i < yTrue.length; i++) support[yTrue[i]] += weight[i];
  let total = 0;
  let sum = 0;
  for (let c = 0; c < areas.length; c++) {
    sum += support[c] * areas[c];
    total += support[c];
  }
  return sum / total;
}
