import { fstatSync, readSync } from 'node:fs';
import type { ByteSource } from '../data/byteSource.js';

/**
 * A {@link ByteSource} over an open file descriptor: positioned reads (`readSync`), scratch
 * buffers from `Buffer.allocUnsafe` (whose `indexOf` runs memchr). The caller closes `fd`.
 */
export function fileByteSource(fd: number, size = fstatSync(fd).size): ByteSource {
  return {
    size,
    read: (target, offset, length, position) => readSync(fd, target, offset, length, position),
    allocate: (length) => Buffer.allocUnsafe(length),
  };
}
