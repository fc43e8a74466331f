import type { ByteSource } from './byteSource.js';
import { headerNames, parseBody, readHeader } from './numericCsvBody.js';
import { CHUNK, NotNumeric } from './numericCsvLines.js';
import type { Sink } from './numericCsvLines.js';

/** Options of {@link numericCsvBatchesFrom} (and `readNumericCsvBatches`). */
export interface NumericCsvBatchOptions {
  /** One-byte field separator. Default `,`. */
  readonly delimiter?: string;
  /** Rows per batch. Default 8192. */
  readonly batchRows?: number;
  /** Bytes read at a time (a line must fit). Default 16 MB. */
  readonly chunkBytes?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** One batch of {@link numericCsvBatchesFrom}: `rows` × `fields` values, row-major, and lines. */
export interface NumericCsvBatch {
  /** The header's names, one per field. */
  readonly names: readonly string[];
  readonly rows: number;
  readonly data: Float64Array;
  /** The 1-based file line of each row. */
  readonly lines: Uint32Array;
}

/**
 * The numeric CSV fast path (`parseNumericCsv`), streaming: one pass over the bytes of `source`,
 * handing over batches of `batchRows` rows (buffers reused: a batch is valid until the next) with
 * no strings per cell, so that memory holds one chunk and one batch. Returns the header's names,
 * or undefined as soon as something is not plain numbers (after some batches may have been
 * handed over: the caller starts again with the general reader). `readNumericCsvBatches`
 * (src/node) runs it on a file.
 */
export function numericCsvBatchesFrom(
  source: ByteSource,
  options: NumericCsvBatchOptions,
  onBatch: (batch: NumericCsvBatch) => void,
): string[] | undefined {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const size = source.size;
  const buffer = source.allocate(Math.min(options.chunkBytes ?? CHUNK, Math.max(size, 1)) + 1);
  const header = readHeader(source, buffer);
  if (header === undefined) return undefined;
  const names = headerNames(header.text, delimiter);
  if (names === undefined) return undefined;
  const sink = new BatchSink(names, options.batchRows ?? 8192, onBatch);
  try {
    parseBody(source, buffer, header.end, delimiter, sink, (bytesRead) =>
      options.onProgress?.(bytesRead, size),
    );
  } catch (e) {
    if (e instanceof NotNumeric) return undefined;
    throw e;
  }
  if (sink.field !== 0) return undefined;
  sink.flush();
  return names;
}

/** A {@link Sink} that hands over full batches of rows. */
class BatchSink implements Sink {
  field = 0;
  private row = 0;
  private offset = 0;
  private readonly data: Float64Array;
  private readonly lines: Uint32Array;

  private readonly fields: number;

  constructor(
    private readonly names: readonly string[],
    private readonly batchRows: number,
    private readonly onBatch: (batch: NumericCsvBatch) => void,
  ) {
    this.fields = names.length;
    this.data = new Float64Array(this.fields * batchRows);
    this.lines = new Uint32Array(batchRows);
  }

  put(value: number, line: number): void {
    if (this.field >= this.fields) throw new NotNumeric(line);
    this.data[this.offset++] = value;
    this.field++;
  }

  endRow(line: number): void {
    if (this.field !== this.fields) throw new NotNumeric(line);
    this.lines[this.row++] = line;
    this.field = 0;
    if (this.row === this.batchRows) this.flush();
  }

  /** Hands over the rows so far (if any). */
  flush(): void {
    if (this.row === 0) return;
    const rows = this.row;
    this.onBatch({
      names: this.names,
      rows,
      data: this.data.subarray(0, rows * this.fields),
      lines: this.lines.subarray(0, rows),
    });
    this.row = 0;
    this.offset = 0;
  }
}
