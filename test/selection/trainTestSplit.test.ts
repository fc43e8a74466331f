import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError, ValueError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { defaultSplitOptions, trainTestSplit } from '../../src/selection/trainTestSplit.js';
import { loadDataset, seededRandom } from '../helpers/fixtures.js';
import { classCounts, expectPartition, labelsFrom } from './splitChecks.js';

const { X, y } = loadDataset('pima');
const empty = (n: number): Matrix => ({ rows: n, cols: 0, data: new Float64Array(0) });

describe('trainTestSplit', () => {
  it('defaults to a quarter held out, seed 0, stratified', () => {
    expect(defaultSplitOptions).toEqual({ testFraction: 0.25, seed: 0, stratify: true });
    const split = trainTestSplit(X, y);
    expectPartition(split, 768);
    expect(split.testIndex.length).toBe(192); // ⌈0.25 · 768⌉
  });

  it('holds out ⌈testFraction · n⌉ rows, without floating-point surprises', () => {
    expect(
      trainTestSplit(empty(10), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], { testFraction: 0.3 }).testIndex
        .length,
    ).toBe(3);
    expect(
      trainTestSplit(empty(10), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], { testFraction: 0.31 }).testIndex
        .length,
    ).toBe(4);
    expect(trainTestSplit(X, y, { testFraction: 0.2, stratify: false }).testIndex.length).toBe(154);
  });

  it('stratifies: each class’s test count is within one row of its share', () => {
    const split = trainTestSplit(X, y, { testFraction: 0.3, seed: 5 });
    const all = classCounts(
      y,
      Int32Array.from({ length: 768 }, (_, i) => i),
    );
    const test = classCounts(y, split.testIndex);
    const nTest = split.testIndex.length;
    for (const [label, count] of all) {
      expect(Math.abs((test.get(label) ?? 0) - (count * nTest) / 768)).toBeLessThan(1);
    }
  });

  it('the same seed gives the same split; another seed another split', () => {
    const a = trainTestSplit(X, y, { seed: 3 });
    expect(trainTestSplit(X, y, { seed: 3 })).toEqual(a);
    expect(Array.from(trainTestSplit(X, y, { seed: 4 }).testIndex)).not.toEqual(
      Array.from(a.testIndex),
    );
    expect(Array.from(trainTestSplit(X, y, { seed: 3, stratify: false }).testIndex)).not.toEqual(
      Array.from(a.testIndex),
    );
  });

  it('property: any labels and fraction give a partition with stratified class counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 6, max: 300 }),
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        (seed, n, testFraction) => {
          const labels = labelsFrom(seededRandom(seed), n, [0.5, 0.3, 0.2]);
          for (let c = 0; c < 3; c++) labels[2 * c] = labels[2 * c + 1] = c; // ≥ 2 rows each
          const split = trainTestSplit(empty(n), labels, { testFraction, seed });
          expectPartition(split, n);
          const nTest = split.testIndex.length;
          expect(nTest).toBe(Math.ceil(testFraction * n - 1e-9));
          const all = classCounts(
            labels,
            Int32Array.from({ length: n }, (_, i) => i),
          );
          const test = classCounts(labels, split.testIndex);
          for (const [label, count] of all) {
            expect(Math.abs((test.get(label) ?? 0) - (count * nTest) / n)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not modify its inputs', () => {
    const labels = Object.freeze(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    const rows = Object.freeze(labels.map((_, i) => Object.freeze([i])));
    expectPartition(trainTestSplit(rows, labels, { seed: 1 }), 8);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(
      new ShapeError('trainTestSplit: X has 768 rows, but y has 767 labels'),
    );
    expect(() =>
      trainTestSplit(empty(3), [0, 1, 1], { testFraction: 0.9, stratify: false }),
    ).toThrow(ValueError);
    expect(() => trainTestSplit(empty(5), ['a', 'a', 'b', 'b', 'c'])).toThrow(
      'trainTestSplit: class "c" has a single row',
    );
    expect(() => trainTestSplit(X, y, { testFraction: 1 })).toThrow(
      new OptionError("trainTestSplit: option 'testFraction' must be a number in (0, 1), got 1"),
    );
    expect(() => trainTestSplit(X, y, { seed: 0.5 })).toThrow(OptionError);
    expect(() => trainTestSplit(X, y, { testSize: 0.2 } as never)).toThrow(
      "trainTestSplit: unknown option 'testSize'",
    );
  });
});
