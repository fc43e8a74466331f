/**
 * Random access to the bytes of a data file, for the byte-level readers of src/data: a file on
 * disk (`fileByteSource` in src/node: positioned reads) or bytes already in memory
 * ({@link bytesSource}: a file dropped on a web page, a fetch). The readers read chunks into a
 * buffer of their own, so that a chunk can end with a sentinel byte and a line cut by a chunk's
 * end is read again with the next one.
 */
export interface ByteSource {
  /** The number of bytes. */
  readonly size: number;
  /** Copies up to `length` bytes from `position` into `target` at `offset`; returns how many. */
  read(target: Uint8Array, offset: number, length: number, position: number): number;
  /**
   * A scratch buffer of `length` bytes, contents unspecified (in Node an uninitialized `Buffer`,
   * whose `indexOf` is memchr).
   */
  allocate(length: number): Uint8Array;
}

/** A {@link ByteSource} over bytes in memory (not copied; the readers copy chunks of it). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(target, offset, length, position) {
      const n = Math.max(0, Math.min(length, bytes.length - position));
      target.set(bytes.subarray(position, position + n), offset);
      return n;
    },
    allocate: (length) => new Uint8Array(length),
  };
}
