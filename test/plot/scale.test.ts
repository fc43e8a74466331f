import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { linearScale, logScale } from '../../src/plot/scale.js';

describe('linearScale', () => {
  it('maps the domain ends to the range ends and is affine between', () => {
    const x = linearScale([0, 1], [50, 550]);
    expect(x(0)).toBe(50);
    expect(x(1)).toBe(550);
    expect(x(0.5)).toBe(300);
    expect(x(2)).toBe(1050);
  });

  it('supports a reversed range (SVG y grows downwards)', () => {
    const y = linearScale([-1, 1], [400, 40]);
    expect(y(-1)).toBe(400);
    expect(y(1)).toBe(40);
    expect(y(0)).toBe(220);
  });

  it('maps everything to the middle of the range for a zero-width domain', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('preserves order and ratios of differences', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d0, span, t) => {
          const scale = linearScale([d0, d0 + span], [10, 610]);
          expect(scale(d0 + t * span)).toBeCloseTo(10 + 600 * t, 6);
        },
      ),
    );
  });

  it('rejects non-finite bounds', () => {
    expect(() => linearScale([0, NaN], [0, 1])).toThrow(ValueError);
  });
});

describe('logScale', () => {
  it('gives every decade the same length', () => {
    const x = logScale([0.01, 100], [0, 400]);
    expect(x(0.01)).toBe(0);
    expect(x(0.1)).toBeCloseTo(100, 10);
    expect(x(1)).toBeCloseTo(200, 10);
    expect(x(10)).toBeCloseTo(300, 10);
    expect(x(100)).toBeCloseTo(400, 10);
    expect(x(Math.sqrt(10))).toBeCloseTo(250, 10);
  });

  it('maps values ≤ 0 to non-finite coordinates, which charts skip', () => {
    const x = logScale([1, 10], [0, 100]);
    expect(Number.isFinite(x(0))).toBe(false);
    expect(Number.isFinite(x(-1))).toBe(false);
  });

  it('rejects a domain that is not positive', () => {
    expect(() => logScale([0, 10], [0, 1])).toThrow(ValueError);
    expect(() => logScale([-1, 10], [0, 1])).toThrow(/finite and positive/);
  });
});
