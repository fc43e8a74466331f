import { OptionError } from '../errors.js';
import { defaultPathOptions } from '../model/pathOptions.js';
import type { ElasticNetPathOptions } from '../model/pathOptions.js';
import { describe } from './toMatrix.js';

type Check = (value: unknown) => string | undefined;
const positiveNumber: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a finite number > 0';
const positiveInteger: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'an integer ≥ 1';
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');

/** The constraint table of {@link ElasticNetPathOptions}, checked once at the public boundary. */
export const pathOptionConstraints: Readonly<Record<keyof ElasticNetPathOptions, Check>> = {
  penalty: (v) =>
    v === 'l1' || v === 'elasticnet' || v === 'l2' ? undefined : "one of 'l1', 'elasticnet', 'l2'",
  l1Ratio: (v) => (typeof v === 'number' && v > 0 && v <= 1 ? undefined : 'a number in (0, 1]'),
  Cs: (v) =>
    (Array.isArray(v) || v instanceof Float64Array) &&
    v.length > 0 &&
    Array.from(v as ArrayLike<unknown>).every(
      (c) => typeof c === 'number' && Number.isFinite(c) && c > 0,
    ) &&
    new Set(Array.from(v as ArrayLike<number>)).size === v.length
      ? undefined
      : 'a non-empty array of distinct finite numbers > 0',
  count: positiveInteger,
  span: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v > 1 ? undefined : 'a finite number > 1',
  fitIntercept: boolean,
  standardize: boolean,
  sampleWeight: (v) =>
    Array.isArray(v) || v instanceof Float64Array ? undefined : 'an array of numbers',
  tolerance: positiveNumber,
  maxIterations: positiveInteger,
  featureNames: (v) =>
    Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : 'an array of strings',
  positiveClass: (v) =>
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
      ? undefined
      : 'a number, string or boolean',
};

/**
 * Checks {@link ElasticNetPathOptions} against {@link pathOptionConstraints}, then the rules that
 * tie options together (`l1Ratio` with `'elasticnet'` only and required there; `Cs` or the
 * default grid's `count`/`span`, not both). Unknown names are errors.
 *
 * @throws {OptionError} naming the option, what it must be and what it was.
 */
export function checkPathOptions(options: unknown, where: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = (pathOptionConstraints as Record<string, Check | undefined>)[key];
    if (check === undefined) {
      throw new OptionError(
        `${where}: unknown option '${key}' (known: ${Object.keys(pathOptionConstraints).join(', ')})`,
      );
    }
    const expected = check(value);
    if (expected !== undefined) {
      throw new OptionError(
        `${where}: option '${key}' must be ${expected}, got ${describe(value)}`,
      );
    }
  }
  const opts = options as ElasticNetPathOptions;
  if (opts.penalty === 'elasticnet' && opts.l1Ratio === undefined) {
    throw new OptionError(`${where}: penalty 'elasticnet' needs option 'l1Ratio' (in (0, 1])`);
  }
  if (opts.penalty !== 'elasticnet' && opts.l1Ratio !== undefined) {
    throw new OptionError(
      `${where}: option 'l1Ratio' applies to penalty 'elasticnet' only (penalty is '${opts.penalty ?? defaultPathOptions.penalty}')`,
    );
  }
  if (opts.Cs !== undefined && (opts.count !== undefined || opts.span !== undefined)) {
    throw new OptionError(`${where}: give either Cs or count/span (the default grid), not both`);
  }
}
