import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import {
  detectMultinomialSeparation,
  isMultinomialSeparationCheckAffordable,
} from '../../src/model/detectMultinomialSeparation.js';
import type { MultinomialSeparationResult } from '../../src/model/detectMultinomialSeparation.js';
import { simplex } from '../../src/linalg/simplex.js';
import { detectSeparation, maxSeparationCheckSize } from '../../src/model/detectSeparation.js';

const matrix = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
  data: Float64Array.from(rows.flat()),
});
const column = (values: number[]): Matrix => matrix(values.map((v) => [v]));
const classes = (values: number[]): Int32Array => Int32Array.from(values);

/** (β_{y_i} − β_j)ᵀx̃_i for every row i and rival j ≠ y_i: the margins of a direction. */
function margins(
  X: Matrix,
  y: Int32Array,
  K: number,
  fitIntercept: boolean,
  B: Float64Array,
): { row: number; rival: number; margin: number }[] {
  const d = X.cols + (fitIntercept ? 1 : 0);
  const score = (i: number, k: number): number => {
    let z = fitIntercept ? B[k * d + X.cols] : 0;
    for (let j = 0; j < X.cols; j++) z += X.data[i * X.cols + j] * B[k * d + j];
    return z;
  };
  const out: { row: number; rival: number; margin: number }[] = [];
  for (let i = 0; i < X.rows; i++) {
    for (let rival = 0; rival < K; rival++) {
      if (rival !== y[i]) out.push({ row: i, rival, margin: score(i, y[i]) - score(i, rival) });
    }
  }
  return out;
}

/** What every result must satisfy: a direction in the cone, centred, of the stated kind. */
function expectConsistent(
  r: MultinomialSeparationResult,
  X: Matrix,
  y: Int32Array,
  K: number,
  fitIntercept: boolean,
): void {
  const d = X.cols + (fitIntercept ? 1 : 0);
  expect(r.direction).toHaveLength(K * d);
  if (r.kind === 'none') {
    expect(r.direction.every((v) => v === 0)).toBe(true);
    expect(r.pairs).toEqual([]);
    expect(r.involved).toEqual([]);
    return;
  }
  expect(Math.max(...r.direction.map(Math.abs))).toBeCloseTo(1, 12);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += r.direction[k * d + j];
    expect(Math.abs(sum)).toBeLessThan(1e-12);
  }
  const all = margins(X, y, K, fitIntercept, r.direction);
  for (const { margin } of all) expect(margin).toBeGreaterThan(-1e-9);
  if (r.kind === 'complete') for (const { margin } of all) expect(margin).toBeGreaterThan(0);
  // Every lifted margin belongs to a reported pair.
  for (const { row, rival, margin } of all) {
    if (margin > 1e-9) {
      const pair = [Math.min(y[row], rival), Math.max(y[row], rival)];
      expect(r.pairs).toContainEqual(pair);
    }
  }
}

