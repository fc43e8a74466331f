import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataFileError } from './dataFileError.js';

/** The bytes of a data file, decompressed when it is gzipped. */
export interface DataStream {
  /** The text: the file's bytes, gunzipped if need be, through the binary-data guard. */
  readonly readable: Readable;
  /** Size of the file on disk (compressed size for gzip). */
  readonly size: number;
  readonly gzip: boolean;
  /** Closes the file; safe to call more than once. */
  close(): Promise<void>;
}

/** Called with the bytes of the file read so far (compressed bytes for gzip) and its size. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

const gzipMagic = [0x1f, 0x8b];

/**
 * Opens a data file for streaming. A file is decompressed when its name ends in `.gz` or when it
 * starts with the gzip magic bytes. The last stage rejects binary data (see {@link BinaryGuard}).
 *
 * @throws {DataFileError} the file does not exist, is a directory or cannot be read.
 */
export async function openDataStream(file: string, onProgress?: ReadProgress): Promise<DataStream> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileSystemError(file, error);
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  try {
    const stats = await handle.stat();
    if (stats.isDirectory())
      throw new DataFileError(file, undefined, 'is a directory, not a data file');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    const gzip =
      file.toLowerCase().endsWith('.gz') ||
      (bytesRead === 2 && head[0] === gzipMagic[0] && head[1] === gzipMagic[1]);
    const raw = handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 1 << 16 });
    if (onProgress !== undefined) {
      let read = 0;
      raw.on('data', (chunk: string | Buffer) => {
        read += chunk.length;
        onProgress(read, stats.size);
      });
    }
    // pipeline destroys every stage when one fails, so the error reaches whoever reads the guard.
    const guard = new BinaryGuard(file);
    const ignore = (): void => undefined;
    const readable = gzip
      ? pipeline(raw, createGunzip(), guard, ignore)
      : pipeline(raw, guard, ignore);
    return { readable, size: stats.size, gzip, close };
  } catch (error) {
    await close();
    throw error instanceof DataFileError ? error : fileSystemError(file, error);
  }
}

/**
 * Passes text through and fails on the first control byte that text files do not contain
 * (0x00–0x08 and 0x0E–0x1F except 0x1A), naming its line: that catches binary files and
 * spreadsheets given by mistake. Bytes ≥ 0x80 are allowed, so Latin-1 text passes.
 */
export class BinaryGuard extends Transform {
  private line = 1;

  constructor(private readonly file: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let line = this.line;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        line++;
      } else if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) {
        const hex = byte.toString(16).padStart(2, '0');
        callback(
          new DataFileError(
            this.file,
            line,
            `binary data (byte 0x${hex}): this is not a text file (CSV, TSV or LIBSVM)`,
          ),
        );
        return;
      }
    }
    this.line = line;
    callback(null, chunk);
  }
}

/** Turns a Node file-system or zlib error into a message about the file. */
export function fileSystemError(file: string, error: unknown): DataFileError {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new DataFileError(file, undefined, 'no such file');
    case 'EISDIR':
      return new DataFileError(file, undefined, 'is a directory, not a data file');
    case 'EACCES':
    case 'EPERM':
      return new DataFileError(file, undefined, 'permission denied');
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'Z_NEED_DICT':
      return new DataFileError(file, undefined, 'is not valid gzip data (corrupt or truncated)');
    default:
      return new DataFileError(
        file,
        undefined,
        `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}
