import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  precision,
  precisionRecallCurve,
  recall,
  rocAuc,
  rocCurve,
} from '../../src/metrics/index.js';
import { columns, rowsWithBothClasses, rowsWithPositives } from './arbitraries.js';
import { expectAllClose, repeatRows, threshold } from './expectClose.js';
import { medium, small } from './sklearnReference.js';

const y4 = [0, 0, 1, 1];
const s4 = [0.1, 0.4, 0.35, 0.8];

describe('rocCurve', () => {
  it('has a point per distinct score after (0, 0) at +Infinity (hand-computed)', () => {
    const { fpr, tpr, thresholds } = rocCurve(y4, s4);
    expect(Array.from(fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('draws one diagonal step for tied scores', () => {
    const { fpr, tpr, thresholds } = rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.9, 0.5, 0.2]);
    expect(Array.from(fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(tpr)).toEqual([0, 0.5, 1, 1]);
  });

  it('ignores the scores of rows with weight 0, as scikit-learn ≥ 1.0', () => {
    const { thresholds } = rocCurve([0, 1, 1], [0.1, 0.5, 0.7], [1, 1, 0]);
    expect(Array.from(thresholds)).toEqual([Infinity, 0.5, 0.1]);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    for (const weighted of [false, true]) {
      const ref = (weighted ? data.weighted : data.unweighted).rocCurve;
      it(`matches scikit-learn roc_curve(drop_intermediate=False) on ${name}, ${weighted ? 'weighted' : 'unweighted'}`, () => {
        const curve = rocCurve(data.y, data.p, weighted ? data.w : undefined);
        expectAllClose(curve.fpr, ref.fpr, 1e-15);
        expectAllClose(curve.tpr, ref.tpr, 1e-15);
        expect(curve.thresholds[0]).toBe(Infinity);
        expect(Array.from(curve.thresholds.subarray(1))).toEqual(ref.thresholdsAfterFirst);
      });
    }
  }

  it('runs from (0, 0) to (1, 1), non-decreasing, with decreasing thresholds', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        const { y, s, w } = columns(r);
        const { fpr, tpr, thresholds } = rocCurve(y, s, w);
        const m = fpr.length;
        expect([fpr[0], tpr[0], fpr[m - 1], tpr[m - 1]]).toEqual([0, 0, 1, 1]);
        for (let k = 1; k < m; k++) {
          expect(fpr[k]).toBeGreaterThanOrEqual(fpr[k - 1]!);
          expect(tpr[k]).toBeGreaterThanOrEqual(tpr[k - 1]!);
          expect(thresholds[k]).toBeLessThan(thresholds[k - 1]!);
        }
      }),
    );
  });

  it('with integer weights equals the curve of the repeated rows', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        const { y, s, w } = columns(r);
        const weighted = rocCurve(y, s, w);
        const repeated = rocCurve(repeatRows(y, w), repeatRows(s, w));
        expect(weighted).toEqual(repeated);
      }),
    );
  });
});

describe('rocAuc', () => {
  it('is the trapezoid area under the curve (hand-computed)', () => {
    expect(rocAuc(y4, s4)).toBe(0.75);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1], [1, 2, 3])).toBe(1);
    expect(rocAuc([0, 0, 1], [3, 2, 1])).toBe(0);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    it(`matches scikit-learn roc_auc_score on ${name} (ties, weights with zeros)`, () => {
      expect(rocAuc(data.y, data.p)).toBeCloseTo(data.unweighted.rocAuc, 14);
      expect(rocAuc(data.y, data.p, data.w)).toBeCloseTo(data.weighted.rocAuc, 14);
    });
  }

  it('equals the weighted Mann–Whitney probability P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        let wins = 0;
        let pairs = 0;
        for (const a of r) {
          if (a.y !== 1) continue;
          for (const b of r) {
            if (b.y !== 0) continue;
            const ww = a.w * b.w;
            pairs += ww;
            wins += a.s > b.s ? ww : a.s === b.s ? ww / 2 : 0;
          }
        }
        const { y, s, w } = columns(r);
        expect(rocAuc(y, s, w)).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });

  it('of reversed scores is 1 − AUC (ties included)', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        const { y, s, w } = columns(r);
        const reversed = s.map((v) => -v);
        expect(rocAuc(y, reversed, w)).toBeCloseTo(1 - rocAuc(y, s, w), 12);
      }),
    );
  });

  it('is unchanged by strictly increasing transforms of the scores', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        const { y, s, w } = columns(r);
        const auc = rocAuc(y, s, w);
        expect(
          rocAuc(
            y,
            s.map((v) => v ** 3 + 5 * v),
            w,
          ),
        ).toBe(auc);
        expect(
          rocAuc(
            y,
            s.map((v) => 1 / (1 + Math.exp(-v / 3))),
            w,
          ),
        ).toBe(auc);
      }),
    );
  });

  it('lies in [0, 1] and equals that of the repeated rows for integer weights', () => {
    fc.assert(
      fc.property(rowsWithBothClasses, (r) => {
        const { y, s, w } = columns(r);
        const auc = rocAuc(y, s, w);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        expect(rocAuc(repeatRows(y, w), repeatRows(s, w))).toBeCloseTo(auc, 12);
      }),
    );
  });
});