describe('detectMultinomialSeparation', () => {
  it('three classes in three intervals of x are completely separated, every pair', () => {
    const X = column([0, 1, 2, 3, 4, 5]);
    const y = classes([0, 0, 1, 1, 2, 2]);
    const r = detectMultinomialSeparation(X, y, 3, true);
    expect(r.kind).toBe('complete');
    expect(r.pairs).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(r.classes).toEqual([0, 1, 2]);
    expect(r.involved).toEqual([0, 1]);
    expectConsistent(r, X, y, 3, true);
  });

  it('one class cut off while two overlap is quasi-complete, and names only its pairs', () => {
    const X = column([0, 1, 2, 3, 4, 5, 6, 7]);
    const y = classes([0, 1, 0, 1, 0, 1, 2, 2]);
    const r = detectMultinomialSeparation(X, y, 3, true);
    expect(r.kind).toBe('quasi-complete');
    expect(r.pairs).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(r.classes).toEqual([0, 1, 2]);
    expect(r.involved).toEqual([0, 1]);
    expectConsistent(r, X, y, 3, true);
    // Classes 0 and 1 keep equal coefficients: their contrast does not diverge.
    expect(r.direction[0]).toBeCloseTo(r.direction[2], 12);
    expect(r.direction[1]).toBeCloseTo(r.direction[3], 12);
  });

  it('a tie on the boundary (a row of two classes at the same x) is quasi-complete', () => {
    const X = column([0, 1, 2, 3, 4, 4, 5, 6, 7]);
    const y = classes([0, 1, 0, 1, 1, 2, 2, 2, 2]);
    const r = detectMultinomialSeparation(X, y, 3, true);
    expect(r.kind).toBe('quasi-complete');
    expect(r.pairs).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expectConsistent(r, X, y, 3, true);
  });

  it('overlapping classes: the MLE exists (none)', () => {
    const X = column([0, 1, 2, 3, 4, 5, 6, 7]);
    const y = classes([0, 1, 0, 1, 2, 0, 2, 1]);
    const r = detectMultinomialSeparation(X, y, 3, true);
    expect(r.kind).toBe('none');
    expectConsistent(r, X, y, 3, true);
  });

  it('a pair separated on its own rows is not multinomial separation when a third class overlaps both', () => {
    // Classes 0 and 1 alone are split at x = 1.5; class 2 sits on both sides of them.
    const x = [0, 1, 2, 3, 0.5, 2.5, 0, 3, 1.5];
    const y = [0, 0, 1, 1, 2, 2, 2, 2, 2];
    const pairRows = y.map((c, i) => (c < 2 ? i : -1)).filter((i) => i >= 0);
    const binary = detectSeparation(
      column(pairRows.map((i) => x[i])),
      Float64Array.from(pairRows, (i) => y[i]),
      true,
    );
    expect(binary.kind).toBe('complete');
    expect(detectMultinomialSeparation(column(x), classes(y), 3, true).kind).toBe('none');
  });

  it('an aliased (duplicated) column does not count as separation', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const X = matrix(x.map((v) => [v, 2 * v]));
    const y = classes([0, 1, 0, 1, 2, 0, 2, 1]);
    expect(detectMultinomialSeparation(X, y, 3, true).kind).toBe('none');
  });

  it('a class with no rows of positive weight diverges (its intercept goes to −∞)', () => {
    const X = column([0, 1, 2, 3, 4, 5]);
    const y = classes([0, 1, 0, 1, 2, 2]);
    const weights = Float64Array.of(1, 1, 1, 1, 0, 0);
    const r = detectMultinomialSeparation(X, y, 3, true, weights);
    // Classes 0 and 1 overlap, so their rows stay on the boundary: quasi-complete.
    expect(r.kind).toBe('quasi-complete');
    expect(r.pairs).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('rows of weight 0 are ignored', () => {
    // Six extra rows put every class in every interval; with weight 0 they do not count.
    const X = column([0, 1, 2, 3, 4, 5, 4.5, 0.5, 2.5, 2.5, 4.5, 0.5]);
    const y = classes([0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 2]);
    expect(detectMultinomialSeparation(X, y, 3, true).kind).toBe('none');
    const weights = Float64Array.of(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
    expect(detectMultinomialSeparation(X, y, 3, true, weights).kind).toBe('complete');
  });

  it('without an intercept, the origin matters', () => {
    // Through the origin no line puts class 1 (x = 2) between 0 (x = 1) and 2 (x = 3) at both signs.
    const X = column([-1, 1, -2, 2, -3, 3]);
    const y = classes([0, 0, 1, 1, 2, 2]);
    const r = detectMultinomialSeparation(X, y, 3, false);
    expect(r.kind).toBe('none');
    expect(detectMultinomialSeparation(X, y, 3, true).kind).not.toBe('complete');
  });

  it('a CSR matrix gives the dense result', () => {
    const X = matrix([
      [0, 1],
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 0],
      [5, 0],
    ]);
    const y = classes([0, 0, 1, 1, 2, 2]);
    const dense = detectMultinomialSeparation(X, y, 3, true);
    const sparse = detectMultinomialSeparation(sparseFromDense(X), y, 3, true);
    expect(sparse).toEqual(dense);
  });

  it('checks its inputs', () => {
    const X = column([0, 1, 2]);
    expect(() => detectMultinomialSeparation(X, classes([0, 1]), 2, true)).toThrow(ShapeError);
    expect(() => detectMultinomialSeparation(X, classes([0, 1, 3]), 3, true)).toThrow(
      /y\[2\] must be a class index in 0 … 2, got 3/,
    );
    expect(() => detectMultinomialSeparation(X, classes([0, 0, 0]), 1, true)).toThrow(ValueError);
    expect(() =>
      detectMultinomialSeparation(column([0, NaN, 1]), classes([0, 1, 0]), 2, true),
    ).toThrow(/X\[1\]\[0\] must be finite/);
  });

  it('the affordable size counts the stacked LP', () => {
    // n·(K − 1) rows of (K − 1)·(p + 1) columns.
    expect(isMultinomialSeparationCheckAffordable(1000, 9, 3, true)).toBe(
      1000 * 2 * 20 * 20 <= maxSeparationCheckSize,
    );
    expect(isMultinomialSeparationCheckAffordable(1797, 64, 10, true)).toBe(false);
  });
});

/** Doubles in [min, max]; below 1e-6 in size they become 0. */
const real = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));

