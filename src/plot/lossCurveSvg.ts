import { formatNumber } from './formatNumber.js';
import { lineChartSvg } from './lineChartSvg.js';

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** Default `'Training objective'`. */
  readonly title?: string | undefined;
  /** Log y axis. Default: on when the finite losses are all positive and span more than two decades. */
  readonly logY?: boolean | undefined;
  /** Pixels, as {@link lineChartSvg}'s. Default 640. */
  readonly width?: number | undefined;
  /** Pixels, as {@link lineChartSvg}'s. Default 420. */
  readonly height?: number | undefined;
}

/** Whether positive values spread over more than a factor of 100 (max / min > 100). */
function spansTwoDecades(values: ArrayLike<number>): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max / min > 100;
}

/**
 * The objective per solver iteration (x = 0 … n − 1) as an SVG document, the curve that shows
 * whether and how fast a fit converged. The last finite value is printed in a corner. Non-finite
 * values (a diverging step size) leave gaps; on a log axis so do values ≤ 0.
 *
 * @param losses the objective after each iteration, e.g. collected with `onIteration`.
 * @example
 * const svg = lossCurveSvg([0.69, 0.41, 0.33, 0.31, 0.305]);
 * svg.includes('final objective = 0.305'); // true
 */
export function lossCurveSvg(losses: ArrayLike<number>, options: LossCurveOptions = {}): string {
  const iterations = Array.from({ length: losses.length }, (_, i) => i);
  let last = NaN;
  for (let i = losses.length - 1; i >= 0; i--) {
    if (Number.isFinite(losses[i])) {
      last = losses[i];
      break;
    }
  }
  return lineChartSvg([{ name: 'objective', x: iterations, y: losses }], {
    title: options.title ?? 'Training objective',
    xLabel: 'Iteration',
    yLabel: 'Objective',
    logY: options.logY ?? spansTwoDecades(losses),
    markers: losses.length <= 30,
    width: options.width,
    height: options.height,
    annotation: Number.isFinite(last) ? `final objective = ${formatNumber(last, 4)}` : undefined,
  });
}
