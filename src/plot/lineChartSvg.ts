import { OptionError } from '../errors.js';
import { axisLayout } from './axisLayout.js';
import { TICK_FONT, xAxisSvg, yAxisSvg } from './axisSvg.js';
import { checkLineChartInput } from './checkLineChartInput.js';
import { emptiestCorner } from './emptiestCorner.js';
import { escapeXml } from './escapeXml.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import type { Box, Polyline } from './geometry.js';
import type { LegendContent } from './legendSvg.js';
import { legendSize, legendSvg } from './legendSvg.js';
import { lineChartLegend } from './lineChartLegend.js';
import { linearScale, logScale } from './scale.js';
import { seriesSvg } from './seriesSvg.js';
import { svgNumber } from './svgNumber.js';
import { verticalLineSvg } from './verticalLineSvg.js';

/** A shaded interval around a series (e.g. mean ± 1 standard deviation), one bound per x. */
export interface LineSeriesBand {
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
  /** Legend label of the band. Default: the series name followed by ` (band)`. */
  readonly name?: string | undefined;
}

/** One line of a {@link lineChartSvg}: `y[i]` against `x[i]`. */
export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dashed?: boolean | undefined;
  /** CSS colour. Default: the palette colour of the series' index. */
  readonly color?: string | undefined;
  /** Line width in pixels. Default 2. */
  readonly strokeWidth?: number | undefined;
  /** Whether the series gets a legend row. Default true. */
  readonly showInLegend?: boolean | undefined;
  readonly band?: LineSeriesBand | undefined;
  /** Dots at the points of this series; overrides the chart's `markers` option. */
  readonly markers?: boolean | undefined;
}

/** Options of {@link lineChartSvg}. */
export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Pixels, ≥ 240. Default 640. */
  readonly width?: number | undefined;
  /** Pixels, ≥ 180. Default 420. */
  readonly height?: number | undefined;
  /** Logarithmic x axis; points with x ≤ 0 are skipped. */
  readonly logX?: boolean | undefined;
  /** Logarithmic y axis; points with y ≤ 0 are skipped. */
  readonly logY?: boolean | undefined;
  /** Fixed x range; default: the data's range widened to nice ticks. */
  readonly xDomain?: readonly [number, number] | undefined;
  /** Fixed y range; default: the data's range widened to nice ticks. */
  readonly yDomain?: readonly [number, number] | undefined;
  /** Text (lines separated by `\n`) shown in the emptiest corner of the plot. */
  readonly annotation?: string | undefined;
  /** Draw a dot at every point. */
  readonly markers?: boolean | undefined;
  /** A dashed vertical reference line with a label, e.g. the chosen C. */
  readonly verticalLine?: { readonly x: number; readonly label: string } | undefined;
}

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 420;
const TOP = 44;
const BOTTOM = 54;
const RIGHT = 22;
/** With more entries than this the legend moves outside, to the right of the plot. */
const MAX_INSIDE_LEGEND = 5;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * Whether a coordinate can be placed on an axis: finite and within ±1e300 (so that spans and
 * tick steps cannot overflow), and on a log axis at least 1e-300 (so that a decade below it
 * is still a positive double).
 */
function plottable(value: number, log: boolean): boolean {
  return log ? value >= 1e-300 && value <= 1e300 : value >= -1e300 && value <= 1e300;
}

/** The drawable coordinates of every series (line and band bounds), which the axes must span. */
function drawableValues(
  series: readonly LineSeries[],
  drawable: (x: number, y: number) => boolean,
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i];
      for (const y of s.band ? [s.y[i], s.band.lower[i], s.band.upper[i]] : [s.y[i]]) {
        if (drawable(x, y)) {
          xs.push(x);
          ys.push(y);
        }
      }
    }
  }
  return { xs, ys };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/**
 * Clips the data layer to the plot area only when something lies outside it (a fixed domain
 * narrower than the data), with a margin so that dots on the edge stay round. `plot` is the
 * area, `right` and `bottom` its far edges as the layout computed them. Returns the `clip-path`
 * attribute for the data group and the `<defs>` it refers to, or two empty strings.
 */
