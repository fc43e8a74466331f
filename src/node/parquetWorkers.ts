import { decodeParquetRows } from './parquetRowGroups.js';
import type { ParquetRowsResult, ParquetRowsTask } from './parquetRowGroups.js';
import { startWorkerLanes } from './threads/moduleWorker.js';

/**
 * Runs row tasks on its lanes: worker threads ({@link createParquetWorkers}), this thread
 * ({@link inProcessParquet}), or both ({@link withCallingThread}).
 */
export interface ParquetRowsRunner {
  decode(task: ParquetRowsTask, lane: number): Promise<ParquetRowsResult>;
}

/** A {@link ParquetRowsRunner} of worker threads, with a way to end them. */
export interface ParquetWorkers extends ParquetRowsRunner {
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads that decode Parquet rows (parquetWorker.ts); lane k is
 * worker k mod size, each worker answers its tasks in order (`startWorkerLanes`).
 */
export function createParquetWorkers(size: number): ParquetWorkers {
  const lanes = startWorkerLanes<ParquetRowsTask, ParquetRowsResult>(
    import.meta.url,
    'parquetWorker',
    size,
    'Parquet worker',
  );
  return { size, decode: (task, lane) => lanes.ask(lane, task), close: () => lanes.close() };
}

/** Runs the tasks on the calling thread (every lane). */
export const inProcessParquet: ParquetRowsRunner = { decode: decodeParquetRows };

/**
 * Lane 0 on the calling thread (idle otherwise while the workers decode), lane k + 1 on the
 * workers' lane k: n threads decode with n − 1 workers started.
 */
export function withCallingThread(workers: ParquetRowsRunner): ParquetRowsRunner {
  return {
    decode: (task, lane) => (lane === 0 ? decodeParquetRows(task) : workers.decode(task, lane - 1)),
  };
}
