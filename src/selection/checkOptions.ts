import { OptionError } from '../errors.js';
import { describe } from '../validation/toMatrix.js';

/** Checks one option value: undefined when valid, else what the value must be. */
export type OptionCheck = (value: unknown) => string | undefined;

/** `seed`: any safe integer (the generator folds it to 64 bits of state). */
export const seedCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'a safe integer';

/** `folds`: an integer ≥ 2. */
export const foldsCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 2 ? undefined : 'an integer ≥ 2';

export const booleanCheck: OptionCheck = (v) =>
  typeof v === 'boolean' ? undefined : 'true or false';

/** One of the given strings. */
export function oneOfCheck(allowed: readonly string[]): OptionCheck {
  return (v) =>
    typeof v === 'string' && allowed.includes(v)
      ? undefined
      : `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
}

/**
 * Checks an options object against a constraint table, the pattern of
 * `validation/checkTrainOptions.ts` (scikit-learn's `_parameter_constraints`). Undefined values
 * count as absent; unknown names are errors, so a misspelt option is never silently ignored.
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