function clipToPlot(
  lines: readonly Polyline[],
  plot: Box,
  right: number,
  bottom: number,
  dataMarkup: string,
): { clip: string; clipDefs: string } {
  const outside = lines.some((line) =>
    line.some(
      ([px, py]) => px < plot.x - 0.5 || px > right + 0.5 || py < plot.y - 0.5 || py > bottom + 0.5,
    ),
  );
  if (!outside) return { clip: '', clipDefs: '' };
  const clipId = `logreg-plot-${hash(dataMarkup)}`;
  return {
    clip: ` clip-path="url(#${clipId})"`,
    clipDefs: `<defs><clipPath id="${clipId}"><rect x="${svgNumber(plot.x - 4)}" y="${svgNumber(plot.y - 4)}" width="${svgNumber(plot.width + 8)}" height="${svgNumber(plot.height + 8)}"/></clipPath></defs>`,
  };
}

/** FNV-1a, to give the clip path an id that is stable and unlikely to clash on a page. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * A line chart as a standalone SVG document: the general engine behind every chart in
 * `plot/`. Pure: returns the markup and touches nothing, so it runs in browsers.
 *
 * Each series is drawn as a path through its points in order; points that cannot be drawn
 * (non-finite, or ≤ 0 on a log axis; also beyond ±1e300, or below 1e-300 on a log axis, where
 * axes cannot be divided) are skipped and break the line there, and a lone point
 * between gaps is drawn as a dot. Axes get "nice" ticks (1, 2, 5 × 10ᵏ; powers of ten on log
 * axes) and, unless fixed, domains widened to the outer ticks. With two or more legend rows a
 * legend (holding the annotation too) goes in the corner that covers the fewest line segments;
 * with more than five rows it moves to the right of the plot, and rows that do not fit in the
 * plot's height collapse into a `+ k more` row. Data outside a fixed domain is
 * clipped to the plot area; a chart with nothing drawable says so in its middle. All text is
 * XML-escaped.
 *
 * @param series one entry per line; `x` and `y` of equal length.
 * @throws {ShapeError} if a series' `x`, `y` or band bounds differ in length.
 * @throws {OptionError} for a width < 240, height < 180, a domain that is not an increasing
 *   pair of finite numbers (positive on a log axis), or a non-finite `verticalLine.x`.
 * @example
 * const svg = lineChartSvg(
 *   [{ name: 'train', x: [1, 2, 3], y: [0.9, 0.5, 0.4] }],
 *   { title: 'Loss', xLabel: 'epoch', yLabel: 'log loss' },
 * );
 * svg.startsWith('<svg'); // true
 */
