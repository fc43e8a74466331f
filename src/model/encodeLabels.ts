import { ShapeError, ValueError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import { checkDeclaredClasses } from './classCounts.js';
import type { Label } from '../options/trainOptions.js';

/** Binary labels as 0/1 targets, with the two classes and which one is positive. */
export interface EncodedLabels {
  /** 1 where the label is the positive class, else 0. */
  readonly y: Float64Array;
  /** The two classes, sorted (numbers numerically, strings by code unit, false < true). */
  readonly classes: readonly [Label, Label];
  readonly positiveClass: Label;
}

/** Total order on labels of one type. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'boolean' ? Number(a) : a;
  const sb = typeof b === 'boolean' ? Number(b) : b;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Sorted distinct labels, checked to be finite numbers, strings or booleans of one type. The first
 * two distinct values are kept in locals and a Set is made only for a third (at 1,000,000 labels a
 * Set lookup per label cost ~60 ms of a fit that now takes ~0.5 s).
 */
export function distinctLabels(labels: readonly Label[], where: string): Label[] {
  let first: Label | undefined;
  let second: Label | undefined;
  let more: Set<Label> | undefined;
  let kind: string | undefined;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    const t = typeof v;
    if (
      !(t === 'number' || t === 'string' || t === 'boolean') ||
      (t === 'number' && !Number.isFinite(v))
    ) {
      throw new ValueError(
        `${where}: y[${i}] must be a finite number, a string or a boolean, got ${describe(v)}`,
      );
    }
    if (kind === undefined) kind = t;
    else if (t !== kind) {
      throw new ValueError(
        `${where}: y mixes label types: y[0] is a ${kind}, but y[${i}] is a ${t} (${describe(v)})`,
      );
    }
    // === is the Set's SameValueZero here: NaN is refused above.
    if (v === first || v === second) continue;
    if (first === undefined) first = v;
    else if (second === undefined) second = v;
    else (more ??= new Set<Label>([first, second])).add(v);
  }
  const found = more ?? [first, second].filter((v): v is Label => v !== undefined);
  return [...found].sort(compareLabels);
}

/**
 * Encodes two-class labels. Classes are sorted; the second is positive unless `positiveClass`
 * names one (as R takes the second factor level and scikit-learn `classes_[1]`).
 *
 * @param declared - the `classes` option: the labels expected (see checkDeclaredClasses).
 * @throws {ValueError} a single class, more than two classes, an unknown `positiveClass`, or a
 *   label that is not declared (or a declared one that does not occur).
 */
export function encodeLabels(
  labels: readonly Label[],
  rows: number,
  positiveClass: Label | undefined,
  where = 'train',
  declared?: readonly Label[],
): EncodedLabels {
  if (!Array.isArray(labels)) {
    throw new ShapeError(`${where}: y must be an array of labels, got ${describe(labels)}`);
  }
  if (labels.length !== rows) {
    throw new ShapeError(`${where}: X has ${rows} rows, but y has ${labels.length} labels`);
  }
  const classes = distinctLabels(labels, where);
  if (declared !== undefined) checkDeclaredClasses(labels, classes, declared, where);
  if (classes.length < 2) {
    throw new ValueError(
      `${where}: y has a single class (${describe(classes[0])}); logistic regression needs two`,
    );
  }
  if (classes.length > 2) {
    throw new ValueError(
      `${where}: y has ${classes.length} classes (${classes.slice(0, 5).map(describe).join(', ')}${classes.length > 5 ? ', …' : ''}); a binary fit takes two classes: pass option multiClass ('multinomial', 'ovr' or 'auto') for more`,
    );
  }
  const pair: [Label, Label] = [classes[0], classes[1]];
  const positive = positiveClass ?? pair[1];
  if (!pair.includes(positive)) {
    throw new ValueError(
      `${where}: positiveClass ${describe(positive)} is not one of the classes ${describe(pair[0])}, ${describe(pair[1])}`,
    );
  }
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = labels[i] === positive ? 1 : 0;
  return { y, classes: pair, positiveClass: positive };
}
