import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { precisionRecallSvg } from '../../src/plot/precisionRecallSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, select } from './svgText.js';

describe('precisionRecallSvg', () => {
  // scikit-learn order: recall decreasing to 0, precision ending at 1.
  const curve = { recall: [1, 0.75, 0.5, 0.5, 0], precision: [0.5, 0.6, 0.8, 1, 1] };

  it('draws a step curve with recall on x and the AP in the legend', () => {
    const svg = precisionRecallSvg(curve, 0.8123);
    assertWellFormed(svg);
    expect(select(svg, 'text', 'annotation')[0]?.text).toBe('AP = 0.812');
    const points = pathPoints(select(svg, 'path', 'series')[0]?.attributes.d ?? '');
    // 5 points, a corner for each of the 3 pairs where recall changes.
    expect(points).toHaveLength(8);
    // Steps: every segment is horizontal or vertical.
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1] as [number, number];
      const [x1, y1] = points[i] as [number, number];
      expect(x0 === x1 || y0 === y1).toBe(true);
    }
    expect(select(svg, 'text', 'axis-title').map((e) => e.text)).toEqual(['Recall', 'Precision']);
    expect(select(svg, 'text', 'x-tick').map((e) => parseTickLabel(e.text))).toEqual([
      0, 0.2, 0.4, 0.6, 0.8, 1,
    ]);
  });

  it('draws the chance level at the prevalence when given', () => {
    const svg = precisionRecallSvg(curve, 0.8, { prevalence: 0.25 });
    const chance = select(svg, 'path', 'series')[1];
    const [a, b] = pathPoints(chance?.attributes.d ?? '');
    expect((a as number[])[1]).toBe((b as number[])[1]);
    expect(svg).toContain('Chance (AP = 0.250)');
  });

  it('skips non-finite points and never prints NaN', () => {
    const svg = precisionRecallSvg({ recall: [1, NaN, 0], precision: [0.5, NaN, 1] }, NaN);
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(select(svg, 'text', 'annotation')[0]?.text).toBe('AP = n/a');
    expect(pathPoints(select(svg, 'path', 'series')[0]?.attributes.d ?? '')).toHaveLength(3);
  });

  it('rejects mismatched arrays and values outside [0, 1]', () => {
    expect(() => precisionRecallSvg({ recall: [1], precision: [] }, 0.5)).toThrow(ShapeError);
    expect(() => precisionRecallSvg(curve, 2)).toThrow(ValueError);
    expect(() => precisionRecallSvg(curve, 0.5, { prevalence: -0.1 })).toThrow(ValueError);
  });
});
