import { ShapeError, ValueError } from '../errors.js';
import { formatNumber } from './formatNumber.js';
import { lineChartSvg } from './lineChartSvg.js';

/** What {@link cvCurveSvg} plots: a cross-validation score per candidate C. */
export interface CvCurveResult {
  /** Candidate values of C (> 0; the inverse penalty strength). */
  readonly Cs: ArrayLike<number>;
  /** Mean validation score over the folds, one per C. */
  readonly mean: ArrayLike<number>;
  /** Standard deviation of the score over the folds, one per C. */
  readonly std: ArrayLike<number>;
  /** The chosen C (a value, not an index). */
  readonly best: number;
  /** Name of the score, e.g. `'log loss'` or `'accuracy'`. */
  readonly metric: string;
}

/** Options of {@link cvCurveSvg}. */
export interface CvCurveOptions {
  /** Default `'Cross-validated <metric>'`. */
  readonly title?: string | undefined;
}

/**
 * A cross-validation curve as an SVG document: the mean score against C on a log axis, with a
 * shaded band of ±1 standard deviation over the folds, a dot per candidate and a dashed
 * vertical line at the chosen C.
 *
 * @throws {ShapeError} if `Cs`, `mean` and `std` differ in length.
 * @throws {ValueError} if `best` is not a finite positive number.
 * @example
 * const svg = cvCurveSvg({
 *   Cs: [0.01, 0.1, 1, 10], mean: [0.7, 0.82, 0.85, 0.84], std: [0.03, 0.02, 0.02, 0.03],
 *   best: 1, metric: 'accuracy',
 * });
 * svg.includes('best C = 1'); // true
 */
export function cvCurveSvg(result: CvCurveResult, options: CvCurveOptions = {}): string {
  const { Cs, mean, std, best, metric } = result;
  if (mean.length !== Cs.length || std.length !== Cs.length) {
    throw new ShapeError(
      `cvCurveSvg: Cs, mean and std must have equal lengths, got ${Cs.length}, ${mean.length} and ${std.length}`,
    );
  }
  if (!(Number.isFinite(best) && best > 0)) {
    throw new ValueError(`cvCurveSvg: best must be a finite positive C, got ${best}`);
  }
  const lower = Float64Array.from({ length: Cs.length }, (_, i) => mean[i] - std[i]);
  const upper = Float64Array.from({ length: Cs.length }, (_, i) => mean[i] + std[i]);
  return lineChartSvg(
    [{ name: `mean ${metric}`, x: Cs, y: mean, band: { lower, upper, name: '±1 std over folds' } }],
    {
      title: options.title ?? `Cross-validated ${metric}`,
      xLabel: 'C (inverse penalty strength)',
      yLabel: metric,
      logX: true,
      markers: true,
      verticalLine: { x: best, label: `best C = ${formatNumber(best)}` },
    },
  );
}
