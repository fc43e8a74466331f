/**
 * Formats a pixel coordinate for an SVG attribute: rounded to 0.01 px (finer than any screen),
 * shortest decimal form, never `-0`.
 *
 * @example
 * svgNumber(12.3456); // '12.35'
 * svgNumber(-0.001); // '0'
 */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
