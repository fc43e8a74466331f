import { randomBytes } from 'node:crypto';
import { unlinkSync, writeSync } from 'node:fs';
import { chmod, open, readdir, rename, stat, unlink } from 'node:fs/promises';
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

/** A new temporary file name next to `file` (same folder, so the rename stays on one disk). */
function temporaryName(file: string): string {
  return join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/** How old a dead process's temporary file must be before a later write removes it. */
const staleAge = 10 * 60 * 1000;

/**
 * Removes the temporary files of `file` (named as {@link temporaryName} names them) that a killed
 * writer left behind: a SIGKILL or a power cut gives no chance to clean up, so the next write of
 * the same file does it. A file is taken as left behind when the process in its name is not
 * running and it was last modified more than 10 minutes ago (a writer on another machine sharing
 * the folder is long done by then). Best effort: any failure is ignored.
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const folder = dirname(file);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    const path = join(folder, name);
    try {
      const stats = await stat(path);
      if (stats.isFile() && now - stats.mtimeMs > staleAge) await unlink(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** True unless signalling `pid` says there is no such process (ESRCH). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code !== 'ESRCH';
  }
}

/**
 * Temporary files that exist now. A SIGINT or SIGTERM while one exists removes them all, then
 * ends the process by the same signal (the handlers are installed only while there are some, so
 * the default behaviour is otherwise untouched).
 */
const liveTemporaries = new Set<string>();
const cleanupSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const temporary of liveTemporaries) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
  }
  liveTemporaries.clear();
  for (const s of cleanupSignals) process.removeListener(s, onSignal);
  process.kill(process.pid, signal); // the default action now: exit by this signal
}

function track(temporary: string): void {
  if (liveTemporaries.size === 0) for (const s of cleanupSignals) process.on(s, onSignal);
  liveTemporaries.add(temporary);
}

function untrack(temporary: string): void {
  liveTemporaries.delete(temporary);
  if (liveTemporaries.size === 0)
    for (const s of cleanupSignals) process.removeListener(s, onSignal);
}

/**
 * Writes `content` to `file` atomically: into a new temporary file in the same folder (so the
 * rename stays on one file system), flushed to disk, then renamed over `file`. Readers see the
 * old file or the new one, never a part; on any failure, and on SIGINT, SIGTERM or SIGHUP while
 * writing, the temporary file is removed, so no file is created and an existing one is left
 * untouched. A replaced file keeps its permission bits (a model made private with `chmod 600`
 * stays private). Temporary files of `file` left by a killed writer (SIGKILL: no cleanup is
 * possible) are removed by the next successful write, once 10 minutes old.
 *
 * @throws {OutputFileError} the folder does not exist, `file` is a folder, permission denied,
 *   disk full.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomicStreaming(file, (write) => write(content));
}

/**
 * Writes `file` atomically as {@link writeFileAtomic} does, from text made piece by piece:
 * `produce` calls `write` with each piece, which goes into the temporary file at once (memory
 * holds one piece, not the whole file); once `produce` resolves, the file is flushed and renamed
 * over `file`. If `produce` throws, or a write fails, the temporary file is removed, `file` is
 * left as it was, and the error is thrown (a write's as {@link OutputFileError}, `produce`'s own
 * unchanged). `writeSync` writes a piece at once, for producers that cannot wait (a synchronous
 * reader's callback). `logreg predict -o` streams its predictions this way.
 *
 * @throws {OutputFileError} as {@link writeFileAtomic}.
 */
export async function writeFileAtomicStreaming(
  file: string,
  produce: (
    write: (piece: string | Uint8Array) => Promise<void>,
    writeSync: (piece: string | Uint8Array) => void,
  ) => Promise<void>,
): Promise<void> {
  const temporary = temporaryName(file);
  let created = false;
  let produced: { error: unknown } | undefined;
  // Tracked before it exists: a signal that lands between the file's creation and the code after
  // `open` still removes it (removing a name that does not exist yet, or any more, is harmless).
  track(temporary);
  try {
    const previous = await stat(file).catch(() => undefined);
    const handle = await open(temporary, 'wx');
    created = true;
    try {
      const write = async (piece: string | Uint8Array): Promise<void> => {
        try {
          await handle.writeFile(piece);
        } catch (error) {
          throw outputError(file, error);
        }
      };
      const writeNow = (piece: string | Uint8Array): void => {
        try {
          const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
          for (let at = 0; at < bytes.length;) {
            at += writeSync(handle.fd, bytes, at, bytes.length - at);
          }
        } catch (error) {
          throw outputError(file, error);
        }
      };
      try {
        await produce(write, writeNow);
      } catch (error) {
        produced = { error };
        throw error;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (previous?.isFile() === true) await chmod(temporary, previous.mode & 0o7777);
    await rename(temporary, file);
    created = false;
    await removeStaleTemporaries(file);
  } catch (error) {
    if (created) await unlink(temporary).catch(() => undefined);
    if (produced !== undefined || error instanceof OutputFileError) throw error;
    throw outputError(file, error);
  } finally {
    untrack(temporary);
  }
}

/**
 * Checks before long work that `file` can be written: its folder exists and takes a new file
 * (a temporary file is created there and removed: that finds read-only disks and missing
 * permissions, for root too), it is not a folder, and it is none of `inputs` (the data or model
 * files the command reads: `-m data.csv` would replace the data).
 *
 * @throws {OutputFileError}
 */
export async function checkWritable(file: string, inputs: readonly string[] = []): Promise<void> {
  const folder = dirname(file);
  const folderStats = await stat(folder).catch(() => undefined);
  if (folderStats === undefined) throw new OutputFileError(file, `no such folder "${folder}"`);
  if (!folderStats.isDirectory()) throw new OutputFileError(file, `"${folder}" is not a folder`);
  const fileStats = await stat(file).catch(() => undefined);
  if (fileStats?.isDirectory() === true) throw new OutputFileError(file, 'it is a folder');
  if (fileStats !== undefined) {
    for (const input of inputs) {
      const inputStats = await stat(input).catch(() => undefined);
      if (inputStats?.ino === fileStats.ino && inputStats.dev === fileStats.dev) {
        throw new OutputFileError(
          file,
          `it is the input file "${input}", which would be replaced; choose another output path`,
        );
      }
    }
  }
  const probe = temporaryName(file);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
    await unlink(probe);
  } catch (error) {
    throw outputError(file, error);
  }
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
