import { OptionError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import { checkMetricInputs, checkOptionKeys } from './checkMetricInputs.js';
import type { MetricInputs } from './checkMetricInputs.js';
import { weightedPercentile } from './weightedPercentile.js';

/** How {@link calibrationCurve} places its bin edges. */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** Options of {@link calibrationCurve}; {@link defaultCalibrationOptions} holds the defaults. */
export interface CalibrationOptions {
  /** Number of bins, an integer ≥ 1. Default 10. */
  readonly bins?: number;
  /**
   * `'uniform'` (default): edges `0, 1/bins, …, 1`. `'quantile'`: edges at the (weighted)
   * quantiles of the probabilities, so bins hold about equal weight.
   */
  readonly strategy?: CalibrationStrategy;
}

/** The defaults of {@link CalibrationOptions}, defined once (as scikit-learn's `calibration_curve`). */
export const defaultCalibrationOptions = { bins: 10, strategy: 'uniform' } as const;

/** A reliability diagram: one entry per non-empty bin, bins in increasing order. */
export interface CalibrationCurve {
  /** Weighted mean predicted probability in the bin (x axis of the diagram). */
  readonly meanPredicted: Float64Array;
  /** Weighted fraction of positives in the bin (y axis); on the diagonal when calibrated. */
  readonly fractionPositive: Float64Array;
  /** Weighted number of rows in the bin (the row count without weights); all > 0. */
  readonly count: Float64Array;
}

/**
 * The calibration curve (reliability diagram) of predicted probabilities, as scikit-learn's
 * `calibration_curve(y_true, p, n_bins=bins, strategy=strategy)` (which returns
 * `(fractionPositive, meanPredicted)` and no counts), extended to sample weights.
 *
 * The edges `e₀ = 0 < e₁ < … < e_bins = 1` (uniform) or `e_k = quantile(p, k/bins)` (quantile,
 * NumPy's linear percentile; with weights see below) cut [0, 1] into bins; a probability on an
 * inner edge belongs to the lower bin, as with scikit-learn's `searchsorted(edges[1:-1], p)`.
 * For a bin b with rows B: `count_b = Σ_{i∈B} wᵢ`, `meanPredicted_b = Σ wᵢ·pᵢ / count_b`,
 * `fractionPositive_b = Σ wᵢ·yᵢ / count_b`. Bins with count 0 are left out.
 *
 * Quantile edges with weights: each row counts as `wᵢ` rows, i.e. the quantile of the data with
 * row i repeated `wᵢ` times (exact for integer weights; see `weightedPercentile`). Rows of weight
 * 0 do not move the edges. Because weights act as repeat counts here, quantile edges (unlike any
 * other result of this module) can change when all weights are multiplied by a constant.
 *
 * @param yTrue - true labels, length n, each 0 or 1 (1 = positive class).
 * @param probability - predicted probability of the positive class, length n, each in [0, 1].
 * @param options - `bins` (default 10), `strategy` (default `'uniform'`).
 * @param sampleWeight - optional weights ≥ 0, length n.
 * @throws {ShapeError} empty input or lengths differ.
 * @throws {ValueError} a label other than 0/1, a probability outside [0, 1], a negative or
 *   non-finite weight, weights summing to 0.
 * @throws {OptionError} `bins` not an integer ≥ 1, an unknown `strategy` or option.
 * @example
 * ```ts
 * calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.3, 0.35, 0.7, 0.9], { bins: 2 });
 * // meanPredicted    [0.25, 0.8]
 * // fractionPositive [1/3,  1  ]
 * // count            [3,    2  ]
 * ```
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  options: CalibrationOptions = {},
  sampleWeight?: ArrayLike<number>,
): CalibrationCurve {
  const where = 'calibrationCurve';
  const { bins, strategy } = checkCalibrationOptions(where, options, ['bins', 'strategy']);
  const inputs = checkMetricInputs(
    where,
    yTrue,
    probability,
    'probability',
    'probability',
    sampleWeight,
  );
  return calibrationCurveFromInputs(inputs, bins, strategy);
}

/** Internal: checks {@link CalibrationOptions} and fills in the defaults. */
export function checkCalibrationOptions(
  where: string,
  options: CalibrationOptions,
  known: readonly string[],
): { readonly bins: number; readonly strategy: CalibrationStrategy } {
  checkOptionKeys(where, options, known);
  const bins = options.bins ?? defaultCalibrationOptions.bins;
  if (!Number.isSafeInteger(bins) || bins < 1) {
    throw new OptionError(`${where}: bins must be an integer ≥ 1, got ${describe(bins)}`);
  }
  const strategy = options.strategy ?? defaultCalibrationOptions.strategy;
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new OptionError(
      `${where}: strategy must be "uniform" or "quantile", got ${describe(strategy)}`,
    );
  }
  return { bins, strategy };
}

