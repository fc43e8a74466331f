import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { calibrationSvg } from '../../src/plot/calibrationSvg.js';
import { assertWellFormed, pathPoints, plotArea, select } from './svgText.js';

describe('calibrationSvg', () => {
  const curve = {
    meanPredicted: [0.05, 0.25, NaN, 0.65, 0.9],
    fractionPositive: [0.02, 0.3, NaN, 0.6, 0.95],
  };

  it('marks each non-empty bin and draws the perfect-calibration diagonal dashed', () => {
    const svg = calibrationSvg(curve, { ece: 0.0412 });
    assertWellFormed(svg);
    const markers = select(svg, 'circle', 'marker').filter(
      (e) => e.attributes['data-series'] === '0',
    );
    expect(markers).toHaveLength(4);
    const area = plotArea(svg);
    for (const m of markers) {
      expect(Number(m.attributes.cx)).toBeGreaterThan(area.left);
      expect(Number(m.attributes.cx)).toBeLessThan(area.right);
    }
    const diagonal = select(svg, 'path', 'series')[1];
    expect(diagonal?.attributes['stroke-dasharray']).toBeDefined();
    expect(pathPoints(diagonal?.attributes.d ?? '')).toHaveLength(2);
    expect(select(svg, 'text', 'annotation')[0]?.text).toBe('ECE = 0.041');
    expect(svg).toContain('Perfectly calibrated');
    expect(svg).not.toMatch(/NaN/);
  });

  it('omits the ECE when not given', () => {
    expect(select(calibrationSvg(curve), 'text', 'annotation')).toHaveLength(0);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => calibrationSvg({ meanPredicted: [0.1], fractionPositive: [] })).toThrow(
      ShapeError,
    );
  });
});
