import { describe, expect, it } from 'vitest';
import { emptiestCorner } from '../../src/plot/emptiestCorner.js';
import type { Polyline } from '../../src/plot/geometry.js';

const area = { x: 0, y: 0, width: 400, height: 300 };
const size = { width: 80, height: 40 };

describe('emptiestCorner', () => {
  it('prefers the top-right corner when nothing is drawn', () => {
    expect(emptiestCorner(size, area, [])).toEqual({ x: 312, y: 8, width: 80, height: 40 });
  });

  it('avoids the corners a line runs through', () => {
    const rising: Polyline = [
      [0, 300],
      [400, 0],
    ];
    expect(emptiestCorner(size, area, [rising])).toMatchObject({ x: 8, y: 8 });
    // An ROC-like curve: up the left edge, then along the top.
    const roc: Polyline = [
      [0, 300],
      [5, 20],
      [400, 0],
    ];
    expect(emptiestCorner(size, area, [roc, rising])).toMatchObject({ x: 312, y: 252 });
  });

  it('counts lone points', () => {
    expect(emptiestCorner(size, area, [[[350, 20]]])).toMatchObject({ x: 8, y: 8 });
  });

  it('never overlaps a box to avoid while a free corner exists', () => {
    const label = { x: 300, y: 0, width: 100, height: 20 };
    expect(emptiestCorner(size, area, [], [label])).toMatchObject({ x: 8, y: 8 });
  });
});
