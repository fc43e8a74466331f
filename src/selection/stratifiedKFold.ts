import { ValueError } from '../errors.js';
import type { Label } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';
import { checkOptions, booleanCheck, foldsCheck, seedCheck } from './checkOptions.js';
import { classMembers } from './classMembers.js';
import { indexSplit } from './indexSplit.js';
import type { IndexSplit } from './indexSplit.js';
import { seededRandom } from '../math/seededRandom.js';
import { shuffled } from './shuffled.js';

/** Options of {@link stratifiedKFold}; {@link defaultKFoldOptions} holds the defaults. */
export interface KFoldOptions {
  /** Number of folds k, an integer ≥ 2. Default 5. */
  readonly folds?: number;
  /** Seed of the shuffle (any safe integer). Default 0. */
  readonly seed?: number;
  /** Shuffle each class's fold labels; without it a class fills folds in row order. Default true. */
  readonly shuffle?: boolean;
}

/** The defaults of {@link KFoldOptions}, defined once. */
export const defaultKFoldOptions = { folds: 5, seed: 0, shuffle: true } as const;

/** The constraint table of {@link KFoldOptions}. */
export const kFoldOptionConstraints = { folds: foldsCheck, seed: seedCheck, shuffle: booleanCheck };

/**
 * Stratified k-fold cross-validation splits: every row is in exactly one test fold, and each
 * class is spread as evenly as possible over the folds, by scikit-learn's `StratifiedKFold`
 * algorithm (version ≥ 0.22):
 *
 * 1. order the classes by first appearance and sort the rows by class;
 * 2. deal the sorted rows to folds 0, 1, …, k−1, 0, 1, … — this fixes how many rows of class c
 *    fold f receives, `n_cf ∈ {⌊n_c/k⌋, ⌈n_c/k⌉}`, and keeps every fold's size within one row
 *    of n/k;
 * 3. give the rows of class c (in row order) the fold labels `0 × n_c0, 1 × n_c1, …`, shuffled
 *    (seeded) when `shuffle` is true.
 *
 * With `shuffle: false` the folds equal scikit-learn's `StratifiedKFold(k, shuffle=False)`
 * exactly; with a shuffle they are reproducible for a seed but differ from scikit-learn's, whose
 * random generator is numpy's.
 *
 * @param y - n labels (numbers, strings or booleans; any number of classes).
 * @returns k splits, fold f's test rows in `[f].testIndex`; indices increasing.
 * @throws {ShapeError} `y` empty or not an array.
 * @throws {ValueError} a class with fewer than k rows (named), or an invalid label.
 * @throws {OptionError} an unknown option, or `folds`/`seed`/`shuffle` of the wrong kind.
 * @example
 * const splits = stratifiedKFold(['a', 'a', 'a', 'b', 'b', 'b'], { folds: 3, seed: 1 });
 * splits.length; // 3, each test fold with one 'a' and one 'b'
 */
export function stratifiedKFold(y: readonly Label[], options?: KFoldOptions): IndexSplit[] {
  const where = 'stratifiedKFold';
  const opts = checkOptions<KFoldOptions>(where, options, kFoldOptionConstraints);
  const folds = opts.folds ?? defaultKFoldOptions.folds;
  const seed = opts.seed ?? defaultKFoldOptions.seed;
  const shuffle = opts.shuffle ?? defaultKFoldOptions.shuffle;
  return foldAssignmentSplits(foldAssignment(y, folds, seed, shuffle, where), folds);
}

/**
 * The test fold of each row (see {@link stratifiedKFold}); trusts `folds` and `seed`.
 * @throws {ValueError} a class with fewer than `folds` rows.
 */
export function foldAssignment(
  y: readonly Label[],
  folds: number,
  seed: number,
  shuffle: boolean,
  where: string,
): Int32Array {
  const { classes, members } = classMembers(y, where);
  // The smallest class bounds the folds: it is the one to name.
  let smallest = 0;
  members.forEach((rows, c) => {
    if (rows.length < members[smallest].length) smallest = c;
  });
  const n = members[smallest].length;
  if (n < folds) {
    throw new ValueError(
      `${where}: class ${describe(classes[smallest])} has ${n} row${n === 1 ? '' : 's'}, fewer than folds = ${folds}; every fold needs one of each class (use folds ≤ ${n})`,
    );
  }
  // allocation[f·K + c] = rows of class c in fold f, from dealing the class-sorted rows.
  const K = classes.length;
  const allocation = new Int32Array(folds * K);
  let position = 0;
  for (let c = 0; c < K; c++) {
    for (let r = 0; r < members[c].length; r++) allocation[(position++ % folds) * K + c]++;
  }
  const random = seededRandom(seed);
  const assignment = new Int32Array(y.length);
  for (let c = 0; c < K; c++) {
    let labels: Int32Array = new Int32Array(members[c].length);
    let start = 0;
    for (let f = 0; f < folds; f++) {
      const end = start + allocation[f * K + c];
      labels.fill(f, start, end);
      start = end;
    }
    if (shuffle) labels = shuffled(labels, random);
    members[c].forEach((row, t) => (assignment[row] = labels[t]));
  }
  return assignment;
}

/** One split per fold from each row's test fold. */
export function foldAssignmentSplits(assignment: Int32Array, folds: number): IndexSplit[] {
  return Array.from({ length: folds }, (_, f) => indexSplit(assignment, f));
}
