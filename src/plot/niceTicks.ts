import { OptionError, ValueError } from '../errors.js';

// Thresholds between the step multipliers 1, 2, 5 and 10: the geometric means of neighbours,
// so the chosen step is the one closest (in ratio) to the raw step (as in d3-array's `ticks`).
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/**
 * The tick spacing as an exact integer: `k > 0` means a step of `k`, `k < 0` a step of `1/−k`.
 * Writing sub-unit steps as reciprocals lets ticks be computed as `i / k`, which is correctly
 * rounded, so `0.6` comes out as the literal `0.6` rather than `3 × 0.2 = 0.6000000000000001`.
 */
function tickIncrement(start: number, stop: number, count: number): number {
  const raw = (stop - start) / count;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/**
 * Rounds `value` (a bound divided by the step) to the nearest integer when it is within
 * floating-point noise of it: a relative 1e-12, thousands of ulps yet far below a pixel.
 */
function snap(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - nearest) <= 1e-12 * Math.max(1, Math.abs(nearest)) ? nearest : value;
}

function checkArguments(caller: string, min: number, max: number, count: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new ValueError(`${caller}: min and max must be finite, got ${min} and ${max}`);
  }
  if (min > max) {
    throw new ValueError(`${caller}: min (${min}) must not exceed max (${max})`);
  }
  if (!Number.isFinite(max - min)) {
    throw new ValueError(`${caller}: the range [${min}, ${max}] is too wide to divide into ticks`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new OptionError(`${caller}: count must be an integer in [1, 1000], got ${count}`);
  }
}

/**
 * Below this spacing the step's power of ten underflows (10^-324 is 0), so ranges narrower
 * than `count × MIN_STEP` keep their bounds as the only ticks.
 */
const MIN_STEP = 1e-300;

function tooNarrow(min: number, max: number, count: number): boolean {
  return (max - min) / count < MIN_STEP;
}

/**
 * The spacing of {@link niceTicks}: 1, 2 or 5 times a power of ten, closest in ratio to
 * `(max − min) / count`.
 *
 * @throws {ValueError} if `min` or `max` is not finite, `min > max`, or `max − min` overflows.
 * @throws {OptionError} if `count` is not an integer in [1, 1000].
 * @example
 * tickStep(0, 0.93, 5); // 0.2
 * tickStep(0, 99, 5); // 20
 */
export function tickStep(min: number, max: number, count = 5): number {
  checkArguments('tickStep', min, max, count);
  if (min === max) return 0;
  if (tooNarrow(min, max, count)) return max - min;
  const increment = tickIncrement(min, max, count);
  return increment > 0 ? increment : 1 / -increment;
}

/**
 * About `count` "nice" tick values inside [min, max]: multiples of a step that is 1, 2 or 5
 * times a power of ten (Heckbert's "nice numbers", with d3's error thresholds). Returns
 * `[min]` when `min === max`, and `[min, max]` for a range too narrow for a power-of-ten step
 * (spacing below 1e-300). Every tick is the correctly rounded decimal it reads as. A bound
 * within floating-point noise (relative 1e-12) of a tick counts as on it, so
 * `niceTicks(0.1 + 0.2, 1)` starts at 0.3.
 *
 * @throws {ValueError} if `min` or `max` is not finite, `min > max`, or `max − min` overflows.
 * @throws {OptionError} if `count` is not an integer in [1, 1000].
 * @example
 * niceTicks(0, 0.93, 5); // [0, 0.2, 0.4, 0.6, 0.8]
 * niceTicks(-3.2, 41, 4); // [0, 10, 20, 30, 40]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  checkArguments('niceTicks', min, max, count);
  if (min === max) return [min];
  if (tooNarrow(min, max, count)) return [min, max];
  const increment = tickIncrement(min, max, count);
  const ticks: number[] = [];
  if (increment > 0) {
    const first = Math.ceil(snap(min / increment));
    const last = Math.floor(snap(max / increment));
    for (let i = first; i <= last; i++) ticks.push(i * increment);
  } else {
    const inverse = -increment;
    const first = Math.ceil(snap(min * inverse));
    const last = Math.floor(snap(max * inverse));
    for (let i = first; i <= last; i++) ticks.push(i / inverse);
  }
  return ticks.map((tick) => (tick === 0 ? 0 : tick));
}

/**
 * [min, max] widened outwards to multiples of the tick step, so that the axis starts and ends
 * on a labelled tick (d3's `scale.nice()`). The step is recomputed on the widened domain until
 * it stops changing. Returns `[min, max]` unchanged when `min === max`. A bound within
 * floating-point noise (relative 1e-12) of a tick snaps to it (`0.1 + 0.2` → 0.3) instead of
 * widening the domain by a whole step.
 *
 * @throws {ValueError} if `min` or `max` is not finite, `min > max`, or `max − min` overflows.
 * @throws {OptionError} if `count` is not an integer in [1, 1000].
 * @example
 * niceDomain(0, 0.93, 5); // [0, 1]
 * niceDomain(0.31, 0.69, 5); // [0.3, 0.7]
 */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  checkArguments('niceDomain', min, max, count);
  let lo = min;
  let hi = max;
  if (lo === hi || tooNarrow(lo, hi, count)) return [lo, hi];
  let previous = 0;
  for (let round = 0; round < 10; round++) {
    const increment = tickIncrement(lo, hi, count);
    if (increment === previous) break;
    if (increment > 0) {
      lo = Math.floor(snap(lo / increment)) * increment;
      hi = Math.ceil(snap(hi / increment)) * increment;
    } else {
      const inverse = -increment;
      lo = Math.floor(snap(lo * inverse)) / inverse;
      hi = Math.ceil(snap(hi * inverse)) / inverse;
    }
    previous = increment;
  }
  return [lo === 0 ? 0 : lo, hi === 0 ? 0 : hi];
}
