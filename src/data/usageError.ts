/**
 * The command line itself is wrong (conflicting flags, a flag that does not apply): exit code 2,
 * as for commander's own errors. Mistakes in the data are {@link InputError}s (exit code 1).
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}
