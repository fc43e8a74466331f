import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import { takeRows, takeValues } from '../../src/selection/takeRows.js';

describe('takeRows', () => {
  const rows = Object.freeze([
    Object.freeze([1, 2]),
    Object.freeze([3, 4]),
    Object.freeze([5, 6]),
  ]) as readonly (readonly number[])[];
  const matrix = { rows: 3, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6) };

  it('copies the indexed rows, in index order, repeats allowed', () => {
    for (const X of [rows, matrix]) {
      const out = takeRows(X, Int32Array.of(2, 0, 2));
      expect(out.rows).toBe(3);
      expect(out.cols).toBe(2);
      expect(Array.from(out.data)).toEqual([5, 6, 1, 2, 5, 6]);
    }
    expect(takeRows(matrix, []).rows).toBe(0);
  });

  it('does not modify or share its input', () => {
    const out = takeRows(matrix, [0, 1, 2]);
    expect(out.data).not.toBe(matrix.data);
    out.data[0] = 99;
    expect(matrix.data[0]).toBe(1);
  });

  it('rejects indices outside the rows, naming the position', () => {
    expect(() => takeRows(matrix, [0, 3])).toThrow(ValueError);
    expect(() => takeRows(matrix, [0, 3])).toThrow(
      'takeRows: index[1] must be an integer in [0, 3), got 3',
    );
    expect(() => takeRows(rows, [0.5])).toThrow(ValueError);
    expect(() => takeRows('x' as never, [0])).toThrow(ShapeError);
  });
});

describe('takeValues', () => {
  it('takes labels as an array and weights as a Float64Array', () => {
    const labels = Object.freeze(['a', 'b', 'c']);
    expect(takeValues(labels, [2, 1])).toEqual(['c', 'b']);
    const w = takeValues(Float64Array.of(0.5, 1, 2), Int32Array.of(2, 2, 0));
    expect(w).toBeInstanceOf(Float64Array);
    expect(Array.from(w)).toEqual([2, 2, 0.5]);
  });

  it('rejects bad indices and non-arrays', () => {
    expect(() => takeValues([1, 2], [-1])).toThrow(ValueError);
    expect(() => takeValues({} as never, [0])).toThrow(ShapeError);
  });
});
