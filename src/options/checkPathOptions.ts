import { OptionError } from '../errors.js';
import { defaultPathOptions } from './pathOptions.js';
import type { ElasticNetPathOptions } from './pathOptions.js';
import {
  booleanCheck,
  checkOptions,
  labelCheck,
  numberArrayCheck,
  positiveIntegerCheck,
  positiveNumberCheck,
  stringArrayCheck,
} from '../validation/optionChecks.js';
import type { OptionCheck } from '../validation/optionChecks.js';

type Check = OptionCheck;
const positiveNumber = positiveNumberCheck;
const positiveInteger = positiveIntegerCheck;
const boolean = booleanCheck;

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
  sampleWeight: numberArrayCheck,
  tolerance: positiveNumber,
  maxIterations: positiveInteger,
  featureNames: stringArrayCheck,
  positiveClass: labelCheck,
};

/**
 * Checks {@link ElasticNetPathOptions} against {@link pathOptionConstraints}, then the rules that
 * tie options together (`l1Ratio` with `'elasticnet'` only and required there; `Cs` or the
 * default grid's `count`/`span`, not both). Unknown names are errors.
 *
 * @throws {OptionError} naming the option, what it must be and what it was.
 */
export function checkPathOptions(options: unknown, where: string): void {
  checkOptions<ElasticNetPathOptions>(where, options ?? {}, pathOptionConstraints);
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
