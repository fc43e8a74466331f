import { describe, expect, it } from 'vitest';
import { rowKey } from '../../src/data/column.js';
import { columnFromValues } from '../../src/data/columnFromValues.js';

describe('columnFromValues on numeric chunks', () => {
  it('one Float64Array is the numbers themselves; several are joined in order', () => {
    const one = new Float64Array([1.5, -2, 3]);
    expect(columnFromValues('f', 'x', [one]).numbers).toBe(one);
    const joined = columnFromValues('f', 'x', [
      one,
      new Int32Array([4, 5]),
      new Float32Array([0.5]),
    ]);
    expect(Array.from(joined.numbers)).toEqual([1.5, -2, 3, 4, 5, 0.5]);
    expect(joined.missingRows).toEqual([]);
    expect(joined.text).toBeUndefined();
  });

  it('NaN is missing, in every chunk; ±Infinity is a text cell', () => {
    const column = columnFromValues('f', 'x', [
      new Float64Array([1, NaN]),
      new Float64Array([NaN, 4, Infinity, -Infinity]),
    ]);
    expect(column.missingRows).toEqual([1, 2]);
    expect(Array.from(column.numbers.subarray(0, 4))).toEqual([1, NaN, NaN, 4]);
    expect([4, 5].map((row) => rowKey(column, row))).toEqual(['Infinity', '-Infinity']);
  });

  it('a column of NaN only is numeric and all missing', () => {
    const column = columnFromValues('f', 'x', [
      new Float64Array([NaN, NaN]),
      new Float64Array([NaN]),
    ]);
    expect(column.missingRows).toEqual([0, 1, 2]);
    expect(column.text).toBeUndefined();
  });
});
