import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'dist', 'cli', 'main.js');

/** The newest modification time of a file under `folder`. */
function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Vitest global setup: the end-to-end tests run the built binary, so build it once unless
 * dist/ is newer than every source file (as after `npm test`, which builds first).
 */
export default function setup(): void {
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(root, 'src'))) return;
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  // tsc emits despite type errors; the typecheck step reports those.
  if (!existsSync(entry)) {
    throw new Error(`building the CLI failed:\n${result.stdout}${result.stderr}`);
  }
}
