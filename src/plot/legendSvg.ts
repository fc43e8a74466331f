import { escapeXml } from './escapeXml.js';
import { estimateTextWidth } from './estimateTextWidth.js';
import type { Box } from './geometry.js';
import { svgNumber } from './svgNumber.js';

/** One legend row: a swatch in the series' style and its name. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** `band` draws a filled square (a shaded interval), `none` no swatch; the others a short line. */
  readonly style: 'solid' | 'dashed' | 'band' | 'none';
  /** Draw a dot on the swatch line, as on the series. */
  readonly marker: boolean;
}

/** What a legend box holds: free-text lines (an annotation) above the entries. */
export interface LegendContent {
  readonly notes: readonly string[];
  readonly entries: readonly LegendEntry[];
}

const NOTE_FONT = 12;
const ENTRY_FONT = 11.5;
/** Height of a legend row in pixels. */
export const LEGEND_ROW = 17;
const PADDING = 8;
const SWATCH = 24;
const GAP = 6;
/** Longer labels are cut with an ellipsis so one long feature name cannot squash the plot. */
const MAX_LABEL = 30;

function truncate(label: string): string {
  const chars = Array.from(label);
  return chars.length <= MAX_LABEL ? label : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

/**
 * Pixel size of the box {@link legendSvg} draws for `content` (text widths estimated).
 *
 * @example
 * legendSize({ notes: ['AUC = 0.93'], entries: [] }); // { width: ≈ 85, height: 33 }
 */
export function legendSize(content: LegendContent): { width: number; height: number } {
  let width = 0;
  for (const note of content.notes) width = Math.max(width, estimateTextWidth(note, NOTE_FONT));
  for (const entry of content.entries) {
    const text = estimateTextWidth(truncate(entry.label), ENTRY_FONT);
    width = Math.max(width, SWATCH + GAP + text);
  }
  const rows = content.notes.length + content.entries.length;
  return { width: Math.ceil(width + 2 * PADDING), height: rows * LEGEND_ROW + 2 * PADDING - 1 };
}

function swatchSvg(entry: LegendEntry, x: number, centerY: number): string {
  const color = escapeXml(entry.color);
  if (entry.style === 'none') return '';
  if (entry.style === 'band') {
    return `<rect x="${svgNumber(x + 3)}" y="${svgNumber(centerY - 6)}" width="${SWATCH - 6}" height="12" fill="${color}" fill-opacity="0.2" stroke="${color}" stroke-opacity="0.4"/>`;
  }
  const dash = entry.style === 'dashed' ? ' stroke-dasharray="6 4"' : '';
  const line = `<line x1="${svgNumber(x)}" y1="${svgNumber(centerY)}" x2="${svgNumber(x + SWATCH)}" y2="${svgNumber(centerY)}" stroke="${color}" stroke-width="2"${dash}/>`;
  const dot = entry.marker
    ? `<circle cx="${svgNumber(x + SWATCH / 2)}" cy="${svgNumber(centerY)}" r="3" fill="${color}" stroke="#ffffff" stroke-width="1"/>`
    : '';
  return line + dot;
}

/**
 * A legend box at `box` (from {@link legendSize}): a white, lightly bordered panel with the
 * notes, then one row per entry. All text is XML-escaped.
 *
 * @example
 * const content = { notes: [], entries: [{ label: 'train', color: '#1f77b4', style: 'solid', marker: false }] };
 * legendSvg(content, { x: 10, y: 10, ...legendSize(content) }); // '<g class="legend">…</g>'
 */
export function legendSvg(content: LegendContent, box: Box): string {
  const parts = [
    `<g class="legend">`,
    `<rect x="${svgNumber(box.x)}" y="${svgNumber(box.y)}" width="${svgNumber(box.width)}" height="${svgNumber(box.height)}" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="#d0d0d0"/>`,
  ];
  let row = 0;
  const left = box.x + PADDING;
  const centerOf = (r: number): number => box.y + PADDING + r * LEGEND_ROW + LEGEND_ROW / 2;
  for (const note of content.notes) {
    const baseline = centerOf(row++) + NOTE_FONT * 0.35;
    parts.push(
      `<text class="annotation" x="${svgNumber(left)}" y="${svgNumber(baseline)}" font-size="${NOTE_FONT}" fill="#222222">${escapeXml(note)}</text>`,
    );
  }
  for (const entry of content.entries) {
    const center = centerOf(row++);
    parts.push(
      swatchSvg(entry, left, center),
      `<text x="${svgNumber(left + SWATCH + GAP)}" y="${svgNumber(center + ENTRY_FONT * 0.35)}" font-size="${ENTRY_FONT}" fill="#333333">${escapeXml(truncate(entry.label))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}
