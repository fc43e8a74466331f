import { startModuleWorker } from './threads/moduleWorker.js';
import type { NumericCsvBatchMessage, NumericCsvBatchWorkerData } from './numericCsvBatchWorker.js';

/** One batch of {@link readNumericCsvBatchesOnThread}: `rows` values per field, and lines. */
export interface NumericCsvColumnBatch {
  /** The header's names, one per field. */
  readonly names: readonly string[];
  readonly rows: number;
  /** One array of `rows` values per field, in shared memory. */
  readonly columns: readonly Float64Array[];
  /** The 1-based file line of each row. */
  readonly lines: Uint32Array;
}

/** Options of {@link readNumericCsvBatchesOnThread}. */
export interface NumericCsvBatchThreadOptions {
  /** One-byte field separator. Default `,`. */
  readonly delimiter?: string;
  /** Rows per batch. */
  readonly batchRows: number;
  /** Bytes read at a time (a line must fit). */
  readonly chunkBytes: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Batches held in shared memory ahead of the one being handled (the worker waits past that,
   * with one more batch parsed): slack for the two threads' uneven pace. Default 4.
   */
  readonly ahead?: number;
}

/**
 * `readNumericCsvBatches` on a worker thread (numericCsvBatchWorker.ts), so that parsing batch
 * k + 1 overlaps the caller's work on batch k: the same batches, by column rather than row-major
 * (the worker transposes them), in file order, with the same result (the header's names, or
 * undefined as soon as something is not plain numbers, after the batches before it). A batch
 * lives in shared memory and is valid until `onBatch`'s promise settles; the worker holds at most
 * `ahead` batches beyond it, and parses one more, so memory stays bounded. If `onBatch` throws,
 * the worker is stopped and the error rethrown. Run from TypeScript sources (tests, `tsx`), the
 * worker registers tsx's loader before loading its module.
 *
 * @throws {Error} the worker's own failure (a read error), with its message.
 */
export async function readNumericCsvBatchesOnThread(
  file: string,
  options: NumericCsvBatchThreadOptions,
  onBatch: (batch: NumericCsvColumnBatch) => Promise<void> | void,
): Promise<string[] | undefined> {
  const state = new Int32Array(new SharedArrayBuffer(4 * ((options.ahead ?? 4) + 1)));
  const data: NumericCsvBatchWorkerData = {
    file,
    delimiter: options.delimiter,
    batchRows: options.batchRows,
    chunkBytes: options.chunkBytes,
    state,
  };
  const worker = startModuleWorker(import.meta.url, 'numericCsvBatchWorker', { workerData: data });
  const inbox: NumericCsvBatchMessage[] = [];
  let wake: (() => void) | undefined;
  const receive = (message: NumericCsvBatchMessage): void => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', receive);
  worker.on('error', (error) => receive({ kind: 'crash', message: error.message }));
  worker.on('exit', (code) => {
    if (code !== 0) receive({ kind: 'crash', message: `the worker exited with code ${code}` });
  });
  let names: readonly string[] = [];
  let slots: { data: readonly Float64Array[]; lines: readonly Uint32Array[] } | undefined;
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.kind === 'end') return message.names === undefined ? undefined : [...names];
      if (message.kind === 'crash') throw new Error(`numeric CSV worker: ${message.message}`);
      if (message.first !== undefined) {
        ({ names } = message.first);
        slots = message.first;
      }
      const { slot, rows } = message;
      if (message.bytesRead > 0) options.onProgress?.(message.bytesRead, message.totalBytes);
      await onBatch({
        names,
        rows,
        columns: names.map((_, k) =>
          slots!.data[slot]!.subarray(k * options.batchRows, k * options.batchRows + rows),
        ),
        lines: slots!.lines[slot]!.subarray(0, rows),
      });
      Atomics.store(state, slot, 0);
      Atomics.notify(state, slot);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
