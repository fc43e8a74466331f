import { Worker } from 'node:worker_threads';
import type { CsvRangeResult } from '../data/csvRange.js';
import { countRangeLineFeeds, parseCsvRangeFile } from './csvRangeFile.js';
import type { CsvRangeRequest } from './csvRangeWorker.js';
import type { CsvRangeRunner } from './readCsvParallel.js';

/** A {@link CsvRangeRunner} of worker threads, with a way to end them. */
export interface CsvRangeWorkers extends CsvRangeRunner {
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads that parse CSV ranges (csvRangeWorker.ts); task k goes to worker
 * k mod size, each worker answers its requests in order. Run from TypeScript sources (tests,
 * `tsx`), a worker registers tsx's loader before loading its module.
 */
export function createCsvRangeWorkers(size: number): CsvRangeWorkers {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './csvRangeWorker.ts' : './csvRangeWorker.js', import.meta.url);
  const workers = Array.from({ length: size }, () =>
    fromSource
      ? new Worker(
          `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`,
          { eval: true },
        )
      : new Worker(url),
  );
  const waiting = workers.map(
    () => [] as { resolve: (v: unknown) => void; reject: (e: Error) => void }[],
  );
  for (const [k, worker] of workers.entries()) {
    worker.on('message', (reply: { value?: unknown; crash?: string }) => {
      const next = waiting[k]!.shift();
      if (reply.crash !== undefined) next?.reject(new Error(`CSV range worker: ${reply.crash}`));
      else next?.resolve(reply.value);
    });
    worker.on('error', (error) => {
      for (const next of waiting[k]!.splice(0)) next.reject(error);
    });
  }
  const ask = (index: number, request: CsvRangeRequest): Promise<unknown> => {
    const k = index % size;
    return new Promise((resolve, reject) => {
      waiting[k]!.push({ resolve, reject });
      workers[k]!.postMessage(request);
    });
  };
  return {
    size,
    count: (task, index) => ask(index, { kind: 'count', task }) as Promise<number>,
    parse: (task, index) => ask(index, { kind: 'parse', task }) as Promise<CsvRangeResult>,
    async close(): Promise<void> {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Runs the range tasks on the calling thread, one after another (tests, one core). */
export const inProcessRanges: CsvRangeRunner = {
  count: (task) => Promise.resolve(countRangeLineFeeds(task)),
  parse: (task) => Promise.resolve(parseCsvRangeFile(task)),
};
