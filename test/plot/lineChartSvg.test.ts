import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError } from '../../src/errors.js';
import { lineChartSvg } from '../../src/plot/lineChartSvg.js';
import type { LineSeries } from '../../src/plot/lineChartSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, plotArea, select } from './svgText.js';

const labels = { title: 'Chart', xLabel: 'x', yLabel: 'y' };

/** Points drawn for series `index`: path vertices plus lone dots. */
function drawnPoints(svg: string, index: number): [number, number][] {
  const paths = select(svg, 'path', 'series').filter(
    (e) => e.attributes['data-series'] === String(index),
  );
  const dots = select(svg, 'circle', 'point').filter(
    (e) => e.attributes['data-series'] === String(index),
  );
  return [
    ...paths.flatMap((e) => pathPoints(e.attributes.d ?? '')),
    ...dots.map((e): [number, number] => [Number(e.attributes.cx), Number(e.attributes.cy)]),
  ];
}

function expectInside(svg: string, points: readonly [number, number][]): void {
  const area = plotArea(svg);
  for (const [x, y] of points) {
    expect(x).toBeGreaterThanOrEqual(area.left - 0.01);
    expect(x).toBeLessThanOrEqual(area.right + 0.01);
    expect(y).toBeGreaterThanOrEqual(area.top - 0.01);
    expect(y).toBeLessThanOrEqual(area.bottom + 0.01);
  }
}

/** The legend's panel: the rounded rect. */
function legendBox(svg: string): { x: number; y: number; width: number; height: number } {
  const rect = select(svg, 'rect').find((e) => e.attributes.rx === '3')?.attributes ?? {};
  return {
    x: Number(rect.x),
    y: Number(rect.y),
    width: Number(rect.width),
    height: Number(rect.height),
  };
}

const tickValues = (svg: string, axis: 'x' | 'y'): number[] =>
  select(svg, 'text', `${axis}-tick`).map((e) => parseTickLabel(e.text));

