import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync } from 'hyparquet';
import type { AsyncBuffer, Compressors, FileMetaData } from 'hyparquet';
import { snappyUncompressor } from 'hysnappy';
import { DataFileError } from '../data/dataFileError.js';
import type { ReadProgress } from '../data/readLimits.js';
import { fileSystemError, standardInput } from './openDataStream.js';

let compressors: Compressors | undefined;

/**
 * The decompressors given to hyparquet: snappy by hysnappy (WebAssembly, about twice hyparquet's
 * JavaScript snappy, which was most of the time of a Parquet read in `npm run bench -- --e2e`);
 * the other codecs stay hyparquet's own. Made once per thread.
 */
export function parquetCompressors(): Compressors {
  compressors ??= { SNAPPY: snappyUncompressor() };
  return compressors;
}

/** An open Parquet file as hyparquet reads it: positioned reads, and a way to close it. */
export interface ParquetSource {
  readonly buffer: AsyncBuffer;
  close(): Promise<void>;
}

/**
 * The file as hyparquet's `AsyncBuffer`: positioned reads (Parquet is read from its end), or
 * standard input (`-`) read whole. `onProgress` hears the bytes read so far.
 *
 * @throws {DataFileError} naming `name`: no such file, a directory.
 */
export async function openParquet(
  file: string,
  name: string,
  onProgress?: ReadProgress,
): Promise<ParquetSource> {
  if (file === standardInput) {
    const parts: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    const whole = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return {
      buffer: { byteLength: whole.byteLength, slice: (start, end) => whole.slice(start, end) },
      close: () => Promise.resolve(),
    };
  }
  let handle: FileHandle;
  let size: number;
  try {
    handle = await open(file, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      await handle.close();
      throw new DataFileError(name, undefined, 'is a directory, not a data file');
    }
    size = stats.size;
  } catch (error) {
    throw error instanceof DataFileError ? error : fileSystemError(name, error);
  }
  let read = 0;
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const length = (end ?? size) - start;
      const out = new Uint8Array(length);
      let at = 0;
      while (at < length) {
        const { bytesRead } = await handle.read(out, at, length - at, start + at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      read += at;
      onProgress?.(Math.min(read, size), size);
      return out.buffer;
    },
  };
  return { buffer, close: () => handle.close() };
}

/** The file's footer. @throws {DataFileError} not a Parquet file (or a corrupt one). */
export async function readMetadata(name: string, buffer: AsyncBuffer): Promise<FileMetaData> {
  try {
    return await parquetMetadataAsync(buffer);
  } catch (error) {
    throw notParquet(name, error);
  }
}

/** The error of a file hyparquet cannot read, with its message. */
export function notParquet(name: string, error: unknown): DataFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DataFileError(name, undefined, `is not a readable Parquet file (${detail})`);
}

/** The names of the schema's top-level fields, in order. */
export function topLevelColumns(metadata: FileMetaData): string[] {
  const names: string[] = [];
  const schema = metadata.schema;
  // A depth-first list: the root, then each field followed by its children.
  let i = 1;
  while (i < schema.length) {
    names.push(schema[i]!.name);
    i = skipField(schema, i);
  }
  return names;
}

/** The index after field `i` and all of its descendants. */
function skipField(schema: FileMetaData['schema'], i: number): number {
  const children = schema[i]!.num_children ?? 0;
  let next = i + 1;
  for (let c = 0; c < children; c++) next = skipField(schema, next);
  return next;
}
