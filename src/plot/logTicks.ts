import { ValueError } from '../errors.js';

/** Exactly the double nearest to `m × 10^k` (parsing the literal is correctly rounded). */
function decimal(m: number, k: number): number {
  return Number(`${m}e${k}`);
}

/** The largest integer k with 10^k ≤ value, immune to `Math.log10` rounding (log10(1e-3)). */
function floorExponent(value: number): number {
  let k = Math.floor(Math.log10(value));
  if (decimal(1, k + 1) <= value) k += 1;
  else if (decimal(1, k) > value) k -= 1;
  return k;
}

/** The smallest integer k with 10^k ≥ value. */
function ceilExponent(value: number): number {
  const k = floorExponent(value);
  return decimal(1, k) < value ? k + 1 : k;
}

/**
 * Relative slack when comparing with powers of ten: `10 ** -4` is 0.00009999999999999999, which
 * must count as 10⁻⁴ rather than widen the axis by a whole decade.
 */
const SLACK = 1e-9;

function checkDomain(caller: string, min: number, max: number): void {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min > 0 && max > 0)) {
    throw new ValueError(
      `${caller}: a log axis needs finite positive bounds, got ${min} and ${max}`,
    );
  }
  if (min > max) {
    throw new ValueError(`${caller}: min (${min}) must not exceed max (${max})`);
  }
}

/** Decade strides that keep a log axis to at most eight labels. */
const STRIDES = [1, 2, 3, 5, 10, 20, 25, 50, 100, 200];

/** The stride (in decades) between labels for powers 10^first … 10^last. */
function decadeStride(first: number, last: number): number {
  const decades = last - first + 1;
  return STRIDES.find((s) => decades / s <= 8) ?? Math.ceil(decades / 8);
}

/**
 * The powers of ten in [min, max] (with a relative slack of 1e-9 for rounding), the labelled
 * ticks of a log axis. When the range spans more
 * than eight decades only every s-th power is kept (s from 1, 2, 3, 5, 10, …), aligned so that
 * 10⁰ would be a tick.
 *
 * @throws {ValueError} unless 0 < min ≤ max < ∞.
 * @example
 * logTicks(0.002, 150); // [0.01, 0.1, 1, 10, 100]
 * logTicks(1e-12, 1); // [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]
 */
export function logTicks(min: number, max: number): number[] {
  checkDomain('logTicks', min, max);
  const first = ceilExponent(min * (1 - SLACK));
  const last = floorExponent(max * (1 + SLACK));
  const stride = decadeStride(first, last);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    if (((k % stride) + stride) % stride === 0) ticks.push(decimal(1, k));
  }
  return ticks;
}

/**
 * The unlabelled minor ticks of a log axis: 2·10ᵏ … 9·10ᵏ inside [min, max]; none when the
 * range spans more than six decades, where they would crowd.
 *
 * @throws {ValueError} unless 0 < min ≤ max < ∞.
 * @example
 * logMinorTicks(1, 10); // [2, 3, 4, 5, 6, 7, 8, 9]
 */
export function logMinorTicks(min: number, max: number): number[] {
  checkDomain('logMinorTicks', min, max);
  const first = floorExponent(min);
  const last = floorExponent(max);
  if (last - first > 6) return [];
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    for (let m = 2; m <= 9; m++) {
      const tick = decimal(m, k);
      if (tick >= min * (1 - SLACK) && tick <= max * (1 + SLACK)) ticks.push(tick);
    }
  }
  return ticks;
}

/**
 * [min, max] widened outwards to powers of ten, so a log axis starts and ends on a labelled
 * tick (when only every s-th decade is labelled, to multiples of s); a range inside a single
 * power of ten is widened by a decade on each side.
 *
 * @throws {ValueError} unless 0 < min ≤ max < ∞.
 * @example
 * niceLogDomain(0.003, 42); // [0.001, 100]
 * niceLogDomain(100, 100); // [10, 1000]
 * niceLogDomain(2e-8, 10); // [1e-8, 100]: labels every 2nd decade, from 1e-8 to 100
 */
export function niceLogDomain(min: number, max: number): [number, number] {
  checkDomain('niceLogDomain', min, max);
  let lo = floorExponent(min * (1 + SLACK));
  let hi = ceilExponent(max * (1 - SLACK));
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  // With labels every s decades, widen to multiples of s so both ends stay labelled; a wider
  // range may need a larger stride, so repeat until the stride settles.
  for (let round = 0; round < 5; round++) {
    const stride = decadeStride(lo, hi);
    const alignedLo = Math.floor(lo / stride) * stride;
    const alignedHi = Math.ceil(hi / stride) * stride;
    if (alignedLo === lo && alignedHi === hi) break;
    lo = alignedLo;
    hi = alignedHi;
  }
  // 10^-324 is 0 in double precision; 1e-323 is the smallest power of ten above it.
  return [decimal(1, Math.max(lo, -323)), decimal(1, Math.min(hi, 308))];
}