/** Small data sets of 1–3 features, 2–30 rows, K classes, labels random or from rounded scores. */
const dataSet = (K: number) =>
  fc
    .record({ p: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 2, max: 30 }) })
    .chain(({ p, n }) =>
      fc.record({
        p: fc.constant(p),
        fitIntercept: fc.boolean(),
        // Small integer grids make ties and quasi-complete cases common.
        points: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n * p, maxLength: n * p }),
        labels: fc.array(fc.integer({ min: 0, max: K - 1 }), { minLength: n, maxLength: n }),
        w: fc.array(real(-1, 1), { minLength: p, maxLength: p }),
        byScore: fc.boolean(),
      }),
    )
    .map(({ p, fitIntercept, points, labels, w, byScore }) => {
      const n = points.length / p;
      const X: Matrix = { rows: n, cols: p, data: Float64Array.from(points) };
      const y = Int32Array.from(labels, (label, i) => {
        if (!byScore) return label;
        let z = 0;
        for (let j = 0; j < p; j++) z += w[j] * points[i * p + j];
        return Math.min(K - 1, Math.max(0, Math.floor(z + K / 2)));
      });
      return { X, y, fitIntercept };
    });

/**
 * Whether some direction in the cone lifts a margin, the slow way and independently: the primal
 * LP max Σ margins over −1 ≤ B ≤ 1 with every margin ≥ 0, with class 0 (not the last) as
 * reference, in standard form (B = B⁺ − B⁻, slacks), through the simplex's own phase 1.
 */
function separatedByPrimalLp(X: Matrix, y: Int32Array, K: number, fitIntercept: boolean): boolean {
  const d = X.cols + (fitIntercept ? 1 : 0);
  const D = (K - 1) * d;
  const rows: Float64Array[] = [];
  for (let i = 0; i < X.rows; i++) {
    const x = Array.from({ length: d }, (_, j) => (j < X.cols ? X.data[i * X.cols + j] : 1));
    for (let rival = 0; rival < K; rival++) {
      if (rival === y[i]) continue;
      const a = new Float64Array(D);
      // Block of class k ≥ 1 at (k − 1)·d; class 0 is the reference.
      if (y[i] > 0) for (let j = 0; j < d; j++) a[(y[i] - 1) * d + j] += x[j];
      if (rival > 0) for (let j = 0; j < d; j++) a[(rival - 1) * d + j] -= x[j];
      rows.push(a);
    }
  }
  const N = rows.length;
  // Columns: B⁺ (D), B⁻ (D), margin slacks (N), box slacks (2D). Rows: N margins, 2D boxes.
  const cols = 2 * D + N + 2 * D;
  const m = N + 2 * D;
  const A = new Float64Array(m * cols);
  const c = new Float64Array(cols);
  rows.forEach((a, r) => {
    for (let j = 0; j < D; j++) {
      A[r * cols + j] = a[j];
      A[r * cols + D + j] = -a[j];
      c[j] -= a[j];
      c[D + j] += a[j];
    }
    A[r * cols + 2 * D + r] = -1;
  });
  for (let j = 0; j < 2 * D; j++) {
    A[(N + j) * cols + j] = 1;
    A[(N + j) * cols + 2 * D + N + j] = 1;
  }
  const b = new Float64Array(m).fill(1, N);
  return -simplex({ A: { rows: m, cols, data: A }, b, c }).objective > 1e-9;
}

describe('detectMultinomialSeparation: properties', () => {
  it('finds separation exactly when an independent primal LP does (three classes)', () => {
    fc.assert(
      fc.property(dataSet(3), ({ X, y, fitIntercept }) => {
        const r = detectMultinomialSeparation(X, y, 3, fitIntercept);
        expect(r.kind !== 'none').toBe(separatedByPrimalLp(X, y, 3, fitIntercept));
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('with two classes it is the binary check (kind and involved features)', () => {
    fc.assert(
      fc.property(dataSet(2), ({ X, y, fitIntercept }) => {
        const multinomial = detectMultinomialSeparation(X, y, 2, fitIntercept);
        const binary = detectSeparation(X, Float64Array.from(y), fitIntercept);
        expect(multinomial.kind).toBe(binary.kind);
        expect(multinomial.involved).toEqual(binary.involved);
        expectConsistent(multinomial, X, y, 2, fitIntercept);
      }),
      { seed: 20261202, numRuns: 150 },
    );
  });

  it('with three classes the direction lies in the cone and does not depend on the class order', () => {
    fc.assert(
      fc.property(dataSet(3), ({ X, y, fitIntercept }) => {
        const r = detectMultinomialSeparation(X, y, 3, fitIntercept);
        expectConsistent(r, X, y, 3, fitIntercept);
        // Relabel 0 → 2 → 1 → 0: the same cone, with another reference class inside the LP.
        const map = [2, 0, 1];
        const relabelled = detectMultinomialSeparation(
          X,
          y.map((c) => map[c]),
          3,
          fitIntercept,
        );
        expect(relabelled.kind).toBe(r.kind);
        expect(relabelled.involved).toEqual(r.involved);
        const back = relabelled.classes.map((c) => map.indexOf(c)).sort();
        expect(back).toEqual(r.classes);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});
