import type { FitReport } from '../options/fitReport.js';
import type { Penalty, SolverName } from '../options/trainOptions.js';
import type { StopReason } from '../solvers/objective.js';

// Typed as records so that a new penalty, solver or stop reason fails the typecheck until it is
// listed here (a model file naming it would otherwise be refused at load).
const penalties = new Set(
  Object.keys({ l2: 0, l1: 0, elasticnet: 0, none: 0, firth: 0 } satisfies Record<Penalty, 0>),
);
const solvers = new Set(
  Object.keys({ lbfgs: 0, newton: 0, gd: 0, sgd: 0, newglmnet: 0 } satisfies Record<SolverName, 0>),
);
const stopReasons = new Set<string>([
  'gradient-tolerance',
  'newton-decrement',
  'max-iterations',
  'line-search-failed',
  'not-finite',
  'separation',
  'early-stopping',
] satisfies StopReason[]);

/**
 * Checks a serialized {@link FitReport} field by field: everything `summary`, `evaluate` and the
 * model's methods later read has the type they expect, so a hand-edited or truncated model file
 * fails at load with the field's name instead of deep inside a command.
 *
 * `lossHistory` may hold `null`: `JSON.stringify` writes a non-finite loss of a diverging start as
 * null. Unknown extra fields are kept (a newer minor writer may add some).
 *
 * @param fail throws the caller's {@link ModelFormatError} with the given text.
 * @returns the report, typed.
 */
export function checkFitReport(
  value: unknown,
  fail: (what: string) => never,
  where = 'fitReport',
): FitReport {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`${where} is missing`);
  }
  const r = value as Record<string, unknown>;
  const bad = (field: string, expected: string): never =>
    fail(`${where}.${field} must be ${expected}, got ${show(r[field])}`);
  const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
  if (typeof r.solver !== 'string' || !solvers.has(r.solver))
    bad('solver', `one of ${[...solvers].join(', ')}`);
  if (typeof r.penalty !== 'string' || !penalties.has(r.penalty)) {
    bad('penalty', `one of ${[...penalties].join(', ')}`);
  }
  if (r.C !== null && !(finite(r.C) && (r.C as number) > 0)) bad('C', 'a number > 0 or null');
  if (
    r.l1Ratio !== undefined &&
    !(finite(r.l1Ratio) && (r.l1Ratio as number) >= 0 && (r.l1Ratio as number) <= 1)
  ) {
    bad('l1Ratio', 'a number in [0, 1]');
  }
  for (const field of ['standardize', 'fitIntercept', 'converged']) {
    if (typeof r[field] !== 'boolean') bad(field, 'true or false');
  }
  for (const field of ['iterations', 'nObservations', 'nFeatures']) {
    if (!count(r[field])) bad(field, 'an integer ≥ 0');
  }
  if (typeof r.stopReason !== 'string' || !stopReasons.has(r.stopReason)) {
    bad('stopReason', `one of ${[...stopReasons].join(', ')}`);
  }
  for (const field of ['objective', 'logLoss'])
    if (!finite(r[field])) bad(field, 'a finite number');
  if (!(finite(r.gradientNorm) && (r.gradientNorm as number) >= 0))
    bad('gradientNorm', 'a number ≥ 0');
  if (!(finite(r.tolerance) && (r.tolerance as number) > 0)) bad('tolerance', 'a number > 0');
  if (!(finite(r.sumWeights) && (r.sumWeights as number) > 0)) bad('sumWeights', 'a number > 0');
  if (
    !Array.isArray(r.lossHistory) ||
    !r.lossHistory.every((v) => v === null || typeof v === 'number')
  ) {
    bad('lossHistory', 'an array of numbers');
  }
  if (!Array.isArray(r.warnings) || !r.warnings.every((v) => typeof v === 'string')) {
    bad('warnings', 'an array of strings');
  }
  if (
    r.classCounts !== undefined &&
    !(Array.isArray(r.classCounts) && r.classCounts.every(count))
  ) {
    bad('classCounts', 'an array of integers ≥ 0');
  }
  if (
    r.aliased !== undefined &&
    !(Array.isArray(r.aliased) && r.aliased.every((a) => typeof a === 'boolean'))
  ) {
    bad('aliased', 'an array of booleans, one per coefficient');
  }
  if (r.passes !== undefined && !count(r.passes)) bad('passes', 'an integer ≥ 0');
  if (
    r.progressiveValidationLoss !== undefined &&
    !(finite(r.progressiveValidationLoss) && (r.progressiveValidationLoss as number) >= 0)
  ) {
    bad('progressiveValidationLoss', 'a number ≥ 0');
  }
  if (r.separation !== undefined) {
    const s = r.separation as Record<string, unknown> | null;
    if (
      typeof s !== 'object' ||
      s === null ||
      (s.kind !== 'complete' && s.kind !== 'quasi-complete') ||
      !Array.isArray(s.features) ||
      !s.features.every((v) => typeof v === 'string')
    ) {
      bad('separation', '{ kind: "complete" or "quasi-complete", features: [names] }');
    }
  }
  return r as unknown as FitReport;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