/** Internal: the calibration curve of checked inputs whose `values` are probabilities. */
export function calibrationCurveFromInputs(
  inputs: MetricInputs,
  bins: number,
  strategy: CalibrationStrategy,
): CalibrationCurve {
  const { y, values: p, weight } = inputs;
  const inner = strategy === 'uniform' ? uniformInnerEdges(bins) : quantileInnerEdges(inputs, bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const sumW = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const b = countBelow(inner, p[i]!);
    sumP[b] += w * p[i]!;
    sumY[b] += w * y[i]!;
    sumW[b] += w;
  }
  let m = 0;
  for (let b = 0; b < bins; b++) if (sumW[b]! > 0) m++;
  const meanPredicted = new Float64Array(m);
  const fractionPositive = new Float64Array(m);
  const count = new Float64Array(m);
  for (let b = 0, k = 0; b < bins; b++) {
    if (!(sumW[b]! > 0)) continue;
    meanPredicted[k] = sumP[b]! / sumW[b]!;
    fractionPositive[k] = sumY[b]! / sumW[b]!;
    count[k] = sumW[b]!;
    k++;
  }
  return { meanPredicted, fractionPositive, count };
}

/** `k/bins` for k = 1 … bins − 1, computed as NumPy's `linspace(0, 1, bins + 1)` does. */
function uniformInnerEdges(bins: number): Float64Array {
  const step = 1 / bins;
  const edges = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) edges[k - 1] = k * step;
  return edges;
}

/** The weighted quantiles at levels k/bins, k = 1 … bins − 1 (NumPy's `percentile` arithmetic). */
function quantileInnerEdges(inputs: MetricInputs, bins: number): Float64Array {
  const { values: p, weight } = inputs;
  let kept = 0;
  for (let i = 0; i < p.length; i++) if (weight[i]! > 0) kept++;
  const sorted = new Float64Array(kept);
  for (let i = 0, k = 0; i < p.length; i++) if (weight[i]! > 0) sorted[k++] = p[i]!;
  sorted.sort();
  // Tied values are merged into one entry carrying their summed weight (same quantiles).
  let m = 0;
  for (let k = 0; k < kept; k++)
    if (m === 0 || sorted[k] !== sorted[m - 1]) sorted[m++] = sorted[k]!;
  const distinct = sorted.subarray(0, m);
  const cumulative = new Float64Array(m);
  for (let i = 0; i < p.length; i++) {
    if (weight[i]! > 0) cumulative[countBelow(distinct, p[i]!)] += weight[i]!;
  }
  for (let k = 1; k < m; k++) cumulative[k] += cumulative[k - 1]!;
  const step = 1 / bins;
  const levels = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) levels[k - 1] = (k * step * 100) / 100;
  return weightedPercentile(distinct, cumulative, levels);
}

/** The number of `edges` (sorted increasing) strictly below `x`: NumPy's `searchsorted(edges, x)`. */
function countBelow(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
