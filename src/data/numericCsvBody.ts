import type { ByteSource } from './byteSource.js';
import { latin1, NotNumeric, parseLines } from './numericCsvLines.js';
import type { Sink } from './numericCsvLines.js';

// The passes of the numeric CSV fast path over a ByteSource, chunk by chunk: the header, the
// count of data lines, the parse of the body into a Sink.

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The header line of a numeric CSV (Latin-1, as one character per byte) and where the data start;
 * undefined when no line ends within the first buffer or the file starts with a UTF-8 BOM.
 */
export function readHeader(
  source: ByteSource,
  buffer: Uint8Array,
): { text: string; end: number } | undefined {
  const n = source.read(buffer, 0, Math.min(buffer.length - 1, source.size), 0);
  const nl = buffer.subarray(0, n).indexOf(NL);
  if (nl < 0) return undefined;
  if (n >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return undefined;
  const text = latin1(buffer, 0, nl > 0 && buffer[nl - 1] === CR ? nl - 1 : nl);
  return { text, end: nl + 1 };
}

/**
 * The header's names split at the delimiter and trimmed; undefined when one is empty or quoted
 * (the general reader's business).
 */
export function headerNames(text: string, delimiter: number): string[] | undefined {
  const names = text.split(String.fromCharCode(delimiter)).map((s) => s.trim());
  return names.some((n) => n === '' || n.includes('"')) ? undefined : names;
}

/**
 * Lines after the header that are not blank (a blank line holds at most spaces, tabs and a CR).
 * Newlines are found by `indexOf` (memchr); only short lines are looked at byte by byte, so a long
 * line of spaces counts as a row and pass 2 then finds fewer rows than counted (→ fallback).
 */
export function countDataLines(source: ByteSource, buffer: Uint8Array, start: number): number {
  const size = source.size;
  let rows = 0;
  let lineLength = 0; // bytes of the current line seen in earlier chunks
  let lineBlank = true;
  for (let pos = start; pos < size;) {
    const n = source.read(buffer, 0, Math.min(buffer.length - 1, size - pos), pos);
    if (n === 0) break;
    const chunk = buffer.subarray(0, n);
    let from = 0;
    for (let nl = chunk.indexOf(NL, 0); nl >= 0; nl = chunk.indexOf(NL, from)) {
      if (!isBlank(chunk, from, nl, lineLength, lineBlank)) rows++;
      from = nl + 1;
      lineLength = 0;
      lineBlank = true;
    }
    lineBlank = isBlank(chunk, from, n, lineLength, lineBlank);
    lineLength += n - from;
    pos += n;
  }
  return lineLength > 0 && !lineBlank ? rows + 1 : rows;
}

/** Whether a line (its part in chunk[from, to), after `before` bytes that were `wasBlank`) is blank. */
function isBlank(
  chunk: Uint8Array,
  from: number,
  to: number,
  before: number,
  wasBlank: boolean,
): boolean {
  if (!wasBlank) return false;
  if (before + to - from > 8) return false;
  for (let k = from; k < to; k++) {
    const c = chunk[k];
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/**
 * Parses the data lines, chunk by chunk; a line cut by a chunk's end is carried to the next
 * chunk. Each cell: optional spaces, sign, digits, fraction, exponent, spaces.
 */
export function parseBody(
  source: ByteSource,
  buffer: Uint8Array,
  start: number,
  delimiter: number,
  sink: Sink,
  afterChunk?: (bytesRead: number) => void,
): void {
  const size = source.size;
  let pos = start;
  let line = 2;
  while (pos < size) {
    const n = source.read(buffer, 0, Math.min(buffer.length - 1, size - pos), pos);
    if (n === 0) break;
    // Only whole lines: stop after the last newline unless this is the end of the file.
    let end: number;
    if (pos + n < size) {
      end = buffer.lastIndexOf(NL, n - 1) + 1;
      if (end === 0) throw new NotNumeric(line); // a line longer than a chunk
    } else {
      buffer[n] = NL; // a sentinel newline after the last line
      end = n + 1;
    }
    line = parseLines(buffer, end, delimiter, sink, line);
    pos += Math.min(end, n);
    afterChunk?.(pos);
  }
}
