import { escapeXml } from '../plot/escapeXml.js';
import { formatNumber } from '../plot/formatNumber.js';

/** Text escaped for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return escapeXml(text);
}

/** A number for a table cell: `digits` significant digits, `—` for null. */
export function cell(value: number | null, digits = 4): string {
  return value === null ? '—' : formatNumber(value, digits);
}

/** A p-value as R prints the smallest ones: below 2e-16 reads `< 2e−16`. */
export function pValueCell(p: number | null): string {
  if (p === null) return '—';
  return p < 2e-16 ? '&lt; 2e−16' : formatNumber(p, 3);
}

/**
 * An HTML table in a horizontally scrolling wrapper (so that a wide table never widens the page
 * on a phone). `head` and `rows` hold HTML (escape text first); the first column is a row header.
 */
export function htmlTable(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  className = '',
): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows
    .map(
      ([first, ...rest]) =>
        `<tr><th scope="row">${first ?? ''}</th>${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return [
    `<p class="caption">${escapeHtml(caption)}</p>`,
    `<div class="table-scroll"><table class="${className}">`,
    `<thead><tr>${th}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** A two-column list of facts (`<dl>`); values are HTML. */
export function factList(facts: readonly (readonly [string, string])[]): string {
  const items = facts
    .map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${value}</dd></div>`)
    .join('\n');
  return `<dl class="facts">\n${items}\n</dl>`;
}

/** An inline SVG chart in a figure with a caption; `data-figure` names it for tests. */
export function figure(name: string, svg: string, caption: string): string {
  return [
    `<figure class="chart" data-figure="${escapeHtml(name)}">`,
    svg.trimEnd(),
    `<figcaption>${escapeHtml(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

/**
 * The page's style sheet: one column on a phone, figures side by side from about 900 px, SVGs
 * scaled to their box (their viewBox keeps the aspect), tables scrolling sideways when wide.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5b5b5b; --rule: #dddddd; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 16px; }
header h1 { font-size: 1.5rem; margin: 0.3em 0; }
h1, h2, dd, p, figcaption { overflow-wrap: anywhere; }
header p { margin: 0.2em 0; color: var(--muted); }
section { background: #ffffff; border: 1px solid var(--rule); border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
h2 { font-size: 1.15rem; margin: 0.2em 0 0.6em; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 230px), 1fr)); gap: 4px 16px; margin: 0; }
.facts div { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dotted var(--rule); padding: 2px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9rem; margin-bottom: 8px; }
p.caption { color: var(--muted); margin: 8px 0 4px; }
tbody th[scope="row"] { position: sticky; left: 0; background: #ffffff; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th[scope="row"], thead th:first-child { text-align: left; }
thead th { border-bottom: 2px solid #bbbbbb; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 16px; }
figure.chart { margin: 0; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 4px; }
.note { color: var(--muted); font-size: 0.9rem; }
.confusion td { min-width: 5em; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; margin: 24px 0; }
@media (max-width: 600px) { main { padding: 8px; } section { padding: 10px; } body { font-size: 14px; } }
`.trim();
