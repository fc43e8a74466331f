import type { AxisLayout } from './axisLayout.js';
import { escapeXml } from './escapeXml.js';
import type { Box } from './geometry.js';
import type { Scale } from './scale.js';
import { svgNumber } from './svgNumber.js';

/** An axis to draw: its layout, the scale that places it, and its title. */
export interface AxisSpec {
  readonly layout: AxisLayout;
  readonly scale: Scale;
  readonly title: string;
}

/**
 * An axis as two layers: grid lines (drawn first, under everything) and the axis itself (line,
 * ticks, labels, title).
 */
export interface AxisSvg {
  readonly grid: string;
  readonly axis: string;
}

/** Font size of tick labels, shared with the margin computation. */
export const TICK_FONT = 11;
const TITLE_FONT = 12.5;
const TICK = 5;
const MINOR_TICK = 3;
const GRID = '#ebebeb';
const AXIS = '#444444';

function gridSvg(lines: readonly string[]): string {
  return [`<g class="grid" stroke="${GRID}" stroke-width="1">`, ...lines, '</g>'].join('\n');
}

/**
 * The x axis along the bottom of `plot`: light vertical grid lines at the ticks, the axis line,
 * outward tick marks, labels below (class `x-tick`) and the centred title.
 *
 * @example
 * const layout = axisLayout([0, 0.93], { log: false, count: 5 });
 * const plot = { x: 60, y: 40, width: 500, height: 300 };
 * const { grid, axis } = xAxisSvg({ layout, scale: linearScale(layout.domain, [60, 560]), title: 'x' }, plot);
 * // axis holds `<text class="x-tick" …>0.0</text>` … `>1.0</text>`
 */
export function xAxisSvg(axis: AxisSpec, plot: Box): AxisSvg {
  const bottom = plot.y + plot.height;
  const parts: string[] = [];
  const grid: string[] = [];
  for (const [i, tick] of axis.layout.ticks.entries()) {
    const x = svgNumber(axis.scale(tick));
    grid.push(`<line x1="${x}" y1="${svgNumber(plot.y)}" x2="${x}" y2="${svgNumber(bottom)}"/>`);
    parts.push(
      `<line x1="${x}" y1="${svgNumber(bottom)}" x2="${x}" y2="${svgNumber(bottom + TICK)}" stroke="${AXIS}"/>`,
      `<text class="x-tick" x="${x}" y="${svgNumber(bottom + TICK + 13)}" font-size="${TICK_FONT}" text-anchor="middle" fill="#444444">${escapeXml(axis.layout.labels[i] ?? '')}</text>`,
    );
  }
  for (const tick of axis.layout.minorTicks) {
    const x = svgNumber(axis.scale(tick));
    parts.push(
      `<line x1="${x}" y1="${svgNumber(bottom)}" x2="${x}" y2="${svgNumber(bottom + MINOR_TICK)}" stroke="${AXIS}"/>`,
    );
  }
  return {
    grid: gridSvg(grid),
    axis: [
      `<g class="x-axis">`,
      `<line x1="${svgNumber(plot.x)}" y1="${svgNumber(bottom)}" x2="${svgNumber(plot.x + plot.width)}" y2="${svgNumber(bottom)}" stroke="${AXIS}"/>`,
      ...parts,
      `<text class="axis-title" x="${svgNumber(plot.x + plot.width / 2)}" y="${svgNumber(bottom + TICK + 36)}" font-size="${TITLE_FONT}" text-anchor="middle" fill="#222222">${escapeXml(axis.title)}</text>`,
      '</g>',
    ].join('\n'),
  };
}

/**
 * The y axis along the left of `plot`: light horizontal grid lines, the axis line, outward tick
 * marks, right-aligned labels (class `y-tick`) and the title rotated to read upwards, centred on
 * `titleX`.
 *
 * @example
 * const layout = axisLayout([0, 0.93], { log: false, count: 5 });
 * const plot = { x: 60, y: 40, width: 500, height: 300 };
 * const { grid, axis } = yAxisSvg({ layout, scale: linearScale(layout.domain, [340, 40]), title: 'y' }, plot, 16);
 */
export function yAxisSvg(axis: AxisSpec, plot: Box, titleX: number): AxisSvg {
  const right = plot.x + plot.width;
  const parts: string[] = [];
  const grid: string[] = [];
  for (const [i, tick] of axis.layout.ticks.entries()) {
    const y = svgNumber(axis.scale(tick));
    grid.push(`<line x1="${svgNumber(plot.x)}" y1="${y}" x2="${svgNumber(right)}" y2="${y}"/>`);
    parts.push(
      `<line x1="${svgNumber(plot.x - TICK)}" y1="${y}" x2="${svgNumber(plot.x)}" y2="${y}" stroke="${AXIS}"/>`,
      `<text class="y-tick" x="${svgNumber(plot.x - TICK - 3)}" y="${svgNumber(axis.scale(tick) + TICK_FONT * 0.35)}" font-size="${TICK_FONT}" text-anchor="end" fill="#444444">${escapeXml(axis.layout.labels[i] ?? '')}</text>`,
    );
  }
  for (const tick of axis.layout.minorTicks) {
    const y = svgNumber(axis.scale(tick));
    parts.push(
      `<line x1="${svgNumber(plot.x - MINOR_TICK)}" y1="${y}" x2="${svgNumber(plot.x)}" y2="${y}" stroke="${AXIS}"/>`,
    );
  }
  const middle = svgNumber(plot.y + plot.height / 2);
  return {
    grid: gridSvg(grid),
    axis: [
      `<g class="y-axis">`,
      `<line x1="${svgNumber(plot.x)}" y1="${svgNumber(plot.y)}" x2="${svgNumber(plot.x)}" y2="${svgNumber(plot.y + plot.height)}" stroke="${AXIS}"/>`,
      ...parts,
      `<text class="axis-title" x="${svgNumber(titleX)}" y="${middle}" font-size="${TITLE_FONT}" text-anchor="middle" fill="#222222" transform="rotate(-90 ${svgNumber(titleX)} ${middle})">${escapeXml(axis.title)}</text>`,
      '</g>',
    ].join('\n'),
  };
}
