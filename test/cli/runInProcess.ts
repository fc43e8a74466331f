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

/**
 * Runs `logreg ...argv` in this process (the sources, no build; stderr not a terminal), as
 * `src/cli/main.ts` does, and returns the exit code and what went to stdout and stderr.
 */
export async function runInProcess(argv: readonly string[]): Promise<InProcessResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await run(argv, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
