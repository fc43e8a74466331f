import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { rocCurveSvg } from '../../src/plot/rocCurveSvg.js';
import { assertWellFormed, parseTickLabel, pathPoints, select } from './svgText.js';

describe('rocCurveSvg', () => {
  const curve = { fpr: [0, 0, 0.1, 0.4, 1], tpr: [0, 0.6, 0.8, 0.95, 1] };
  const svg = rocCurveSvg(curve, 0.93456);

  it('shows the AUC with three decimals in the legend', () => {
    assertWellFormed(svg);
    expect(select(svg, 'text').map((e) => e.text)).toContain('ROC curve (AUC = 0.935)');
    expect(svg).toContain('AUC = 0.935');
  });

  it('draws the curve through every point and the chance diagonal dashed', () => {
    const [roc, chance] = select(svg, 'path', 'series');
    expect(pathPoints(roc?.attributes.d ?? '')).toHaveLength(5);
    expect(chance?.attributes['stroke-dasharray']).toBeDefined();
    // The diagonal runs from (0, 0) to (1, 1): from the 0.0 ticks to the 1.0 ticks.
    const [start, end] = pathPoints(chance?.attributes.d ?? '');
    const xAt = (label: string) =>
      Number(select(svg, 'text', 'x-tick').find((e) => e.text === label)?.attributes.x);
    // A y-tick label's baseline sits 0.35 em (11 px font) below its tick.
    const yAt = (label: string) =>
      Number(select(svg, 'text', 'y-tick').find((e) => e.text === label)?.attributes.y) - 11 * 0.35;
    expect(start?.[0]).toBeCloseTo(xAt('0.0'), 1);
    expect(end?.[0]).toBeCloseTo(xAt('1.0'), 1);
    expect(start?.[1]).toBeCloseTo(yAt('0.0'), 1);
    expect(end?.[1]).toBeCloseTo(yAt('1.0'), 1);
    // Square enough that the diagonal looks like one: within 10 % of 45°.
    const width = (end?.[0] ?? 0) - (start?.[0] ?? 0);
    const height = (start?.[1] ?? 0) - (end?.[1] ?? 0);
    expect(height / width).toBeGreaterThan(0.9);
    expect(height / width).toBeLessThan(1.1);
  });

  it('has both axes on [0, 1] with ticks 0, 0.2, …, 1', () => {
    for (const axis of ['x-tick', 'y-tick']) {
      expect(select(svg, 'text', axis).map((e) => parseTickLabel(e.text))).toEqual([
        0, 0.2, 0.4, 0.6, 0.8, 1,
      ]);
    }
    expect(select(svg, 'text', 'axis-title').map((e) => e.text)).toEqual([
      'False positive rate',
      'True positive rate',
    ]);
  });

  it('reads n/a for an undefined AUC and never prints NaN', () => {
    const undefinedAuc = rocCurveSvg({ fpr: [0, NaN, 1], tpr: [0, NaN, 1] }, NaN);
    expect(undefinedAuc).toContain('AUC = n/a');
    expect(undefinedAuc).not.toMatch(/NaN|Infinity/);
  });

  it('rejects mismatched arrays and an AUC outside [0, 1]', () => {
    expect(() => rocCurveSvg({ fpr: [0, 1], tpr: [0] }, 0.5)).toThrow(ShapeError);
    expect(() => rocCurveSvg(curve, 1.5)).toThrow(ValueError);
    expect(() => rocCurveSvg(curve, Infinity)).toThrow(ValueError);
  });
});
