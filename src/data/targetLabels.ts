import type { Label } from '../options/trainOptions.js';
import { rowKey } from './column.js';
import type { Column, Table } from './column.js';
import { DataFileError } from './dataFileError.js';
import { missingCell, sortLevels } from './designMatrix.js';

/**
 * The labels of the given rows of a target column: numbers when every cell is a number (so a
 * model trained on 0/1 predicts 0/1), else text (see {@link cellKey}).
 *
 * @throws {DataFileError} a missing cell (naming its line).
 */
export function readLabels(table: Table, column: Column, rows: Uint32Array): Label[] {
  const labels: Label[] = new Array<Label>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = rowKey(column, row);
    if (key === null) throw missingCell(table, column.name, row);
    labels[i] = column.text === undefined ? column.numbers[row]! : key;
  }
  return labels;
}

/** The distinct labels, sorted: numbers ascending, text by UTF-16 code units. */
export function distinctLabels(labels: readonly Label[]): Label[] {
  const byKey = new Map<string, Label>();
  for (const label of labels) byKey.set(String(label), label);
  return sortLevels(byKey.keys()).map((key) => byKey.get(key)!);
}

/**
 * 1 where a row's label is `positiveClass`, 0 where it is the model's other class.
 *
 * @throws {DataFileError} a missing cell, or a label that is not one of `classes` (naming its line).
 */
export function indicatorOf(
  table: Table,
  column: Column,
  rows: Uint32Array,
  classes: readonly Label[],
  positiveClass: Label,
): Float64Array {
  const positive = String(positiveClass);
  const known = new Set(classes.map(String));
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = rowKey(column, row);
    if (key === null) throw missingCell(table, column.name, row);
    if (!known.has(key)) {
      throw new DataFileError(
        table.file,
        table.lines[row],
        `column "${column.name}": label "${key}" is not one of the model's classes (${classes.map((c) => `"${String(c)}"`).join(', ')})`,
      );
    }
    y[i] = key === positive ? 1 : 0;
  }
  return y;
}
