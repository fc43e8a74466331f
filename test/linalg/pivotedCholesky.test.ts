import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pivotedCholesky } from '../../src/linalg/pivotedCholesky.js';
import { selectColumns } from '../../src/linalg/selectColumns.js';
import { denseFromSparse, sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { seededRandom } from '../helpers/fixtures.js';

/** AᵀA of an m × n row-major A. */
function gram(a: Float64Array, m: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) g[j * n + k] += a[i * n + j] * a[i * n + k];
  }
  return g;
}

/** m random columns, then a column built from them with `coefficients` (inserted at `at`). */
function withDependentColumn(
  m: number,
  base: number,
  at: number,
  coefficients: number[],
  seed: number,
) {
  const rand = seededRandom(seed);
  const n = base + 1;
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    let combo = 0;
    let k = 0;
    for (let j = 0; j < n; j++) {
      if (j === at) continue;
      const v = Math.round(rand() * 200 - 100) / 10;
      a[i * n + j] = v;
      combo += coefficients[k++] * v;
    }
    a[i * n + at] = combo;
  }
  return { a, n };
}

describe('pivotedCholesky: rank and dependencies of a Gram matrix, R style', () => {
  it('full rank: nothing aliased', () => {
    const { a, n } = withDependentColumn(30, 3, 3, [1, 0, 0], 1);
    a[0 * n + 3] += 1; // break the dependency
    const report = pivotedCholesky(gram(a, 30, n), n, 1e-14);
    expect(report.rank).toBe(4);
    expect(report.aliased).toEqual([false, false, false, false]);
    expect(report.dependencies).toEqual([]);
  });

  it('finds the later of dependent columns and its coefficients on the earlier ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 1000 }),
        (ints, seed) => {
          fc.pre(ints.some((c) => c !== 0));
          const { a, n } = withDependentColumn(40, 3, 3, ints, seed);
          const report = pivotedCholesky(gram(a, 40, n), n, 1e-14);
          expect(report.rank).toBe(3);
          expect(report.aliased).toEqual([false, false, false, true]);
          const on = report.dependencies[0].on;
          expect(on.map((t) => t.column)).toEqual([0, 1, 2]);
          on.forEach((t, k) => expect(t.coefficient).toBeCloseTo(ints[k], 9));
        },
      ),
      { seed: 42, numRuns: 50 },
    );
  });

  it('a duplicate in the middle: the second copy is aliased, later columns are kept', () => {
    const { a, n } = withDependentColumn(25, 3, 1, [1, 0, 0], 7);
    const report = pivotedCholesky(gram(a, 25, n), n, 1e-14);
    expect(report.aliased).toEqual([false, true, false, false]);
    expect(report.dependencies[0].on.map((t) => t.column)).toEqual([0]);
    expect(report.dependencies[0].on[0].coefficient).toBeCloseTo(1, 12);
  });
});

describe('selectColumns', () => {
  it('dense and CSR give the same columns, in order, without changing X', () => {
    const X = { rows: 3, cols: 4, data: Float64Array.from([1, 0, 2, 3, 0, 4, 0, 5, 6, 0, 7, 0]) };
    const frozen = Float64Array.from(X.data);
    const dense = selectColumns(X, [0, 2, 3]);
    expect(dense).toEqual({
      rows: 3,
      cols: 3,
      data: Float64Array.from([1, 2, 3, 0, 0, 5, 6, 7, 0]),
    });
    const sparse = selectColumns(sparseFromDense(X), [0, 2, 3]);
    expect(denseFromSparse(sparse as ReturnType<typeof sparseFromDense>)).toEqual(dense);
    expect(X.data).toEqual(frozen);
  });
});
