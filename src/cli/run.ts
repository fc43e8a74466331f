import { CommanderError } from 'commander';
import { InputError, OptionError } from '../errors.js';
import type { CliIO } from './io.js';
import { cliMessage } from './optionFlags.js';
import { createProgram } from './program.js';
import { UsageError } from '../data/usageError.js';

/** Exit codes: 0 success, 1 bad input or data, 2 bad usage, 70 a bug (sysexits' EX_SOFTWARE). */
export const exitCodes = { ok: 0, badInput: 1, badUsage: 2, bug: 70 } as const;

/**
 * Runs the command line on `argv` (without `node` and the script) and returns the exit code.
 * User mistakes print one message on stderr; anything else is a bug and prints its stack.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  // A failed write on stdout (a full disk, /dev/full, a closed pipe) is an 'error' event of the
  // stream, perhaps after the command's last write returned: keep the first, and report it
  // whatever the command returned. A write still buffered is flushed before success is claimed.
  let writeError: unknown;
  const onWriteError = (error: unknown): void => {
    writeError ??= error;
  };
  io.stdout.on('error', onWriteError);
  try {
    try {
      await program.parseAsync([...argv], { from: 'user' });
      await flushed(io.stdout);
    } catch (error) {
      if (writeError === undefined || error !== writeError) throw error;
    }
    return writeError === undefined ? exitCodes.ok : reportWriteError(writeError, io);
  } catch (error) {
    return writeError === undefined ? report(error, io) : reportWriteError(writeError, io);
  } finally {
    io.stdout.removeListener('error', onWriteError);
  }
}

/** Resolves when everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write('', (error) =>
      error === undefined || error === null ? resolve() : reject(error),
    );
  });
}

/**
 * A failed write on stdout: exit 1 with the reason, or exit 0 for a closed pipe (`… | head`
 * has read what it wanted; as `cat` and `grep` do under SIGPIPE, that is not an error).
 */
function reportWriteError(error: unknown, io: CliIO): number {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return exitCodes.ok;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'no space left on the device'
      : error instanceof Error
        ? error.message
        : String(error);
  io.stderr.write(`logreg: error: cannot write the output to stdout: ${reason}\n`);
  return exitCodes.badInput;
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
