import { parentPort, workerData } from 'node:worker_threads';
import { readNumericCsvBatches } from './numericCsvBatches.js';

/** What {@link readNumericCsvBatchesOnThread} hands its worker (`workerData`). */
export interface NumericCsvBatchWorkerData {
  readonly file: string;
  readonly delimiter: string | undefined;
  readonly batchRows: number;
  readonly chunkBytes: number;
  /** One state per slot, shared: 0 free (the worker may fill it), 1 full (the caller reads it). */
  readonly state: Int32Array;
}

/** A message from the worker, in file order. */
export type NumericCsvBatchMessage =
  | {
      readonly kind: 'batch';
      readonly slot: number;
      readonly rows: number;
      /** The reader's progress: bytes parsed so far (0 before the first chunk is done), of all. */
      readonly bytesRead: number;
      readonly totalBytes: number;
      /** With the first batch: the header's names and the slots' shared buffers. */
      readonly first?: {
        readonly names: readonly string[];
        readonly data: readonly Float64Array[];
        readonly lines: readonly Uint32Array[];
      };
    }
  | { readonly kind: 'end'; readonly names: readonly string[] | undefined }
  | { readonly kind: 'crash'; readonly message: string };

// The worker thread's body: reads the file with the byte-level reader and copies each batch into
// the next slot of shared memory (column-major), in turn, waiting (Atomics.wait) while that slot is still full:
// at most `state.length` batches are in flight, so memory stays bounded whatever the file's size.
if (parentPort !== null) {
  const port = parentPort;
  const { file, delimiter, batchRows, chunkBytes, state } = workerData as NumericCsvBatchWorkerData;
  let data: Float64Array[] = [];
  let lines: Uint32Array[] = [];
  let next = 0;
  let bytesRead = 0;
  let totalBytes = 0;
  try {
    const names = readNumericCsvBatches(
      file,
      {
        batchRows,
        chunkBytes,
        ...(delimiter === undefined ? {} : { delimiter }),
        onProgress: (bytes, total) => {
          bytesRead = bytes;
          totalBytes = total;
        },
      },
      (batch) => {
        let first: (NumericCsvBatchMessage & { kind: 'batch' })['first'];
        if (data.length === 0) {
          const entries = batchRows * batch.names.length;
          data = Array.from(
            state,
            () => new Float64Array(new SharedArrayBuffer(entries * Float64Array.BYTES_PER_ELEMENT)),
          );
          lines = Array.from(
            state,
            () => new Uint32Array(new SharedArrayBuffer(batchRows * Uint32Array.BYTES_PER_ELEMENT)),
          );
          first = { names: batch.names, data, lines };
        }
        const slot = next;
        next = (next + 1) % state.length;
        while (Atomics.load(state, slot) !== 0) Atomics.wait(state, slot, 1);
        // Column k of the slot starts at k · batchRows: the caller's tables take its columns
        // as they are, and this thread, the less busy one, pays for the transposition.
        const columns = data[slot]!;
        const fields = batch.names.length;
        const values = batch.data;
        for (let k = 0; k < fields; k++) {
          const at = k * batchRows;
          for (let i = 0; i < batch.rows; i++) columns[at + i] = values[i * fields + k]!;
        }
        lines[slot]!.set(batch.lines);
        Atomics.store(state, slot, 1);
        const message: NumericCsvBatchMessage = {
          kind: 'batch',
          slot,
          rows: batch.rows,
          bytesRead,
          totalBytes,
          ...(first === undefined ? {} : { first }),
        };
        port.postMessage(message);
      },
    );
    port.postMessage({ kind: 'end', names } satisfies NumericCsvBatchMessage);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    port.postMessage({ kind: 'crash', message } satisfies NumericCsvBatchMessage);
  }
}
