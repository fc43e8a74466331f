import { ValueError } from '../errors.js';

/** Maps a data value to a pixel coordinate. */
export type Scale = (value: number) => number;

/**
 * The affine map taking `domain[0] → range[0]` and `domain[1] → range[1]`:
 * `r₀ + (v − d₀)/(d₁ − d₀) · (r₁ − r₀)`. Ranges may be reversed (SVG's y grows downwards, so a
 * y scale has `range = [bottom, top]`). A zero-width domain maps everything to the range's middle.
 *
 * @throws {ValueError} if a bound is not finite.
 * @example
 * const x = linearScale([0, 1], [50, 550]);
 * x(0.5); // 300
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (![d0, d1, r0, r1].every(Number.isFinite)) {
    throw new ValueError(
      `linearScale: domain and range must be finite, got [${d0}, ${d1}] and [${r0}, ${r1}]`,
    );
  }
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  const factor = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * factor;
}

/**
 * The map that is affine in log₁₀(v): `r₀ + (log v − log d₀)/(log d₁ − log d₀) · (r₁ − r₀)`,
 * so every decade gets the same length. Values ≤ 0 map to a non-finite number, which callers skip.
 *
 * @throws {ValueError} unless the domain bounds are finite and positive and the range finite.
 * @example
 * const x = logScale([0.01, 100], [0, 400]);
 * x(1); // 200
 */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  if (!(d0 > 0 && d1 > 0 && Number.isFinite(d0) && Number.isFinite(d1))) {
    throw new ValueError(`logScale: domain must be finite and positive, got [${d0}, ${d1}]`);
  }
  const linear = linearScale([Math.log10(d0), Math.log10(d1)], range);
  return (value) => linear(Math.log10(value));
}
