import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A temporary folder for one test file; `cleanup` removes it. */
export function tempFolder(prefix = 'logreg-test-'): {
  folder: string;
  file(name: string, content: string | Uint8Array, options?: { gzip?: boolean }): string;
  cleanup(): void;
} {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return {
    folder,
    file(name, content, options = {}) {
      const path = join(folder, name);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeFileSync(path, options.gzip === true ? gzipSync(bytes) : bytes);
      return path;
    },
    cleanup() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
