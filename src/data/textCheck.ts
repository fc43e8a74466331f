import { DataFileError } from './dataFileError.js';
import { defaultMaxLineLength, lineTooLong } from './readLimits.js';

/**
 * The check that a data file is text, chunk by chunk: it fails on the first control byte that
 * text files do not contain (0x00–0x08 and 0x0E–0x1F except 0x1A), naming its line: that catches
 * binary files and spreadsheets given by mistake. Bytes ≥ 0x80 are allowed, so Latin-1 text
 * passes. A line longer than `maxLineLength` bytes fails too, naming the line (see `ReadLimits`).
 * Node's stream stage (`BinaryGuard`) and the byte-range reader (`parseCsvRange`) both run it.
 */
export class TextCheck {
  private line = 1;
  /** Bytes of the current line seen so far. */
  private length = 0;

  constructor(
    private readonly file: string,
    private readonly maxLineLength: number = defaultMaxLineLength,
  ) {}

  /** The next chunk: undefined when it passes, else the error (the check then stays failed). */
  check(chunk: Uint8Array): DataFileError | undefined {
    let line = this.line;
    let start = -this.length; // where the current line started, relative to this chunk
    // Four bytes at a time where none is below 0x20 (most text: no line end, no control byte),
    // by the bit trick (x − 0x20202020) & ~x & 0x80808080, non-zero exactly when some byte of x
    // is below 0x20 (Anderson, "Bit Twiddling Hacks", hasless); other words byte by byte.
    const n = chunk.length;
    const head = (4 - (chunk.byteOffset & 3)) & 3;
    const words =
      n - head >= 4
        ? new Uint32Array(chunk.buffer, chunk.byteOffset + head, (n - head) >>> 2)
        : undefined;
    const wordsEnd = words === undefined ? 0 : head + 4 * words.length;
    for (let i = 0; i < n; i++) {
      if (words !== undefined && i >= head && i < wordsEnd && ((i - head) & 3) === 0) {
        const x = words[(i - head) >>> 2]!;
        if (((x - 0x20202020) & ~x & 0x80808080) === 0) {
          i += 3;
          continue;
        }
      }
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        if (i - start > this.maxLineLength) return lineTooLong(this.file, line, this.maxLineLength);
        line++;
        start = i + 1;
      } else if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) {
        const hex = byte.toString(16).padStart(2, '0');
        return new DataFileError(
          this.file,
          line,
          `binary data (byte 0x${hex}): this is not a text file (CSV, TSV or LIBSVM)`,
        );
      }
    }
    this.line = line;
    this.length = chunk.length - start;
    if (this.length > this.maxLineLength) return lineTooLong(this.file, line, this.maxLineLength);
    return undefined;
  }
}
