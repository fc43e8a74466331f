import { CommanderError } from 'commander';
import { InputError, OptionError } from '../errors.js';
import type { CliIO } from './io.js';
import { cliMessage } from './optionFlags.js';
import { createProgram } from './program.js';
import { UsageError } from './usageError.js';

/** Exit codes: 0 success, 1 bad input or data, 2 bad usage, 70 a bug (sysexits' EX_SOFTWARE). */
export const exitCodes = { ok: 0, badInput: 1, badUsage: 2, bug: 70 } as const;

/**
 * Runs the command line on `argv` (without `node` and the script) and returns the exit code.
 * User mistakes print one message on stderr; anything else is a bug and prints its stack.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help, or the version) already.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.badUsage;
  }
  if (error instanceof UsageError || error instanceof OptionError) {
    // The library's errors name its options; on the command line they name the flags.
    const message = error instanceof OptionError ? cliMessage(error.message) : error.message;
    io.stderr.write(`logreg: error: ${message}\n(add --help for usage)\n`);
    return exitCodes.badUsage;
  }
  if (error instanceof InputError) {
    io.stderr.write(`logreg: error: ${error.message}\n`);
    return exitCodes.badInput;
  }
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  io.stderr.write(
    `logreg: internal error (a bug in logreg; please report it with this trace):\n${stack}\n`,
  );
  return exitCodes.bug;
}
