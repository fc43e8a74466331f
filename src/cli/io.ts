import { once } from 'node:events';

/** Where a command writes: data to `stdout`, diagnostics to `stderr`. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/** Writes data to stdout, waiting when the pipe is full. */
export async function writeOut(io: CliIO, text: string): Promise<void> {
  if (!io.stdout.write(text)) await once(io.stdout, 'drain');
}

/** A remark for the user on stderr (`logreg: note: …`). */
export function note(io: CliIO, message: string): void {
  io.stderr.write(`logreg: note: ${message}\n`);
}

/** A warning on stderr (`logreg: warning: …`). */
export function warn(io: CliIO, message: string): void {
  io.stderr.write(`logreg: warning: ${message}\n`);
}
