import type { OptionCheck } from '../validation/optionChecks.js';

export { booleanCheck, checkOptions, oneOfCheck } from '../validation/optionChecks.js';
export type { OptionCheck } from '../validation/optionChecks.js';

/** `seed`: any safe integer (the generator folds it to 64 bits of state). */
export const seedCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'a safe integer';

/** `folds`: an integer ≥ 2. */
export const foldsCheck: OptionCheck = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 2 ? undefined : 'an integer ≥ 2';
