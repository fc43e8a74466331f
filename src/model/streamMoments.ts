import { ShapeError, ValueError } from '../errors.js';
import type { RowChunks } from '../objectives/rowChunks.js';

/** What one pass over a stream learns: counts, weights and the columns' weighted moments. */
export interface StreamMoments {
  /** Rows read. */
  readonly rows: number;
  /** Rows with a positive weight. */
  readonly positiveWeightRows: number;
  /** S = Σ sᵢ. */
  readonly sumWeights: number;
  /** Σ sᵢyᵢ. */
  readonly positiveWeight: number;
  /** Rows per class, [target 0, target 1] (unweighted). */
  readonly classCounts: readonly [number, number];
  /** Weighted column means. */
  readonly mean: Float64Array;
  /** Σᵢ sᵢ(xᵢⱼ − meanⱼ)². */
  readonly variance: Float64Array;
  /** Smallest and largest value of each column. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** The largest row weight. */
  readonly maxWeight: number;
}

/**
 * One pass over the rows: counts, S, the positive weight, and each column's weighted mean and
 * sum of squared deviations from shifted sums (shift c = the first row; with
 * Sⱼ = Σ sᵢ(xᵢⱼ − cⱼ) and Qⱼ = Σ sᵢ(xᵢⱼ − cⱼ)², meanⱼ = cⱼ + Sⱼ/S and
 * Σ sᵢ(xᵢⱼ − meanⱼ)² = Qⱼ − Sⱼ²/S: Chan, Golub & LeVeque 1983, as featureScaling's one-pass
 * kernel; a constant column gets exactly its value and 0). Checks every value on the way.
 *
 * @throws {ShapeError} no rows, or a chunk whose shape disagrees with the source's.
 * @throws {ValueError} a non-finite feature, a target other than 0/1, a negative or non-finite
 *   weight, or weights summing to 0; the message names the row (0-based, over the stream).
 */
export function streamMoments(source: RowChunks, where: string): StreamMoments {
  const p = source.features;
  const shift = new Float64Array(p);
  const sum = new Float64Array(p);
  const squares = new Float64Array(p);
  const min = new Float64Array(p).fill(Infinity);
  const max = new Float64Array(p).fill(-Infinity);
  let rows = 0;
  let positiveWeightRows = 0;
  let total = 0;
  let positive = 0;
  let ones = 0;
  let maxWeight = 0;
  for (const { X, y, sampleWeight } of source.chunks()) {
    const m = X.rows;
    if (
      X.cols !== p ||
      y.length !== m ||
      (sampleWeight !== undefined && sampleWeight.length !== m)
    ) {
      throw new ShapeError(
        `${where}: a chunk at row ${rows} has ${m} × ${X.cols} features, ${y.length} targets and ${sampleWeight?.length ?? m} weights; the source has ${p} features`,
      );
    }
    const data = X.data;
    if (rows === 0 && m > 0) shift.set(data.subarray(0, p));
    for (let i = 0; i < m; i++) {
      const s = sampleWeight === undefined ? 1 : sampleWeight[i];
      if (!(s >= 0 && s < Infinity)) {
        throw new ValueError(
          `${where}: the weight of row ${rows + i} must be a finite number ≥ 0, got ${s}`,
        );
      }
      const yi = y[i];
      if (yi !== 0 && yi !== 1) {
        throw new ValueError(`${where}: the target of row ${rows + i} must be 0 or 1, got ${yi}`);
      }
      total += s;
      positive += s * yi;
      ones += yi;
      if (s > 0) positiveWeightRows++;
      if (s > maxWeight) maxWeight = s;
      const offset = i * p;
      for (let j = 0; j < p; j++) {
        const v = data[offset + j];
        if (!Number.isFinite(v)) {
          throw new ValueError(
            `${where}: feature ${j} of row ${rows + i} must be a finite number, got ${v}`,
          );
        }
        const dv = v - shift[j];
        sum[j] += s * dv;
        squares[j] += s * dv * dv;
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
    rows += m;
  }
  if (rows === 0) throw new ShapeError(`${where}: the source has no rows`);
  if (!(total > 0)) throw new ValueError(`${where}: the row weights sum to 0`);
  const mean = new Float64Array(p);
  const variance = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    mean[j] = shift[j] + sum[j] / total;
    variance[j] = Math.max(0, squares[j] - (sum[j] * sum[j]) / total);
  }
  return {
    rows,
    positiveWeightRows,
    sumWeights: total,
    positiveWeight: positive,
    classCounts: [rows - ones, ones],
    mean,
    variance,
    min,
    max,
    maxWeight,
  };
}
