import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseFromSparse, isSparseMatrix, sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { crossValidationFolds } from '../../src/selection/crossValidationFolds.js';
import { takeRows } from '../../src/selection/takeRows.js';
import { trainTestSplit } from '../../src/selection/trainTestSplit.js';

/** A seeded m × p matrix with about a third of its entries non-zero. */
function sparseData(m: number, p: number, seed: number): Matrix {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a * 1103515245 + 12345) >>> 0;
    return a / 2 ** 32;
  };
  const data = new Float64Array(m * p);
  for (let k = 0; k < data.length; k++) {
    const u = next();
    data[k] = u < 0.33 ? Math.round((next() - 0.5) * 1000) / 100 : 0;
  }
  return { rows: m, cols: p, data };
}

function freeze(X: SparseMatrix): SparseMatrix {
  return Object.freeze({ ...X });
}

describe('takeRows on a CSR matrix', () => {
  const dense = sparseData(7, 5, 3);
  const X = freeze(sparseFromDense(dense));

  it('returns CSR rows equal to the dense rows, in index order, repeats and empty rows allowed', () => {
    const withEmpty = sparseFromDense({
      rows: 3,
      cols: 2,
      data: Float64Array.of(1, 0, 0, 0, 0, 2),
    });
    const out = takeRows(withEmpty, [2, 1, 0, 2]);
    expect(isSparseMatrix(out)).toBe(true);
    expect(Array.from(out.indptr)).toEqual([0, 1, 1, 2, 3]);
    expect(Array.from(out.indices)).toEqual([1, 0, 1]);
    expect(Array.from(out.values)).toEqual([2, 1, 2]);
    expect(out.cols).toBe(2);
    expect(takeRows(X, []).rows).toBe(0);
    expect(Array.from(takeRows(X, []).indptr)).toEqual([0]);
  });

  it('equals takeRows on the dense matrix for any index (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 20 }), (index) => {
        const sparse = takeRows(X, index);
        expect(denseFromSparse(sparse)).toEqual(takeRows(dense, index));
      }),
      { seed: 11 },
    );
  });

  it('does not modify or share its input', () => {
    const before = { ...X, values: X.values.slice(), indices: X.indices.slice() };
    const out = takeRows(X, [0, 1, 2, 3, 4, 5, 6]);
    expect(out.values).not.toBe(X.values);
    out.values[0] = 99;
    expect(Array.from(X.values)).toEqual(Array.from(before.values));
    expect(Array.from(X.indices)).toEqual(Array.from(before.indices));
  });

  it('rejects indices outside the rows', () => {
    expect(() => takeRows(X, [7])).toThrow(
      'takeRows: index[0] must be an integer in [0, 7), got 7',
    );
  });
});

describe('trainTestSplit and cross-validation folds on a CSR matrix', () => {
  const dense = sparseData(40, 6, 9);
  const X = freeze(sparseFromDense(dense));
  const y = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'a' : 'b'));

  it('trainTestSplit gives the same split as for the dense matrix', () => {
    for (const stratify of [true, false]) {
      const options = { testFraction: 0.3, seed: 5, stratify };
      expect(trainTestSplit(X, y, options)).toEqual(trainTestSplit(dense, y, options));
    }
  });

  it('every fold stays CSR and equals the dense fold', () => {
    const weight = Float64Array.from({ length: 40 }, (_, i) => 1 + (i % 4));
    const options = { sampleWeight: weight };
    const sparseFolds = crossValidationFolds(X, y, options, 4, 2, true, 'test');
    const denseFolds = crossValidationFolds(dense, y, options, 4, 2, true, 'test');
    for (let f = 0; f < 4; f++) {
      const s = sparseFolds.fold(f);
      const d = denseFolds.fold(f);
      expect(isSparseMatrix(s.trainX)).toBe(true);
      expect(isSparseMatrix(s.testX)).toBe(true);
      expect(denseFromSparse(s.trainX as SparseMatrix)).toEqual(d.trainX);
      expect(denseFromSparse(s.testX as SparseMatrix)).toEqual(d.testX);
      expect(s.trainY).toEqual(d.trainY);
      expect(s.testY).toEqual(d.testY);
      expect(s.trainWeight).toEqual(d.trainWeight);
      expect(s.testWeight).toEqual(d.testWeight);
    }
  });

  it('a malformed CSR matrix is refused at the boundary', () => {
    const bad = { ...X, indices: X.indices.map((j) => (j === 0 ? 99 : j)) };
    expect(() => crossValidationFolds(bad, y, {}, 4, 2, true, 'crossValidate')).toThrow(
      /crossValidate: X row \d+ has column index 99/,
    );
  });
});
