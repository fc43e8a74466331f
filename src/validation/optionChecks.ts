import { OptionError } from '../errors.js';
import { describe } from './toMatrix.js';

/** Checks one option value: undefined when valid, else what the value must be. */
export type OptionCheck = (value: unknown) => string | undefined;

export const positiveNumberCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a finite number > 0';
export const positiveIntegerCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'an integer ≥ 1';
export const finiteNumberCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number';
export const booleanCheck: OptionCheck = (v) =>
  typeof v === 'boolean' ? undefined : 'true or false';
export const numberArrayCheck: OptionCheck = (v) =>
  Array.isArray(v) || v instanceof Float64Array ? undefined : 'an array of numbers';
export const stringArrayCheck: OptionCheck = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : 'an array of strings';
export const labelCheck: OptionCheck = (v) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : 'a number, string or boolean';

/** A worker pool as createThreadPool (logreg/node) or createWebWorkerPool make it. */
export const threadPoolCheck: OptionCheck = (v) =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { size?: unknown }).size) &&
  typeof (v as { post?: unknown }).post === 'function' &&
  (v as { control?: unknown }).control instanceof Int32Array
    ? undefined
    : 'a thread pool (createThreadPool)';

/** One of the given strings. */
export function oneOfCheck(allowed: readonly string[]): OptionCheck {
  return (v) =>
    typeof v === 'string' && allowed.includes(v)
      ? undefined
      : `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
}

/**
 * Checks an options object against a constraint table once, at the public boundary (the pattern
 * of scikit-learn's `_parameter_constraints`). Undefined values count as absent; unknown names are
 * errors, so a misspelt option is never silently ignored.
 *
 * @throws {OptionError} `where: option 'name' must be …, got …`, or an unknown option.
 */
export function checkOptions<T extends object>(
  where: string,
  options: unknown,
  constraints: Readonly<Record<string, OptionCheck>>,
): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = Object.hasOwn(constraints, key) ? constraints[key] : undefined;
    if (check === undefined) {
      throw new OptionError(
        `${where}: unknown option '${key}' (known: ${Object.keys(constraints).join(', ')})`,
      );
    }
    const expected = check(value);
    if (expected !== undefined) {
      throw new OptionError(
        `${where}: option '${key}' must be ${expected}, got ${describe(value)}`,
      );
    }
  }
  return options as T;
}
