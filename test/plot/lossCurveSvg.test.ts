import { describe, expect, it } from 'vitest';
import { lossCurveSvg } from '../../src/plot/lossCurveSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, select } from './svgText.js';

const yTicks = (svg: string): number[] =>
  select(svg, 'text', 'y-tick').map((e) => parseTickLabel(e.text));

describe('lossCurveSvg', () => {
  const losses = Array.from({ length: 100 }, (_, i) => 0.3 + 0.4 * Math.exp(-i / 10));

  it('plots the objective against iterations 0 … n − 1 with the final value noted', () => {
    const svg = lossCurveSvg(losses);
    assertWellFormed(svg);
    expect(pathPoints(select(svg, 'path', 'series')[0]?.attributes.d ?? '')).toHaveLength(100);
    expect(select(svg, 'text', 'x-tick').map((e) => parseTickLabel(e.text))).toEqual([
      0, 20, 40, 60, 80, 100,
    ]);
    expect(select(svg, 'text', 'axis-title').map((e) => e.text)).toEqual([
      'Iteration',
      'Objective',
    ]);
    // 0.3 + 0.4·e^−9.9 = 0.30002… to four significant digits.
    expect(select(svg, 'text', 'annotation')[0]?.text).toBe('final objective = 0.3');
    expect(select(svg, 'title')[0]?.text).toBe('Training objective');
  });

  it('uses a linear y axis when the loss spans two decades or less', () => {
    expect(yTicks(lossCurveSvg(losses))).toEqual([0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]);
  });

  it('switches to a log y axis with power-of-ten ticks when the loss spans more', () => {
    const fast = Array.from({ length: 30 }, (_, i) => 10 * 0.5 ** i);
    const ticks = yTicks(lossCurveSvg(fast));
    expect(ticks).toEqual([1e-8, 1e-6, 1e-4, 1e-2, 1, 100]);
  });

  it('follows an explicit logY either way', () => {
    expect(yTicks(lossCurveSvg(losses, { logY: true }))).toEqual([0.1, 1]);
    const fast = Array.from({ length: 30 }, (_, i) => 10 * 0.5 ** i);
    expect(yTicks(lossCurveSvg(fast, { logY: false }))).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('stays linear when a loss is ≤ 0 (a log axis could not show it)', () => {
    expect(yTicks(lossCurveSvg([1000, 1, 0]))[0]).toBe(0);
  });

  it('leaves gaps at non-finite losses and never prints NaN', () => {
    const svg = lossCurveSvg([0.7, NaN, 0.5, Infinity, 0.4, 0.35, NaN]);
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    // Few iterations get markers: one per finite loss.
    expect(select(svg, 'circle', 'marker')).toHaveLength(4);
    expect(select(svg, 'text', 'annotation')[0]?.text).toBe('final objective = 0.35');
  });

  it('escapes the title', () => {
    const svg = lossCurveSvg([1, 0.5], { title: 'L-BFGS <C = 1 & tol = 1e-6>' });
    assertWellFormed(svg);
    expect(svg).toContain('L-BFGS &lt;C = 1 &amp; tol = 1e-6&gt;');
  });

  it('draws an empty chart for no losses', () => {
    const svg = lossCurveSvg([]);
    assertWellFormed(svg);
    expect(select(svg, 'text', 'annotation')).toHaveLength(0);
  });
});
