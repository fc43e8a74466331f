import { ValueError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';
import type { Label } from '../options/trainOptions.js';

/**
 * When a class counts as suspiciously rare (a likely mistyped label, such as one "Yse" among
 * "yes" and "no"): it has at most max(1, 0.001·n) of the n rows, and every other class has at
 * least 20 times as many rows as it. One row beside two classes of 20 is flagged; a 0.1 % class
 * in a data set of 100 000 rows (100 rows) only when every other class has 2000 or more.
 * Declaring the labels (`classes`) says they are intended and silences the warning.
 */
export const rareClassRule = { maxShare: 0.001, ratio: 20 } as const;

/** Rows per class, in the order of `classes` (every row counts once, whatever its weight). */
export function countClasses(labels: readonly Label[], classes: readonly Label[]): number[] {
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const counts = new Array<number>(classes.length).fill(0);
  for (const label of labels) {
    const k = index.get(label);
    if (k !== undefined) counts[k]++;
  }
  return counts;
}

/** A class that {@link rareClassRule} flags: its label, its count and its first rows (0-based). */
export interface RareClass {
  readonly label: Label;
  readonly count: number;
  /** Up to 3 row indices of the class, in order. */
  readonly rows: readonly number[];
}

/** The classes {@link rareClassRule} flags, in the order of `classes`. */
export function rareClasses(
  labels: readonly Label[],
  classes: readonly Label[],
  counts: readonly number[],
): RareClass[] {
  const n = labels.length;
  const limit = Math.max(1, rareClassRule.maxShare * n);
  const out: RareClass[] = [];
  classes.forEach((label, k) => {
    const count = counts[k];
    if (count === 0 || count > limit) return;
    if (!counts.every((other, l) => l === k || other >= rareClassRule.ratio * count)) return;
    const rows: number[] = [];
    for (let i = 0; i < n && rows.length < 3; i++) if (labels[i] === label) rows.push(i);
    out.push({ label, count, rows });
  });
  return out;
}

/**
 * The warning for a rare class: `rowName` turns a row index into words (`y[57]` for the
 * library, `line 59` for the CLI) and `declare` says how to declare the labels.
 */
export function rareClassWarning(
  rare: RareClass,
  classes: readonly Label[],
  counts: readonly number[],
  rowName: (row: number) => string,
  declare: string,
): string {
  const others = classes
    .map((c, k) => ({ c, count: counts[k] }))
    .filter(({ c }) => c !== rare.label)
    .map(({ c, count }) => `${describe(c)} ${count}`)
    .join(', ');
  const where = rare.rows.map(rowName).join(', ') + (rare.count > rare.rows.length ? ', …' : '');
  return (
    `class ${describe(rare.label)} has only ${rare.count} row${rare.count === 1 ? '' : 's'} (${where}), ` +
    `against ${others}: a mistyped label? Correct it, or ${declare} ` +
    `(then any other label is an error, and this warning goes).`
  );
}

/** The class counts and rare-class warnings of a fit, for its report (library wording). */
export function classSummary(
  labels: readonly Label[],
  classes: readonly Label[],
  declared: readonly Label[] | undefined,
): { readonly classCounts: number[]; readonly warnings: string[] } {
  const classCounts = countClasses(labels, classes);
  if (declared !== undefined) return { classCounts, warnings: [] };
  const warnings = rareClasses(labels, classes, classCounts).map((rare) =>
    rareClassWarning(
      rare,
      classes,
      classCounts,
      (i) => `y[${i}]`,
      "declare the expected labels with option 'classes'",
    ),
  );
  return { classCounts, warnings };
}

/**
 * Checks the labels against the declared classes: every label must be declared, and every
 * declared class must occur.
 *
 * @param found - the distinct labels of `labels`.
 * @throws {ValueError} naming the first row of an undeclared label (and how many rows have one),
 *   or a declared class that no row has.
 */
export function checkDeclaredClasses(
  labels: readonly Label[],
  found: readonly Label[],
  declared: readonly Label[],
  where: string,
): void {
  const known = new Set<Label>(declared);
  const listed = declared.map(describe).join(', ');
  const first = labels.findIndex((v) => !known.has(v));
  if (first >= 0) {
    const count = labels.reduce<number>((s, v) => s + (known.has(v) ? 0 : 1), 0);
    throw new ValueError(
      `${where}: y[${first}] is ${describe(labels[first])}, which is not one of the declared classes ${listed}` +
        (count > 1 ? ` (${count} rows have undeclared labels)` : ''),
    );
  }
  const present = new Set<Label>(found);
  const absent = declared.filter((c) => !present.has(c));
  if (absent.length > 0) {
    throw new ValueError(
      `${where}: the declared class${absent.length === 1 ? '' : 'es'} ${absent.map(describe).join(', ')} ${absent.length === 1 ? 'does' : 'do'} not occur in y`,
    );
  }
}
