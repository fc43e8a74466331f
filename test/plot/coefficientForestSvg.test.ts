import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { coefficientForestSvg } from '../../src/plot/coefficientForestSvg.js';
import { assertWellFormed, parseTickLabel, select } from './svgText.js';

const rows = [
  { name: 'glucose', estimate: 0.5, lower: 0.25, upper: 0.75 },
  { name: 'mass <kg>', estimate: -1, lower: -1.5, upper: -0.5 },
  { name: 'penalized', estimate: 2, lower: null, upper: null },
];

/** The x pixel of a value, from two labelled ticks (the axis is linear). */
function pixelOf(svg: string, value: number): number {
  const ticks = select(svg, 'text', 'x-tick').map((e) => ({
    value: parseTickLabel(e.text),
    x: Number(e.attributes.x),
  }));
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  return a.x + ((value - a.value) / (b.value - a.value)) * (b.x - a.x);
}

describe('coefficientForestSvg', () => {
  it('draws one labelled row per coefficient, in order, top to bottom', () => {
    const svg = coefficientForestSvg(rows);
    assertWellFormed(svg);
    const labels = select(svg, 'text', 'row-label');
    expect(labels.map((l) => l.text)).toEqual(['glucose', 'mass <kg>', 'penalized']);
    const ys = labels.map((l) => Number(l.attributes.y));
    expect(ys[0]).toBeLessThan(ys[1]);
    expect(ys[1]).toBeLessThan(ys[2]);
  });

  it('puts each dot at its estimate and each bar over its interval; rows without one get no bar', () => {
    const svg = coefficientForestSvg(rows);
    const dots = select(svg, 'circle', 'estimate');
    const bars = select(svg, 'line', 'interval');
    expect(dots).toHaveLength(3);
    expect(bars).toHaveLength(2);
    rows.forEach((r, i) =>
      expect(Number(dots[i].attributes.cx)).toBeCloseTo(pixelOf(svg, r.estimate), 1),
    );
    expect(Number(bars[0].attributes.x1)).toBeCloseTo(pixelOf(svg, 0.25), 1);
    expect(Number(bars[1].attributes.x2)).toBeCloseTo(pixelOf(svg, -0.5), 1);
  });

  it('draws the reference line at 0, or where asked, inside the axis', () => {
    const at = (svg: string) => Number(select(svg, 'line', 'reference')[0].attributes.x1);
    const svg = coefficientForestSvg(rows);
    expect(at(svg)).toBeCloseTo(pixelOf(svg, 0), 1);
    const shifted = coefficientForestSvg(rows, { reference: 1 });
    expect(at(shifted)).toBeCloseTo(pixelOf(shifted, 1), 1);
  });

  it('grows with the rows and refuses no rows, non-finite values and reversed intervals', () => {
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height(coefficientForestSvg([...rows, ...rows]))).toBeGreaterThan(
      height(coefficientForestSvg(rows)),
    );
    expect(() => coefficientForestSvg([])).toThrow(ShapeError);
    expect(() =>
      coefficientForestSvg([{ name: 'a', estimate: NaN, lower: null, upper: null }]),
    ).toThrow(ValueError);
    expect(() => coefficientForestSvg([{ name: 'a', estimate: 0, lower: 1, upper: -1 }])).toThrow(
      /lower bound/,
    );
  });
});
