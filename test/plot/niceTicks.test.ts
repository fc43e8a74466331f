import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import { formatTickLabels } from '../../src/plot/formatNumber.js';
import { niceDomain, niceTicks, tickStep } from '../../src/plot/niceTicks.js';
import { parseTickLabel } from './svgText.js';

describe('niceTicks', () => {
  it('puts ticks at multiples of 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(0, 0.93, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 99, 5)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(-3.2, 41, 4)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0.31, 0.69, 5)).toEqual([0.4, 0.5, 0.6]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0.55, 0.9, 7)).toEqual([0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]);
  });

  it('returns the decimals the labels show, not accumulated rounding (0.6, not 0.6000000000000001)', () => {
    expect(niceTicks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceTicks(1e-9, 5e-9, 4)).toEqual([1e-9, 2e-9, 3e-9, 4e-9, 5e-9]);
    expect(niceTicks(0, 3e7, 3)).toEqual([0, 1e7, 2e7, 3e7]);
  });

  it('returns the single value of a zero-width range', () => {
    expect(niceTicks(2.5, 2.5, 5)).toEqual([2.5]);
  });

  it('rejects non-finite or reversed bounds and bad counts', () => {
    expect(() => niceTicks(NaN, 1)).toThrow(ValueError);
    expect(() => niceTicks(0, Infinity)).toThrow(ValueError);
    expect(() => niceTicks(1, 0)).toThrow(/min \(1\) must not exceed max \(0\)/);
    expect(() => niceTicks(0, 1, 0)).toThrow(OptionError);
    expect(() => niceTicks(0, 1, 2.5)).toThrow(OptionError);
  });

  const ranges = fc
    .tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
    )
    .map(([min, span, count]) => ({ min, max: min + span, count }))
    .filter(({ min, max }) => max > min);

  it('gives evenly spaced ticks inside [min, max], with a 1-2-5 step near span / count', () => {
    fc.assert(
      fc.property(ranges, ({ min, max, count }) => {
        const ticks = niceTicks(min, max, count);
        const step = tickStep(min, max, count);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9 * m)).toBe(true);
        const ratio = step / ((max - min) / count);
        expect(ratio).toBeGreaterThan(0.6);
        expect(ratio).toBeLessThan(1.6);
        // Inside up to rounding noise: 0.30000000000000004 still gets the tick 0.3.
        const noise = 1e-11 * Math.max(Math.abs(min), Math.abs(max), step);
        for (const [i, tick] of ticks.entries()) {
          expect(tick).toBeGreaterThanOrEqual(min - noise);
          expect(tick).toBeLessThanOrEqual(max + noise);
          const index = tick / step;
          expect(Math.abs(index - Math.round(index))).toBeLessThan(1e-9 + 1e-12 * Math.abs(index));
          if (i > 0) expect(tick - (ticks[i - 1] as number)).toBeCloseTo(step, 6);
        }
        // No multiple of the step inside the range is missed.
        expect(ticks.length).toBeGreaterThanOrEqual(Math.floor((max - min) / step));
      }),
    );
  });

  it('labels every tick exactly: the label parses back to the tick', () => {
    fc.assert(
      fc.property(ranges, ({ min, max, count }) => {
        const ticks = niceTicks(min, max, count);
        const labels = formatTickLabels(ticks);
        labels.forEach((label, i) => {
          expect(parseTickLabel(label)).toBe(ticks[i]);
        });
      }),
    );
  });
});

describe('niceDomain', () => {
  it('widens the range outwards to the neighbouring ticks', () => {
    expect(niceDomain(0, 0.93, 5)).toEqual([0, 1]);
    expect(niceDomain(0, 99, 5)).toEqual([0, 100]);
    expect(niceDomain(0.31, 0.69, 5)).toEqual([0.3, 0.7]);
    expect(niceDomain(-0.013, 0.021, 5)).toEqual([-0.02, 0.03]);
    expect(niceDomain(3, 3, 5)).toEqual([3, 3]);
  });

  it('snaps bounds within rounding noise of a tick to the tick', () => {
    expect(niceDomain(0.1 + 0.2, 0.7, 5)).toEqual([0.3, 0.7]);
    expect(niceTicks(0.1 + 0.2, 0.7, 5)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('contains the range (up to rounding noise) and starts and ends on a tick', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        (min, span, count) => {
          const max = min + span;
          fc.pre(max > min);
          const [lo, hi] = niceDomain(min, max, count);
          const noise = 1e-11 * Math.max(Math.abs(min), Math.abs(max), span);
          expect(lo).toBeLessThanOrEqual(min + noise);
          expect(hi).toBeGreaterThanOrEqual(max - noise);
          const ticks = niceTicks(lo, hi, count);
          expect(ticks[0]).toBe(lo);
          expect(ticks[ticks.length - 1]).toBe(hi);
        },
      ),
    );
  });
});
