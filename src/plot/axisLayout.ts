import { formatLogTickLabels, formatTickLabels } from './formatNumber.js';
import { logMinorTicks, logTicks, niceLogDomain } from './logTicks.js';
import { niceDomain, niceTicks } from './niceTicks.js';

/** Where an axis starts and ends, and what it labels. */
export interface AxisLayout {
  readonly domain: [number, number];
  /** Labelled ticks, ascending, inside the domain. */
  readonly ticks: readonly number[];
  /** One label per tick. */
  readonly labels: readonly string[];
  /** Unlabelled ticks (log axes only). */
  readonly minorTicks: readonly number[];
}

export interface AxisLayoutOptions {
  readonly log: boolean;
  /** Fixed domain; otherwise the values' range widened to nice bounds. */
  readonly domain?: readonly [number, number] | undefined;
  /** Rough number of linear ticks wanted. */
  readonly count: number;
}

/** The range of `values` (already finite, and positive on a log axis), made non-degenerate. */
function dataRange(values: readonly number[], log: boolean): [number, number] {
  if (values.length === 0) return log ? [1, 10] : [0, 1];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // A constant series (or one varying only in its last digits) still needs an axis around it:
  // a decade either way on a log axis, ±10 % (or ±1 near 0) on a linear one.
  const middle = min / 2 + max / 2;
  if (max - min > 1e-12 * Math.max(Math.abs(min), Math.abs(max)) && max - min > 1e-200) {
    return [min, max];
  }
  if (log) return [middle / 10, middle * 10];
  const half = Math.abs(middle) < 1e-200 ? 1 : Math.abs(middle) / 10;
  return [middle - half, middle + half];
}

/**
 * Domain, ticks and labels of one axis. Linear: about `count` ticks at 1, 2 or 5 × 10ᵏ with the
 * domain widened to the outer ticks. Log: powers of ten, the domain widened to whole decades,
 * and minor ticks at 2…9 × 10ᵏ. An explicit `domain` is kept as given.
 *
 * @example
 * axisLayout([0.12, 0.93], { log: false, count: 5 }).ticks; // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function axisLayout(values: readonly number[], options: AxisLayoutOptions): AxisLayout {
  const [lo, hi] = options.domain ?? dataRange(values, options.log);
  if (options.log) {
    const domain = options.domain ? ([lo, hi] as [number, number]) : niceLogDomain(lo, hi);
    const ticks = logTicks(domain[0], domain[1]);
    return {
      domain,
      ticks,
      labels: formatLogTickLabels(ticks),
      minorTicks: logMinorTicks(domain[0], domain[1]),
    };
  }
  const domain = options.domain
    ? ([lo, hi] as [number, number])
    : niceDomain(lo, hi, options.count);
  const ticks = niceTicks(domain[0], domain[1], options.count);
  return { domain, ticks, labels: formatTickLabels(ticks), minorTicks: [] };
}
