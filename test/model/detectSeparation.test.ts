import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { simplex } from '../../src/linalg/simplex.js';
import {
  detectSeparation,
  isSeparationCheckAffordable,
  maxSeparationCheckSize,
} from '../../src/model/detectSeparation.js';
import type { SeparationResult } from '../../src/model/detectSeparation.js';

/** Reads a numeric fixture with a header row; `label` names the 0/1 column. */
function loadCsv(name: string, label = 'y'): { X: Matrix; y: Float64Array } {
  const text = readFileSync(new URL(`../fixtures/${name}.csv`, import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const labelColumn = header.split(',').indexOf(label);
  const rows = lines.map((line) => line.split(',').map(Number));
  const cols = rows[0].length - 1;
  const X = new Float64Array(rows.length * cols);
  const y = new Float64Array(rows.length);
  rows.forEach((cells, i) => {
    let k = 0;
    cells.forEach((v, j) => {
      if (j === labelColumn) y[i] = v;
      else X[i * cols + k++] = v;
    });
  });
  return { X: { rows: rows.length, cols, data: X }, y };
}

const matrix = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
  data: Float64Array.from(rows.flat()),
});
const column = (values: number[]): Matrix => matrix(values.map((v) => [v]));
const labels = (values: number[]): Float64Array => Float64Array.from(values);

/** s_i x̃_iᵀd for every row: the margins of a direction (intercept last when fitIntercept). */
function margins(X: Matrix, y: Float64Array, fitIntercept: boolean, d: Float64Array): number[] {
  return Array.from({ length: X.rows }, (_, i) => {
    let z = fitIntercept ? d[X.cols] : 0;
    for (let j = 0; j < X.cols; j++) z += X.data[i * X.cols + j] * d[j];
    return y[i] === 1 ? z : -z;
  });
}

/** The indices where the direction is nonzero. */
const support = (d: Float64Array): number[] => Array.from(d.keys()).filter((j) => d[j] !== 0);

/** What every result must satisfy, whatever the data. */
function expectConsistent(
  r: SeparationResult,
  X: Matrix,
  y: Float64Array,
  fitIntercept: boolean,
): void {
  expect(r.direction).toHaveLength(X.cols + (fitIntercept ? 1 : 0));
  expect(support(r.direction)).toEqual(r.involved);
  if (r.kind === 'none') return;
  expect(Math.max(...r.direction.map(Math.abs))).toBe(1);
  const m = margins(X, y, fitIntercept, r.direction);
  expect(Math.min(...m)).toBeGreaterThanOrEqual(-1e-9);
  if (r.kind === 'complete') expect(Math.min(...m)).toBeGreaterThan(0);
  else expect(Math.max(...m)).toBeGreaterThan(0);
}

describe('detectSeparation: the shipped data sets', () => {
  it('breast cancer (569 × 30) is completely separable, and every coefficient diverges', () => {
    const { X, y } = loadCsv('breast_cancer');
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('complete');
    expect(r.involved).toEqual(Array.from({ length: 31 }, (_, j) => j));
    expectConsistent(r, X, y, true);
  });

  it('pima (768 × 8) is not separable: the MLE exists', () => {
    const { X, y } = loadCsv('pima');
    const r = detectSeparation(X, y, true);
    expect(r).toEqual({ kind: 'none', involved: [], direction: new Float64Array(9) });
  });

  it('pima without an intercept is not separable either', () => {
    const { X, y } = loadCsv('pima');
    expect(detectSeparation(X, y, false).kind).toBe('none');
  });
});

