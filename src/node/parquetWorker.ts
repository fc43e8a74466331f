import { parentPort } from 'node:worker_threads';
import { decodeParquetRows, isNumericTypedArray } from './parquetRowGroups.js';
import type { ParquetRowsTask } from './parquetRowGroups.js';

// The worker thread's body (see `createParquetWorkers`): one reply per task, `{ value }` (the
// decoded chunks, typed arrays transferred) or `{ crash }` (a bug, or a file gone meanwhile).
parentPort?.on('message', (task: ParquetRowsTask) => {
  decodeParquetRows(task).then(
    (value) => {
      const transfer =
        value.problem === undefined
          ? value.chunks.flatMap((c) =>
              isNumericTypedArray(c.values) ? [c.values.buffer as ArrayBuffer] : [],
            )
          : [];
      parentPort!.postMessage({ value }, transfer);
    },
    (error: unknown) => {
      parentPort!.postMessage({
        crash: error instanceof Error ? error.message : String(error),
      });
    },
  );
});
