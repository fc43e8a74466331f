import { OptionError, ValueError } from '../errors.js';
import { compareLabels } from '../model/encodeLabels.js';
import type { Label } from '../options/trainOptions.js';
import type { SqlRunner } from './fitSql.js';
import type { SqlDialect } from './sqlDialect.js';
import type { SqlSource } from './sqlDesign.js';
import { labelsStatement } from './sqlQueries.js';
import type { SqlTrainSpec } from './sqlTrainSpec.js';

/** The two classes of the target (sorted as `train` sorts labels) and the positive one. */
export function readClasses(
  runner: SqlRunner,
  dialect: SqlDialect,
  source: SqlSource,
  spec: SqlTrainSpec,
  complete: readonly string[],
): { classes: [Label, Label]; positive: { value: Label; text: string } } {
  const found = runner
    .run(labelsStatement(dialect, source, spec.target, complete))
    .map((row) => ({ value: toLabel(row[0]), text: String(row[1]) }));
  if (found.length !== 2) {
    throw new ValueError(
      `trainSql: target "${spec.target}" must have exactly two distinct values, got ${found.length === 3 ? 'three or more' : found.length} (${found.map((f) => f.text).join(', ')})`,
    );
  }
  found.sort((a, b) => compareLabels(a.value, b.value));
  const classes: [Label, Label] = [found[0]!.value, found[1]!.value];
  let positive = found[1]!;
  if (spec.positiveClass !== undefined) {
    const given = found.find(
      (f) => f.value === spec.positiveClass || f.text === String(spec.positiveClass),
    );
    if (given === undefined) {
      throw new OptionError(
        `trainSql: positiveClass ${JSON.stringify(spec.positiveClass)} is not a value of "${spec.target}" (${found.map((f) => f.text).join(', ')})`,
      );
    }
    positive = given;
  }
  return { classes, positive };
}

/** An engine's value as a label: bigints become numbers. */
function toLabel(value: unknown): Label {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return String(value);
}