export function lineChartSvg(series: readonly LineSeries[], options: LineChartOptions): string {
  checkLineChartInput(series, options);
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const logX = options.logX === true;
  const logY = options.logY === true;
  const markers = options.markers === true;
  const drawable = (x: number, y: number): boolean => plottable(x, logX) && plottable(y, logY);

  const { xs, ys } = drawableValues(series, drawable);
  const vertical = options.verticalLine;
  if (vertical && plottable(vertical.x, logX)) xs.push(vertical.x);

  // The y axis comes first: the width of its labels sets the left margin.
  const plotTop = TOP;
  const plotBottom = height - BOTTOM;
  const yLayout = axisLayout(ys, {
    log: logY,
    domain: options.yDomain,
    count: clamp(Math.round((plotBottom - plotTop) / 55), 3, 10),
  });
  const yLabelWidth = Math.max(0, ...yLayout.labels.map((l) => estimateTextWidth(l, TICK_FONT)));
  const plotLeft = Math.max(56, Math.ceil(30 + yLabelWidth + 10));

  const entries = lineChartLegend(series, markers, plotBottom - plotTop);
  const notes = (options.annotation ?? '').split('\n').filter((line) => line.trim() !== '');
  const legendOutside = entries.length > MAX_INSIDE_LEGEND;
  const outsideContent: LegendContent = { notes: [], entries };
  const outsideSize = legendOutside ? legendSize(outsideContent) : { width: 0, height: 0 };
  const plotRight = width - RIGHT - (legendOutside ? outsideSize.width + 4 : 0);
  if (plotRight - plotLeft < 80) {
    throw new OptionError(
      `lineChartSvg: width ${width} leaves no room for the plot beside its labels and legend`,
    );
  }
  const xLayout = axisLayout(xs, {
    log: logX,
    domain: options.xDomain,
    count: clamp(Math.round((plotRight - plotLeft) / 90), 2, 10),
  });
  const plot: Box = {
    x: plotLeft,
    y: plotTop,
    width: plotRight - plotLeft,
    height: plotBottom - plotTop,
  };
  const makeScale = (log: boolean) => (log ? logScale : linearScale);
  const xScale = makeScale(logX)(xLayout.domain, [plotLeft, plotRight]);
  const yScale = makeScale(logY)(yLayout.domain, [plotBottom, plotTop]);

  const { lines, bands, paths, dots } = seriesSvg(series, markers, drawable, xScale, yScale);

  const avoid: Box[] = [];
  const referenceParts: string[] = [];
  if (vertical && plottable(vertical.x, logX)) {
    const reference = verticalLineSvg(xScale(vertical.x), vertical.label, plot);
    if (reference) {
      lines.push(reference.line);
      avoid.push(reference.labelBox);
      referenceParts.push(reference.markup);
    }
  }

  if (ys.length === 0) {
    referenceParts.push(
      `<text class="empty-note" x="${svgNumber(plotLeft + plot.width / 2)}" y="${svgNumber(plotTop + plot.height / 2)}" font-size="13" text-anchor="middle" fill="#888888">No finite data to plot</text>`,
    );
  }

  const legendParts: string[] = [];
  const insideContent: LegendContent = {
    notes,
    entries: legendOutside || entries.length < 2 ? [] : entries,
  };
  if (insideContent.notes.length + insideContent.entries.length > 0) {
    const size = legendSize(insideContent);
    legendParts.push(legendSvg(insideContent, emptiestCorner(size, plot, lines, avoid)));
  }
  if (legendOutside) {
    legendParts.push(legendSvg(outsideContent, { x: plotRight + 12, y: plotTop, ...outsideSize }));
  }

  const dataMarkup = [...bands, ...paths, ...dots].join('\n');
  const { clip, clipDefs } = clipToPlot(lines, plot, plotRight, plotBottom, dataMarkup);

  const xAxis = xAxisSvg({ layout: xLayout, scale: xScale, title: options.xLabel }, plot);
  const yAxis = yAxisSvg({ layout: yLayout, scale: yScale, title: options.yLabel }, plot, 16);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${svgNumber(width)}" height="${svgNumber(height)}" viewBox="0 0 ${svgNumber(width)} ${svgNumber(height)}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
    clipDefs,
    `<rect class="background" x="0" y="0" width="${svgNumber(width)}" height="${svgNumber(height)}" fill="#ffffff"/>`,
    `<text class="title" x="${svgNumber(width / 2)}" y="26" font-size="15" font-weight="600" text-anchor="middle" fill="#111111">${escapeXml(options.title)}</text>`,
    xAxis.grid,
    yAxis.grid,
    `<g class="data"${clip}>`,
    dataMarkup,
    '</g>',
    ...referenceParts,
    xAxis.axis,
    yAxis.axis,
    ...legendParts,
    '</svg>',
  ]
    .filter((part) => part !== '')
    .join('\n')
    .concat('\n');
}
