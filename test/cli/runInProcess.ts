import { Writable } from 'node:stream';
import { run } from '../../src/cli/run.js';

/** What an in-process run of the command line did. */
export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it. */
class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8');
    callback();
  }
}

/** Runs `logreg ...argv` in this process (paths absolute), collecting stdout and stderr. */
export async function runInProcess(argv: readonly string[]): Promise<InProcessResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await run(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
