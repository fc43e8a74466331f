import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import { defaultKFoldOptions, stratifiedKFold } from '../../src/selection/stratifiedKFold.js';
import type { IndexSplit } from '../../src/selection/indexSplit.js';
import { loadDataset, seededRandom } from '../helpers/fixtures.js';
import { foldAssignments } from './sklearnReference.js';
import { classCounts, expectPartition, labelsFrom } from './splitChecks.js';
import type { Label } from '../../src/options/trainOptions.js';

const { y } = loadDataset('pima');

/** Asserts the k test folds partition the n rows, each row tested exactly once. */
function expectFoldsPartition(splits: readonly IndexSplit[], n: number): void {
  const tested = new Uint8Array(n);
  for (const split of splits) {
    expectPartition(split, n);
    for (const i of split.testIndex) tested[i]++;
  }
  expect(Array.from(tested).every((c) => c === 1)).toBe(true);
}

/** Asserts every class has ⌊n_c/k⌋ or ⌈n_c/k⌉ rows in each fold and fold sizes differ by ≤ 1. */
function expectStratified(splits: readonly IndexSplit[], labels: readonly Label[]): void {
  const k = splits.length;
  const all = classCounts(
    labels,
    Int32Array.from({ length: labels.length }, (_, i) => i),
  );
  for (const split of splits) {
    const counts = classCounts(labels, split.testIndex);
    for (const [label, count] of all) {
      expect(Math.abs((counts.get(label) ?? 0) - count / k)).toBeLessThan(1);
    }
  }
  const sizes = splits.map((s) => s.testIndex.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
}

const assignmentOf = (splits: readonly IndexSplit[], n: number): string => {
  const fold = new Array<number>(n);
  splits.forEach((s, f) => s.testIndex.forEach((i) => (fold[i] = f)));
  return fold.join('');
};

describe('stratifiedKFold', () => {
  it('defaults to 5 shuffled folds with seed 0', () => {
    expect(defaultKFoldOptions).toEqual({ folds: 5, seed: 0, shuffle: true });
    expect(stratifiedKFold(y)).toEqual(stratifiedKFold(y, { folds: 5, seed: 0, shuffle: true }));
  });

  it('the test folds partition the rows: each row is tested exactly once', () => {
    for (const folds of [2, 3, 5, 10]) expectFoldsPartition(stratifiedKFold(y, { folds }), 768);
  });

  it('keeps each class’s count per fold within one row of n_c / k (pima, k = 2…10)', () => {
    for (let folds = 2; folds <= 10; folds++) {
      expectStratified(stratifiedKFold(y, { folds, seed: folds }), y);
    }
  });

  it('unshuffled, equals scikit-learn’s StratifiedKFold(shuffle=False) row for row', () => {
    expect(assignmentOf(stratifiedKFold(y, { shuffle: false }), 768)).toBe(foldAssignments.pima5);
    const small = foldAssignments.smallY;
    expect(assignmentOf(stratifiedKFold(small, { folds: 3, shuffle: false }), small.length)).toBe(
      foldAssignments.small3,
    );
  });

  it('the same seed gives identical folds; a different seed different folds', () => {
    const a = stratifiedKFold(y, { seed: 12 });
    expect(stratifiedKFold(y, { seed: 12 })).toEqual(a);
    expect(assignmentOf(stratifiedKFold(y, { seed: 13 }), 768)).not.toBe(assignmentOf(a, 768));
    // Shuffling does not change how many rows of each class a fold gets.
    const unshuffled = stratifiedKFold(y, { shuffle: false });
    a.forEach((split, f) =>
      expect(classCounts(y, split.testIndex)).toEqual(classCounts(y, unshuffled[f].testIndex)),
    );
  });

  it('property: partition and stratification for any labels, classes and k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 40, max: 250 }),
        (seed, folds, n) => {
          const labels = labelsFrom(seededRandom(seed), n, [0.6, 0.3, 0.1]).map((c) => `c${c}`);
          for (let r = 0; r < 3 * folds; r++) labels[r] = `c${r % 3}`; // ≥ k rows per class
          const splits = stratifiedKFold(labels, { folds, seed });
          expect(splits.length).toBe(folds);
          expectFoldsPartition(splits, n);
          expectStratified(splits, labels);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not modify y', () => {
    const labels = Object.freeze([true, false, true, false, true, false]);
    expectFoldsPartition(stratifiedKFold(labels, { folds: 3 }), 6);
  });

  it('names a class with fewer rows than folds', () => {
    const labels = ['yes', 'no', 'no', 'yes', 'no', 'maybe', 'no', 'yes'];
    expect(() => stratifiedKFold(labels, { folds: 3 })).toThrow(ValueError);
    expect(() => stratifiedKFold(labels, { folds: 3 })).toThrow(
      'stratifiedKFold: class "maybe" has 1 row, fewer than folds = 3',
    );
  });

  it('names the smallest class, the one that bounds the folds, when several are too small', () => {
    // 'big' comes first and has 4 rows, 'small' 2: folds = 5 fails for both, and the bound is 2.
    const labels = ['big', 'big', 'small', 'big', 'small', 'big'];
    expect(() => stratifiedKFold(labels, { folds: 5 })).toThrow(
      'stratifiedKFold: class "small" has 2 rows, fewer than folds = 5; every fold needs one of each class (use folds ≤ 2)',
    );
  });

  it('rejects invalid options, naming option and value', () => {
    expect(() => stratifiedKFold(y, { folds: 1 })).toThrow(
      new OptionError("stratifiedKFold: option 'folds' must be an integer ≥ 2, got 1"),
    );
    expect(() => stratifiedKFold(y, { folds: 2.5 })).toThrow(OptionError);
    expect(() => stratifiedKFold(y, { shuffle: 'yes' } as never)).toThrow(
      'stratifiedKFold: option \'shuffle\' must be true or false, got "yes"',
    );
    expect(() => stratifiedKFold(y, { nFolds: 3 } as never)).toThrow(OptionError);
    expect(() => stratifiedKFold([0, 1, Number.NaN, 1])).toThrow(ValueError);
  });
});
