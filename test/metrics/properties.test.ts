import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  binaryReport,
  brierScore,
  confusionMatrix,
  f1Score,
  logLoss,
  precision,
  recall,
} from '../../src/metrics/index.js';
import { columns, probabilityRows } from './arbitraries.js';
import { repeatRows, threshold } from './expectClose.js';

const labelMetrics = { accuracy, balancedAccuracy, precision, recall, f1Score };

describe('properties of the binary metrics', () => {
  it('label metrics, brierScore and the report’s rates lie in [0, 1]; logLoss ≥ 0', () => {
    fc.assert(
      fc.property(probabilityRows, fc.boolean(), (r, weighted) => {
        const { y, s, w } = columns(r);
        const sw = weighted ? w : undefined;
        const yPred = threshold(s);
        for (const f of Object.values(labelMetrics)) {
          const v = f(y, yPred, sw);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(brierScore(y, s, sw)).toBeGreaterThanOrEqual(0);
        expect(brierScore(y, s, sw)).toBeLessThanOrEqual(1);
        expect(logLoss(y, s, sw)).toBeGreaterThanOrEqual(0);
        // The largest loss of one row: p clipped to 1 − 1e-15, whose complement in doubles is
        // 9.992e-16, not 1e-15.
        expect(logLoss(y, s, sw)).toBeLessThanOrEqual(-Math.log(1 - (1 - 1e-15)) + 1e-12);
        const report = binaryReport(y, s, {}, sw);
        for (const key of ['rocAuc', 'averagePrecision'] as const) {
          const v = report[key];
          if (!Number.isNaN(v)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + 1e-15);
          }
        }
      }),
    );
  });

  it('integer weights equal repeating the rows', () => {
    fc.assert(
      fc.property(probabilityRows, (r) => {
        const { y, s, w } = columns(r);
        const yPred = threshold(s);
        const yRep = repeatRows(y, w);
        const sRep = repeatRows(s, w);
        const yPredRep = threshold(sRep);
        expect(confusionMatrix(y, yPred, w)).toEqual(confusionMatrix(yRep, yPredRep));
        for (const f of Object.values(labelMetrics)) {
          expect(f(y, yPred, w)).toBeCloseTo(f(yRep, yPredRep), 14);
        }
        expect(logLoss(y, s, w)).toBeCloseTo(logLoss(yRep, sRep), 12);
        expect(brierScore(y, s, w)).toBeCloseTo(brierScore(yRep, sRep), 14);
      }),
    );
  });

  it('scaling every weight by a constant changes nothing', () => {
    fc.assert(
      fc.property(probabilityRows, fc.constantFrom(0.5, 3, 1e-3, 1e6), (r, c) => {
        const { y, s, w } = columns(r);
        const scaled = w.map((v) => v * c);
        const a = binaryReport(y, s, {}, w);
        const b = binaryReport(y, s, {}, scaled);
        for (const key of ['accuracy', 'f1', 'logLoss', 'brierScore', 'rocAuc'] as const) {
          if (Number.isNaN(a[key])) expect(b[key]).toBeNaN();
          else expect(b[key]).toBeCloseTo(a[key], 10);
        }
      }),
    );
  });

  it('f1 is the harmonic mean of precision and recall', () => {
    fc.assert(
      fc.property(probabilityRows, (r) => {
        const { y, s, w } = columns(r);
        const yPred = threshold(s);
        const p = precision(y, yPred, w);
        const q = recall(y, yPred, w);
        expect(f1Score(y, yPred, w)).toBeCloseTo(p + q > 0 ? (2 * p * q) / (p + q) : 0, 14);
      }),
    );
  });

  it('a perfect prediction scores 1 (and logLoss, brierScore 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1 }), (y) => {
        expect(accuracy(y, y)).toBe(1);
        expect(balancedAccuracy(y, y)).toBe(1);
        expect(brierScore(y, y)).toBe(0);
        expect(logLoss(y, y)).toBeLessThan(1e-14);
      }),
    );
  });
});
