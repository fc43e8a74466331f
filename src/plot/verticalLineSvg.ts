import { escapeXml } from './escapeXml.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import type { Box, Polyline } from './geometry.js';
import { svgNumber } from './svgNumber.js';

const LABEL_FONT = 11;

/**
 * A dashed vertical reference line at pixel `px` across `plot`, labelled at the top: to the
 * right of the line, or to its left when the label would run past the plot. Returns the markup,
 * the line (for legend placement to avoid) and the label's box, or `undefined` when `px` lies
 * outside the plot.
 *
 * @example
 * verticalLineSvg(300, 'best C = 1', { x: 60, y: 40, width: 500, height: 300 })?.markup;
 * // '<line class="vertical-line" x1="300" …/>\n<text …>best C = 1</text>'
 */
export function verticalLineSvg(
  px: number,
  label: string,
  plot: Box,
): { markup: string; line: Polyline; labelBox: Box } | undefined {
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  if (!(px >= plot.x - 0.5 && px <= right + 0.5)) return undefined;
  const labelWidth = estimateTextWidth(label, LABEL_FONT);
  const onRight = px + 6 + labelWidth <= right;
  const labelX = onRight ? px + 6 : px - 6;
  const markup = [
    `<line class="vertical-line" x1="${svgNumber(px)}" y1="${svgNumber(plot.y)}" x2="${svgNumber(px)}" y2="${svgNumber(bottom)}" stroke="#555555" stroke-width="1.2" stroke-dasharray="4 3"/>`,
    `<text x="${svgNumber(labelX)}" y="${svgNumber(plot.y + 14)}" font-size="${LABEL_FONT}" text-anchor="${onRight ? 'start' : 'end'}" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`,
  ].join('\n');
  return {
    markup,
    line: [
      [px, plot.y],
      [px, bottom],
    ],
    labelBox: {
      x: onRight ? labelX : labelX - labelWidth,
      y: plot.y + 2,
      width: labelWidth,
      height: 16,
    },
  };
}
