import { describe, expect, it } from 'vitest';
import { formatNumber, formatTickLabels } from '../../src/plot/formatNumber.js';

describe('formatNumber', () => {
  it('keeps three significant digits without trailing zeros', () => {
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(12345.6)).toBe('12300');
    expect(formatNumber(0.30517578125, 4)).toBe('0.3052');
  });

  it('switches to e-notation below 1e-4 and from 1e6, with a typographic minus', () => {
    expect(formatNumber(1e-7)).toBe('1e\u22127');
    expect(formatNumber(2.5e8)).toBe('2.5e8');
    expect(formatNumber(-0.5)).toBe('\u22120.5');
  });

  it('never prints NaN or Infinity', () => {
    expect(formatNumber(NaN)).toBe('n/a');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('\u2212∞');
  });
});

describe('formatTickLabels', () => {
  it('gives all labels the decimals of the finest tick', () => {
    expect(formatTickLabels([0, 0.2, 0.4, 0.6, 0.8, 1])).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
    ]);
    expect(formatTickLabels([0, 0.25, 0.5])).toEqual(['0.00', '0.25', '0.50']);
    expect(formatTickLabels([0, 20, 40])).toEqual(['0', '20', '40']);
  });

  it('writes negatives with U+2212 and never −0', () => {
    expect(formatTickLabels([-0.5, 0, 0.5])).toEqual(['\u22120.5', '0.0', '0.5']);
    expect(formatTickLabels([-0, 1])).toEqual(['0', '1']);
  });

  it('uses e-notation for huge ticks and ticks needing more than four decimals', () => {
    expect(formatTickLabels([0, 1e7, 2e7])).toEqual(['0', '1e7', '2e7']);
    expect(formatTickLabels([0, 2e-6, 4e-6])).toEqual(['0', '2e\u22126', '4e\u22126']);
    expect(formatTickLabels([0, 0.0005, 0.001])).toEqual(['0.0000', '0.0005', '0.0010']);
  });
});
