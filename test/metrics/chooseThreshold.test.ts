import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import { chooseThreshold, f1Score, recall, rocCurve } from '../../src/metrics/index.js';
import { columns, probabilityRows } from './arbitraries.js';
import { threshold } from './expectClose.js';
import { medium } from './sklearnReference.js';

const y = [0, 0, 1, 1];
const p = [0.1, 0.4, 0.35, 0.8];

/** Youden's J of the rule p ≥ t, by counting. */
function youden(yy: number[], pp: number[], ww: number[], t: number): number {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  let neg = 0;
  yy.forEach((label, i) => {
    const hit = pp[i]! >= t;
    if (label === 1) {
      pos += ww[i]!;
      if (hit) tp += ww[i]!;
    } else {
      neg += ww[i]!;
      if (hit) fp += ww[i]!;
    }
  });
  return tp / pos - fp / neg;
}

const withPositives = probabilityRows.filter((r) => r.some((x) => x.y === 1 && x.w > 0));
const withBoth = withPositives.filter((r) => r.some((x) => x.y === 0 && x.w > 0));

describe('chooseThreshold', () => {
  it('finds the F1-maximizing threshold (hand-computed)', () => {
    // Thresholds 0.8, 0.4, 0.35, 0.1 give F1 = 2/3, 1/2, 4/5, 2/3.
    expect(chooseThreshold(y, p, { criterion: 'f1' })).toEqual({ threshold: 0.35, value: 0.8 });
  });

  it('breaks ties toward the highest threshold', () => {
    // J = 0.5 at both 0.8 and 0.35.
    expect(chooseThreshold(y, p, { criterion: 'youden' })).toEqual({ threshold: 0.8, value: 0.5 });
  });

  it('finds the highest threshold reaching the target recall', () => {
    expect(chooseThreshold(y, p, { criterion: 'recall', targetRecall: 1 })).toEqual({
      threshold: 0.35,
      value: 1,
    });
    expect(chooseThreshold(y, p, { criterion: 'recall', targetRecall: 0.5 })).toEqual({
      threshold: 0.8,
      value: 0.5,
    });
    expect(chooseThreshold(y, p, { criterion: 'recall', targetRecall: 0.51 }).threshold).toBe(0.35);
  });

  it('f1: the value is f1Score of the rule p ≥ threshold, and no candidate does better', () => {
    fc.assert(
      fc.property(withPositives, (r) => {
        const { y: yy, s, w } = columns(r);
        const { threshold: t, value } = chooseThreshold(yy, s, { criterion: 'f1' }, w);
        expect(value).toBeCloseTo(f1Score(yy, threshold(s, t), w), 14);
        for (const c of s) {
          const f = f1Score(yy, threshold(s, c), w);
          expect(f).toBeLessThanOrEqual(value + 1e-14);
          if (c > t) expect(f).toBeLessThan(value - 1e-14);
        }
      }),
    );
  });

  it('youden: the value is TPR − FPR at the threshold, the maximum over the ROC curve', () => {
    fc.assert(
      fc.property(withBoth, (r) => {
        const { y: yy, s, w } = columns(r);
        const { threshold: t, value } = chooseThreshold(yy, s, { criterion: 'youden' }, w);
        expect(value).toBeCloseTo(youden(yy, s, w, t), 14);
        const { fpr, tpr } = rocCurve(yy, s, w);
        const best = Math.max(...Array.from(tpr, (v, k) => v - fpr[k]!));
        expect(value).toBeCloseTo(best, 14);
      }),
    );
  });

  it('recall: reaches the target, and the next higher candidate does not', () => {
    fc.assert(
      fc.property(withPositives, fc.integer({ min: 1, max: 100 }), (r, pct) => {
        const { y: yy, s, w } = columns(r);
        const target = pct / 100;
        const { threshold: t, value } = chooseThreshold(
          yy,
          s,
          { criterion: 'recall', targetRecall: target },
          w,
        );
        expect(value).toBeCloseTo(recall(yy, threshold(s, t), w), 14);
        expect(value).toBeGreaterThanOrEqual(target - 1e-12);
        const higher = s.filter((c, i) => c > t && w[i]! > 0);
        if (higher.length > 0) {
          const next = Math.min(...higher);
          expect(recall(yy, threshold(s, next), w)).toBeLessThan(target);
        }
      }),
    );
  });

  it('tunes the medium reference set with weights', () => {
    const f1 = chooseThreshold(medium.y, medium.p, { criterion: 'f1' }, medium.w);
    expect(medium.p).toContain(f1.threshold);
    expect(f1.value).toBeCloseTo(
      f1Score(medium.y, threshold(medium.p, f1.threshold), medium.w),
      15,
    );
  });

  it('rejects bad options and undefined criteria with typed errors', () => {
    expect(() => chooseThreshold(y, p, { criterion: 'recall' })).toThrow(OptionError);
    expect(() => chooseThreshold(y, p, { criterion: 'recall', targetRecall: 0 })).toThrow(
      /targetRecall must be a number in \(0, 1\]/,
    );
    expect(() => chooseThreshold(y, p, { criterion: 'f1', targetRecall: 0.9 })).toThrow(
      /targetRecall applies only to criterion "recall"/,
    );
    // @ts-expect-error: an unknown criterion, as from JavaScript
    expect(() => chooseThreshold(y, p, { criterion: 'accuracy' })).toThrow(OptionError);
    expect(() => chooseThreshold([0, 0], [0.2, 0.3], { criterion: 'f1' })).toThrow(ValueError);
    expect(() => chooseThreshold([1, 1], [0.2, 0.3], { criterion: 'youden' })).toThrow(
      /chooseThreshold: yTrue has no negative rows/,
    );
    expect(chooseThreshold([1, 1], [0.2, 0.3], { criterion: 'f1' })).toEqual({
      threshold: 0.2,
      value: 1,
    });
  });
});
