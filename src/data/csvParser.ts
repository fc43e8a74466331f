const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The fields of one CSV record, as byte ranges of a buffer: valid only during the
 * `onRecord` call that receives it (the buffer is reused).
 */
export class CsvRecord {
  /** The buffer that holds the record. */
  bytes: Uint8Array = new Uint8Array(0);
  /** The number of fields. */
  count = 0;
  /** Field k is bytes[starts[k], ends[k]): trimmed, inside the quotes when quoted. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 where field k was quoted (its `""` stand for `"`). */
  quoted = new Uint8Array(64);
  /** The 1-based line on which the record starts. */
  line = 0;
  /** The position in {@link bytes} just past the record's line break (or its last byte). */
  end = 0;

  /** Field k as text (UTF-8; `""` inside quotes read as `"`). */
  text(k: number): string {
    const text = decodeCell(this.bytes, this.starts[k]!, this.ends[k]!);
    return this.quoted[k] === 1 && text.includes('"') ? text.replaceAll('""', '"') : text;
  }

  /** Every field as text. */
  fields(): string[] {
    return Array.from({ length: this.count }, (_, k) => this.text(k));
  }

  /** Makes room for field k. */
  reserve(k: number): void {
    if (k < this.starts.length) return;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const bigger = make(old.length * 2);
      bigger.set(old);
      return bigger;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.ends = grow(this.ends, (n) => new Int32Array(n));
    this.quoted = grow(this.quoted, (n) => new Uint8Array(n));
  }
}

const decoder = new TextDecoder('utf-8');

/** Bytes [start, end) as text, UTF-8 (short ASCII without the decoder). */
export function decodeCell(bytes: Uint8Array, start: number, end: number): string {
  let ascii = end - start <= 256;
  for (let i = start; ascii && i < end; i++) if (bytes[i]! >= 0x80) ascii = false;
  if (!ascii) return decoder.decode(bytes.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** A CSV syntax error: what and where (the caller names the file). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'unterminated quote' | 'text after closing quote',
    readonly line: number,
  ) {
    super(`${kind} at line ${line}`);
  }
}

/**
 * A streaming CSV parser over bytes (RFC 4180), browser-safe: fields separated by a one-byte
 * delimiter, optionally quoted with `"` (a quote inside a quoted field is doubled; quoted fields
 * may hold delimiters and line breaks); a quote inside an unquoted field is an ordinary character.
 * Records end at LF, CRLF or a lone CR, in any mix; empty lines are skipped but counted, so each
 * record knows the line an editor shows it on. Fields are trimmed of spaces (and of tabs unless
 * the delimiter is a tab), outside the quotes. A UTF-8 byte-order mark at the start is dropped.
 *
 * Chunks may end anywhere (inside a field, a quote pair, a CRLF): the bytes of an unfinished
 * record are carried over to the next chunk, and {@link end} flushes the last record.
 *
 * @throws {CsvSyntaxError} from `write`/`end`: an unterminated quoted field (at the line where
 *   it opens), text after a closing quote.
 */
export class CsvParser {
  private carry: Uint8Array = new Uint8Array(0);
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private line: number;
  private started: boolean;
  private readonly record = new CsvRecord();
  private readonly trimTab: boolean;

  /**
   * With `range`, the bytes are a part of a file that starts at a record boundary (a parallel
   * reader's range): lines count from `range.firstLine`, and no byte-order mark is looked for.
   */
  constructor(
    private readonly delimiter: number,
    private readonly onRecord: (record: CsvRecord) => void,
    range?: { readonly firstLine: number },
  ) {
    this.trimTab = delimiter !== TAB;
    this.line = range?.firstLine ?? 1;
    this.started = range !== undefined;
  }

  /** The line the next record would start on: after `end`, 1 + the line breaks read. */
  get nextLine(): number {
    return this.line;
  }

  /** True when every byte written so far belongs to a complete record (nothing is carried). */
  get atRecordBoundary(): boolean {
    return this.carry.length === 0 && this.pendingBytes === 0;
  }

