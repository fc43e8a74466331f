import type { LegendEntry } from './legendSvg.js';
import { LEGEND_ROW } from './legendSvg.js';
import type { LineSeries } from './lineChartSvg.js';
import { paletteColor } from './palette.js';

/**
 * A line chart's legend rows, kept within `maxHeight`: one row per shown series, plus one per
 * shown band; rows that do not fit collapse into one `+ k more` row.
 *
 * @param markers the chart's default for series without their own `markers`.
 */
export function lineChartLegend(
  series: readonly LineSeries[],
  markers: boolean,
  maxHeight: number,
): LegendEntry[] {
  return fitLegend(legendEntries(series, markers), maxHeight);
}

/** Legend rows: one per shown series, plus one per shown band. */
function legendEntries(series: readonly LineSeries[], markers: boolean): LegendEntry[] {
  const entries: LegendEntry[] = [];
  series.forEach((s, i) => {
    if (s.showInLegend === false) return;
    const color = s.color ?? paletteColor(i);
    entries.push({
      label: s.name,
      color,
      style: s.dashed ? 'dashed' : 'solid',
      marker: s.markers ?? markers,
    });
    if (s.band) {
      entries.push({
        label: s.band.name ?? `${s.name} (band)`,
        color,
        style: 'band',
        marker: false,
      });
    }
  });
  return entries;
}

/** Keeps the legend within `maxHeight`: surplus rows collapse into one `+ k more` row. */
function fitLegend(entries: LegendEntry[], maxHeight: number): LegendEntry[] {
  const rows = Math.max(2, Math.floor((maxHeight - 16) / LEGEND_ROW));
  if (entries.length <= rows) return entries;
  const more = entries.length - rows + 1;
  return [
    ...entries.slice(0, rows - 1),
    { label: `+ ${more} more`, color: '#888888', style: 'none', marker: false },
  ];
}
