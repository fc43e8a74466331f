const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const E_LOWER = 0x65;
const E_UPPER = 0x45;

/** Exact powers of ten: 10^k is a double exactly for k ≤ 22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Reads decimal numbers straight from bytes, with no string per number: sign, digits with at
 * most one point, optional exponent. With at most 15 significant digits and a decimal exponent
 * within ±22, m·10^e is one correctly rounded IEEE operation on exact operands (Clinger's fast
 * path, as `readNumericCsv`), so the value is the one `Number()` gives; longer numbers go through
 * `Number()` itself.
 */
export class DecimalReader {
  /** The position after the last number read. */
  end = 0;

  /**
   * A decimal number at buf[k]: sign, digits with at most one point, optional exponent. Sets
   * {@link end} past it; NaN when there is no such number (or it is not finite).
   */
  read(buf: Uint8Array, start: number): number {
    let k = start;
    let c = buf[k];
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = buf[++k];
    }
    // Digits accumulate in an int32 and spill into a double every 9 digits: with at most 15
    // digits the mantissa is an exact integer below 2⁵³.
    let mantissa = 0;
    let acc = 0;
    let run = 0;
    let seen = 0;
    let fractionStart = -1;
    for (;;) {
      if (c >= ZERO && c <= NINE) {
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
    if (seen === 0) return NaN;
    if (run > 0) mantissa = mantissa * POW10[run] + acc;
    let exponent = fractionStart >= 0 ? fractionStart - k : 0;
    if (c === E_LOWER || c === E_UPPER) {
      c = buf[++k];
      let expNegative = false;
      if (c === MINUS || c === PLUS) {
        expNegative = c === MINUS;
        c = buf[++k];
      }
      let e = 0;
      let digits = 0;
      while (c >= ZERO && c <= NINE) {
        if (e < 100000) e = e * 10 + (c - ZERO);
        digits++;
        c = buf[++k];
      }
      if (digits === 0) return NaN;
      exponent += expNegative ? -e : e;
    }
    this.end = k;
    if (seen <= 15 && exponent >= -22 && exponent <= 22) {
      const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
      return negative ? -value : value;
    }
    // Latin-1 text of the bytes (no Buffer: this layer runs in browsers).
    let text = '';
    for (let i = start; i < k; i++) text += String.fromCharCode(buf[i]!);
    const value = Number(text);
    return Number.isFinite(value) ? value : NaN;
  }
}
