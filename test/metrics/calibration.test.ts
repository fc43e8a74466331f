import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrationCurve,
  defaultCalibrationOptions,
  expectedCalibrationError,
} from '../../src/metrics/index.js';
import { columns, probabilityRows } from './arbitraries.js';
import { expectAllClose, repeatRows } from './expectClose.js';
import { medium, small } from './sklearnReference.js';

const y5 = [0, 0, 1, 1, 1];
const p5 = [0.1, 0.3, 0.35, 0.7, 0.9];

describe('calibrationCurve', () => {
  it('defaults to 10 uniform bins, as scikit-learn', () => {
    expect(defaultCalibrationOptions).toEqual({ bins: 10, strategy: 'uniform' });
  });

  it('averages probability and outcome per bin (hand-computed)', () => {
    const curve = calibrationCurve(y5, p5, { bins: 2 });
    expectAllClose(curve.meanPredicted, [0.25, 0.8], 1e-16);
    expectAllClose(curve.fractionPositive, [1 / 3, 1], 0);
    expect(Array.from(curve.count)).toEqual([3, 2]);
  });

  it('puts a probability on an inner edge in the lower bin, and 1 in the last bin', () => {
    const curve = calibrationCurve([0, 1, 1], [0.5, 0.50001, 1], { bins: 2 });
    expect(Array.from(curve.count)).toEqual([1, 2]);
    expect(Array.from(curve.meanPredicted)).toEqual([0.5, (0.50001 + 1) / 2]);
  });

  it('leaves out empty bins and weights the rest', () => {
    const curve = calibrationCurve([0, 1, 1], [0.05, 0.95, 0.92], { bins: 10 }, [2, 1, 3]);
    expect(Array.from(curve.count)).toEqual([2, 4]);
    expectAllClose(curve.meanPredicted, [0.05, (0.95 + 3 * 0.92) / 4], 1e-16);
    expect(Array.from(curve.fractionPositive)).toEqual([0, 1]);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    for (const ref of data.calibration) {
      it(`matches scikit-learn calibration_curve(n_bins=${ref.bins}, strategy='${ref.strategy}') on ${name}`, () => {
        const curve = calibrationCurve(data.y, data.p, { bins: ref.bins, strategy: ref.strategy });
        expectAllClose(curve.fractionPositive, ref.fractionPositive, 1e-15);
        expectAllClose(curve.meanPredicted, ref.meanPredicted, 1e-15);
        expect(curve.count.reduce((a, b) => a + b, 0)).toBe(data.y.length);
      });
    }
  }

  it('quantile bins hold equal counts when the probabilities are distinct', () => {
    const p = Array.from({ length: 20 }, (_, i) => (i + 0.5) / 20);
    const y = p.map((_, i) => i % 2);
    const curve = calibrationCurve(y, p, { bins: 4, strategy: 'quantile' });
    expect(Array.from(curve.count)).toEqual([5, 5, 5, 5]);
  });

  it('with integer weights equals the curve of the repeated rows (both strategies)', () => {
    fc.assert(
      fc.property(
        probabilityRows,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('uniform' as const, 'quantile' as const),
        (r, bins, strategy) => {
          const { y, s, w } = columns(r);
          const weighted = calibrationCurve(y, s, { bins, strategy }, w);
          const repeated = calibrationCurve(repeatRows(y, w), repeatRows(s, w), { bins, strategy });
          expect(Array.from(weighted.count)).toEqual(Array.from(repeated.count));
          expectAllClose(weighted.meanPredicted, repeated.meanPredicted, 1e-14);
          expectAllClose(weighted.fractionPositive, repeated.fractionPositive, 1e-14);
        },
      ),
    );
  });

  it('has counts summing to the total weight, means in [0, 1], increasing mean predictions', () => {
    fc.assert(
      fc.property(probabilityRows, fc.integer({ min: 1, max: 12 }), (r, bins) => {
        const { y, s, w } = columns(r);
        for (const strategy of ['uniform', 'quantile'] as const) {
          const c = calibrationCurve(y, s, { bins, strategy }, w);
          expect(c.count.reduce((a, b) => a + b, 0)).toBe(w.reduce((a, b) => a + b, 0));
          for (let b = 0; b < c.count.length; b++) {
            expect(c.count[b]).toBeGreaterThan(0);
            expect(c.fractionPositive[b]).toBeGreaterThanOrEqual(0);
            expect(c.fractionPositive[b]).toBeLessThanOrEqual(1);
            if (b > 0) expect(c.meanPredicted[b]).toBeGreaterThanOrEqual(c.meanPredicted[b - 1]!);
          }
        }
      }),
    );
  });
});

describe('expectedCalibrationError', () => {
  it('is Σ (n_b / n)·|acc_b − conf_b| (hand-computed)', () => {
    expect(expectedCalibrationError(y5, p5, { bins: 2 })).toBeCloseTo(
      (3 / 5) * (1 / 3 - 0.25) + (2 / 5) * (1 - 0.8),
      15,
    );
  });

  it('is 0 when each bin predicts its own frequency of positives', () => {
    expect(
      expectedCalibrationError(
        [0, 0, 0, 1, 1, 1, 1, 0],
        [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75],
      ),
    ).toBe(0);
  });

  it('is |mean(p) − mean(y)| with one bin', () => {
    expect(expectedCalibrationError(y5, p5, { bins: 1 })).toBeCloseTo(Math.abs(0.47 - 0.6), 15);
  });

  it('agrees with calibrationCurve and lies in [0, 1]', () => {
    fc.assert(
      fc.property(probabilityRows, fc.integer({ min: 1, max: 12 }), (r, bins) => {
        const { y, s, w } = columns(r);
        const c = calibrationCurve(y, s, { bins }, w);
        let expected = 0;
        for (let b = 0; b < c.count.length; b++) {
          expected += c.count[b]! * Math.abs(c.fractionPositive[b]! - c.meanPredicted[b]!);
        }
        expected /= w.reduce((a, b) => a + b, 0);
        const ece = expectedCalibrationError(y, s, { bins }, w);
        expect(ece).toBeCloseTo(expected, 14);
        expect(ece).toBeGreaterThanOrEqual(0);
        expect(ece).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('uses 10 bins by default', () => {
    expect(expectedCalibrationError(medium.y, medium.p)).toBe(
      expectedCalibrationError(medium.y, medium.p, { bins: 10 }),
    );
  });
});