describe('detectSeparation: hand-built cases', () => {
  it('x = 1, 2, 3, 4 with y = 0, 0, 1, 1 is complete; slope → +∞ and intercept → −∞ with −3 < c/b < −2', () => {
    // The cone is { (b, c) : 2b + c ≤ 0 ≤ 3b + c }: b > 0 and c ∈ (−3b, −2b), so both move.
    const X = column([1, 2, 3, 4]);
    const y = labels([0, 0, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('complete');
    expect(r.involved).toEqual([0, 1]);
    expect(r.direction[0]).toBeGreaterThan(0);
    expect(r.direction[1] / r.direction[0]).toBeGreaterThan(-3);
    expect(r.direction[1] / r.direction[0]).toBeLessThan(-2);
    expectConsistent(r, X, y, true);
  });

  it('without intercept, x = −2, −1, 1, 2 with y = 0, 0, 1, 1 is complete in the slope alone', () => {
    const X = column([-2, -1, 1, 2]);
    const y = labels([0, 0, 1, 1]);
    const r = detectSeparation(X, y, false);
    expect(r).toEqual({ kind: 'complete', involved: [0], direction: Float64Array.of(1) });
  });

  it('x = 0, 0, 1, 1, 2, 2 with y = 0, 0, 0, 1, 1, 1 is quasi-complete, tied at x = 1, along (1, −1)', () => {
    // The cone is { b·(1, −1) : b ≥ 0 }: the hyperplane x = 1 holds both points with x = 1.
    const X = column([0, 0, 1, 1, 2, 2]);
    const y = labels([0, 0, 0, 1, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('quasi-complete');
    expect(r.involved).toEqual([0, 1]);
    expect(Array.from(r.direction)).toEqual([expect.closeTo(1, 12), -1]);
    expectConsistent(r, X, y, true);
  });

  it('a dummy that is 1 only for y = 1 is quasi-complete in the dummy alone (the intercept stays finite)', () => {
    // The rows with x = 0 overlap, so they pin the intercept: V = span(e_x).
    const X = column([0, 0, 0, 0, 1, 1]);
    const y = labels([0, 1, 0, 1, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r).toEqual({ kind: 'quasi-complete', involved: [0], direction: Float64Array.of(1, 0) });
  });

  it('without intercept, a tie on x1 = 0 that x2 cannot break is quasi-complete in x1 alone', () => {
    const X = matrix([
      [-1, 0.5],
      [0, 1],
      [0, 2],
      [1, -0.3],
    ]);
    const y = labels([0, 0, 1, 1]);
    const r = detectSeparation(X, y, false);
    expect(r).toEqual({ kind: 'quasi-complete', involved: [0], direction: Float64Array.of(1, 0) });
  });

  it('x = 1, 2, 3, 4 with y = 0, 1, 0, 1 overlaps: none', () => {
    const r = detectSeparation(column([1, 2, 3, 4]), labels([0, 1, 0, 1]), true);
    expect(r).toEqual({ kind: 'none', involved: [], direction: new Float64Array(2) });
  });

  it('a single class is complete: for x = −1, 0, 1 every (b, c) with c > |b| separates', () => {
    const X = column([-1, 0, 1]);
    const y = labels([1, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('complete');
    expect(r.involved).toEqual([0, 1]);
    expect(r.direction[1]).toBeGreaterThan(Math.abs(r.direction[0]));
    expectConsistent(r, X, y, true);
  });

  it('no rows (or only rows of weight 0): nothing to separate', () => {
    expect(
      detectSeparation({ rows: 0, cols: 2, data: new Float64Array() }, labels([]), true).kind,
    ).toBe('none');
    const r = detectSeparation(column([1, 2]), labels([0, 1]), true, Float64Array.of(0, 0));
    expect(r.kind).toBe('none');
  });
});

describe('detectSeparation: aliasing and weights', () => {
  it('an all-zero column is never involved', () => {
    const X = matrix([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    const y = labels([0, 0, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('complete');
    expect(r.involved).toEqual([0, 2]);
    expectConsistent(r, X, y, true);
  });

  it('a constant column, aliased with the intercept, is not reported under quasi-complete separation', () => {
    const X = matrix([0, 0, 0, 0, 1, 1].map((x) => [x, 3]));
    const y = labels([0, 1, 0, 1, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r).toEqual({
      kind: 'quasi-complete',
      involved: [0],
      direction: Float64Array.of(1, 0, 0),
    });
  });

  it('a duplicated separating column: both copies move, by equal amounts', () => {
    const x = [0, 0, 1, 1, 2, 2];
    const X = matrix(x.map((v) => [v, v]));
    const y = labels([0, 0, 0, 1, 1, 1]);
    const r = detectSeparation(X, y, true);
    expect(r.kind).toBe('quasi-complete');
    expect(r.involved).toEqual([0, 1, 2]);
    expect(Array.from(r.direction)).toEqual([0.5, 0.5, -1].map((v) => expect.closeTo(v, 12)));
  });

  it('rows of weight 0 are ignored: dropping the overlapping rows leaves complete separation', () => {
    const X = column([1, 2, 3, 4]);
    const y = labels([0, 1, 0, 1]);
    expect(detectSeparation(X, y, true).kind).toBe('none');
    expect(detectSeparation(X, y, true, Float64Array.of(1, 0, 0, 1)).kind).toBe('complete');
    expect(detectSeparation(X, y, true, Float64Array.of(2, 0.5, 1, 3)).kind).toBe('none');
  });
});

describe('detectSeparation: checks at the boundary', () => {
  const X = column([1, 2, 3]);
  it('rejects mismatched lengths', () => {
    expect(() => detectSeparation(X, labels([0, 1]), true)).toThrow(ShapeError);
    expect(() => detectSeparation(X, labels([0, 1]), true)).toThrow(
      'detectSeparation: y has 2 entries, but X has 3 rows',
    );
    expect(() => detectSeparation(X, labels([0, 1, 0]), true, Float64Array.of(1))).toThrow(
      ShapeError,
    );
  });

  it('rejects labels other than 0/1, non-finite features and negative weights', () => {
    expect(() => detectSeparation(X, labels([0, 2, 1]), true)).toThrow(
      new ValueError('detectSeparation: y[1] must be 0 or 1, got 2'),
    );
    expect(() => detectSeparation(column([1, NaN, 3]), labels([0, 1, 0]), true)).toThrow(
      ValueError,
    );
    expect(() => detectSeparation(X, labels([0, 1, 0]), true, Float64Array.of(1, -1, 1))).toThrow(
      ValueError,
    );
  });

  it('does not mutate its inputs', () => {
    const data = matrix([
      [1, 5],
      [2, -1],
      [3, 2],
      [4, 0],
    ]);
    const y = labels([0, 0, 1, 1]);
    const w = Float64Array.of(1, 2, 1, 1);
    const copies = [data.data, y, w].map((v) => Array.from(v));
    detectSeparation(data, y, true, w);
    expect([data.data, y, w].map((v) => Array.from(v))).toEqual(copies);
  });

  it('the size guard admits 5000 × 100 with an intercept and refuses 100 000 × 100', () => {
    expect(5000 * 101 * 101).toBeLessThanOrEqual(maxSeparationCheckSize);
    expect(isSeparationCheckAffordable(5000, 100, true)).toBe(true);
    expect(isSeparationCheckAffordable(100_000, 100, true)).toBe(false);
  });
});

/** Doubles in [min, max]; below 1e-6 in size they become 0 (subnormal data would be meaningless). */
const real = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));

/** Points in [−1, 1]^p whose labels come from a random hyperplane, pushed off it by a margin. */
const separable = fc
  .record({
    p: fc.integer({ min: 1, max: 6 }),
    n: fc.integer({ min: 2, max: 60 }),
    fitIntercept: fc.boolean(),
  })
  .chain(({ p, n, fitIntercept }) =>
    fc.record({
      p: fc.constant(p),
      fitIntercept: fc.constant(fitIntercept),
      w: fc.array(real(-1, 1), { minLength: p, maxLength: p }),
      b: real(-0.5, 0.5),
      points: fc.array(real(-1, 1), {
        minLength: n * p,
        maxLength: n * p,
      }),
      margin: real(0.01, 0.5),
    }),
  )
  .filter(({ w }) => w.some((v) => Math.abs(v) > 0.05));

/**
 * The coefficients that move along some direction of the cone { β : s_i x̃_iᵀβ ≥ 0 }, found the
 * slow way, as detectseparation's definition reads: two LPs per coefficient, max and min of β_j
 * over the cone within −1 ≤ β ≤ 1, in the primal standard form (β = β⁺ − β⁻ ≤ 1 with slacks),
 * an independent path through the simplex solver.
 */
function movingByLp(X: Matrix, y: Float64Array, fitIntercept: boolean): number[] {
  const d = X.cols + (fitIntercept ? 1 : 0);
  const n = X.rows;
  // Columns: β⁺ (d), β⁻ (d), margin slacks (n), box slacks (2d). Rows: n margins, 2d boxes.
  const N = 2 * d + n + 2 * d;
  const m = n + 2 * d;
  const A = new Float64Array(m * N);
  for (let i = 0; i < n; i++) {
    const s = y[i] === 1 ? 1 : -1;
    for (let j = 0; j < d; j++) {
      const x = j < X.cols ? X.data[i * X.cols + j] : 1;
      A[i * N + j] = s * x;
      A[i * N + d + j] = -s * x;
    }
    A[i * N + 2 * d + i] = -1;
  }
  for (let j = 0; j < 2 * d; j++) {
    A[(n + j) * N + j] = 1;
    A[(n + j) * N + 2 * d + n + j] = 1;
  }
  const b = new Float64Array(m).fill(1, n);
  const moving: number[] = [];
  for (let j = 0; j < d; j++) {
    const extremes = [1, -1].map((sign) => {
      const c = new Float64Array(N);
      c[j] = -sign;
      c[d + j] = sign;
      return -simplex({ A: { rows: m, cols: N, data: A }, b, c }).objective;
    });
    if (Math.max(...extremes) > 1e-9) moving.push(j);
  }
  return moving;
}

/** The rank of x̃ (with the intercept column when fitIntercept), by elimination. */
function rank(X: Matrix, fitIntercept: boolean): number {
  const d = X.cols + (fitIntercept ? 1 : 0);
  const rows = Array.from({ length: X.rows }, (_, i) =>
    Array.from({ length: d }, (_, j) => (j < X.cols ? X.data[i * X.cols + j] : 1)),
  );
  let r = 0;
  for (let j = 0; j < d && r < rows.length; j++) {
    const p = rows.findIndex((row, i) => i >= r && Math.abs(row[j]) > 1e-9);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    for (let i = r + 1; i < rows.length; i++) {
      const f = rows[i][j] / rows[r][j];
      for (let k = j; k < d; k++) rows[i][k] -= f * rows[r][k];
    }
    r++;
  }
  return r;
}

describe('detectSeparation: properties', () => {
  it('data labelled by a hyperplane with a margin are complete, and the direction separates them', () => {
    fc.assert(
      fc.property(separable, ({ p, fitIntercept, w, b, points, margin }) => {
        const n = points.length / p;
        const norm = Math.hypot(...w);
        const offset = fitIntercept ? b : 0;
        const data = Float64Array.from(points);
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let z = offset;
          for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
          const side = z >= 0 ? 1 : -1;
          // Move the point along w so that its distance to the hyperplane is at least `margin`.
          const shift = Math.max(0, margin - Math.abs(z) / norm) * side;
          for (let j = 0; j < p; j++) data[i * p + j] += (shift * w[j]) / norm;
          y[i] = side > 0 ? 1 : 0;
        }
        const X = { rows: n, cols: p, data };
        const r = detectSeparation(X, y, fitIntercept);
        expect(r.kind).toBe('complete');
        expectConsistent(r, X, y, fitIntercept);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('every row repeated with the opposite label leaves nothing separable', () => {
    fc.assert(
      fc.property(separable, ({ p, fitIntercept, points }) => {
        const n = points.length / p;
        const X = { rows: 2 * n, cols: p, data: Float64Array.from([...points, ...points]) };
        const y = Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? 1 : 0));
        expect(detectSeparation(X, y, fitIntercept).kind).toBe('none');
      }),
      { seed: 43, numRuns: 100 },
    );
  });

  it('integer data labelled by x1 + x2 with random labels on the tie: consistent, and never none', () => {
    const tied = fc.record({
      rows: fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })), {
        minLength: 2,
        maxLength: 30,
      }),
      flips: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      fitIntercept: fc.boolean(),
    });
    fc.assert(
      fc.property(tied, ({ rows, flips, fitIntercept }) => {
        // Labels from x1 + x2 > 0, ties (x1 + x2 = 0) labelled at random: (1, 1) separates with
        // a positive margin somewhere as soon as some row is off the tie line.
        const X = matrix(rows);
        const y = Float64Array.from(rows, ([a, b], i) =>
          a + b > 0 ? 1 : a + b < 0 ? 0 : +flips[i],
        );
        const r = detectSeparation(X, y, fitIntercept);
        expectConsistent(r, X, y, fitIntercept);
        const strict = rows.some(([a, b]) => a + b !== 0);
        if (strict) expect(r.kind).not.toBe('none');
      }),
      { seed: 44, numRuns: 300 },
    );
  });

  it('on data of full rank, involved is what one LP per coefficient (max and min β_j) finds', () => {
    const tied = fc.record({
      rows: fc.array(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })), {
        minLength: 2,
        maxLength: 12,
      }),
      labels: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fitIntercept: fc.boolean(),
    });
    let checked = 0;
    fc.assert(
      fc.property(tied, ({ rows, labels: flags, fitIntercept }) => {
        const X = matrix(rows);
        // Mostly the side of x1 − x2 = 0, with the random flags on the tie and on x1 = 2.
        const y = Float64Array.from(rows, ([a, b], i) =>
          a - b > 0 && a !== 2 ? 1 : a - b < 0 ? 0 : +flags[i],
        );
        fc.pre(rank(X, fitIntercept) === X.cols + (fitIntercept ? 1 : 0));
        checked++;
        const r = detectSeparation(X, y, fitIntercept);
        expect(r.involved).toEqual(movingByLp(X, y, fitIntercept));
        expectConsistent(r, X, y, fitIntercept);
      }),
      { seed: 46, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('does not depend on the units of the features or on the order of the rows', () => {
    fc.assert(
      fc.property(
        separable,
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 6, maxLength: 6 }),
        ({ p, fitIntercept, points }, powers) => {
          const n = points.length / p;
          // Labels from the first coordinate's sign, with a tie block at 0: often quasi-complete.
          const data = Float64Array.from(points, (v, k) => (k % p === 0 ? Math.round(v) : v));
          const y = Float64Array.from({ length: n }, (_, i) =>
            data[i * p] > 0 ? 1 : data[i * p] < 0 ? 0 : i % 2,
          );
          const X = { rows: n, cols: p, data };
          const r = detectSeparation(X, y, fitIntercept);
          const scaled = { rows: n, cols: p, data: data.map((v, k) => v * 10 ** powers[k % p]) };
          const order = Array.from({ length: n }, (_, i) => n - 1 - i);
          const shuffled = {
            rows: n,
            cols: p,
            data: Float64Array.from(
              order.flatMap((i) => Array.from(data.subarray(i * p, i * p + p))),
            ),
          };
          const yShuffled = Float64Array.from(order, (i) => y[i]);
          for (const [other, otherY] of [
            [scaled, y],
            [shuffled, yShuffled],
          ] as const) {
            const s = detectSeparation(other, otherY, fitIntercept);
            expect(s.kind).toBe(r.kind);
            expect(s.involved).toEqual(r.involved);
          }
        },
      ),
      { seed: 45, numRuns: 150 },
    );
  });
});
