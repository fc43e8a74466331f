import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { cvCurveSvg } from '../../src/plot/cvCurveSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, plotArea, select } from './svgText.js';

describe('cvCurveSvg', () => {
  const result = {
    Cs: [0.001, 0.01, 0.1, 1, 10],
    mean: [0.61, 0.72, 0.8, 0.79, 0.78],
    std: [0.02, 0.03, 0.02, 0.025, 0.03],
    best: 0.1,
    metric: 'accuracy',
  };
  const svg = cvCurveSvg(result);

  it('plots the mean score against C on a log axis with power-of-ten ticks', () => {
    assertWellFormed(svg);
    expect(select(svg, 'text', 'x-tick').map((e) => parseTickLabel(e.text))).toEqual([
      0.001, 0.01, 0.1, 1, 10,
    ]);
    const points = pathPoints(select(svg, 'path', 'series')[0]?.attributes.d ?? '');
    expect(points).toHaveLength(5);
    expect(select(svg, 'circle', 'marker')).toHaveLength(5);
    expect(select(svg, 'text', 'axis-title')[1]?.text).toBe('accuracy');
    expect(select(svg, 'title')[0]?.text).toBe('Cross-validated accuracy');
  });

  it('shades mean ± 1 std', () => {
    const band = select(svg, 'path', 'band');
    expect(band).toHaveLength(1);
    expect(pathPoints(band[0]?.attributes.d ?? '')).toHaveLength(10);
    expect(svg).toContain('±1 std over folds');
    // The y axis covers the band, not only the means.
    expect(parseTickLabel(select(svg, 'text', 'y-tick')[0]?.text ?? '')).toBeLessThanOrEqual(0.59);
  });

  it('marks the chosen C with a labelled vertical line at its x', () => {
    const line = select(svg, 'line', 'vertical-line')[0]?.attributes;
    const points = pathPoints(select(svg, 'path', 'series')[0]?.attributes.d ?? '');
    expect(Number(line?.x1)).toBeCloseTo((points[2] as number[])[0] as number, 1);
    expect(select(svg, 'text').map((e) => e.text)).toContain('best C = 0.1');
    const area = plotArea(svg);
    expect(Number(line?.x1)).toBeGreaterThan(area.left);
  });

  it('rejects mismatched arrays and a bad best C', () => {
    expect(() => cvCurveSvg({ ...result, std: [0.1] })).toThrow(ShapeError);
    expect(() => cvCurveSvg({ ...result, best: 0 })).toThrow(ValueError);
    expect(() => cvCurveSvg({ ...result, best: NaN })).toThrow(ValueError);
  });

  it('skips non-finite scores without printing NaN', () => {
    const chart = cvCurveSvg({ ...result, mean: [NaN, 0.7, 0.8, 0.79, 0.78] });
    assertWellFormed(chart);
    expect(chart).not.toMatch(/NaN|Infinity/);
    expect(select(chart, 'circle', 'marker')).toHaveLength(4);
  });
});
