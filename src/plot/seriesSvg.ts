import { escapeXml } from './escapeXml.js';
import type { Polyline } from './geometry.js';
import type { LineSeries } from './lineChartSvg.js';
import { paletteColor } from './palette.js';
import type { Scale } from './scale.js';
import { bandOutlines, pathData, pixelRuns } from './seriesPath.js';
import { svgNumber } from './svgNumber.js';

/** The data layer of a line chart, by kind (bands under lines under dots), and what it covers. */
export interface SeriesMarkup {
  /** Every drawn polyline in pixels (band outlines and line runs), for legend placement and clipping. */
  readonly lines: Polyline[];
  readonly bands: string[];
  readonly paths: string[];
  readonly dots: string[];
}

/**
 * The SVG elements of a line chart's series: per series its band (shaded, 0.18 opacity), its line
 * (a path broken at undrawable points) and its dots (every point with markers, else only lone
 * points between gaps), in the series' color or the palette's.
 *
 * @param markers the chart's default for series without their own `markers`.
 * @param drawable whether a point can be placed on both axes.
 */
export function seriesSvg(
  series: readonly LineSeries[],
  markers: boolean,
  drawable: (x: number, y: number) => boolean,
  xScale: Scale,
  yScale: Scale,
): SeriesMarkup {
  const lines: Polyline[] = [];
  const bands: string[] = [];
  const paths: string[] = [];
  const dots: string[] = [];
  series.forEach((s, index) => {
    const color = escapeXml(s.color ?? paletteColor(index));
    if (s.band) {
      for (const outline of bandOutlines(
        s.x,
        s.band.lower,
        s.band.upper,
        drawable,
        xScale,
        yScale,
      )) {
        lines.push(outline);
        bands.push(
          `<path class="band" data-series="${index}" d="${pathData([outline])}Z" fill="${color}" fill-opacity="0.18" stroke="none"/>`,
        );
      }
    }
    const runs = pixelRuns(s.x, s.y, drawable, xScale, yScale);
    lines.push(...runs);
    const d = pathData(runs);
    if (d !== '') {
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      paths.push(
        `<path class="series" data-series="${index}" d="${d}" fill="none" stroke="${color}" stroke-width="${svgNumber(s.strokeWidth ?? 2)}" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
      );
    }
    const withMarkers = s.markers ?? markers;
    for (const run of runs) {
      if (!withMarkers && run.length > 1) continue;
      for (const [px, py] of run) {
        dots.push(
          `<circle class="${withMarkers ? 'marker' : 'point'}" data-series="${index}" cx="${svgNumber(px)}" cy="${svgNumber(py)}" r="${withMarkers ? 3 : 2.5}" fill="${color}" stroke="#ffffff" stroke-width="1"/>`,
        );
      }
    }
  });
  return { lines, bands, paths, dots };
}