  /**
   * Parses the complete records of `chunk` (with what was carried over). A chunk without a line
   * break cannot complete a record: it waits with the carried bytes, joined once a break comes,
   * so that a long line costs linear time, not a rescan per chunk.
   */
  write(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (chunk.indexOf(LF) < 0 && chunk.indexOf(CR) < 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      return;
    }
    this.flushPending();
    let buf = chunk;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    let at = 0;
    if (!this.started) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) at = 3;
    }
    const rest = this.parse(buf, at, false);
    this.carry = rest < buf.length ? buf.slice(rest) : new Uint8Array(0);
  }

  /** Parses what is left: the last record may lack its line break. */
  end(): void {
    this.flushPending();
    const buf = this.carry;
    this.carry = new Uint8Array(0);
    let at = 0;
    if (!this.started && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) at = 3;
    this.started = true;
    this.parse(buf, at, true);
  }

  /** Joins the chunks waiting for a line break to the carried bytes. */
  private flushPending(): void {
    if (this.pending.length === 0) return;
    const joined = new Uint8Array(this.carry.length + this.pendingBytes);
    joined.set(this.carry);
    let at = this.carry.length;
    for (const part of this.pending) {
      joined.set(part, at);
      at += part.length;
    }
    this.carry = joined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Parses records from `at`; returns where the first unfinished record starts. */
  private parse(buf: Uint8Array, at: number, final: boolean): number {
    const n = buf.length;
    const record = this.record;
    const delimiter = this.delimiter;
    record.bytes = buf;
    while (at < n) {
      // Empty lines: skipped, counted.
      const first = buf[at]!;
      if (first === LF) {
        this.line++;
        at++;
        continue;
      }
      if (first === CR) {
        if (at + 1 >= n && !final) return at;
        this.line++;
        at += buf[at + 1] === LF ? 2 : 1;
        continue;
      }
      const recordStart = at;
      const startLine = this.line;
      let line = startLine;
      let k = 0;
      let i = at;
      for (;;) {
        // One field from i.
        while (i < n && (buf[i] === SPACE || (buf[i] === TAB && this.trimTab))) i++;
        record.reserve(k);
        let end: number;
        if (i < n && buf[i] === QUOTE) {
          const open = line;
          const start = i + 1;
          let j = start;
          for (;;) {
            // Line breaks inside the quotes: LF, and a CR not followed by LF. (A record cut by
            // the chunk's end is parsed again whole, so a CR at the end miscounts harmlessly.)
            while (j < n && buf[j] !== QUOTE) {
              const c = buf[j]!;
              if (c === LF || (c === CR && buf[j + 1] !== LF)) line++;
              j++;
            }
            if (j >= n) {
              if (!final) return recordStart;
              throw new CsvSyntaxError('unterminated quote', open);
            }
            if (buf[j + 1] === QUOTE) {
              j += 2;
              continue;
            }
            // A quote at the chunk's end may be the first of a doubled pair.
            if (j + 1 >= n && !final) return recordStart;
            break;
          }
          record.starts[k] = start;
          record.ends[k] = j;
          record.quoted[k] = 1;
          i = j + 1;
          while (i < n && (buf[i] === SPACE || (buf[i] === TAB && this.trimTab))) i++;
          if (i < n && buf[i] !== delimiter && buf[i] !== LF && buf[i] !== CR) {
            throw new CsvSyntaxError('text after closing quote', line);
          }
          end = i;
        } else {
          const start = i;
          while (i < n) {
            const c = buf[i]!;
            if (c === delimiter || c === LF || c === CR) break;
            i++;
          }
          end = i;
          let e = i;
          while (e > start && (buf[e - 1] === SPACE || (buf[e - 1] === TAB && this.trimTab))) e--;
          record.starts[k] = start;
          record.ends[k] = e;
          record.quoted[k] = 0;
        }
        k++;
        i = end;
        if (i >= n) {
          if (!final) return recordStart;
          break;
        }
        const c = buf[i]!;
        if (c === delimiter) {
          i++;
          continue;
        }
        // A line break ends the record (CRLF whole: a CR at the chunk's end waits for the next).
        if (c === CR) {
          if (i + 1 >= n && !final) return recordStart;
          i += buf[i + 1] === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        break;
      }
      record.count = k;
      record.line = startLine;
      record.end = i;
      record.bytes = buf;
      this.line = line;
      this.onRecord(record);
      at = i;
    }
    return at;
  }
}
