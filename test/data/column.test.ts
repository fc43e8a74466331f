import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKey, isMissing, parseDecimal } from '../../src/data/column.js';

describe('parseDecimal', () => {
  it('reads decimal numbers as Number does', () => {
    for (const text of ['0', '-1', '+2', '.5', '-.5', '1.', '1e3', '2.5E-3', '007', '-0']) {
      expect(parseDecimal(text)).toBe(Number(text));
    }
  });

  it('rejects what Number accepts but a data file does not mean as a number', () => {
    for (const text of [
      '',
      ' ',
      'Infinity',
      '-Infinity',
      '0x1f',
      '0b1',
      '0o7',
      '1e400',
      'NaN',
      'abc',
      '1,5',
      '1 2',
    ]) {
      expect(parseDecimal(text)).toBeNaN();
    }
  });

  it('property: every finite double round-trips through its shortest text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseDecimal(String(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('cellKey and isMissing', () => {
  it('writes numbers in shortest form and keeps text as is', () => {
    expect(cellKey('4.0')).toBe('4');
    expect(cellKey('1e2')).toBe('100');
    expect(cellKey('red')).toBe('red');
  });

  it('treats empty, NA, NaN, N/A, null, #N/A and ? as missing in any case, nothing else', () => {
    const missing = [
      '',
      'NA',
      'NaN',
      '?',
      'na',
      'nan',
      'NAN',
      'N/A',
      'n/a',
      'null',
      'NULL',
      '#N/A',
    ];
    expect(missing.every(isMissing)).toBe(true);
    expect(['0', 'none', 'None', 'nil', '-', 'NA1', 'inf'].some(isMissing)).toBe(false);
  });
});
