import { describe, expect, it } from 'vitest';
import { OptionError, ValueError } from '../../src/errors.js';
import {
  countClasses,
  rareClassRule,
  rareClasses,
  rareClassWarning,
} from '../../src/model/classCounts.js';
import type { Label } from '../../src/options/trainOptions.js';
import { train } from '../../src/model/train.js';
import { trainMulticlass } from '../../src/model/trainMulticlass.js';

/** n rows of two features with labels "no"/"yes" alternating; `typos` replaces some labels. */
function yesNo(n: number, typos: Record<number, string> = {}): { X: number[][]; y: string[] } {
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    X.push([i % 7, (i * 3) % 11]);
    y.push(typos[i] ?? (i % 2 === 1 ? 'yes' : 'no'));
  }
  return { X, y };
}

describe('countClasses and rareClasses', () => {
  it('counts rows per class in the order of the classes', () => {
    expect(countClasses(['b', 'a', 'b', 'c', 'b'], ['a', 'b', 'c'])).toEqual([1, 3, 1]);
  });

  it('flags a single row beside two large classes, with its row', () => {
    const labels: Label[] = [
      ...Array<string>(20).fill('no'),
      'Yse',
      ...Array<string>(20).fill('yes'),
    ];
    const classes = ['Yse', 'no', 'yes'];
    const counts = countClasses(labels, classes);
    expect(rareClasses(labels, classes, counts)).toEqual([{ label: 'Yse', count: 1, rows: [20] }]);
  });

  it('applies the rule at its edges: every other class needs 20 times as many rows', () => {
    const make = (others: number): Label[] => [
      'x',
      ...Array<string>(others).fill('a'),
      ...Array<string>(25).fill('b'),
    ];
    expect(rareClasses(make(20), ['a', 'b', 'x'], [20, 25, 1])).toHaveLength(1);
    expect(rareClasses(make(19), ['a', 'b', 'x'], [19, 25, 1])).toEqual([]);
    expect(rareClassRule.ratio).toBe(20);
  });

  it('a class of more than max(1, 0.001·n) rows is not flagged, however rare', () => {
    // n = 4002: the limit is 4.002 rows; 4 rows are flagged, 5 are not.
    const labels = (k: number): Label[] => [
      ...Array<string>(k).fill('x'),
      ...Array<string>(4002 - k).fill('a'),
    ];
    expect(rareClasses(labels(4), ['a', 'x'], [3998, 4])).toHaveLength(1);
    expect(rareClasses(labels(5), ['a', 'x'], [3997, 5])).toEqual([]);
  });

  it('names at most three rows, then an ellipsis', () => {
    const labels: Label[] = ['x', 'x', 'x', 'x', ...Array<string>(4000).fill('a')];
    const [rare] = rareClasses(labels, ['a', 'x'], [4000, 4]);
    expect(rare.rows).toEqual([0, 1, 2]);
    expect(
      rareClassWarning(rare, ['a', 'x'], [4000, 4], (i) => `line ${i + 2}`, 'use --classes'),
    ).toBe(
      'class "x" has only 4 rows (line 2, line 3, line 4, …), against "a" 4000: a mistyped label? ' +
        'Correct it, or use --classes (then any other label is an error, and this warning goes).',
    );
  });
});

describe('train and trainMulticlass: class counts and suspicious classes', () => {
  it('the report has the class counts (binary)', () => {
    const { X, y } = yesNo(41);
    const model = train(X, y);
    expect(model.classes).toEqual(['no', 'yes']);
    expect(model.fitReport.classCounts).toEqual([21, 20]);
    expect(model.fitReport.warnings).toEqual([]);
  });

  it('one mistyped label among "yes"/"no" gets a warning naming it and its row (multinomial and ovr)', () => {
    const { X, y } = yesNo(60, { 41: 'Yse' });
    for (const multiClass of ['multinomial', 'ovr'] as const) {
      const model = trainMulticlass(X, y, { multiClass });
      expect(model.fitReport.classCounts).toEqual([1, 30, 29]);
      const rare = model.fitReport.warnings.filter((w) => w.startsWith('class "Yse"'));
      expect(rare).toEqual([
        `class "Yse" has only 1 row (y[41]), against "no" 30, "yes" 29: a mistyped label? Correct it, or declare the expected labels with option 'classes' (then any other label is an error, and this warning goes).`,
      ]);
    }
  });

  it('a single row of one class in a binary fit is flagged too', () => {
    const { X, y } = yesNo(41, { 0: 'yes' });
    const labels = y.map((v, i) => (i === 0 ? 'yes' : 'no'));
    const model = train(X, labels);
    expect(model.fitReport.classCounts).toEqual([40, 1]);
    expect(model.fitReport.warnings[0]).toMatch(/^class "yes" has only 1 row \(y\[0\]\)/);
  });

  it('declared classes silence the warning', () => {
    const { X, y } = yesNo(60, { 41: 'Yse' });
    const model = trainMulticlass(X, y, { classes: ['no', 'yes', 'Yse'] });
    expect(model.fitReport.warnings).toEqual([]);
  });

  it('a label outside the declared classes is a ValueError naming its row', () => {
    const { X, y } = yesNo(60, { 41: 'Yse', 50: 'Yse' });
    expect(() => train(X, y, { classes: ['no', 'yes'] })).toThrow(ValueError);
    expect(() => train(X, y, { classes: ['no', 'yes'] })).toThrow(
      'train: y[41] is "Yse", which is not one of the declared classes "no", "yes" (2 rows have undeclared labels)',
    );
    expect(() => trainMulticlass(X, y, { classes: ['no', 'yes'] })).toThrow(
      /^trainMulticlass: y\[41\] is "Yse", which is not one of the declared classes/,
    );
  });

  it('a declared class that does not occur is a ValueError', () => {
    const { X, y } = yesNo(40);
    expect(() => train(X, y, { classes: ['no', 'yes', 'maybe'] })).toThrow(
      'train: the declared class "maybe" does not occur in y',
    );
    expect(() =>
      trainMulticlass(X, y, { classes: ['maybe', 'no', 'perhaps', 'yes'], multiClass: 'ovr' }),
    ).toThrow('trainMulticlass: the declared classes "maybe", "perhaps" do not occur in y');
  });

  it('declared classes in any order give the same model as undeclared', () => {
    const { X, y } = yesNo(40);
    const declared = train(X, y, { classes: ['yes', 'no'] });
    const plain = train(X, y);
    expect(declared.classes).toEqual(plain.classes);
    expect(declared.coefficients).toEqual(plain.coefficients);
    expect(declared.intercept).toBe(plain.intercept);
  });

  it('the classes option is checked against its constraint', () => {
    const { X, y } = yesNo(40);
    for (const bad of [['no'], ['no', 'no'], ['no', 1], 'no,yes', [NaN, 1]]) {
      expect(() => train(X, y, { classes: bad as unknown as Label[] })).toThrow(OptionError);
    }
    expect(() => train(X, y, { classes: ['no', 'no'] })).toThrow(
      "train: option 'classes' must be an array of at least two distinct labels of one type (numbers, strings or booleans)",
    );
  });
});
