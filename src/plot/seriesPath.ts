import type { Point, Polyline } from './geometry.js';
import type { Scale } from './scale.js';
import { svgNumber } from './svgNumber.js';

/**
 * The drawable points of a series in pixels, split into runs at every point that cannot be
 * drawn (per `drawable`: non-finite, or ≤ 0 on a log axis), so a line breaks at a gap instead
 * of bridging it. `x[i]` pairs with `y[i]`; both have the same length (checked by the caller).
 *
 * @example
 * const s = (v: number) => v;
 * const finite = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b);
 * pixelRuns([0, 1, 2, 3], [0, NaN, 2, 3], finite, s, s);
 * // [[[0, 0]], [[2, 2], [3, 3]]]
 */
export function pixelRuns(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  drawable: (x: number, y: number) => boolean,
  xScale: Scale,
  yScale: Scale,
): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (drawable(xi, yi)) {
      run.push([xScale(xi), yScale(yi)]);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * SVG path data (`M x,y L x,y …`) for the runs with at least two points; a one-point run has no
 * length and is drawn by the caller as a dot.
 *
 * @example
 * pathData([[[0, 0], [10, 5]]]); // 'M0,0L10,5'
 */
export function pathData(runs: readonly Polyline[]): string {
  let d = '';
  for (const run of runs) {
    if (run.length < 2) continue;
    run.forEach(([px, py], i) => {
      d += `${i === 0 ? 'M' : 'L'}${svgNumber(px)},${svgNumber(py)}`;
    });
  }
  return d;
}

/**
 * Closed outlines (in pixels) of a shaded band between `lower[i]` and `upper[i]` at `x[i]`:
 * along the upper bounds left to right, then back along the lower bounds. Like
 * {@link pixelRuns}, the band breaks wherever either bound cannot be drawn; stretches of fewer
 * than two points have no area and are dropped.
 *
 * @example
 * const s = (v: number) => v;
 * const finite = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b);
 * bandOutlines([0, 1], [0, 1], [2, 3], finite, s, s); // [[[0, 2], [1, 3], [1, 1], [0, 0]]]
 */
export function bandOutlines(
  x: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  drawable: (x: number, y: number) => boolean,
  xScale: Scale,
  yScale: Scale,
): Point[][] {
  const outlines: Point[][] = [];
  let top: Point[] = [];
  let bottom: Point[] = [];
  const close = (): void => {
    if (top.length > 1) outlines.push([...top, ...bottom.reverse()]);
    top = [];
    bottom = [];
  };
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const lo = lower[i];
    const hi = upper[i];
    if (drawable(xi, lo) && drawable(xi, hi)) {
      const px = xScale(xi);
      top.push([px, yScale(hi)]);
      bottom.push([px, yScale(lo)]);
    } else {
      close();
    }
  }
  close();
  return outlines;
}
