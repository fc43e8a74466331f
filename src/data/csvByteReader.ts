import { chooseDelimiter } from './chooseDelimiter.js';
import type { DelimiterOptions } from './chooseDelimiter.js';
import type { CsvParser } from './csvParser.js';
import type { CsvTable } from './csvTable.js';

/** Bytes of a file held back to choose the delimiter when no line ends sooner. */
const headLimit = 1 << 20;

/**
 * The general CSV reader fed chunk by chunk: it holds back the first bytes until the header line
 * ends (or 1 MiB came), chooses the delimiter from them ({@link chooseDelimiter}), then parses
 * everything with the byte-level {@link CsvParser} into `state`. `readCsv` (src/node) feeds it a
 * file's stream; {@link parseCsv} feeds it bytes in memory.
 */
export class CsvByteReader {
  private parser: CsvParser | undefined;
  private head: Uint8Array[] = [];
  private headBytes = 0;

  /** `name` is the file as messages show it (its extension also hints at the delimiter). */
  constructor(
    private readonly name: string,
    private readonly options: DelimiterOptions,
    private readonly state: CsvTable,
  ) {}

  /** The next chunk of the file (the reader may keep it until a line ends: do not reuse it). */
  write(chunk: Uint8Array): void {
    if (this.parser === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (chunk.indexOf(0x0a) < 0 && this.headBytes < headLimit) return;
      this.start().write(this.takeHead());
      return;
    }
    this.parser.write(chunk);
  }

  /** The end of the file: parses the last record (which may lack a line break). */
  end(): void {
    if (this.parser === undefined && this.headBytes > 0) this.start().write(this.takeHead());
    this.parser?.end();
  }

  private start(): CsvParser {
    const head = this.head.length === 1 ? this.head[0]! : concat(this.head, this.headBytes);
    this.head = [head];
    this.parser = this.state.createParser(chooseDelimiter(this.name, head, this.options));
    return this.parser;
  }

  private takeHead(): Uint8Array {
    const head = this.head[0]!;
    this.head = [];
    return head;
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
