import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built entry point and the fixtures folder. */
export const cliEntry = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** What a run of the binary did. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli/main.js ...args` in `cwd` (stdin gives `input`, stderr not a terminal). */
export function runCli(
  args: readonly string[],
  cwd: string,
  input: string | Uint8Array = '',
): CliResult {
  const result = spawnSync(process.execPath, [cliEntry, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 26,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
