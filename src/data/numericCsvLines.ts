/**
 * The cell grammar of the numeric CSV fast path, over bytes (`Uint8Array`, no Node API): plain
 * decimal numbers parsed straight from the bytes into a {@link Sink}. Whole-file readers over it:
 * `parseNumericCsv` (bytes in memory, browsers) and `readNumericCsv` (src/node, a file).
 */

/** Bytes read at a time by the fast path's readers (a line must fit). */
export const CHUNK = 1 << 24;
// Module-private on purpose: an exported binding is read through a module cell with a hole
// check in the hot loop of parseLines, where a private constant folds away.
const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const E_LOWER = 0x65;
const E_UPPER = 0x45;

/** Exact powers of ten: 10^k is a double exactly for k ≤ 22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Thrown inside the parser when a cell is not a plain decimal number; caught by the caller. */
export class NotNumeric {
  constructor(readonly line: number) {}
}

/** Where parseLines puts each cell's value and each row's end. */
export interface Sink {
  /** Cells of the current row so far. */
  readonly field: number;
  put(value: number, line: number): void;
  endRow(line: number): void;
  /**
   * An unquoted cell that is not a plain decimal number, as bytes [start, end) of `buf` (trimmed).
   * Without this method such a cell ends the fast path (NotNumeric).
   */
  text?(buf: Uint8Array, start: number, end: number, line: number): void;
}

/**
 * Parses buffer[0, end), which ends with a newline; returns the next line number. With `strict`,
 * a line of spaces is not taken for a blank line (`parseCsvRange` must agree with `CsvParser`).
 */
export function parseLines(
  buf: Uint8Array,
  end: number,
  delimiter: number,
  sink: Sink,
  firstLine: number,
  strict = false,
): number {
  let line = firstLine;
  let k = 0;
  while (k < end) {
    // Start of a cell (or of an empty line).
    let c = buf[k];
    const at = k;
    while (c === SPACE || c === TAB) c = buf[++k];
    if (c === NL || c === CR) {
      // With `strict`, a line of only spaces is refused: the general reader reads it as a record.
      if (strict && k > at && sink.field === 0) throw new NotNumeric(line);
      if (c === CR) c = buf[++k];
      if (c !== NL) throw new NotNumeric(line);
      if (sink.field !== 0) throw new NotNumeric(line); // a trailing delimiter: empty last cell
      k++;
      line++;
      continue;
    }
    // The parse of DecimalReader.read (src/data/decimalReader.ts, used by the LIBSVM reader),
    // kept inline here on purpose: calling it per cell measured 131 against 181 MB/s on the
    // 1,000,000 × 100 bench file (best of 3, interleaved), below the 150 MB/s target.
    const cellStart = k;
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = buf[++k];
    }
    // Digits accumulate in an int32 (a short dependency chain) and spill into a double every 9
    // digits; with at most 15 digits in all, the mantissa is an exact integer below 2⁵³.
    let mantissa = 0;
    let acc = 0;
    let run = 0; // digits in acc
    let exponent = 0;
    let seen = 0; // digits in the integer and fraction parts
    let fractionStart = -1;
    for (;;) {
      if (c >= ZERO && c <= ZERO + 9) {
        acc = (acc * 10 + (c - ZERO)) | 0;
        if (++run === 9) {
          mantissa = mantissa * 1e9 + acc;
          acc = 0;
          run = 0;
        }
        seen++;
      } else if (c === DOT && fractionStart < 0) {
        fractionStart = k + 1;
      } else {
        break;
      }
      c = buf[++k];
    }
    if (run > 0) mantissa = mantissa * POW10[run] + acc;
    if (fractionStart >= 0) exponent = fractionStart - k;
    // Not a plain number: a text cell when the sink takes them, else the caller's fallback.
    let textual = seen === 0;
    if (!textual && (c === E_LOWER || c === E_UPPER)) {
      c = buf[++k];
      let expNegative = false;
      if (c === MINUS || c === PLUS) {
        expNegative = c === MINUS;
        c = buf[++k];
      }
      let e = 0;
      let expDigits = 0;
      while (c >= ZERO && c <= ZERO + 9) {
        if (e < 100000) e = e * 10 + (c - ZERO);
        expDigits++;
        c = buf[++k];
      }
      if (expDigits === 0) textual = true;
      exponent += expNegative ? -e : e;
    }
    if (!textual) {
      const cellEnd = k;
      while (c === SPACE || c === TAB) c = buf[++k];
      let value: number;
      if (seen <= 15 && exponent >= -22 && exponent <= 22) {
        value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
        if (negative) value = -value;
      } else {
        value = Number(latin1(buf, cellStart, cellEnd));
        if (!Number.isFinite(value)) textual = true;
      }
      if (c !== delimiter && c !== CR && c !== NL) textual = true;
      if (!textual) sink.put(value, line);
    }
    if (textual) {
      if (sink.text === undefined) throw new NotNumeric(line);
      k = textCell(buf, cellStart, delimiter, sink, line);
      c = buf[k];
    }
    if (c === delimiter) {
      k++;
    } else if (c === CR || c === NL) {
      if (c === CR && buf[++k] !== NL) throw new NotNumeric(line);
      k++;
      sink.endRow(line);
      line++;
    } else {
      throw new NotNumeric(line);
    }
  }
  return line;
}

/**
 * An unquoted cell from `start` (after its leading blanks) to the delimiter or line break, handed
 * to `sink.text` with trailing blanks trimmed; returns where it ends. A quoted cell or a control
 * byte is left to the general reader (NotNumeric).
 */
function textCell(
  buf: Uint8Array,
  start: number,
  delimiter: number,
  sink: Sink,
  line: number,
): number {
  if (buf[start] === QUOTE) throw new NotNumeric(line);
  let k = start;
  for (;;) {
    const c = buf[k]!;
    if (c === delimiter || c === NL || c === CR) break;
    if (c < SPACE && c !== TAB) throw new NotNumeric(line);
    k++;
  }
  let end = k;
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  sink.text!(buf, start, end, line);
  return k;
}

/**
 * Bytes [start, end) as Latin-1 text, one character per byte: what Node's
 * `buffer.toString('latin1', start, end)` gives, in any JavaScript engine. (`TextDecoder('latin1')`
 * is not the same: the WHATWG Encoding standard maps that label to windows-1252, which differs
 * for 0x80–0x9F.) Decoded in slices so that a long text does not exceed the argument limit.
 */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let from = start; from < end; from += 8192) {
    const slice = bytes.subarray(from, Math.min(end, from + 8192));
    text += String.fromCharCode.apply(null, slice as unknown as number[]);
  }
  return text;
}
