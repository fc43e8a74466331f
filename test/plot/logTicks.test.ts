import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { formatLogTickLabels } from '../../src/plot/formatNumber.js';
import { logMinorTicks, logTicks, niceLogDomain } from '../../src/plot/logTicks.js';

const isPowerOfTen = (value: number): boolean => {
  const k = Math.round(Math.log10(value));
  return value === Number(`1e${k}`);
};

describe('logTicks', () => {
  it('returns the powers of ten inside the range', () => {
    expect(logTicks(0.002, 150)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(logTicks(1, 1000)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(0.001, 0.001)).toEqual([0.001]);
    expect(logTicks(2, 9)).toEqual([]);
  });

  it('counts 10 ** -4 (0.00009999999999999999) as 10⁻⁴', () => {
    expect(logTicks(10 ** -4, 10 ** 2)).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100]);
  });

  it('keeps every s-th decade, aligned on 10⁰, when more than eight decades would be labelled', () => {
    expect(logTicks(1e-12, 1)).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]);
    expect(logTicks(1e-300, 1e300)).toEqual([1e-300, 1e-200, 1e-100, 1, 1e100, 1e200, 1e300]);
  });

  it('returns only exact powers of ten, ascending, at most eight of them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        (a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const ticks = logTicks(min, max);
          expect(ticks.length).toBeLessThanOrEqual(8);
          ticks.forEach((tick, i) => {
            expect(isPowerOfTen(tick)).toBe(true);
            expect(tick).toBeGreaterThanOrEqual(min * (1 - 1e-9));
            expect(tick).toBeLessThanOrEqual(max * (1 + 1e-9));
            if (i > 0) expect(tick).toBeGreaterThan(ticks[i - 1] as number);
          });
        },
      ),
    );
  });

  it('rejects bounds that are not finite and positive', () => {
    expect(() => logTicks(0, 1)).toThrow(ValueError);
    expect(() => logTicks(-1, 1)).toThrow(/finite positive bounds/);
    expect(() => logTicks(1, Infinity)).toThrow(ValueError);
    expect(() => logTicks(10, 1)).toThrow(/must not exceed/);
  });
});

describe('niceLogDomain', () => {
  it('widens the range to whole decades', () => {
    expect(niceLogDomain(0.003, 42)).toEqual([0.001, 100]);
    expect(niceLogDomain(1e-4, 100)).toEqual([1e-4, 100]);
    expect(niceLogDomain(10 ** -4, 10 ** 2)).toEqual([1e-4, 100]);
    expect(niceLogDomain(2, 3)).toEqual([1, 10]);
  });

  it('widens to a multiple of the label stride when not every decade is labelled', () => {
    expect(niceLogDomain(2e-8, 10)).toEqual([1e-8, 100]);
    expect(logTicks(1e-8, 100)).toEqual([1e-8, 1e-6, 1e-4, 1e-2, 1, 100]);
    expect(niceLogDomain(1e-7, 1e8)).toEqual([1e-9, 1e9]);
    expect(niceLogDomain(1e-320, 1e300)).toEqual([1e-323, 1e300]);
  });

  it('widens a single power of ten by a decade each side', () => {
    expect(niceLogDomain(100, 100)).toEqual([10, 1000]);
  });

  it('contains the range, and starts and ends on a tick', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
        fc.double({ min: 1, max: 1e50, noNaN: true }),
        (min, factor) => {
          const max = Math.min(min * factor, 1e250);
          const [lo, hi] = niceLogDomain(min, max);
          expect(isPowerOfTen(lo) && isPowerOfTen(hi)).toBe(true);
          expect(lo).toBeLessThanOrEqual(min * (1 + 1e-9));
          expect(hi).toBeGreaterThanOrEqual(max * (1 - 1e-9));
          const ticks = logTicks(lo, hi);
          expect(ticks[0]).toBe(lo);
          expect(ticks[ticks.length - 1]).toBe(hi);
        },
      ),
    );
  });
});

describe('logMinorTicks', () => {
  it('marks 2…9 × 10^k inside the range', () => {
    expect(logMinorTicks(1, 10)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(logMinorTicks(0.05, 0.3)).toEqual([0.05, 0.06, 0.07, 0.08, 0.09, 0.2, 0.3]);
  });

  it('leaves them out beyond six decades', () => {
    expect(logMinorTicks(1e-8, 1)).toEqual([]);
  });
});

describe('formatLogTickLabels', () => {
  it('writes plain decimals from 0.001 to 10000', () => {
    expect(formatLogTickLabels([0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000])).toEqual([
      '0.001',
      '0.01',
      '0.1',
      '1',
      '10',
      '100',
      '1000',
      '10000',
    ]);
  });

  it('writes superscript powers for all ticks once one falls outside that range', () => {
    expect(formatLogTickLabels([1e-6, 1e-3, 1, 1e3])).toEqual(['10⁻⁶', '10⁻³', '10⁰', '10³']);
    expect(formatLogTickLabels([1, 1e5])).toEqual(['10⁰', '10⁵']);
  });
});
