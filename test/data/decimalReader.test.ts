import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalReader } from '../../src/data/decimalReader.js';

const bytes = (text: string): Uint8Array => Buffer.from(`${text} `, 'latin1');

describe('DecimalReader', () => {
  it('reads what Number() reads, correctly rounded, and stops after the number', () => {
    const reader = new DecimalReader();
    for (const text of [
      '0',
      '-0.5',
      '+7',
      '.25',
      '3.',
      '1e-7',
      '2.5E+10',
      '0.1',
      '9007199254740993',
      '1e-320',
    ]) {
      expect(Object.is(reader.read(bytes(text), 0), Number(text))).toBe(true);
      expect(reader.end).toBe(text.length);
    }
  });

  it('equals Number() on the shortest form of any finite double (property)', () => {
    const reader = new DecimalReader();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        expect(reader.read(bytes(text), 0)).toBe(Number(text));
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('gives NaN for text that is not a number, or not finite', () => {
    const reader = new DecimalReader();
    for (const text of ['', '.', '-', 'e5', '1e', '1e+', 'abc', '1e400']) {
      expect(reader.read(bytes(text), 0)).toBeNaN();
    }
  });
});
