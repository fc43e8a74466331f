import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** An output file cannot be written (no such folder, permission denied, disk full…). */
export class OutputFileError extends InputError {
  override readonly name: string = 'OutputFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: cannot write: ${problem}`);
  }
}

/**
 * Writes `content` to `file` atomically: into a new temporary file in the same folder (so the
 * rename stays on one file system), flushed to disk, then renamed over `file`. Readers see the
 * old file or the new one, never a part; on any failure the temporary file is removed, so no
 * file is created and an existing one is left untouched.
 *
 * @throws {OutputFileError} the folder does not exist, `file` is a folder, permission denied,
 *   disk full.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let created = false;
  try {
    const handle = await open(temporary, 'wx');
    created = true;
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    created = false;
  } catch (error) {
    if (created) await unlink(temporary).catch(() => undefined);
    throw outputError(file, error);
  }
}

/**
 * Checks before long work that `file` can be written: its folder exists and it is not a folder.
 *
 * @throws {OutputFileError}
 */
export async function checkWritable(file: string): Promise<void> {
  const folder = dirname(file);
  const folderStats = await stat(folder).catch(() => undefined);
  if (folderStats === undefined) throw new OutputFileError(file, `no such folder "${folder}"`);
  if (!folderStats.isDirectory()) throw new OutputFileError(file, `"${folder}" is not a folder`);
  const fileStats = await stat(file).catch(() => undefined);
  if (fileStats?.isDirectory() === true) throw new OutputFileError(file, 'it is a folder');
}

function outputError(file: string, error: unknown): OutputFileError {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new OutputFileError(file, `no such folder "${dirname(file)}"`);
    case 'EISDIR':
      return new OutputFileError(file, 'it is a folder');
    case 'ENOTDIR':
      return new OutputFileError(file, `"${dirname(file)}" is not a folder`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OutputFileError(file, 'permission denied');
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputFileError(file, 'no space left on the device');
    default:
      return new OutputFileError(file, error instanceof Error ? error.message : String(error));
  }
}