describe('precisionRecallCurve', () => {
  it('lists thresholds increasing and ends at (recall 0, precision 1) (hand-computed)', () => {
    const { precision: p, recall: r, thresholds } = precisionRecallCurve(y4, s4);
    expectAllClose(p, [0.5, 2 / 3, 0.5, 1, 1], 0);
    expect(Array.from(r)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    for (const weighted of [false, true]) {
      const ref = (weighted ? data.weighted : data.unweighted).precisionRecallCurve;
      it(`matches scikit-learn precision_recall_curve on ${name}, ${weighted ? 'weighted' : 'unweighted'}`, () => {
        const curve = precisionRecallCurve(data.y, data.p, weighted ? data.w : undefined);
        expectAllClose(curve.precision, ref.precision, 1e-15);
        expectAllClose(curve.recall, ref.recall, 1e-15);
        expect(Array.from(curve.thresholds)).toEqual(ref.thresholds);
      });
    }
  }

  it('agrees with precision() and recall() of the rule score ≥ threshold', () => {
    fc.assert(
      fc.property(rowsWithPositives, (r) => {
        const { y, s, w } = columns(r);
        const curve = precisionRecallCurve(y, s, w);
        curve.thresholds.forEach((t, k) => {
          const yPred = threshold(s, t);
          expect(curve.precision[k]).toBeCloseTo(precision(y, yPred, w), 12);
          expect(curve.recall[k]).toBeCloseTo(recall(y, yPred, w), 12);
        });
      }),
    );
  });
});

describe('averagePrecision', () => {
  it('sums precision at each recall step (hand-computed)', () => {
    expect(averagePrecision(y4, s4)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
  });

  it('is the (weighted) share of positives for a constant score', () => {
    expect(averagePrecision([0, 1, 1, 0, 0], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.4);
    expect(averagePrecision([0, 1], [0.3, 0.3], [3, 1])).toBe(0.25);
  });

  for (const [name, data] of [
    ['small', small],
    ['medium', medium],
  ] as const) {
    it(`matches scikit-learn average_precision_score on ${name} (ties, weights with zeros)`, () => {
      expect(averagePrecision(data.y, data.p)).toBeCloseTo(data.unweighted.averagePrecision, 14);
      expect(averagePrecision(data.y, data.p, data.w)).toBeCloseTo(
        data.weighted.averagePrecision,
        14,
      );
    });
  }

  it('lies in [0, 1], is unchanged by monotone transforms, equals repeated rows for integer weights', () => {
    fc.assert(
      fc.property(rowsWithPositives, (r) => {
        const { y, s, w } = columns(r);
        const ap = averagePrecision(y, s, w);
        expect(ap).toBeGreaterThanOrEqual(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-15);
        expect(
          averagePrecision(
            y,
            s.map((v) => Math.exp(v)),
            w,
          ),
        ).toBe(ap);
        expect(averagePrecision(repeatRows(y, w), repeatRows(s, w))).toBeCloseTo(ap, 12);
      }),
    );
  });

  it('is 1 when every positive outranks every negative', () => {
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.2, 0.8, 0.1])).toBe(1);
  });
});
