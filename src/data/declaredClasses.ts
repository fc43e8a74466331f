import type { Label } from '../options/trainOptions.js';
import { cellKey } from './column.js';
import { DataFileError } from './dataFileError.js';

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
