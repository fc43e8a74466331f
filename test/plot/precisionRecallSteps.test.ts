import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precisionRecallSteps } from '../../src/plot/precisionRecallSteps.js';

/** Area under a polyline whose segments are horizontal or vertical (trapezoids, exact here). */
function area(x: readonly number[], y: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) {
    sum +=
      (((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number))) / 2;
  }
  return Math.abs(sum);
}

describe('precisionRecallSteps', () => {
  it('holds the precision of the higher-recall point, for decreasing recall (scikit-learn order)', () => {
    expect(precisionRecallSteps([1, 0.5, 0], [0.5, 1, 1])).toEqual({
      recall: [1, 0.5, 0.5, 0, 0],
      precision: [0.5, 0.5, 1, 1, 1],
    });
  });

  it('draws the same steps for increasing recall', () => {
    expect(precisionRecallSteps([0, 0.5, 1], [1, 1, 0.5])).toEqual({
      recall: [0, 0, 0.5, 0.5, 1],
      precision: [1, 1, 1, 0.5, 0.5],
    });
  });

  it('inserts no corner where recall stays the same', () => {
    expect(precisionRecallSteps([0.5, 0.5], [0.6, 0.8])).toEqual({
      recall: [0.5, 0.5],
      precision: [0.6, 0.8],
    });
  });

  it('drops points with a non-finite value', () => {
    expect(precisionRecallSteps([1, NaN, 0.5], [0.5, 0.7, Infinity])).toEqual({
      recall: [1],
      precision: [0.5],
    });
  });

  it('encloses exactly the average precision Σ (Rₙ − Rₙ₋₁)·Pₙ', () => {
    // A precision–recall curve in scikit-learn's form: recall decreasing to 0, ending at P = 1.
    const curve = fc
      .array(
        fc.tuple(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true })),
        {
          minLength: 1,
          maxLength: 30,
        },
      )
      .map((points) => {
        const sorted = [...points].sort((a, b) => b[0] - a[0]);
        return {
          recall: [...sorted.map(([r]) => r / 20), 0],
          precision: [...sorted.map(([, p]) => p), 1],
        };
      });
    fc.assert(
      fc.property(curve, ({ recall, precision }) => {
        let ap = 0;
        for (let n = recall.length - 2; n >= 0; n--) {
          ap += ((recall[n] as number) - (recall[n + 1] as number)) * (precision[n] as number);
        }
        const steps = precisionRecallSteps(recall, precision);
        expect(area(steps.recall, steps.precision)).toBeCloseTo(ap, 12);
      }),
    );
  });
});
