import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import { Readable } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataFileError } from '../data/dataFileError.js';
import { defaultMaxExpansion, defaultMaxLineLength } from '../data/readLimits.js';
import { TextCheck } from '../data/textCheck.js';
import type { ReadLimits, ReadProgress } from '../data/readLimits.js';

/** The bytes of a data file, decompressed when it is gzipped. */
export interface DataStream {
  /** The text: the file's bytes, gunzipped if need be, through the binary-data guard. */
  readonly readable: Readable;
  /** Size of the file on disk (compressed size for gzip); 0 when unknown (a pipe, stdin). */
  readonly size: number;
  readonly gzip: boolean;
  /** Closes the file; safe to call more than once. */
  close(): Promise<void>;
}

/** Decompressed bytes below which no expansion ratio is an error (small files compress well). */
const expansionFloor = 8 * 1024 * 1024;

const gzipMagic = [0x1f, 0x8b];

/** The file name that means standard input, as in `cat -` and most Unix tools. */
export const standardInput = '-';

/**
 * The name of a data file in messages: `stdin` for {@link standardInput}, else the name given.
 */
export function shownName(file: string): string {
  return file === standardInput ? 'stdin' : file;
}

/**
 * Opens a data file for streaming. A file is decompressed when its name ends in `.gz` or when it
 * starts with the gzip magic bytes. A regular file is read from its start; anything else (a FIFO,
 * a pipe, `/dev/stdin`, a character device) is read sequentially, once, never seeking: its first
 * bytes, read to detect gzip, are passed on. The name `-` ({@link standardInput}) reads the
 * process's standard input the same way (errors call it `stdin`). The last stage rejects binary data and over-long
 * lines (see {@link BinaryGuard}); gzipped data also pass an {@link ExpansionGuard}.
 *
 * Opening a FIFO waits for a writer, as `cat` does.
 *
 * @throws {DataFileError} the file does not exist, is a directory or cannot be read.
 */
export async function openDataStream(
  file: string,
  onProgress?: ReadProgress,
  limits: ReadLimits = {},
): Promise<DataStream> {
  if (file === standardInput) return openStandardInput(onProgress, limits);
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
    let raw: Readable;
    let head: Buffer;
    if (stats.isFile()) {
      head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      head = head.subarray(0, bytesRead);
      raw = handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 1 << 16 });
    } else {
      const first = Buffer.allocUnsafe(1 << 16);
      const { bytesRead } = await handle.read(first, 0, first.length, null);
      head = first.subarray(0, bytesRead);
      raw = Readable.from(sequential(head, handle));
    }
    const gzip = file.toLowerCase().endsWith('.gz') || isGzipHead(head);
    return guarded(file, raw, stats.size, gzip, close, onProgress, limits);
  } catch (error) {
    await close();
    throw error instanceof DataFileError ? error : fileSystemError(file, error);
  }
}

/** True when `head` starts with the gzip magic bytes 1f 8b (RFC 1952, section 2.3.1). */
export function isGzipHead(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === gzipMagic[0] && head[1] === gzipMagic[1];
}

/**
 * Standard input as a data stream: read sequentially, once; gzip is recognized by its magic
 * bytes only (there is no name). Closing does not close the process's stdin.
 */
async function openStandardInput(
  onProgress: ReadProgress | undefined,
  limits: ReadLimits,
): Promise<DataStream> {
  const iterator = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  // Enough bytes to see the gzip magic (a pipe may deliver one byte at a time).
  const first: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    first.push(next.value);
    headBytes += next.value.length;
  }
  const head = Buffer.concat(first);
  async function* bytes(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  const name = shownName(standardInput);
  return guarded(
    name,
    Readable.from(bytes()),
    0,
    isGzipHead(head),
    () => Promise.resolve(),
    onProgress,
    limits,
  );
}

/**
 * The raw bytes through gunzip (when `gzip`) and the guards; progress counts the raw bytes.
 * pipeline destroys every stage when one fails, so the error reaches whoever reads the guard.
 */
function guarded(
  file: string,
  raw: Readable,
  size: number,
  gzip: boolean,
  close: () => Promise<void>,
  onProgress: ReadProgress | undefined,
  limits: ReadLimits,
): DataStream {
  const compressed = { bytes: 0 };
  raw.on('data', (chunk: string | Buffer) => {
    compressed.bytes += chunk.length;
    onProgress?.(compressed.bytes, size);
  });
  const guard = new BinaryGuard(file, limits.maxLineLength ?? defaultMaxLineLength);
  const ignore = (): void => undefined;
  const readable = gzip
    ? pipeline(
        raw,
        createGunzip(),
        new ExpansionGuard(file, limits.maxExpansion ?? defaultMaxExpansion, compressed),
        guard,
        ignore,
      )
    : pipeline(raw, guard, ignore);
  return { readable, size, gzip, close };
}

/** The bytes of a non-seekable file: `head` (already read), then the rest, sequentially. */
async function* sequential(head: Buffer, handle: FileHandle): AsyncGenerator<Buffer> {
  if (head.length === 0) return;
  yield head;
  for (;;) {
    const buf = Buffer.allocUnsafe(1 << 16);
    const { bytesRead } = await handle.read(buf, 0, buf.length, null);
    if (bytesRead === 0) return;
    yield buf.subarray(0, bytesRead);
  }
}

/**
 * Fails when decompressed data outgrow `maxExpansion` times the compressed bytes read so far
 * (after a floor of 8 MiB): a gzip bomb (a few MB expanding to gigabytes of short rows) stops
 * with a message naming the option instead of exhausting memory.
 */
export class ExpansionGuard extends Transform {
  private out = 0;

  constructor(
    private readonly file: string,
    private readonly maxExpansion: number,
    private readonly compressed: { readonly bytes: number },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.out += chunk.length;
    if (this.out > expansionFloor && this.out > this.maxExpansion * this.compressed.bytes) {
      callback(
        new DataFileError(
          this.file,
          undefined,
          `decompresses to more than ${this.maxExpansion} times its compressed size ` +
            `(${this.out} bytes from ${this.compressed.bytes}): refused as a likely gzip bomb; ` +
            'if the data are genuine, raise the limit (--max-expansion, option maxExpansion)',
        ),
      );
      return;
    }
    callback(null, chunk);
  }
}

/**
 * A stream stage that passes text through and fails on binary data or an over-long line: the
 * byte check {@link TextCheck} (src/data/textCheck.ts), which names the line.
 */
export class BinaryGuard extends Transform {
  private readonly check: TextCheck;

  constructor(file: string, maxLineLength: number = defaultMaxLineLength) {
    super();
    this.check = new TextCheck(file, maxLineLength);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const error = this.check.check(chunk);
    if (error === undefined) callback(null, chunk);
    else callback(error);
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
