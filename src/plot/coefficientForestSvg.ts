import { ShapeError, ValueError } from '../errors.js';
import { axisLayout } from './axisLayout.js';
import { xAxisSvg } from './axisSvg.js';
import { escapeXml } from './escapeXml.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import type { Box } from './geometry.js';
import { paletteColor, REFERENCE_GRAY } from './palette.js';
import { linearScale } from './scale.js';
import { svgNumber } from './svgNumber.js';

/** One row of a {@link coefficientForestSvg}: an estimate and its interval (null: none). */
export interface ForestRow {
  readonly name: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Options of {@link coefficientForestSvg}. */
export interface CoefficientForestOptions {
  /** Default `'Coefficients'`. */
  readonly title?: string | undefined;
  /** Default `'Coefficient (log-odds)'`. */
  readonly xLabel?: string | undefined;
  /** Where the dashed "no effect" line goes. Default 0 (log-odds; 1 for odds ratios on a ratio axis). */
  readonly reference?: number | undefined;
  /** Pixels, ≥ 320. Default 640. */
  readonly width?: number | undefined;
}

const ROW = 24;
const TOP = 44;
const BOTTOM = 54;
const RIGHT = 22;
const LABEL_FONT = 12;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * A forest plot of coefficients as a standalone SVG document: one row per coefficient, top to
 * bottom in the given order, a dot at the estimate and a horizontal bar over its interval
 * (e.g. the 95 % Wald or profile interval of `model.summary()`), with a dashed vertical line at
 * the reference (0: no effect on the log-odds). Rows without an interval (penalized fits) show
 * the dot alone. The x axis spans every estimate, bound and the reference, widened to nice ticks;
 * the height grows with the number of rows. Pure; all text is XML-escaped.
 *
 * @throws {ShapeError} no rows.
 * @throws {ValueError} a non-finite estimate or bound, or a lower bound above the upper.
 * @example
 * const svg = coefficientForestSvg([
 *   { name: 'glucose', estimate: 0.035, lower: 0.028, upper: 0.042 },
 *   { name: 'mass', estimate: 0.089, lower: 0.06, upper: 0.12 },
 * ]);
 * svg.includes('>glucose<'); // true
 */
export function coefficientForestSvg(
  rows: readonly ForestRow[],
  options: CoefficientForestOptions = {},
): string {
  if (rows.length === 0) throw new ShapeError('coefficientForestSvg: no coefficients to plot');
  for (const row of rows) {
    const values = [row.estimate, row.lower ?? 0, row.upper ?? 0];
    if (!values.every(Number.isFinite)) {
      throw new ValueError(
        `coefficientForestSvg: "${row.name}" has a non-finite estimate or interval bound`,
      );
    }
    if (row.lower !== null && row.upper !== null && row.lower > row.upper) {
      throw new ValueError(
        `coefficientForestSvg: "${row.name}" has lower bound ${row.lower} above upper bound ${row.upper}`,
      );
    }
  }
  const width = Math.max(320, options.width ?? 640);
  const reference = options.reference ?? 0;
  const title = options.title ?? 'Coefficients';
  const labelWidth = Math.max(...rows.map((r) => estimateTextWidth(r.name, LABEL_FONT)));
  const plotLeft = Math.min(Math.ceil(labelWidth + 20), Math.floor(width * 0.45));
  const plotRight = width - RIGHT;
  const height = TOP + rows.length * ROW + BOTTOM;
  const plot: Box = { x: plotLeft, y: TOP, width: plotRight - plotLeft, height: rows.length * ROW };
  const values = [reference];
  for (const r of rows)
    values.push(
      r.estimate,
      ...(r.lower === null ? [] : [r.lower]),
      ...(r.upper === null ? [] : [r.upper]),
    );
  const layout = axisLayout(values, {
    log: false,
    count: Math.max(2, Math.min(8, Math.round(plot.width / 90))),
  });
  const x = linearScale(layout.domain, [plotLeft, plotRight]);
  const color = paletteColor(0);
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = TOP + (i + 0.5) * ROW;
    if (i % 2 === 1) {
      parts.push(
        `<rect class="stripe" x="${svgNumber(plotLeft)}" y="${svgNumber(TOP + i * ROW)}" width="${svgNumber(plot.width)}" height="${ROW}" fill="#f6f6f6"/>`,
      );
    }
    parts.push(
      `<text class="row-label" x="${svgNumber(plotLeft - 8)}" y="${svgNumber(y + LABEL_FONT * 0.35)}" font-size="${LABEL_FONT}" text-anchor="end" fill="#222222">${escapeXml(r.name)}</text>`,
    );
    if (r.lower !== null && r.upper !== null) {
      parts.push(
        `<line class="interval" x1="${svgNumber(x(r.lower))}" y1="${svgNumber(y)}" x2="${svgNumber(x(r.upper))}" y2="${svgNumber(y)}" stroke="${color}" stroke-width="2" stroke-linecap="round"/>`,
      );
    }
    parts.push(
      `<circle class="estimate" cx="${svgNumber(x(r.estimate))}" cy="${svgNumber(y)}" r="4" fill="${color}" stroke="#ffffff" stroke-width="1"><title>${escapeXml(`${r.name}: ${r.estimate}`)}</title></circle>`,
    );
  });
  const axis = xAxisSvg(
    { layout, scale: x, title: options.xLabel ?? 'Coefficient (log-odds)' },
    plot,
  );
  const refX = svgNumber(x(reference));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${svgNumber(width)}" height="${svgNumber(height)}" viewBox="0 0 ${svgNumber(width)} ${svgNumber(height)}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect class="background" x="0" y="0" width="${svgNumber(width)}" height="${svgNumber(height)}" fill="#ffffff"/>`,
    `<text class="title" x="${svgNumber(width / 2)}" y="26" font-size="15" font-weight="600" text-anchor="middle" fill="#111111">${escapeXml(title)}</text>`,
    axis.grid,
    ...parts,
    `<line class="reference" x1="${refX}" y1="${svgNumber(TOP)}" x2="${refX}" y2="${svgNumber(TOP + plot.height)}" stroke="${REFERENCE_GRAY}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    axis.axis,
    '</svg>',
  ]
    .join('\n')
    .concat('\n');
}
