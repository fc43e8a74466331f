import { ShapeError } from '../errors.js';
import { distinctLabels } from '../model/encodeLabels.js';
import type { Label } from '../options/trainOptions.js';
import { describe } from '../validation/toMatrix.js';

/** The rows of each class, classes in order of first appearance in `y`. */
export interface ClassMembers {
  readonly classes: readonly Label[];
  /** `members[k]`: the rows of `classes[k]`, increasing. */
  readonly members: readonly Int32Array[];
}

/**
 * Groups rows by label. Classes are ordered by first appearance, as scikit-learn's
 * StratifiedKFold encodes them (its fold allocation depends on that order).
 *
 * @throws {ShapeError} `y` not an array, or empty.
 * @throws {ValueError} a label that is not a finite number, string or boolean, or mixed types.
 */
export function classMembers(y: readonly Label[], where: string): ClassMembers {
  if (!Array.isArray(y)) {
    throw new ShapeError(`${where}: y must be an array of labels, got ${describe(y)}`);
  }
  if (y.length === 0) throw new ShapeError(`${where}: y is empty`);
  distinctLabels(y, where);
  const code = new Map<Label, number>();
  const counts: number[] = [];
  const encoded = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let k = code.get(y[i]);
    if (k === undefined) {
      k = counts.length;
      code.set(y[i], k);
      counts.push(0);
    }
    encoded[i] = k;
    counts[k]++;
  }
  const members = counts.map((c) => new Int32Array(c));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < y.length; i++) members[encoded[i]][filled[encoded[i]]++] = i;
  return { classes: [...code.keys()], members };
}