describe('lineChartSvg', () => {
  const svg = lineChartSvg(
    [
      { name: 'train', x: [0, 1, 2, 3], y: [0.9, 0.5, 0.35, 0.3] },
      { name: 'test', x: [0, 1, 2, 3], y: [0.93, 0.6, 0.5, 0.48], dashed: true },
    ],
    { title: 'Loss', xLabel: 'epoch', yLabel: 'log loss' },
  );

  it('is a standalone, well-formed SVG document with a white background and a title', () => {
    assertWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const root = select(svg, 'svg')[0]?.attributes;
    expect(root).toMatchObject({ width: '640', height: '420', viewBox: '0 0 640 420' });
    expect(select(svg, 'title')[0]?.text).toBe('Loss');
    expect(select(svg, 'rect', 'background')[0]?.attributes).toMatchObject({
      width: '640',
      height: '420',
      fill: '#ffffff',
    });
    expect(select(svg, 'text', 'title')[0]?.text).toBe('Loss');
    expect(select(svg, 'text', 'axis-title').map((e) => e.text)).toEqual(['epoch', 'log loss']);
  });

  it('honours width and height', () => {
    const small = lineChartSvg([], { ...labels, width: 300, height: 200 });
    expect(select(small, 'svg')[0]?.attributes).toMatchObject({ viewBox: '0 0 300 200' });
  });

  it('draws one path per series through every point, inside the plot area', () => {
    expect(select(svg, 'path', 'series')).toHaveLength(2);
    expect(drawnPoints(svg, 0)).toHaveLength(4);
    expect(drawnPoints(svg, 1)).toHaveLength(4);
    expectInside(svg, [...drawnPoints(svg, 0), ...drawnPoints(svg, 1)]);
    expect(select(svg, 'path', 'series')[1]?.attributes['stroke-dasharray']).toBe('6 4');
  });

  it('places points by value: larger y is higher up, larger x further right', () => {
    const [p0, p1] = drawnPoints(svg, 0);
    expect((p1 as number[])[0]).toBeGreaterThan((p0 as number[])[0] as number);
    expect((p1 as number[])[1]).toBeGreaterThan((p0 as number[])[1] as number);
  });

  it('labels nice ticks spanning the data, the domain widened to the outer ticks', () => {
    expect(tickValues(svg, 'x')).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(select(svg, 'text', 'x-tick').map((e) => e.text)).toEqual([
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
    ]);
    expect(tickValues(svg, 'y')).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    // The axis starts and ends on a tick.
    const area = plotArea(svg);
    const yTicks = select(svg, 'text', 'y-tick').map((e) => Number(e.attributes.y));
    expect(Math.max(...yTicks) - area.bottom).toBeCloseTo(11 * 0.35, 1);
  });

  it('ticks a [0, 0.93] axis at 0, 0.2, …', () => {
    const chart = lineChartSvg([{ name: 'a', x: [0, 1], y: [0, 0.93] }], labels);
    expect(tickValues(chart, 'y')).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const fixed = lineChartSvg([{ name: 'a', x: [0, 1], y: [0, 0.93] }], {
      ...labels,
      yDomain: [0, 0.93],
    });
    expect(tickValues(fixed, 'y')).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('skips non-finite points and breaks the line there, drawing a lone point as a dot', () => {
    const chart = lineChartSvg(
      [{ name: 'a', x: [0, 1, 2, 3, 4, 5, 6], y: [1, 2, NaN, 3, Infinity, 2, 1] }],
      labels,
    );
    const path = select(chart, 'path', 'series')[0]?.attributes.d ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(pathPoints(path)).toHaveLength(4);
    expect(select(chart, 'circle', 'point')).toHaveLength(1);
    expect(drawnPoints(chart, 0)).toHaveLength(5);
    expect(chart).not.toMatch(/NaN|Infinity/);
  });

  it('draws only finite points, all inside the plot, and never writes NaN (property)', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    const series = fc.array(
      fc.array(fc.tuple(value, value), { maxLength: 25 }).map((points) => ({
        x: points.map(([x]) => x),
        y: points.map(([, y]) => y),
      })),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(series, fc.boolean(), (raw, markers) => {
        const input: LineSeries[] = raw.map((s, i) => ({ name: `s${i}`, ...s }));
        const chart = lineChartSvg(input, { ...labels, markers });
        assertWellFormed(chart);
        expect(chart).not.toMatch(/NaN|Infinity/);
        raw.forEach((s, i) => {
          const finite = s.x.filter((x, j) => Number.isFinite(x) && Number.isFinite(s.y[j])).length;
          const points = markers
            ? select(chart, 'circle', 'marker').filter(
                (e) => e.attributes['data-series'] === String(i),
              )
            : drawnPoints(chart, i);
          expect(points).toHaveLength(finite);
          expectInside(chart, drawnPoints(chart, i));
        });
      }),
    );
  });

  it('copes with any doubles on log axes: powers of ten, no NaN (property)', () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: 1e-12, max: 1e12, noNaN: true }),
    );
    const points = fc.array(fc.tuple(value, value), { maxLength: 20 });
    fc.assert(
      fc.property(points, fc.boolean(), (raw, logX) => {
        const chart = lineChartSvg(
          [{ name: 'a', x: raw.map(([x]) => x), y: raw.map(([, y]) => y) }],
          { ...labels, logX, logY: true },
        );
        assertWellFormed(chart);
        expect(chart).not.toMatch(/NaN|Infinity/);
        for (const tick of tickValues(chart, 'y')) {
          expect(tick).toBe(Number(`1e${Math.round(Math.log10(tick))}`));
        }
        expectInside(chart, drawnPoints(chart, 0));
      }),
    );
  });

  it('copes with extreme magnitudes on linear axes (property)', () => {
    const points = fc.array(fc.tuple(fc.double(), fc.double()), { maxLength: 20 });
    fc.assert(
      fc.property(points, (raw) => {
        const chart = lineChartSvg(
          [{ name: 'a', x: raw.map(([x]) => x), y: raw.map(([, y]) => y) }],
          labels,
        );
        assertWellFormed(chart);
        expect(chart).not.toMatch(/NaN|Infinity/);
        expectInside(chart, drawnPoints(chart, 0));
      }),
    );
  });

  it('labels log axes with powers of ten and skips values ≤ 0 there', () => {
    const chart = lineChartSvg(
      [{ name: 'a', x: [0.001, 0.01, 0.1, 1, 10], y: [5, 0, 0.02, -1, 3e-4] }],
      { ...labels, logX: true, logY: true },
    );
    const xs = tickValues(chart, 'x');
    const ys = tickValues(chart, 'y');
    expect(xs).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(ys).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
    for (const tick of [...xs, ...ys]) {
      expect(tick).toBe(Number(`1e${Math.round(Math.log10(tick))}`));
    }
    expect(drawnPoints(chart, 0)).toHaveLength(3);
    expectInside(chart, drawnPoints(chart, 0));
    expect(chart).not.toMatch(/NaN|Infinity/);
  });

  it('puts decades at equal distances on a log axis', () => {
    const chart = lineChartSvg([{ name: 'a', x: [1, 10, 100, 1000], y: [1, 2, 3, 4] }], {
      ...labels,
      logX: true,
    });
    const xs = pathPoints(select(chart, 'path', 'series')[0]?.attributes.d ?? '').map(([x]) => x);
    const gaps = xs.slice(1).map((x, i) => x - (xs[i] as number));
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0] as number, 1);
  });

  it('escapes text: titles, labels, series names and the annotation', () => {
    const nasty = `<b>&"quoted"'`;
    const chart = lineChartSvg(
      [
        { name: nasty, x: [0, 1], y: [0, 1] },
        { name: 'b', x: [0, 1], y: [1, 0] },
      ],
      { title: nasty, xLabel: nasty, yLabel: nasty, annotation: nasty },
    );
    assertWellFormed(chart);
    expect(chart).not.toContain('<b>');
    expect(chart).toContain('&lt;b&gt;&amp;&quot;quoted&quot;&#39;');
    expect(select(chart, 'title')[0]?.text).toBe(nasty);
    expect(select(chart, 'text', 'annotation')[0]?.text).toBe(nasty);
  });

  it('shows a legend only for two or more series, inside the plot', () => {
    const one = lineChartSvg([{ name: 'only', x: [0, 1], y: [0, 1] }], labels);
    expect(select(one, 'g', 'legend')).toHaveLength(0);
    expect(select(svg, 'g', 'legend')).toHaveLength(1);
    const texts = select(svg, 'text').map((e) => e.text);
    expect(texts).toContain('train');
    expect(texts).toContain('test');
    const box = legendBox(svg);
    const area = plotArea(svg);
    expect(box.x).toBeGreaterThan(area.left);
    expect(box.x + box.width).toBeLessThan(area.right);
    expect(box.y).toBeGreaterThan(area.top);
    expect(box.y + box.height).toBeLessThan(area.bottom);
  });

  it('moves a long legend to the right of the plot', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, x: [0, 1], y: [0, i] }));
    const chart = lineChartSvg(many, labels);
    const area = plotArea(chart);
    const box = legendBox(chart);
    expect(box.x).toBeGreaterThan(area.right);
    expect(box.x + box.width).toBeLessThanOrEqual(640);
    expect(box.y + box.height).toBeLessThanOrEqual(area.bottom);
  });

  it('collapses legend rows that do not fit into "+ k more"', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, x: [0, 1], y: [0, i] }));
    const chart = lineChartSvg(many, labels);
    const rows = select(chart, 'text').filter((e) => /^f\d+$/.test(e.text));
    const more = select(chart, 'text').find((e) => /^\+ \d+ more$/.test(e.text));
    expect(more).toBeDefined();
    expect(rows.length + Number(/\d+/.exec(more?.text ?? '')?.[0])).toBe(40);
  });

  it('keeps a fixed domain and clips what lies outside it', () => {
    const chart = lineChartSvg([{ name: 'a', x: [0, 1, 2], y: [0, 5, 1] }], {
      ...labels,
      yDomain: [0, 2],
    });
    expect(tickValues(chart, 'y')).toEqual([0, 0.5, 1, 1.5, 2]);
    const clipId = select(chart, 'clipPath')[0]?.attributes.id;
    expect(clipId).toMatch(/^logreg-plot-/);
    expect(select(chart, 'g', 'data')[0]?.attributes['clip-path']).toBe(`url(#${clipId})`);
    expect(select(svg, 'clipPath')).toHaveLength(0);
  });

  it('draws a labelled vertical line, extending the domain to include it', () => {
    const chart = lineChartSvg([{ name: 'a', x: [1, 2], y: [0, 1] }], {
      ...labels,
      verticalLine: { x: 5, label: 'chosen' },
    });
    const line = select(chart, 'line', 'vertical-line')[0]?.attributes;
    const area = plotArea(chart);
    expect(Number(line?.x1)).toBeLessThanOrEqual(area.right);
    expect(Number(line?.y1)).toBe(area.top);
    expect(Number(line?.y2)).toBe(area.bottom);
    expect(select(chart, 'text').map((e) => e.text)).toContain('chosen');
    expect(Math.max(...tickValues(chart, 'x'))).toBeGreaterThanOrEqual(5);
  });

  it('draws markers at every finite point when asked', () => {
    const chart = lineChartSvg([{ name: 'a', x: [0, 1, 2], y: [1, NaN, 3] }], {
      ...labels,
      markers: true,
    });
    expect(select(chart, 'circle', 'marker')).toHaveLength(2);
  });

  it('draws a band between lower and upper bounds', () => {
    const chart = lineChartSvg(
      [
        {
          name: 'mean',
          x: [0, 1, 2],
          y: [1, 2, 3],
          band: { lower: [0.5, 1.5, 2.5], upper: [1.5, 2.5, 3.5], name: 'spread' },
        },
      ],
      labels,
    );
    const band = select(chart, 'path', 'band');
    expect(band).toHaveLength(1);
    expect(pathPoints(band[0]?.attributes.d ?? '')).toHaveLength(6);
    expect(tickValues(chart, 'y')[0]).toBeLessThanOrEqual(0.5);
    expect(select(chart, 'text').map((e) => e.text)).toContain('spread');
  });

  it('says so when there is nothing to draw', () => {
    const chart = lineChartSvg([{ name: 'a', x: [NaN, 1], y: [1, NaN] }], labels);
    assertWellFormed(chart);
    expect(select(chart, 'text', 'empty-note')[0]?.text).toBe('No finite data to plot');
    expect(chart).not.toMatch(/NaN|Infinity/);
  });

  it('handles a constant series by centring an axis around it', () => {
    const chart = lineChartSvg([{ name: 'a', x: [0, 1, 2], y: [0.5, 0.5, 0.5] }], labels);
    const ys = tickValues(chart, 'y');
    expect(ys[0]).toBeLessThan(0.5);
    expect(ys[ys.length - 1]).toBeGreaterThan(0.5);
  });

  it('is deterministic and leaves its inputs alone', () => {
    const x = Object.freeze([0, 1, 2]);
    const y = Object.freeze([3, 1, 2]);
    const series = Object.freeze([Object.freeze({ name: 'a', x, y })]);
    expect(lineChartSvg(series, labels)).toBe(lineChartSvg(series, labels));
    expect(y).toEqual([3, 1, 2]);
  });

  it('rejects mismatched lengths and unusable options', () => {
    expect(() => lineChartSvg([{ name: 'a', x: [1, 2], y: [1] }], labels)).toThrow(ShapeError);
    expect(() => lineChartSvg([{ name: 'a', x: [1, 2], y: [1] }], labels)).toThrow(
      'lineChartSvg: series "a" has 2 x values but 1 y values',
    );
    expect(() =>
      lineChartSvg([{ name: 'a', x: [1], y: [1], band: { lower: [], upper: [1] } }], labels),
    ).toThrow(ShapeError);
    expect(() => lineChartSvg([], { ...labels, width: 100 })).toThrow(OptionError);
    expect(() => lineChartSvg([], { ...labels, xDomain: [1, 1] })).toThrow(OptionError);
    expect(() => lineChartSvg([], { ...labels, xDomain: [0, 1], logX: true })).toThrow(/min > 0/);
    expect(() => lineChartSvg([], { ...labels, verticalLine: { x: NaN, label: 'v' } })).toThrow(
      OptionError,
    );
  });
});
