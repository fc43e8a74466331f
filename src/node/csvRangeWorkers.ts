import type { CsvRangeResult } from '../data/csvRange.js';
import { countRangeLineFeeds, parseCsvRangeFile } from './csvRangeFile.js';
import type { CsvRangeRequest } from './csvRangeWorker.js';
import type { CsvRangeRunner } from './readCsvParallel.js';
import { startWorkerLanes } from './threads/moduleWorker.js';

/** A {@link CsvRangeRunner} of worker threads, with a way to end them. */
export interface CsvRangeWorkers extends CsvRangeRunner {
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads that parse CSV ranges (csvRangeWorker.ts); task k goes to worker
 * k mod size, each worker answers its requests in order (`startWorkerLanes`).
 */
export function createCsvRangeWorkers(size: number): CsvRangeWorkers {
  const lanes = startWorkerLanes<CsvRangeRequest, unknown>(
    import.meta.url,
    'csvRangeWorker',
    size,
    'CSV range worker',
  );
  return {
    size,
    count: (task, index) => lanes.ask(index, { kind: 'count', task }) as Promise<number>,
    parse: (task, index) => lanes.ask(index, { kind: 'parse', task }) as Promise<CsvRangeResult>,
    close: () => lanes.close(),
  };
}

/** Runs the range tasks on the calling thread, one after another (tests, one core). */
export const inProcessRanges: CsvRangeRunner = {
  count: (task) => Promise.resolve(countRangeLineFeeds(task)),
  parse: (task) => Promise.resolve(parseCsvRangeFile(task)),
};
