import { OptionError, ShapeError } from '../errors.js';
import type { LineChartOptions, LineSeries } from './lineChartSvg.js';

function checkDomain(name: string, domain: readonly [number, number], log: boolean): void {
  const [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi && (!log || lo > 0))) {
    throw new OptionError(
      `lineChartSvg: ${name} must be two finite numbers with min < max${log ? ' and min > 0 (log axis)' : ''}, got [${lo}, ${hi}]`,
    );
  }
}

function checkSize(name: string, value: number, min: number): void {
  if (!(Number.isFinite(value) && value >= min)) {
    throw new OptionError(`lineChartSvg: ${name} must be a number ≥ ${min}, got ${value}`);
  }
}

/**
 * The boundary checks of {@link lineChartSvg}: equal lengths within each series (and its band),
 * positive stroke widths, a size that leaves room to draw, increasing finite domains (positive on
 * log axes) and a finite vertical-line position.
 *
 * @throws {ShapeError} for a length mismatch.
 * @throws {OptionError} for a bad option.
 * @example
 * checkLineChartInput([{ name: 'a', x: [1, 2], y: [3] }], { title: '', xLabel: '', yLabel: '' });
 * // throws ShapeError: lineChartSvg: series "a" has 2 x values but 1 y values
 */
export function checkLineChartInput(
  series: readonly LineSeries[],
  options: LineChartOptions,
): void {
  for (const s of series) {
    if (s.x.length !== s.y.length) {
      throw new ShapeError(
        `lineChartSvg: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`,
      );
    }
    if (s.band && (s.band.lower.length !== s.x.length || s.band.upper.length !== s.x.length)) {
      throw new ShapeError(
        `lineChartSvg: the band of series "${s.name}" has ${s.band.lower.length} lower and ${s.band.upper.length} upper bounds for ${s.x.length} points`,
      );
    }
    if (s.strokeWidth !== undefined && !(s.strokeWidth > 0 && Number.isFinite(s.strokeWidth))) {
      throw new OptionError(
        `lineChartSvg: strokeWidth of series "${s.name}" must be positive, got ${s.strokeWidth}`,
      );
    }
  }
  if (options.width !== undefined) checkSize('width', options.width, 240);
  if (options.height !== undefined) checkSize('height', options.height, 180);
  if (options.xDomain) checkDomain('xDomain', options.xDomain, options.logX === true);
  if (options.yDomain) checkDomain('yDomain', options.yDomain, options.logY === true);
  if (options.verticalLine && !Number.isFinite(options.verticalLine.x)) {
    throw new OptionError(
      `lineChartSvg: verticalLine.x must be finite, got ${options.verticalLine.x}`,
    );
  }
}
