import { Writable } from 'node:stream';
import { run } from '../../src/cli/run.js';

/** What one in-process run of the command line did. */
export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it. */
function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** The run under way: runs take turns, since a run with a `cwd` changes the process's folder. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs `logreg ...argv` in this process (the sources, no build; stderr not a terminal), as
 * `src/cli/main.ts` does, and returns the exit code and what went to stdout and stderr.
 *
 * With `cwd`, relative paths in `argv` are read and written there, as `runCli(argv, cwd)` does for
 * the binary: the process changes folder for the run and changes back after it. `process.chdir`
 * needs a process of its own: Vitest's `forks` pool (vitest.config.ts) gives each test file one,
 * and within a file the runs take turns.
 */
export function runInProcess(argv: readonly string[], cwd?: string): Promise<InProcessResult> {
  const result = previous.then(() => runNow(argv, cwd));
  previous = result.catch(() => undefined);
  return result;
}

async function runNow(argv: readonly string[], cwd: string | undefined): Promise<InProcessResult> {
  const stdout = collector();
  const stderr = collector();
  const home = process.cwd();
  if (cwd !== undefined) process.chdir(cwd);
  try {
    const code = await run(argv, { stdout, stderr });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    if (cwd !== undefined) process.chdir(home);
  }
}
