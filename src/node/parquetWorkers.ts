import { Worker } from 'node:worker_threads';
import { decodeParquetRows } from './parquetRowGroups.js';
import type { ParquetRowsResult, ParquetRowsTask } from './parquetRowGroups.js';

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
 * worker k mod size, each worker answers its tasks in order. Run from TypeScript sources (tests,
 * `tsx`), a worker registers tsx's loader before loading its module (as the CSV range workers).
 */
export function createParquetWorkers(size: number): ParquetWorkers {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './parquetWorker.ts' : './parquetWorker.js', import.meta.url);
  const workers = Array.from({ length: size }, () =>
    fromSource
      ? new Worker(
          `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true },
        )
      : new Worker(url),
  );
  const waiting = workers.map(
    () => [] as { resolve: (v: ParquetRowsResult) => void; reject: (e: Error) => void }[],
  );
  for (const [k, worker] of workers.entries()) {
    worker.on('message', (reply: { value?: ParquetRowsResult; crash?: string }) => {
      const next = waiting[k]!.shift();
      if (reply.crash !== undefined) next?.reject(new Error(`Parquet worker: ${reply.crash}`));
      else next?.resolve(reply.value!);
    });
    worker.on('error', (error) => {
      for (const next of waiting[k]!.splice(0)) next.reject(error);
    });
  }
  return {
    size,
    decode(task, lane): Promise<ParquetRowsResult> {
      const k = lane % size;
      return new Promise((resolve, reject) => {
        waiting[k]!.push({ resolve, reject });
        workers[k]!.postMessage(task);
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
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
