import { parse } from 'csv-parse/sync';
import { InvalidArgumentError } from 'commander';
import { classSummary, countClasses, rareClasses, rareClassWarning } from '../model/classCounts.js';
import type { Label } from '../options/trainOptions.js';
import { cellKey } from '../node/column.js';
import { DataFileError } from '../node/dataFileError.js';

/**
 * Parses `--classes`: labels separated by commas, by CSV rules (`"a,b",c` is two labels; spaces
 * around a label are dropped). Repeated flags add up.
 */
export function classesFlag(value: string, previous: readonly string[] | undefined): string[] {
  let records: string[][];
  try {
    records = parse(value, { trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new InvalidArgumentError(
      `expected labels separated by commas (CSV quoting): ${(error as Error).message}.`,
    );
  }
  const labels = (records[0] ?? []).filter((label) => label !== '');
  if (records.length !== 1 || labels.length === 0) {
    throw new InvalidArgumentError('expected labels separated by commas, on one line.');
  }
  return [...(previous ?? []), ...labels];
}

/**
 * The labels of `--classes` as the target column's classes, after checking the rows against them.
 *
 * @param lines - the file line of each training row.
 * @throws {DataFileError} a row whose label is not declared (naming its line and how many rows
 *   have one), or a declared label that no training row has.
 */
export function declaredClassesOf(
  file: string,
  target: string,
  lines: ArrayLike<number>,
  labels: readonly Label[],
  classes: readonly Label[],
  declared: readonly string[],
): Label[] {
  const names = [...new Set(declared)];
  const listed = names.map((name) => `"${name}"`).join(', ');
  const matched = new Set<string>();
  for (const name of names) {
    const key = cellKey(name);
    for (const c of classes) if (String(c) === name || String(c) === key) matched.add(String(c));
  }
  const first = labels.findIndex((label) => !matched.has(String(label)));
  if (first >= 0) {
    const count = labels.reduce<number>((s, l) => s + (matched.has(String(l)) ? 0 : 1), 0);
    throw new DataFileError(
      file,
      lines[first],
      `column "${target}": label "${String(labels[first])}" is not one of --classes ${listed}` +
        (count > 1 ? ` (${count} rows have undeclared labels)` : ''),
    );
  }
  const absent = names.filter((name) => {
    const key = cellKey(name);
    return !classes.some((c) => String(c) === name || String(c) === key);
  });
  if (absent.length > 0) {
    throw new DataFileError(
      file,
      undefined,
      `--classes declares ${absent.map((name) => `"${name}"`).join(', ')}, which the target column "${target}" does not have (its classes are ${classes.map((c) => `"${String(c)}"`).join(', ')})`,
    );
  }
  return classes.filter((c) => matched.has(String(c)));
}

/**
 * The fit's warnings with the library's rare-class warnings (rows as `y[i]`, option 'classes')
 * rewritten for the command line (file lines, `--classes`).
 *
 * @param lines - the file line of each training row.
 */
export function withLineNumbers(
  warnings: readonly string[],
  labels: readonly Label[],
  classes: readonly Label[],
  lines: ArrayLike<number>,
): string[] {
  const library = classSummary(labels, classes, undefined).warnings;
  if (library.length === 0) return [...warnings];
  const counts = countClasses(labels, classes);
  const cli = rareClasses(labels, classes, counts).map((rare) =>
    rareClassWarning(
      rare,
      classes,
      counts,
      (i) => `line ${lines[i]}`,
      'declare the expected labels with --classes',
    ),
  );
  return warnings.map((w) => {
    const k = library.indexOf(w);
    return k < 0 ? w : cli[k];
  });
}
